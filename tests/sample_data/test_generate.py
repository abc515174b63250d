"""The committed demo chain: reproducible, big enough, valid, and showing its planted patterns."""

from __future__ import annotations

import copy
import csv
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sample_data import generate as gen
from sample_data.checks import check_planted
from sample_data.spec import load_standards, show_if
from standards import parse_answer

BERLIN = ZoneInfo("Europe/Berlin")
ROLES = ("admin", "shopper", "reviewer", "regional_manager", "store_manager", "trainer")
DEMO_ACCOUNTS = ("admin", "shopper", "reviewer", "regional", "store", "trainer")


def _read(name: str) -> list[dict[str, str]]:
    with (gen.DEMO / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def standards():
    return {s.id: s for s in load_standards()}


@pytest.fixture(scope="module")
def visits(standards):
    return {sid: _read(f"visits_{sid}.csv") for sid in standards}


@pytest.fixture(scope="module")
def answers(standards):
    return {sid: _read(f"answers_{sid}.csv") for sid in standards}


@pytest.fixture(scope="module")
def yes_no(standards, visits, answers):
    """Every yes/no answer joined with its visit: (visit, item_id, passed)."""
    rows = []
    for sid, standard in standards.items():
        kinds = {i.id: i.type for i in standard.items()}
        by_id = {v["visit_id"]: v for v in visits[sid]}
        rows += [
            (by_id[a["visit_id"]], a["item_id"], a["value"] == "yes")
            for a in answers[sid]
            if kinds[a["item_id"]] == "yes_no" and a["value"] in ("yes", "no")
        ]
    return rows


def _pass_rate(rows) -> float:
    return sum(passed for *_, passed in rows) / len(rows)


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    gen.generate(tmp_path)
    committed = sorted(p.name for p in gen.DEMO.glob("*.csv"))
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (gen.DEMO / name).read_bytes(), name


def test_chain_has_regions_stores_staff_and_one_demo_account_per_role() -> None:
    stores, staff, users = _read("stores.csv"), _read("staff.csv"), _read("users.csv")
    regions, store_ids = {s["region"] for s in stores}, {s["store_id"] for s in stores}
    assert len(regions) >= 3
    assert len(stores) >= 24
    assert len(staff) >= 100
    assert {m["store_id"] for m in staff} == store_ids
    assert any(m["active"] == "false" for m in staff)
    assert sum("shopper" in u["roles"].split(";") for u in users) == 8
    by_name = {u["username"]: u for u in users}
    for role, username in zip(ROLES, DEMO_ACCOUNTS, strict=True):
        assert by_name[username]["roles"] == role
    assert by_name["regional"]["regions"] == gen.PLANTED["lagging_region"]
    for user in users:
        roles = user["roles"].split(";")
        assert set(roles) <= set(ROLES)
        assert user["email"].endswith(("@example.com", "@example.org"))
        assert user["language"] in ("de", "en")
        if "regional_manager" in roles:
            assert user["regions"] and set(user["regions"].split(";")) <= regions
        if "store_manager" in roles:
            assert user["stores"] and set(user["stores"].split(";")) <= store_ids


def test_visits_span_twelve_months_in_opening_hours(standards, visits) -> None:
    stores = {s["store_id"]: s for s in _read("stores.csv")}
    staff = {m["staff_id"]: m for m in _read("staff.csv")}
    shoppers = {u["username"] for u in _read("users.csv") if "shopper" in u["roles"]}
    everything = [v for rows in visits.values() for v in rows]
    assert len(everything) >= 1500
    months = {v["visited_at"][:7] for v in everything}
    assert len(months) == 12 and min(months) == "2025-11" and max(months) == "2026-10"
    assert len({v["visit_id"] for v in everything}) == len(everything)
    for sid, rows in visits.items():
        for v in rows:
            assert v["channel"] == standards[sid].channel
            assert v["region"] == stores[v["store_id"]]["region"]
            assert v["shopper_id"] in shoppers
            assert not v["staff_id"] or staff[v["staff_id"]]["store_id"] == v["store_id"]
            start, end = (datetime.fromisoformat(v[k]) for k in ("visited_at", "ended_at"))
            assert start.utcoffset() == start.astimezone(BERLIN).utcoffset()
            assert start.weekday() < 6 and 9 <= start.hour < 20
            assert end > start
            assert v["status"] == "approved" or (
                v["status"] == "submitted" and v["visited_at"] >= "2026-10-18"
            )
    assert any(v["status"] == "submitted" for v in everything)


def test_every_answer_is_a_canonical_value_of_a_visible_item(standards, visits, answers) -> None:
    total = 0
    for sid, standard in standards.items():
        visit_ids = {v["visit_id"] for v in visits[sid]}
        given: dict[str, dict[str, str]] = defaultdict(dict)
        for a in answers[sid]:
            assert a["visit_id"] in visit_ids
            item = standard.item(a["item_id"])
            assert item.type != "photo"
            parsed = parse_answer(item, a["value"])
            assert ("na" if parsed.na else parsed.value) == a["value"], a
            cond = show_if(item)
            if cond is not None:
                assert given[a["visit_id"]].get(cond[0]) in cond[1], a
            given[a["visit_id"]][item.id] = a["value"]
            if item.require_comment == "always":
                assert a["comment"], a
        total += len(answers[sid])
    assert total >= 50_000


def test_failed_items_that_need_a_comment_have_one(standards, answers) -> None:
    for sid, standard in standards.items():
        for a in answers[sid]:
            item = standard.item(a["item_id"])
            if item.require_comment == "on_fail" and item.type == "yes_no" and a["value"] == "no":
                assert a["comment"], a


def test_recurring_gap_stores_fail_their_items_far_more_than_other_stores(yes_no) -> None:
    for store_id, per_standard in gen.PLANTED["recurring_gaps"].items():
        for item_ids in per_standard.values():
            for item_id in item_ids:
                rows = [r for r in yes_no if r[1] == item_id]
                here = [r for r in rows if r[0]["store_id"] == store_id]
                elsewhere = [r for r in rows if r[0]["store_id"] != store_id]
                assert here, (store_id, item_id)
                assert _pass_rate(elsewhere) - _pass_rate(here) > 0.25, (store_id, item_id)


def test_lenient_shopper_passes_more_than_the_strict_one(yes_no) -> None:
    def rate(shopper: str) -> float:
        return _pass_rate([r for r in yes_no if r[0]["shopper_id"] == shopper])

    assert rate(gen.PLANTED["lenient_shopper"]) > rate(gen.PLANTED["strict_shopper"]) + 0.1


def test_lagging_region_passes_less_than_the_others(yes_no) -> None:
    lagging = gen.PLANTED["lagging_region"]
    inside = [r for r in yes_no if r[0]["region"] == lagging]
    outside = [r for r in yes_no if r[0]["region"] != lagging]
    assert _pass_rate(inside) < _pass_rate(outside) - 0.04


def test_improving_stores_pass_more_at_the_end_of_the_year(yes_no) -> None:
    for store_id in gen.PLANTED["improving_stores"]:
        rows = [r for r in yes_no if r[0]["store_id"] == store_id]
        early = [r for r in rows if r[0]["visited_at"] < "2026-02"]
        late = [r for r in rows if r[0]["visited_at"] >= "2026-08"]
        assert _pass_rate(late) > _pass_rate(early) + 0.15, store_id


def test_critical_fails_are_few_and_concentrated_at_the_planted_stores(
    standards, visits, answers
) -> None:
    failed_at: dict[str, int] = defaultdict(int)
    for sid, standard in standards.items():
        critical = {i.id for i in standard.items() if i.critical}
        store_of = {v["visit_id"]: v["store_id"] for v in visits[sid]}
        failed = {
            a["visit_id"] for a in answers[sid] if a["item_id"] in critical and a["value"] == "no"
        }
        for visit_id in failed:
            failed_at[store_of[visit_id]] += 1
    total = sum(failed_at.values())
    planted = sum(failed_at[s] for s in gen.PLANTED["critical_stores"])
    all_visits = sum(len(rows) for rows in visits.values())
    assert 0.01 < total / all_visits < 0.06
    assert planted > total / 2


def test_a_planted_item_missing_from_its_standard_stops_the_run(standards) -> None:
    planted = copy.deepcopy(gen.PLANTED)
    per_standard = next(iter(planted["recurring_gaps"].values()))
    per_standard[next(iter(per_standard))] = {"no_such_item": 0.7}
    store_ids = [s["store_id"] for s in _read("stores.csv")]
    with pytest.raises(SystemExit, match="no_such_item"):
        check_planted(planted, gen.SCENARIOS, list(standards.values()), store_ids)
