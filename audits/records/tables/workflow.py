"""What follows a published visit: the audit log, disputes, actions and notices."""

import sqlalchemy as sa

from audits.records.tables.base import (
    ACTION_SOURCES,
    ACTION_STATUSES,
    DISPUTE_STATUSES,
    UTCDateTime,
    created_at_column,
    metadata,
    one_of,
    utcnow,
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        server_default=sa.func.current_timestamp(),
    ),
    sa.Column("person_id", sa.ForeignKey("people.id")),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("entity_id", sa.String(100), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("before", sa.Text),
    sa.Column("after", sa.Text),
    sa.Index(None, "entity", "entity_id"),
)

disputes = sa.Table(
    "disputes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "visit_id",
        sa.ForeignKey("visits.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("item_id", sa.String(100), nullable=False),
    sa.Column("opened_by", sa.ForeignKey("people.id"), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    sa.Column("decided_by", sa.ForeignKey("people.id")),
    sa.Column("decision", sa.Text),
    # The answer before and after an upheld dispute ("na" for not applicable).
    sa.Column("before_value", sa.Text),
    sa.Column("after_value", sa.Text),
    sa.Column("attachment_name", sa.String(255)),
    sa.Column("attachment_mime", sa.String(100)),
    sa.Column("attachment_bytes", sa.LargeBinary),
    created_at_column(),
    sa.Column("decided_at", UTCDateTime()),
    one_of("status", DISPUTE_STATUSES),
    # One open dispute per item of a visit, even when two managers send one at once.
    sa.Index(
        "uq_disputes_open_item",
        "visit_id",
        "item_id",
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    ),
)

actions = sa.Table(
    "actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    # Item ids belong to a standard; versions of one standard share them.
    sa.Column("standard_id", sa.String(100), nullable=False),
    sa.Column("item_id", sa.String(100), nullable=False),
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="SET NULL")),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    sa.Column("created_by", sa.ForeignKey("people.id"), nullable=False),
    created_at_column(),
    sa.Column("done_at", UTCDateTime()),
    one_of("status", ACTION_STATUSES),
    one_of("source", ACTION_SOURCES),
)

notices = sa.Table(
    "notices",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "person_id",
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    # returned, result, dispute_opened, dispute_decided: the UI words them.
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE")),
    sa.Column("dispute_id", sa.ForeignKey("disputes.id", ondelete="CASCADE")),
    created_at_column(),
    sa.Column("read_at", UTCDateTime()),
)
