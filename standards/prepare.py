"""The plain tree of a standard made ready for the models: option sets filled in, and what
the tree checks reported already taken out, so one mistake is reported once."""

import copy
from dataclasses import dataclass, field
from typing import Any

from standards.conditions import too_deep

Loc = tuple[object, ...]


@dataclass
class Homes:
    """Where the options an item took from a set really stand in the file."""

    sets: dict[Loc, Loc] = field(default_factory=dict)

    def relocate(self, loc: Loc) -> Loc:
        # (sections, 0, items, 3, options, 1, score) -> (option_sets, quality, 1, score)
        home = self.sets.get(loc[:5])
        return (*home, *loc[5:]) if home is not None else loc


def _items(plain: Any) -> list[tuple[Loc, dict[str, Any]]]:
    found: list[tuple[Loc, dict[str, Any]]] = []
    sections = plain.get("sections") if isinstance(plain, dict) else None
    for s, section in enumerate(sections if isinstance(sections, list) else []):
        items = section.get("items") if isinstance(section, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found.append((("sections", s, "items", i), item))
    return found


def prepare(plain: Any) -> tuple[Any, list[Loc], Homes]:
    """(the tree to validate, locations already reported, where set options stand)."""
    skip: list[Loc] = []
    homes = Homes()
    if not isinstance(plain, dict):
        return plain, skip, homes
    sets = plain.get("option_sets")
    sets = sets if isinstance(sets, dict) else {}
    for loc, item in _items(plain):
        name = item.get("options")
        if isinstance(name, str):
            if isinstance(sets.get(name), list):
                item["options"] = copy.deepcopy(sets[name])
                homes.sets[(*loc, "options")] = ("option_sets", name)
            else:
                skip.append((*loc, "options"))  # reported as an unknown set
        if too_deep(item.get("show_if")):
            item["show_if"] = None  # reported as too deep; never handed to the models
            skip.append((*loc, "show_if"))
    return plain, skip, homes
