"""When, where, by whom and with whom each demo visit happens."""

from __future__ import annotations

import uuid
from datetime import timedelta

import numpy as np

from .chain import StaffMember, Store, User
from .model import Visit
from .rand import rng_for
from .timeline import MONTHS, REVIEW_BACKLOG_FROM, local_time, shop_days

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/mystery-audit/demo")

# channel: (mean visits per store and month, share with a staff member named, minutes taken)
PLAN = {
    "in_store": (4.3, 0.93, (12, 35)),
    "phone": (1.05, 0.8, (3, 12)),
    "email": (0.75, 0.0, (5, 15)),
    "chat": (0.75, 0.0, (6, 20)),
    "web": (0.75, 0.0, (5, 15)),
}
OPENING = (10 * 60, 19 * 60 + 30)  # first and last start of a visit, minutes after midnight
HOME_WEIGHT = 3.0  # a shopper visits their home regions this much more often
SUBMITTED_SHARE = 0.55  # of the visits in the last two weeks, still awaiting review


def plan_visits(
    standard_id: str,
    channel: str,
    stores: list[Store],
    staff: list[StaffMember],
    shoppers: list[User],
) -> list[Visit]:
    mean, staff_share, (short, long) = PLAN[channel]
    visits = []
    for store in stores:
        first = len(visits)
        team = [m for m in staff if m.store_id == store.store_id]
        weights = np.array(
            [
                HOME_WEIGHT if store.region in u.home_regions or not u.home_regions else 1.0
                for u in shoppers
            ]
        )
        for month in range(MONTHS):
            rng = rng_for("plan", standard_id, store.store_id, str(month))
            count = int(mean) + int(rng.random() < mean - int(mean))
            days = shop_days(month)
            picked = sorted(rng.choice(len(days), size=count, replace=False)) if count else []
            for seq, day_index in enumerate(picked):
                day = days[int(day_index)]
                start = local_time(day, int(rng.integers(OPENING[0], OPENING[1] + 1)))
                end = start + timedelta(minutes=int(rng.integers(short, long + 1)))
                on_shift = [m for m in team if m.left_month is None or m.left_month > month]
                staff_id = None
                if on_shift and rng.random() < staff_share:
                    staff_id = on_shift[int(rng.integers(len(on_shift)))].staff_id
                shopper = shoppers[int(rng.choice(len(shoppers), p=weights / weights.sum()))]
                waiting = day >= REVIEW_BACKLOG_FROM and rng.random() < SUBMITTED_SHARE
                key = f"{standard_id}/{store.store_id}/{month:02d}/{seq}"
                visits.append(
                    Visit(
                        visit_id=str(uuid.uuid5(NAMESPACE, key)),
                        standard_id=standard_id,
                        channel=channel,
                        store=store,
                        month=month,
                        start=start,
                        end=end,
                        staff_id=staff_id,
                        shopper=shopper.username,
                        status="submitted" if waiting else "approved",
                        seq=len(visits) - first,
                    )
                )
    return sorted(visits, key=lambda v: (v.start, v.visit_id))
