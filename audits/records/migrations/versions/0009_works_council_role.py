"""The works_council role: reads the access log of staff figures and the settings that govern
them, nothing else.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("admin", "shopper", "reviewer", "regional_manager", "store_manager", "trainer")
AFTER = (*BEFORE, "works_council")
NAME = "ck_person_roles_role_allowed"


def _check(roles: tuple[str, ...]) -> str:
    return "role IN (" + ", ".join(f"'{role}'" for role in roles) + ")"


def _table(roles: tuple[str, ...]) -> sa.Table:
    """person_roles as 0001 made it, with `roles` allowed: SQLite cannot change a CHECK
    constraint, and batch mode does not see it, so the table is copied from this one."""
    return sa.Table(
        "person_roles",
        sa.MetaData(),
        sa.Column("person_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "role", name="pk_person_roles"),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_person_roles_person_id_people",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(_check(roles), name=NAME),
    )


def _allow(roles: tuple[str, ...]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("person_roles", copy_from=_table(roles), recreate="always"):
            pass
        return
    # 0001 got a doubled name on PostgreSQL (the naming convention prefixed it again), so
    # the constraint is found by what it is, not by its name.
    found = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT conname FROM pg_constraint "
                "WHERE conrelid = 'person_roles'::regclass AND contype = 'c'"
            )
        )
        .scalars()
    )
    for name in found:
        op.drop_constraint(op.f(name), "person_roles", type_="check")
    op.create_check_constraint(op.f(NAME), "person_roles", sa.text(_check(roles)))


def upgrade() -> None:
    _allow(AFTER)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM person_roles WHERE role = 'works_council'"))
    _allow(BEFORE)
