"""Review, disputes, corrective actions and in-app notices.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27

Only new tables and one added column: SQLite needs no table rebuild.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = sa.DateTime(timezone=True)


def _now() -> sa.Column:
    return sa.Column("created_at", UTC, nullable=False, server_default=sa.func.current_timestamp())


def upgrade() -> None:
    # The moment a visit was published: the dispute period counts from it.
    op.add_column("visits", sa.Column("approved_at", UTC))
    # Visits approved before this column existed were published when they were handed in.
    op.execute(
        "UPDATE visits SET approved_at = COALESCE(submitted_at, started_at) "
        "WHERE status = 'approved'"
    )
    op.create_table(
        "disputes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("opened_by", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("decided_by", sa.Integer),
        sa.Column("decision", sa.Text),
        sa.Column("before_value", sa.Text),
        sa.Column("after_value", sa.Text),
        sa.Column("attachment_name", sa.String(255)),
        sa.Column("attachment_mime", sa.String(100)),
        sa.Column("attachment_bytes", sa.LargeBinary),
        _now(),
        sa.Column("decided_at", UTC),
        sa.PrimaryKeyConstraint("id", name="pk_disputes"),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name="fk_disputes_visit_id_visits", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["opened_by"], ["people.id"], name="fk_disputes_opened_by_people"),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["people.id"], name="fk_disputes_decided_by_people"
        ),
        sa.CheckConstraint(
            "status IN ('open', 'upheld', 'rejected')", name="ck_disputes_status_allowed"
        ),
    )
    op.create_index("ix_disputes_visit_id", "disputes", ["visit_id"])
    op.create_index(
        "uq_disputes_open_item",
        "disputes",
        ["visit_id", "item_id"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("standard_id", sa.String(100), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("visit_id", sa.String(36)),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("created_by", sa.Integer, nullable=False),
        _now(),
        sa.Column("done_at", UTC),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
        sa.ForeignKeyConstraint(
            ["store_id"], ["stores.store_id"], name="fk_actions_store_id_stores"
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name="fk_actions_visit_id_visits", ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["created_by"], ["people.id"], name="fk_actions_created_by_people"),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'done', 'verified')",
            name="ck_actions_status_allowed",
        ),
        sa.CheckConstraint("source IN ('visit', 'gap')", name="ck_actions_source_allowed"),
    )
    op.create_index("ix_actions_store_id", "actions", ["store_id"])
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("visit_id", sa.String(36)),
        sa.Column("dispute_id", sa.Integer),
        _now(),
        sa.Column("read_at", UTC),
        sa.PrimaryKeyConstraint("id", name="pk_notices"),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_notices_person_id_people", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name="fk_notices_visit_id_visits", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["dispute_id"],
            ["disputes.id"],
            name="fk_notices_dispute_id_disputes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_notices_person_id", "notices", ["person_id"])


def downgrade() -> None:
    op.drop_table("notices")
    op.drop_table("actions")
    op.drop_table("disputes")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("approved_at")
