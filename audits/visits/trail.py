"""The audit trail: every change to a visit after submission, with who, when, before, after."""

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from audits.records.standards import load_standard_version, stored_text
from audits.records.tables import audit_log, people, regions, standard_versions, stores, utcnow
from locales import MISSING, catalog, fmt_date, fmt_number, missing, translate
from standards import text_in
from standards.texts import Text


def record(
    conn: Connection,
    person_id: int | None,
    entity: str,
    entity_id: str | int,
    action: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """One audit row, written in the caller's transaction: no change without its record."""
    conn.execute(
        sa.insert(audit_log).values(
            at=utcnow(),
            person_id=person_id,
            entity=entity,
            entity_id=str(entity_id),
            action=action,
            before=_json(before),
            after=_json(after),
        )
    )


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(dict(values), ensure_ascii=False, default=str, sort_keys=True)


def audit_frame(
    conn: Connection,
    *,
    visit_id: str | None = None,
    person_id: int | None = None,
    limit: int = 2000,
) -> pd.DataFrame:
    """Newest first: at, username, full_name, entity, entity_id, action, before, after.

    `visit_id` finds the visit's own rows and those of its answers, disputes and actions.
    """
    query = (
        sa.select(
            audit_log.c.at,
            people.c.username,
            people.c.full_name,
            audit_log.c.entity,
            audit_log.c.entity_id,
            audit_log.c.action,
            audit_log.c.before,
            audit_log.c.after,
        )
        .outerjoin(people, people.c.id == audit_log.c.person_id)
        .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
        .limit(limit)
    )
    if visit_id is not None:
        query = query.where(
            ((audit_log.c.entity == "visit") & (audit_log.c.entity_id == visit_id))
            | audit_log.c.after.contains(f'"visit_id": "{visit_id}"', autoescape=True)
        )
    if person_id is not None:
        query = query.where(audit_log.c.person_id == person_id)
    rows = conn.execute(query).mappings().all()
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))


@dataclass(frozen=True)
class Names:
    """What the trail's ids stand for, so its rows can name things instead of citing ids."""

    stores: dict[str, str] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    people: dict[int, str] = field(default_factory=dict)
    standards: dict[int, Text] = field(default_factory=dict)
    titles: dict[str, Text] = field(default_factory=dict)
    """Standard id -> the title of its newest version."""
    questions: dict[str, Text] = field(default_factory=dict)
    """Item id -> its question, from the newest version that has it."""


def _questions(conn: Connection) -> dict[str, Text]:
    questions: dict[str, Text] = {}
    newest_first = sa.select(standard_versions.c.id).order_by(standard_versions.c.id.desc())
    for version_id in conn.execute(newest_first).scalars():
        for item in load_standard_version(conn, version_id).items():
            questions.setdefault(item.id, item.text)
    return questions


def trail_names(conn: Connection) -> Names:
    return Names(
        questions=_questions(conn),
        stores={
            store_id: f"{store_id} {name}"
            for store_id, name in conn.execute(sa.select(stores.c.store_id, stores.c.name))
        },
        regions={
            region_id: name
            for region_id, name in conn.execute(sa.select(regions.c.id, regions.c.name))
        },
        people={
            person_id: f"{full_name} ({username})"
            for person_id, full_name, username in conn.execute(
                sa.select(people.c.id, people.c.full_name, people.c.username)
            )
        },
        standards={
            version_id: stored_text(title)
            for version_id, title in conn.execute(
                sa.select(standard_versions.c.id, standard_versions.c.title)
            )
        },
        titles={
            standard_id: stored_text(title)
            for standard_id, title in conn.execute(
                sa.select(standard_versions.c.standard_id, standard_versions.c.title).order_by(
                    standard_versions.c.id
                )
            )
        },
    )


LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
_FIRST = ("file", "standard", "added", "updated", "unchanged")
_NAMED_BY = {"store_id": "stores", "stores": "stores", "region_id": "regions", "regions": "regions"}


def readable_trail(frame: pd.DataFrame, lang: str, zone: ZoneInfo, names: Names) -> pd.DataFrame:
    """The trail as a reader takes it in: the time in `zone`, who by name, the action and
    the kind of record in `lang`, ids replaced by names where known, and before/after as
    "field: old → new" instead of the stored JSON. Columns: at, person, entity, item,
    action, change."""
    texts = catalog(lang)

    def word(prefix: str, code: str) -> str:
        return texts.get(f"{prefix}.{code}", code)

    rows = []
    for row in frame.itertuples(index=False):
        # No person: the command line or a scheduled job wrote it.
        person = (
            texts.get("audit.no_person", MISSING)
            if missing(row.username)
            else f"{row.full_name} ({row.username})"
        )
        rows.append(
            {
                "at": _local(row.at, lang, zone),
                "person": person,
                "entity": word("audit.entity", row.entity),
                "item": _item(row.entity, row.entity_id, lang, names),
                "action": word("audit.action", row.action),
                "change": _change(row.before, row.after, lang, names),
            }
        )
    return pd.DataFrame(rows, columns=["at", "person", "entity", "item", "action", "change"])


