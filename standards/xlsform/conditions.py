"""show_if of each imported row: its relevant parsed against the questions before it, or the
exact condition an export kept in the show_if column, and the companions' names checked."""

import json
import re
from typing import Any

from pydantic import ValidationError

from standards.conditions import MAX_DEPTH, Condition
from standards.xlsform.cells import Context
from standards.xlsform.conventions import COMPANIONS, SECONDS
from standards.xlsform.relevant import Ref, RelevantError, UnknownName, parse_relevant
from standards.xlsform.relevant_write import write_relevant
from standards.xlsform.sheets import FormRow

_WHERE = {"comment": "after", "na": "before", "seconds": "after"}


class Conditions:
    def __init__(self, ctx: Context, positions: dict[str, int]) -> None:
        self.ctx = ctx
        self.positions = positions
        self.kinds: dict[str, str] = {}
        """Item id -> item type, for the items built so far."""

    def learn(self, name: str, item_type: str) -> None:
        self.kinds[name] = item_type

    def name_of(self, item_id: str) -> tuple[str, bool]:
        """How an exported relevant names an item: durations through their seconds."""
        kind = self.kinds.get(item_id)
        return (item_id + SECONDS if kind == "duration" else item_id), kind == "multi_choice"

    def companion(self, row: FormRow, name: str, marker: str) -> None:
        """Companions carry no item; only their names must fit the item they belong to."""
        suffix = COMPANIONS[marker]
        base = name[: -len(suffix)] if name.endswith(suffix) else ""
        if marker == "na":
            fits = self.positions.get(base, 0) > row.number
        else:
            fits = base in self.kinds and (marker != "seconds" or self.kinds[base] == "duration")
        if not fits:
            what = f"'{name}': name it <item>{suffix} and put it {_WHERE[marker]} that item"
            self.ctx.problems.add("marker", "survey", row.number, marker=marker, what=what)

    def of_row(self, row: FormRow, own: str) -> dict[str, Any] | None:
        """The row's own condition (None without relevant)."""
        relevant = " ".join(row.get("relevant").split())
        parsed = self._parse(relevant, row, own) if relevant else None
        column = row.get("show_if")
        if column:
            exact = self._exact(column, relevant)
            if exact is not None:
                return exact
            self.ctx.problems.add("show_if_stale", "survey", row.number, name=own)
        return parsed

    def _parse(self, relevant: str, row: FormRow, own: str) -> dict[str, Any] | None:
        def resolve(name: str) -> Ref:
            target = name
            if name.endswith(SECONDS) and self.kinds.get(name[: -len(SECONDS)]) == "duration":
                target = name[: -len(SECONDS)]
            if target == own:
                raise UnknownName(name, "its own question; name an earlier question")
            if name not in self.positions:
                raise UnknownName(name, "which is not a name in this form")
            if self.positions[name] > row.number:
                raise UnknownName(name, "which comes later; name an earlier question")
            if target not in self.kinds:
                raise UnknownName(name, "which is no checklist question (or has a problem)")
            return Ref(target, self.kinds[target] == "multi_choice")

        try:
            return parse_relevant(relevant, resolve)
        except RelevantError as error:
            self.ctx.problems.add("relevant", "survey", row.number, text=relevant, detail=error)
        except UnknownName as error:
            self.ctx.problems.add("reference", "survey", row.number, name=error.name, why=error.why)
        return None

    def _exact(self, column: str, relevant: str) -> dict[str, Any] | None:
        """The show_if column's condition when relevant still says the same."""
        # A hand-edited cell may nest without end; a real condition nests at most six deep.
        if too_deep_text(column):
            return None
        try:
            # Only a JSON object validates as a Condition, so past the next line it is one.
            plain: dict[str, Any] = json.loads(column)
            condition = Condition.model_validate(plain)
        except (ValueError, ValidationError, RecursionError):
            return None
        if write_relevant(condition, self.name_of) != relevant:
            return None
        return plain


def too_deep_text(text: str) -> bool:
    """Whether brackets in a JSON text open deeper than a condition may nest."""
    depth = 0
    for bracket in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if bracket.group() in "[{" else depth - 1
        if depth > 4 * MAX_DEPTH:
            return True
    return False
