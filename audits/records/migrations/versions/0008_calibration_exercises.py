"""Calibration exercises: several shoppers judge the same interaction with one standard, each
on an assignment and a visit that carry the exercise.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calibration_exercises",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column(
            "standard_version_id",
            sa.Integer,
            sa.ForeignKey(
                "standard_versions.id",
                name="fk_calibration_exercises_standard_version_id_standard_versions",
            ),
            nullable=False,
        ),
        sa.Column(
            "store_id",
            sa.String(64),
            sa.ForeignKey("stores.store_id", name="fk_calibration_exercises_store_id_stores"),
            nullable=False,
        ),
        sa.Column("material", sa.Text, nullable=False),
        sa.Column(
            "created_by",
            sa.Integer,
            sa.ForeignKey("people.id", name="fk_calibration_exercises_created_by_people"),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.func.current_timestamp(),
        ),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column(
            "closed_by",
            sa.Integer,
            sa.ForeignKey("people.id", name="fk_calibration_exercises_closed_by_people"),
        ),
        sa.PrimaryKeyConstraint("id", name="pk_calibration_exercises"),
    )
    for table in ("assignments", "visits"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("exercise_id", sa.Integer))
            batch.create_foreign_key(
                f"fk_{table}_exercise_id_calibration_exercises",
                "calibration_exercises",
                ["exercise_id"],
                ["id"],
            )
            batch.create_index(f"ix_{table}_exercise_id", ["exercise_id"])


def downgrade() -> None:
    for table in ("assignments", "visits"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_exercise_id")
            batch.drop_constraint(f"fk_{table}_exercise_id_calibration_exercises", "foreignkey")
            batch.drop_column("exercise_id")
    op.drop_table("calibration_exercises")
