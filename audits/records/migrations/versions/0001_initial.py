"""The first schema: organisation, people, standards, visits and their answers.

Revision ID: 0001
Revises:
Create Date: 2025-11-23

Written by hand to match the tables as they were then; a test compares the two.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
ROLES = ("admin", "shopper", "reviewer", "regional_manager", "store_manager", "trainer")
CHANNELS = ("in_store", "phone", "email", "chat", "web")
VISIT_STATUSES = ("draft", "submitted", "returned", "approved")
ASSIGNMENT_STATUSES = ("open", "done", "cancelled")


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=f"ck_{table}_{column}_allowed")


def _utc(name: str, nullable: bool = True, now: bool = False) -> sa.Column:
    default = sa.func.current_timestamp() if now else None
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable, server_default=default)


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=f"fk_{table}_{column}_{target.split('.')[0]}",
        ondelete=ondelete,
    )


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_regions"),
    )
    op.create_table(
        "stores",
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.Column("city", sa.String(200), nullable=False),
        sa.Column("district", sa.String(200)),
        sa.Column("address", sa.String(400)),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("store_id", name="pk_stores"),
        _fk("stores", "region_id", "regions.id"),
    )
    _index("stores", "region_id")
    op.create_table(
        "staff",
        sa.Column("staff_id", sa.String(64), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("staff_id", name="pk_staff"),
        _fk("staff", "store_id", "stores.store_id"),
    )
    _index("staff", "store_id")
    op.create_table(
        "people",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("language", sa.String(2), nullable=False, server_default="de"),
        sa.Column("password_hash", sa.String(200)),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        _utc("created_at", nullable=False, now=True),
        _utc("password_changed_at"),
        sa.PrimaryKeyConstraint("id", name="pk_people"),
        sa.UniqueConstraint("username", name="uq_people_username"),
        _one_of("people", "language", ("de", "en")),
    )
    op.create_table(
        "person_roles",
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "role", name="pk_person_roles"),
        _fk("person_roles", "person_id", "people.id", ondelete="CASCADE"),
        _one_of("person_roles", "role", ROLES),
    )
    op.create_table(
        "person_regions",
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("region_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "region_id", name="pk_person_regions"),
        _fk("person_regions", "person_id", "people.id", ondelete="CASCADE"),
        _fk("person_regions", "region_id", "regions.id"),
    )
    op.create_table(
        "person_stores",
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "store_id", name="pk_person_stores"),
        _fk("person_stores", "person_id", "people.id", ondelete="CASCADE"),
        _fk("person_stores", "store_id", "stores.store_id"),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("person_id", sa.Integer, nullable=False),
        _utc("created_at", nullable=False, now=True),
        _utc("expires_at", nullable=False),
        _utc("last_seen_at"),
        sa.PrimaryKeyConstraint("token_hash", name="pk_sessions"),
        _fk("sessions", "person_id", "people.id", ondelete="CASCADE"),
    )
    _index("sessions", "person_id")
    op.create_table(
        "standard_versions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("standard_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("yaml_text", sa.Text, nullable=False),
        _utc("created_at", nullable=False, now=True),
        sa.PrimaryKeyConstraint("id", name="pk_standard_versions"),
        sa.UniqueConstraint(
            "standard_id", "version", name="uq_standard_versions_standard_id_version"
        ),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("standard_version_id", sa.Integer, nullable=False),
        sa.Column("shopper_id", sa.Integer, nullable=False),
        sa.Column("window_start", sa.Date, nullable=False),
        sa.Column("window_end", sa.Date, nullable=False),
        sa.Column("scenario", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        _utc("created_at", nullable=False, now=True),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        _fk("assignments", "store_id", "stores.store_id"),
        _fk("assignments", "standard_version_id", "standard_versions.id"),
        _fk("assignments", "shopper_id", "people.id"),
        _one_of("assignments", "status", ASSIGNMENT_STATUSES),
    )
    _index("assignments", "store_id")
    _index("assignments", "shopper_id")
    op.create_table(
        "visits",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("standard_version_id", sa.Integer, nullable=False),
        sa.Column("shopper_id", sa.Integer),
        sa.Column("assignment_id", sa.Integer),
        sa.Column("staff_id", sa.String(64)),
        sa.Column("staff_description", sa.Text),
        sa.Column("channel", sa.String(16), nullable=False),
        _utc("started_at", nullable=False),
        _utc("ended_at"),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        _utc("submitted_at"),
        _utc("created_at", nullable=False, now=True),
        _utc("updated_at", nullable=False, now=True),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        _fk("visits", "store_id", "stores.store_id"),
        _fk("visits", "standard_version_id", "standard_versions.id"),
        _fk("visits", "shopper_id", "people.id"),
        _fk("visits", "assignment_id", "assignments.id"),
        _fk("visits", "staff_id", "staff.staff_id"),
        _one_of("visits", "status", VISIT_STATUSES),
        _one_of("visits", "channel", CHANNELS),
    )
    for column in ("store_id", "standard_version_id", "shopper_id", "staff_id"):
        _index("visits", column)
    _index("visits", "started_at")
    _index("visits", "status")
    op.create_table(
        "answers",
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("is_na", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("comment", sa.Text),
        sa.PrimaryKeyConstraint("visit_id", "item_id", name="pk_answers"),
        _fk("answers", "visit_id", "visits.id", ondelete="CASCADE"),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("item_id", sa.String(100)),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("bytes", sa.LargeBinary, nullable=False),
        sa.Column("width", sa.Integer),
        sa.Column("height", sa.Integer),
        _utc("created_at", nullable=False, now=True),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
        _fk("attachments", "visit_id", "visits.id", ondelete="CASCADE"),
    )
    _index("attachments", "visit_id")
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=False),
        sa.Column("reviewer_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text),
        _utc("created_at", nullable=False, now=True),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
        _fk("reviews", "visit_id", "visits.id"),
        _fk("reviews", "reviewer_id", "people.id"),
    )
    _index("reviews", "visit_id")
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, nullable=False),
        _utc("at", nullable=False, now=True),
        sa.Column("person_id", sa.Integer),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(100), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        _fk("audit_log", "person_id", "people.id"),
    )
    _index("audit_log", "entity", "entity_id")
    settings = op.create_table(
        "settings",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    # Pseudonymous codes by default: staff results are personal data (works council, GDPR).
    op.bulk_insert(settings, [{"key": "staff_display", "value": "pseudonymous"}])


def downgrade() -> None:
    for table in (
        "settings",
        "audit_log",
        "reviews",
        "attachments",
        "answers",
        "visits",
        "assignments",
        "standard_versions",
        "sessions",
        "person_stores",
        "person_regions",
        "person_roles",
        "people",
        "staff",
        "stores",
        "regions",
    ):
        op.drop_table(table)
