"""A calibration exercise may carry its material as a file: a photo (stored without its
metadata) or a recording.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("material_name", "material_mime", "material_bytes")


def upgrade() -> None:
    with op.batch_alter_table("calibration_exercises") as batch:
        batch.add_column(sa.Column("material_name", sa.String(255)))
        batch.add_column(sa.Column("material_mime", sa.String(100)))
        batch.add_column(sa.Column("material_bytes", sa.LargeBinary))


def downgrade() -> None:
    with op.batch_alter_table("calibration_exercises") as batch:
        for name in COLUMNS:
            batch.drop_column(name)
