"""A partial index on the failed answers that carry a comment, for the gap report.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHERE = "reason = 'failed' AND comment IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_answers_failed_comments",
        "answers",
        ["visit_id"],
        sqlite_where=sa.text(WHERE),
        postgresql_where=sa.text(WHERE),
    )


def downgrade() -> None:
    op.drop_index("ix_answers_failed_comments", table_name="answers")
