"""The latent model behind every answer: how likely an item passes on a given visit.

logit P(pass) = item difficulty + store quality + region effect + month trend + staff effect
                + the visit's "form of the day"; then the planted overrides (recurring gaps,
critical stores) and the shopper's bias, which moves probability mass between pass and fail on
judgement items. All effect sizes live here; the planted stores, items and shoppers in
`generate.PLANTED`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from standards import Item, Standard

from .chain import StaffMember, Store
from .rand import rng_for, unit_hash

STORE_SD = 0.25  # spread of store quality (logit)
STAFF_SD = 0.35  # spread of staff members, on items about staff
DAY_SD = 0.45  # the visit's form of the day
LAGGING_REGION = -0.8
IMPROVING_FROM, IMPROVING_TO = -1.5, 0.4  # improving stores, month 0 -> month 11
CHAIN_TREND = 0.2  # the whole chain, over the year
DECEMBER_DIP = -0.3  # Christmas rush in the stores
CRITICAL_VISIT_FAIL = 0.005  # share of visits failing some critical item, most stores
CRITICAL_STORE_VISIT_FAIL = 0.25  # the same at the planted critical stores
LENIENT_FLIP = 0.45  # share of fails a lenient shopper books as passes
STRICT_FLIP = 0.12  # share of passes a strict shopper books as fails
# A recurring gap is a problem nobody fixes, so it must show in every stretch of visits, not
# only on average: this share of its fails is spread evenly over the store's visits, the rest
# falls at random.
GAP_EVEN_SHARE = 0.85


@dataclass(frozen=True)
class Visit:
    visit_id: str
    standard_id: str
    channel: str
    store: Store
    month: int
    start: datetime
    end: datetime
    staff_id: str | None
    shopper: str
    status: str
    seq: int  # how many visits of this standard the store had before


class PassModel:
    def __init__(
        self,
        stores: list[Store],
        staff: list[StaffMember],
        planted: dict,
        standards: list[Standard],
    ) -> None:
        self.planted = planted
        self.critical_count = {s.id: sum(i.critical for i in s.items()) for s in standards}
        special = set(planted["improving_stores"]) | set(planted["critical_stores"])
        self.store_quality = {
            s.store_id: 0.0
            if s.store_id in special
            else float(rng_for("store-quality", s.store_id).normal(0, STORE_SD))
            for s in stores
        }
        self.staff_effect = {
            m.staff_id: float(rng_for("staff-effect", m.staff_id).normal(0, STAFF_SD))
            for m in staff
        }
        self.gaps: dict[tuple[str, str, str], float] = {
            (store_id, std_id, item_id): fail_rate
            for store_id, per_std in planted["recurring_gaps"].items()
            for std_id, per_item in per_std.items()
            for item_id, fail_rate in per_item.items()
        }

    def visit_offset(self, visit: Visit, rng: np.random.Generator) -> float:
        store = visit.store
        offset = self.store_quality[store.store_id] + float(rng.normal(0, DAY_SD))
        offset += CHAIN_TREND * (visit.month / 11 - 0.5)
        if store.region == self.planted["lagging_region"]:
            offset += LAGGING_REGION
        if store.store_id in self.planted["improving_stores"]:
            offset += IMPROVING_FROM + (IMPROVING_TO - IMPROVING_FROM) * visit.month / 11
        if visit.channel == "in_store" and visit.start.month == 12:
            offset += DECEMBER_DIP
        return offset

    def pass_probability(self, standard_id: str, item: Item, visit: Visit, offset: float) -> float:
        store_id = visit.store.store_id
        if item.critical:  # shared out so that a visit fails some critical item at the rate
            at_risk = store_id in self.planted["critical_stores"]
            visit_fail = CRITICAL_STORE_VISIT_FAIL if at_risk else CRITICAL_VISIT_FAIL
            return (1.0 - visit_fail) ** (1.0 / self.critical_count[standard_id])
        gap = self.gaps.get((store_id, standard_id, item.id))
        if gap is not None:
            even = GAP_EVEN_SHARE * gap
            if _evenly(even, visit.seq, unit_hash("gap", store_id, standard_id, item.id)):
                return 0.0
            return 1.0 - (gap - even) / (1.0 - even)
        logit = _logit(base_pass_rate(standard_id, item)) + offset
        if item.subject == "staff" and visit.staff_id:
            logit += self.staff_effect[visit.staff_id]
        p = 1.0 / (1.0 + math.exp(-logit))
        if item.type != "number":  # a measured number is no matter of judgement
            if visit.shopper == self.planted["lenient_shopper"]:
                p += (1.0 - p) * LENIENT_FLIP
            elif visit.shopper == self.planted["strict_shopper"]:
                p -= p * STRICT_FLIP
        return p


def base_pass_rate(standard_id: str, item: Item) -> float:
    """The chain-wide difficulty of an item: most pass 72-94 % of the time, bonus items less."""
    h = unit_hash(standard_id, item.id)
    if item.bonus:
        return 0.30 + 0.30 * h
    return 0.72 + 0.22 * h


def _evenly(rate: float, seq: int, phase: float) -> bool:
    """True for `rate` of the visits, spread evenly over the store's sequence of visits."""
    return math.floor((seq + 1) * rate + phase) > math.floor(seq * rate + phase)


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))
