"""Scores stored when a visit is submitted or imported: per answer, per section, per visit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Scores are computed once with the visit's own standard version and kept; dashboards and
reports read these figures and never rescore history on the fly.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
REASONS = (
    "counted",
    "failed",
    "bonus_earned",
    "bonus_missed",
    "na",
    "hidden",
    "unanswered",
    "not_scored",
)


def upgrade() -> None:
    # batch mode: SQLite cannot add a CHECK constraint with ALTER TABLE.
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("applicable", sa.Boolean))
        batch.add_column(sa.Column("passed", sa.Boolean))
        batch.add_column(sa.Column("earned", sa.Float))
        batch.add_column(sa.Column("possible", sa.Float))
        batch.add_column(sa.Column("reason", sa.String(16)))
        allowed = ", ".join(f"'{reason}'" for reason in REASONS)
        batch.create_check_constraint("reason_allowed", f"reason IN ({allowed})")
    op.create_table(
        "visit_scores",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("standard_version_id", sa.Integer, nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("computed", sa.Float),
        sa.Column("critical_failed", sa.Boolean, nullable=False),
        sa.Column("band_min", sa.Float),
        sa.Column("earned", sa.Float, nullable=False),
        sa.Column("possible", sa.Float, nullable=False),
        sa.Column(
            "scored_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.current_timestamp(),
        ),
        sa.PrimaryKeyConstraint("visit_id", name="pk_visit_scores"),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name="fk_visit_scores_visit_id_visits",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["standard_version_id"],
            ["standard_versions.id"],
            name="fk_visit_scores_standard_version_id_standard_versions",
        ),
    )
    op.create_table(
        "section_scores",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("section_id", sa.String(100), nullable=False),
        sa.Column("earned", sa.Float, nullable=False),
        sa.Column("possible", sa.Float, nullable=False),
        sa.Column("score", sa.Float),
        sa.PrimaryKeyConstraint("visit_id", "section_id", name="pk_section_scores"),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name="fk_section_scores_visit_id_visits",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("section_scores")
    op.drop_table("visit_scores")
    with op.batch_alter_table("answers") as batch:
        batch.drop_constraint("reason_allowed", type_="check")
        for column in ("reason", "possible", "earned", "passed", "applicable"):
            batch.drop_column(column)
