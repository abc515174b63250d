"""Which items a visit shows, given the answers so far (`show_if`)."""

from collections.abc import Mapping

from standards.models import Standard


def visible_items(standard: Standard, answers: Mapping[str, str | None]) -> set[str]:
    """Ids of the items shown for these answers (item id -> canonical value, None for N/A).

    An item is shown when it has no condition or its condition holds; a leaf of a condition
    holds only when its item is itself shown and answered (not N/A). The loader guarantees
    conditions name earlier items, so one pass in file order settles every chain.
    """
    multi = {item.id for item in standard.items() if item.type == "multi_choice"}
    shown: set[str] = set()
    for item in standard.items():
        if item.show_if is None or item.show_if.holds(answers, shown, multi):
            shown.add(item.id)
    return shown
