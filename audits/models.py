"""What the repositories hand out: plain, frozen pydantic records, never ORM objects."""

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

Role = Literal["admin", "shopper", "reviewer", "regional_manager", "store_manager", "trainer"]
Language = Literal["de", "en"]
StaffDisplay = Literal["named", "pseudonymous", "hidden"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Region(Record):
    id: str
    name: str


class StaffMember(Record):
    staff_id: str
    store_id: str
    display_name: str
    active: bool


class Person(Record):
    """A user account. The password hash never leaves the repository."""

    id: int
    username: str
    full_name: str
    email: str | None
    language: Language
    active: bool
    has_password: bool
    roles: tuple[Role, ...]
    regions: tuple[str, ...]
    stores: tuple[str, ...]
    created_at: dt.datetime
    password_changed_at: dt.datetime | None

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)


class StandardVersion(Record):
    id: int
    standard_id: str
    version: str
    title: str | dict[str, str]
    """One text, or one per language; `standards.text_in(title, lang)` picks one."""
    channel: str
    created_at: dt.datetime
