"""Which items a visit shows, given the answers so far (`show_if`)."""

from collections.abc import Mapping

from standards.models import Standard


def visible_items(standard: Standard, answers: Mapping[str, str | None]) -> set[str]:
    """Ids of the items shown for these answers (item id -> canonical value, None for N/A).

    An item is shown when it has no condition, or its condition's item is itself shown and
    was answered with one of the listed values. The loader guarantees conditions point to
    earlier items, so one pass in file order settles every chain.
    """
    shown: set[str] = set()
    for item in standard.items():
        condition = item.show_if
        if condition is None or (
            condition.item in shown and answers.get(condition.item) in condition.values
        ):
            shown.add(item.id)
    return shown
