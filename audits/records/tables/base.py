"""The schema's metadata (with the constraint names both backends share), the column types
and helpers every table uses, and the vocabularies its check constraints hold."""

import datetime as dt
from typing import get_args

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from audits.records.models import ActionStatus, Role, StaffDisplay
from locales import Language
from scoring.engine import REASONS

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


def one_of(column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=f"{column}_allowed")


def created_at_column() -> sa.Column[dt.datetime]:
    return sa.Column(
        "created_at",
        UTCDateTime(),
        nullable=False,
        default=utcnow,
        server_default=sa.func.current_timestamp(),
    )
