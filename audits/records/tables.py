"""The tables, as SQLAlchemy Core. Only Alembic migrations create them (audits/records/migrations).

A test compares the migrated schema with this metadata, so a change here needs a migration.
"""

import datetime as dt
from typing import get_args

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from audits.records.models import ActionStatus, Role, StaffDisplay
from locales import Language
from scoring.engine import REASONS
from standards.models import CHANNELS

# Explicit names let migrations and both backends refer to the same constraint.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Each vocabulary has one home, a Literal where code types it; the tables check its values.
# (Migrations keep their own copies: they describe the schema as it was at their revision.)
ROLES: tuple[Role, ...] = get_args(Role)
LANGUAGES: tuple[Language, ...] = get_args(Language)
VISIT_STATUSES = ("draft", "submitted", "returned", "approved")
DISPUTE_STATUSES = ("open", "upheld", "rejected")
ACTION_STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
ACTION_SOURCES = ("visit", "gap")
ASSIGNMENT_STATUSES = ("open", "done", "cancelled")
STAFF_DISPLAYS: tuple[StaffDisplay, ...] = get_args(StaffDisplay)
# Why an answer did or did not count: the engine's own list.
SCORE_REASONS = REASONS


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out; SQLite would otherwise hand back naive values."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> object:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: sa.Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


def _created_at() -> sa.Column[dt.datetime]:
    return sa.Column(
        "created_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        server_default=sa.func.current_timestamp(),
    )


regions = sa.Table(
    "regions",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
)