def _local(at: Any, lang: str, zone: ZoneInfo) -> str:
    stamp = pd.Timestamp(at)
    # Stored naive in UTC (tables.utcnow); shown in the reader's zone, which the page names.
    utc = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    return fmt_date(utc.tz_convert(zone).to_pydatetime(), lang)


def _item(entity: str, entity_id: str, lang: str, names: Names) -> str:
    if entity == "stores":
        return names.stores.get(entity_id, entity_id)
    if entity == "assignment":
        return f"#{entity_id}"
    if entity == "answer":
        # visit:item; the visit's id is in the filter above the table, the question is not.
        item_id = str(entity_id).rpartition(":")[2]
        if item_id in names.questions:
            return text_in(names.questions[item_id], lang)
    if entity == "import":
        kind, _, standard = str(entity_id).partition(":")
        shown = catalog(lang).get(f"audit.import.{kind}", kind)
        if standard:
            return f"{shown}: {text_in(names.titles.get(standard, standard), lang)}"
        return shown
    return str(entity_id)


def _change(before: str | None, after: str | None, lang: str, names: Names) -> str:
    old = _loaded(before)
    new = _loaded(after)
    parts = []
    fields = [*new, *(name for name in old if name not in new)]
    # The file first, then its counts in the order people say them; a version's hash means
    # nothing to a reader (the standard's title is shown).
    fields = sorted(
        (name for name in fields if name != "version"),
        key=lambda name: _FIRST.index(name) if name in _FIRST else len(_FIRST),
    )
    for name in fields:
        label = _field(name, lang)
        if name in old and name in new:
            shown_old = _value(name, old[name], lang, names)
            parts.append(f"{label}: {shown_old} → {_value(name, new[name], lang, names)}")
        elif name in new:
            parts.append(f"{label}: {_value(name, new[name], lang, names)}")
        else:
            parts.append(f"{label}: {_value(name, old[name], lang, names)} → {MISSING}")
    return "; ".join(parts) or MISSING


def _loaded(text: str | None) -> dict[str, Any]:
    if missing(text) or not text:
        return {}
    try:
        values = json.loads(str(text))
    except ValueError:
        return {"value": text}
    return values if isinstance(values, dict) else {"value": values}


def _field(name: str, lang: str) -> str:
    texts = catalog(lang)
    return texts.get(f"audit.field.{name}") or texts.get(f"import.col.{name}") or name


def _value(name: str, value: Any, lang: str, names: Names) -> str:
    if value is None or value == "":
        return MISSING
    if name == "shopper_id" and value in names.people:
        return names.people[value]
    if name == "item_id" and value in names.questions:
        return text_in(names.questions[value], lang)
    if name == "standard_version_id" and value in names.standards:
        return text_in(names.standards[value], lang)
    if isinstance(value, list):
        return ", ".join(_value(name, each, lang, names) for each in value) or MISSING
    if isinstance(value, bool):
        return translate(lang, "answer.yes" if value else "answer.no")
    if isinstance(value, int | float):
        return (
            str(value)
            if name.endswith("_id")
            else fmt_number(value, lang, 0 if isinstance(value, int) else 1)
        )
    if isinstance(value, dict):
        return (
            text_in(value, lang) if all(isinstance(v, str) for v in value.values()) else str(value)
        )
    text = str(value)
    return _named(name, text, lang, names) or _date(text, lang) or text


def _named(name: str, text: str, lang: str, names: Names) -> str | None:
    texts = catalog(lang)
    if name in ("roles", "role"):
        return texts.get(f"role.{text}")
    if name == "language":
        return LANGUAGE_NAMES.get(text)
    if name in _NAMED_BY:
        found: dict[str, str] = getattr(names, _NAMED_BY[name])
        return found.get(text)
    if name in ("standard", "standard_id") and text in names.titles:
        return text_in(names.titles[text], lang)
    if name == "status":
        return (
            texts.get(f"status.{text}")
            or texts.get(f"assignment.{text}")
            or texts.get(f"dispute.{text}")
            or texts.get(f"action.{text}")
        )
    return None


def _date(text: str, lang: str) -> str | None:
    try:
        return fmt_date(dt.date.fromisoformat(text), lang) if len(text) == 10 else None
    except ValueError:
        return None
