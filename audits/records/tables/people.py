"""The chain's directory (regions, stores, staff) and the accounts: people, their roles and
reach, sessions and failed log-ins."""

import sqlalchemy as sa

from audits.records.tables.base import (
    LANGUAGES,
    ROLES,
    UTCDateTime,
    created_at_column,
    metadata,
    one_of,
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
    created_at_column(),
    sa.Column("password_changed_at", UTCDateTime()),
    one_of("language", LANGUAGES),
)

person_roles = sa.Table(
    "person_roles",
    metadata,
    sa.Column("person_id", sa.ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("role", sa.String(32), primary_key=True),
    one_of("role", ROLES),
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
    created_at_column(),
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
