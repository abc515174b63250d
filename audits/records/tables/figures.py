"""Figures kept for fast reads, the data-version counter and the organisation's settings."""

import sqlalchemy as sa

from audits.records.tables.base import UTCDateTime, metadata

# Figures of approved visits summed per store, standard and calendar month (Europe/Berlin), so
# dashboards add up a few thousand rows instead of reading every answer. A store-month is
# rebuilt whenever one of its visits is approved or rescored (audits/records/months.py).
item_months = sa.Table(
    "item_months",
    metadata,
    # Month first: a period is one contiguous range of the key (SQLite keeps rows in key order).
    sa.Column("month", sa.Date, primary_key=True),
    sa.Column("standard_id", sa.String(100), primary_key=True),
    sa.Column("item_id", sa.String(100), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), primary_key=True, index=True),
    sa.Column("applicable", sa.Integer, nullable=False),
    sa.Column("failed", sa.Integer, nullable=False),
    sqlite_with_rowid=False,
)

section_months = sa.Table(
    "section_months",
    metadata,
    sa.Column("month", sa.Date, primary_key=True),
    sa.Column("standard_id", sa.String(100), primary_key=True),
    sa.Column("section_id", sa.String(100), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), primary_key=True, index=True),
    # Visits whose section had a score, and the sum of those scores (a mean of visit scores).
    sa.Column("visits", sa.Integer, nullable=False),
    sa.Column("score_sum", sa.Float, nullable=False),
    sqlite_with_rowid=False,
)

# Each store's latest results per item, newest first (place 1): the recurring-gap rule reads
# "k of the last n" from here without touching the answers. Rebuilt per store with the months.
item_recent = sa.Table(
    "item_recent",
    metadata,
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), primary_key=True),
    sa.Column("standard_id", sa.String(100), primary_key=True),
    sa.Column("item_id", sa.String(100), primary_key=True),
    sa.Column("place", sa.Integer, primary_key=True),
    sa.Column("failed", sa.Boolean, nullable=False),
    sa.Column("visited_at", UTCDateTime(), nullable=False),
    sqlite_with_rowid=False,
)

# One row, bumped in the same transaction as every change a dashboard shows (published
# figures, actions, stores, standards): each app process can tell from one cheap read whether
# its caches still hold. A counter, not max(id) or max(time): those can miss a late commit.
data_versions = sa.Table(
    "data_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