stores = sa.Table(
    "stores",
    metadata,
    sa.Column("store_id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("region_id", sa.ForeignKey("regions.id"), nullable=False, index=True),
    sa.Column("city", sa.String(200), nullable=False),
    sa.Column("district", sa.String(200)),
    sa.Column("address", sa.String(400)),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)

staff = sa.Table(
    "staff",
    metadata,
    sa.Column("staff_id", sa.String(64), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
)

people = sa.Table(
    "people",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("full_name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(320)),
    sa.Column("language", sa.String(2), nullable=False, server_default="de"),
    sa.Column("password_hash", sa.String(200)),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    _created_at(),
    sa.Column("password_changed_at", UTCDateTime()),
    _one_of("language", LANGUAGES),
)

person_roles = sa.Table(
    "person_roles",
    metadata,
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("role", sa.String(32), primary_key=True),
    _one_of("role", ROLES),
)

person_regions = sa.Table(
    "person_regions",
    metadata,
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("region_id", sa.ForeignKey("regions.id"), primary_key=True),
)

person_stores = sa.Table(
    "person_stores",
    metadata,
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), primary_key=True),
)

sessions = sa.Table(
    "sessions",
    metadata,
    # Only a hash of the cookie token is kept, so a leaked database opens no session.
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column(
        "person_id",
        sa.ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _created_at(),
    sa.Column("expires_at", UTCDateTime(), nullable=False),
    sa.Column("last_seen_at", UTCDateTime()),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    # Username and client address: a guesser is slowed down, the same user elsewhere is not.
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("first_at", UTCDateTime(), nullable=False),
    sa.Column("blocked_until", UTCDateTime()),
)

standard_versions = sa.Table(
    "standard_versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("standard_id", sa.String(100), nullable=False),
    sa.Column("version", sa.String(32), nullable=False),
    # JSON of the standard's title: one string, or one string per language.
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("yaml_text", sa.Text, nullable=False),
    _created_at(),
    sa.UniqueConstraint("standard_id", "version"),
)

assignments = sa.Table(
    "assignments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    sa.Column("standard_version_id", sa.ForeignKey("standard_versions.id"), nullable=False),
    sa.Column("shopper_id", sa.ForeignKey("people.id"), nullable=False, index=True),
    sa.Column("window_start", sa.Date, nullable=False),
    sa.Column("window_end", sa.Date, nullable=False),
    sa.Column("scenario", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Column("status", sa.String(16), nullable=False, server_default="open"),
    _created_at(),
    _one_of("status", ASSIGNMENT_STATUSES),
)

visits = sa.Table(
    "visits",
    metadata,
    # Made by the client, so a double click or a retry cannot create a second visit.
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("store_id", sa.ForeignKey("stores.store_id"), nullable=False, index=True),
    sa.Column(
        "standard_version_id",
        sa.ForeignKey("standard_versions.id"),
        nullable=False,
        index=True,
    ),
    # Imported visits may come from an agency whose shoppers have no account here.
    sa.Column("shopper_id", sa.ForeignKey("people.id"), index=True),
    sa.Column("assignment_id", sa.ForeignKey("assignments.id")),
    sa.Column("staff_id", sa.ForeignKey("staff.staff_id"), index=True),
    sa.Column("staff_description", sa.Text),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("started_at", UTCDateTime(), nullable=False, index=True),
    sa.Column("ended_at", UTCDateTime()),
    sa.Column("status", sa.String(16), nullable=False, server_default="draft", index=True),
    sa.Column("submitted_at", UTCDateTime()),
    # When a reviewer published it; the store's dispute period counts from here.
    sa.Column("approved_at", UTCDateTime()),
    _created_at(),
    sa.Column(
        "updated_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        onupdate=utcnow,
        server_default=sa.func.current_timestamp(),
    ),
    _one_of("status", VISIT_STATUSES),
    _one_of("channel", CHANNELS),
    # One visit per assignment: a second device resumes the same draft.
    sa.Index("uq_visits_assignment_id", "assignment_id", unique=True),
)

answers = sa.Table(
    "answers",
    metadata,
    # The primary key leads with visit_id, so it also serves "all answers of a visit".
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("item_id", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text),
    sa.Column("is_na", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("comment", sa.Text),
    # Filled when the visit is scored (submit or import), with the visit's standard version.
    sa.Column("applicable", sa.Boolean),
    sa.Column("passed", sa.Boolean),
    sa.Column("earned", sa.Float),
    sa.Column("possible", sa.Float),
    sa.Column("reason", sa.String(16)),
    _one_of("reason", SCORE_REASONS),
    # The gap report's training examples: the few failed answers with a comment, found
    # without reading every answer of the period.
    sa.Index(
        "ix_answers_failed_comments",
        "visit_id",
        sqlite_where=sa.text("reason = 'failed' AND comment IS NOT NULL"),
        postgresql_where=sa.text("reason = 'failed' AND comment IS NOT NULL"),
    ),
)

visit_scores = sa.Table(
    "visit_scores",
    metadata,
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("standard_version_id", sa.ForeignKey("standard_versions.id"), nullable=False),
    # NULL when no section had a score (nothing applicable was answered).
    sa.Column("score", sa.Float),
    sa.Column("computed", sa.Float),
    sa.Column("critical_failed", sa.Boolean, nullable=False),
    # The band is named by its min in that version; labels come from the version's text.
    sa.Column("band_min", sa.Float),
    sa.Column("earned", sa.Float, nullable=False),
    sa.Column("possible", sa.Float, nullable=False),
    # The score counting only items with `subject: staff` (NULL when none applied).
    sa.Column("staff_score", sa.Float),
    sa.Column(
        "scored_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        server_default=sa.func.current_timestamp(),
    ),
)

section_scores = sa.Table(
    "section_scores",
    metadata,
    sa.Column("visit_id", sa.ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("section_id", sa.String(100), primary_key=True),
    sa.Column("earned", sa.Float, nullable=False),
    sa.Column("possible", sa.Float, nullable=False),
    sa.Column("score", sa.Float),
)

attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "visit_id",
        sa.ForeignKey("visits.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("item_id", sa.String(100)),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("mime", sa.String(100), nullable=False),
    sa.Column("bytes", sa.LargeBinary, nullable=False),
    sa.Column("width", sa.Integer),
    sa.Column("height", sa.Integer),
    # Of the stored bytes: the same photo handed in for two visits has the same value.
    sa.Column("sha256", sa.String(64), index=True),
    _created_at(),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("visit_id", sa.ForeignKey("visits.id"), nullable=False, index=True),
    sa.Column("reviewer_id", sa.ForeignKey("people.id"), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text),
    _created_at(),
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
    _created_at(),
    sa.Column("decided_at", UTCDateTime()),
    _one_of("status", DISPUTE_STATUSES),
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
    _created_at(),
    sa.Column("done_at", UTCDateTime()),
    _one_of("status", ACTION_STATUSES),
    _one_of("source", ACTION_SOURCES),
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
    _created_at(),
    sa.Column("read_at", UTCDateTime()),
)

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
