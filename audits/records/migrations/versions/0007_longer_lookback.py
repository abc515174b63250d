"""Twelve latest results per store and item instead of six: the lookback of how unusual a
gap is now covers a store's last 12 applicable visits within the last 12 months.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

The fill is written out in SQL (as in 0005) so this revision keeps working when the
application's code moves on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = """
INSERT INTO item_recent (store_id, standard_id, item_id, place, failed, visited_at)
SELECT store_id, standard_id, item_id, place, failed, started_at FROM (
  SELECT v.store_id, sv.standard_id, a.item_id, v.started_at, a.reason = 'failed' AS failed,
         row_number() OVER (PARTITION BY v.store_id, sv.standard_id, a.item_id
                            ORDER BY v.started_at DESC, v.id DESC) AS place
  FROM visits v JOIN answers a ON a.visit_id = v.id
  JOIN standard_versions sv ON sv.id = v.standard_version_id
  WHERE v.status = 'approved' AND a.reason IN ('counted', 'failed')
) ranked WHERE place <= {places}
"""


def _refill(places: int) -> None:
    op.execute(sa.text("DELETE FROM item_recent"))
    op.execute(sa.text(RECENT.format(places=places)))
    # Dashboards cache by this counter: their gaps must be read again.
    op.execute(sa.text("UPDATE data_versions SET version = version + 1"))


def upgrade() -> None:
    _refill(12)


def downgrade() -> None:
    _refill(6)
