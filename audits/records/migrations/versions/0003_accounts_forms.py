"""Log-in throttling, one visit per assignment, photo fingerprints.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

`login_failures` is kept in the database (not in process memory) so several app processes
slow down the same guesser. A unique assignment_id on visits makes "start this assignment"
on two devices meet the same draft. Photos keep a SHA-256 so a reviewer can spot one photo
used for two visits.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("first_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("key", name="pk_login_failures"),
    )
    # A unique index, not a constraint: SQLite would rebuild `visits` for a constraint, and
    # dropping the old table cascades to answers and scores. Plain ADD COLUMN needs no rebuild.
    op.create_index("uq_visits_assignment_id", "visits", ["assignment_id"], unique=True)
    op.add_column("attachments", sa.Column("sha256", sa.String(64)))
    op.create_index("ix_attachments_sha256", "attachments", ["sha256"])


def downgrade() -> None:
    op.drop_index("ix_attachments_sha256", "attachments")
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("sha256")
    op.drop_index("uq_visits_assignment_id", "visits")
    op.drop_table("login_failures")
