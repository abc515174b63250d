"""Warnings: a standard that loads but probably does not say what its author meant.

Warnings never make a file invalid (`validate --strict` makes them count). Each is placed at
the key it is about, as `PATH:LINE:COL: Wnnn message`.
"""

from typing import Any

from ruamel.yaml.comments import CommentedMap

from standards.bounds import uncovered
from standards.errors import Problem, render
from standards.item_base import ScoredItem
from standards.items import ChoiceItem, MeasuredItem, MultiChoiceItem
from standards.models import Section, Standard
from standards.translate import plain_number
from standards.yamlplaces import describe, key_position, locate

Loc = tuple[object, ...]


class _Places:
    """Locations of sections and items in the tree, by id."""

    def __init__(self, root: CommentedMap) -> None:
        self.root = root
        self.items: dict[str, Loc] = {}
        self.sections: dict[str, Loc] = {}
        for s, section in enumerate(root.get("sections") or []):
            if isinstance(section, CommentedMap):
                self.sections.setdefault(str(section.get("id")), ("sections", s))
                for i, item in enumerate(section.get("items") or []):
                    if isinstance(item, CommentedMap):
                        self.items.setdefault(str(item.get("id")), ("sections", s, "items", i))

    def at(self, loc: Loc, key: str | None = None) -> tuple[int, int]:
        if key is None:
            return locate(self.root, loc)
        return locate(self.root, (*loc, key), at_key=True)


def _max_share(item: Any) -> float:
    """The largest share of its weight an item can earn."""
    if isinstance(item, ChoiceItem):
        return max((option.score or 0.0) for option in item.options)
    if isinstance(item, MultiChoiceItem):
        return item.best_share()
    if isinstance(item, MeasuredItem) and item.points is not None:
        return max(row.score for row in item.points)
    return 1.0


def _bonus_lift(section: Section) -> tuple[float, float] | None:
    """(bonus points, possible points) when the bonus items alone can fill the section."""
    scored = [i for i in section.items if isinstance(i, ScoredItem) and i.scored]
    bonus = sum(((i.weight or 0) * _max_share(i) for i in scored if i.bonus), 0.0)
    possible = sum(((i.weight or 0) for i in scored if not i.bonus and not i.penalty), 0.0)
    return (bonus, possible) if bonus > 0 and possible > 0 and bonus >= possible else None


def lint(standard: Standard, root: CommentedMap, path: str) -> list[Problem]:
    places = _Places(root)
    found: list[Problem] = []

    def warn(kind: str, loc: Loc, key: str | None = None, **fields: Any) -> None:
        code, message = render(kind, **fields)
        found.append(Problem(path, *places.at(loc, key), code, describe(root, loc) + message))

    for section in standard.sections:
        penalties = [i for i in section.items if i.scored and i.penalty]
        ordinary = [i for i in section.items if i.scored and not i.bonus and not i.penalty]
        if penalties and not ordinary:
            warn("penalty_alone", places.items[penalties[0].id], "penalty", section=section.id)
        lift = _bonus_lift(section)
        if lift is not None:
            first = next(i for i in section.items if i.scored and i.bonus)
            warn(
                "bonus_lift",
                places.items[first.id],
                "bonus",
                section=section.id,
                bonus=plain_number(lift[0]),
                possible=plain_number(lift[1]),
            )
    for item in standard.items():
        loc = places.items.get(item.id)
        if loc is None:
            continue
        if isinstance(item, MeasuredItem) and item.points is not None:
            floor = 0.0 if item.type == "duration" else None
            if uncovered(item.points, floor):
                warn("points_uncovered", loc, "points")
        if isinstance(item, MultiChoiceItem) and item.scored:
            best = item.best_share()
            if best < (item.pass_min or 0.0) - 1e-12:
                key = "pass_min" if "pass_min" in _node(root, loc) else None
                warn(
                    "multi_unreachable",
                    loc,
                    key,
                    pass_min=plain_number(item.pass_min),
                    best=plain_number(round(best, 4)),
                )
    used = {str(n.get("options")) for n in _item_nodes(root) if isinstance(n.get("options"), str)}
    for name in standard.option_sets:
        if name not in used:
            code, message = render("option_set_unused", name=name)
            at = key_position(root["option_sets"], name)
            found.append(Problem(path, *at, code, message))
    return found


def _node(root: CommentedMap, loc: Loc) -> CommentedMap:
    node: Any = root
    for part in loc:
        node = node[part]
    # ruamel's nodes index as Any; the locs asked for are items', and items are mappings.
    found: CommentedMap = node
    return found


def _item_nodes(root: CommentedMap) -> list[CommentedMap]:
    return [
        item
        for section in root.get("sections") or []
        if isinstance(section, CommentedMap)
        for item in section.get("items") or []
        if isinstance(item, CommentedMap)
    ]
