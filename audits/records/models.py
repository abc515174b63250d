"""What the repositories hand out: plain, frozen pydantic records, never ORM objects."""

import datetime as dt
from typing import Literal, TypeVar

import pandas as pd
from pydantic import BaseModel, ConfigDict

from locales import Language
from standards.texts import Text

Role = Literal[
    "admin",
    "shopper",
    "reviewer",
    "regional_manager",
    "store_manager",
    "trainer",
    "works_council",
]
StaffDisplay = Literal["named", "pseudonymous", "hidden"]
ActionStatus = Literal["open", "in_progress", "done", "verified"]
Stage = Literal["todo", "draft", "done"]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


R = TypeVar("R", bound=Record)


def records_of(model: type[R], frame: pd.DataFrame) -> list[R]:
    """A frame's rows as typed records, every missing value (NaN, NaT, pd.NA) as None.

    Pages test record fields with `is None` and truth tests; a pandas cell cannot be trusted
    with either (pandas 3 keeps a missing text as NaN, which is true).
    """
    columns = list(model.model_fields)
    plain = frame[columns].astype(object)
    plain = plain.where(frame[columns].notna(), None)
    return [model.model_validate(row) for row in plain.to_dict("records")]


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
    title: Text
    """One text, or one per language; `standards.text_in(title, lang)` picks one."""
    channel: str
    created_at: dt.datetime


class WorkItem(Record):
    """One of a shopper's assignments, with its visit once started.

    `stage` is "todo" (open, not started), "draft" (started or returned) or "done"
    (submitted or approved). Missing values are None, never NaN: pages test them directly.
    """

    assignment_id: int
    standard_version_id: int
    visit_id: str | None
    store_id: str
    store_name: str
    city: str
    address: str | None
    title: Text
    channel: str
    window_start: dt.date
    window_end: dt.date
    scenario: str | None
    notes: str | None
    exercise_id: int | None
    """Set for a calibration exercise: `notes` holds its title, `scenario` its material."""
    assignment_status: str
    visit_status: str | None
    updated_at: dt.datetime | None
    submitted_at: dt.datetime | None
    score: float | None
    review_message: str | None
    stage: Stage


class Notice(Record):
    """An unread notice; `store` is the name of the visit's store, when it names a visit."""

    id: int
    kind: str
    visit_id: str | None
    dispute_id: int | None
    store: str | None
    created_at: dt.datetime


class Dispute(Record):
    """A store manager's objection to one item of a published visit, and its decision."""

    id: int
    visit_id: str
    store_id: str
    store_name: str
    item_id: str
    status: str
    reason: str
    decision: str | None
    before_value: str | None
    after_value: str | None
    opened_by: str
    decided_by: str | None
    created_at: dt.datetime
    decided_at: dt.datetime | None
    attachment_name: str | None


class PublishedVisit(Record):
    """An approved visit as the results list shows it; `score` is None when nothing counted."""

    visit_id: str
    store_id: str
    store_name: str
    title: Text
    standard_id: str
    visited_at: dt.datetime
    approved_at: dt.datetime | None
    score: float | None


class QueuedVisit(Record):
    """A submitted visit waiting for review, with the plausibility flags it raised
    (names from scoring.plausibility.FLAGS)."""

    visit_id: str
    store_id: str
    store_name: str
    standard_id: str
    title: Text
    shopper: str | None
    started_at: dt.datetime
    ended_at: dt.datetime | None
    submitted_at: dt.datetime
    score: float | None
    minutes: float | None
    flags: tuple[str, ...]
