"""Stop the generator when a planted store, region or item no longer exists."""

from __future__ import annotations

from typing import Any

from standards import Standard

from .chain import REGIONS
from .spec import SCORED, is_steering


def check_planted(
    planted: dict[str, Any],
    scenarios: dict[str, dict[str, dict[str, float]]],
    standards: list[Standard],
    store_ids: list[str],
) -> None:
    """Raise SystemExit listing every problem, so a pattern never vanishes silently."""
    by_id = {s.id: s for s in standards}
    problems = []
    if planted["lagging_region"] not in REGIONS:
        problems.append(f"lagging region {planted['lagging_region']!r} is not one of {REGIONS}")
    stores = [
        *planted["improving_stores"],
        *planted["recurring_gaps"],
        *planted["critical_stores"],
        planted["demo_store"],
    ]
    problems += [f"store {s!r} does not exist" for s in stores if s not in store_ids]
    for store_id, per_standard in planted["recurring_gaps"].items():
        for standard_id, per_item in per_standard.items():
            standard = by_id.get(standard_id)
            if standard is None:
                problems.append(
                    f"standard {standard_id!r} (gap at {store_id}) is not in the library; "
                    f"found {sorted(by_id)}"
                )
                continue
            for item_id in per_item:
                item = standard.item(item_id) if standard.has_item(item_id) else None
                if item is None:
                    problems.append(
                        f"item {item_id!r} (gap at {store_id}) does not exist in "
                        f"standard {standard_id!r}"
                    )
                elif item.type not in SCORED or item.critical or item.bonus:
                    problems.append(
                        f"item {item_id!r} in {standard_id!r} cannot carry a gap: "
                        "it must be scored, not critical and not a bonus"
                    )
    if not any(i.critical for s in standards for i in s.items()):
        problems.append("no standard in the library has a critical item to fail")
    for standard_id, per_item in scenarios.items():
        standard = by_id.get(standard_id)
        if standard is None:
            problems.append(f"standard {standard_id!r} (SCENARIOS) is not in the library")
            continue
        for item_id, shares in per_item.items():
            item = standard.item(item_id) if standard.has_item(item_id) else None
            if item is None or not is_steering(item):
                problems.append(f"{item_id!r} is no steering question in {standard_id!r}")
            elif set(shares) != {o.id for o in item.options}:
                problems.append(
                    f"SCENARIOS for {item_id!r} must name exactly its options "
                    f"{[o.id for o in item.options]}"
                )
    if problems:
        raise SystemExit(
            "sample_data: the planted patterns no longer match the standards library; update "
            "PLANTED or SCENARIOS in sample_data/generate.py:\n  " + "\n  ".join(problems)
        )
