"""The dashboards' figures, from published visits and monthly figures (pandas only).

Every figure carries its visit count; rates carry their 90 % Wilson interval
(specs/statistics.md). Periods are whole calendar months.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scoring.gaps import judge_pairs
from scoring.intervals import wilson
from scoring.rankings import rank_units
from scoring.trends import months

TREND_MONTHS = 12
"""The trend shows at least this many months up to the period's end, for context."""
DEFAULT_MONTHS = 3
"""The default period holds this many months with published visits."""


def month_start(month: dt.date, shift: int) -> dt.date:
    """The first day of the month `shift` months after `month` (before, when negative)."""
    index = month.year * 12 + month.month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    """Whole calendar months from `first` to `last` (both first days of months)."""

    first: dt.date
    last: dt.date

    @property
    def length(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def previous(self) -> "Period":
        """The same number of months just before."""
        return Period(month_start(self.first, -self.length), month_start(self.first, -1))

    def trend(self) -> "Period":
        """The period, widened back to TREND_MONTHS months when it is shorter."""
        return Period(min(self.first, month_start(self.last, 1 - TREND_MONTHS)), self.last)

    def months(self) -> list[dt.date]:
        """Every month of the period, oldest first."""
        return [month_start(self.first, n) for n in range(self.length)]


def default_period(with_visits: Iterable[dt.date], wanted: int = DEFAULT_MONTHS) -> Period | None:
    """The period a dashboard opens with, from the months that hold published visits: it
    ends at the last of them and starts far enough back to hold `wanted` of them, spanning
    at most TREND_MONTHS months. A plain "last three months" would, after one early approval
    in a month that follows empty ones, open on a period of mostly empty months. None when
    no month has visits."""
    months = sorted(set(with_visits), reverse=True)
    if not months:
        return None
    last = months[0]
    return Period(max(months[: max(wanted, 1)][-1], month_start(last, 1 - TREND_MONTHS)), last)


@dataclass(frozen=True)
class Comparison:
    """Which months of a period and of the one before it are compared.

    Month n of the period is paired with month n of the previous period; a pair where either
    month has no visits leaves the comparison whole, so the change compares like with like
    (a month without visits is no drop in visits)."""

    missing: tuple[dt.date, ...]
    """Months of either period without visits, oldest first."""
    now: tuple[dt.date, ...]
    """The period's months that are compared."""
    before: tuple[dt.date, ...]
    """Their partners in the previous period."""

    @property
    def complete(self) -> bool:
        return not self.missing


def compare_months(period: Period, with_visits: Iterable[dt.date]) -> Comparison:
    """The comparison of `period` with the one before it, given the months with visits."""
    held = set(with_visits)
    pairs = list(zip(period.months(), period.previous().months(), strict=True))
    kept = [(now, before) for now, before in pairs if now in held and before in held]
    missing = sorted(m for pair in pairs for m in pair if m not in held)
    return Comparison(
        tuple(missing), tuple(now for now, _ in kept), tuple(before for _, before in kept)
    )


def trend_months(period: Period, with_visits: Iterable[dt.date]) -> list[dt.date]:
    """The months a trend chart shows for `period`: its trend months (Period.trend), less
    those before the first month with visits there, unless they belong to the period itself
    (months before any record are no gaps)."""
    trend = period.trend()
    inside = [month for month in with_visits if trend.first <= month <= trend.last]
    first = min([*inside, period.first])
    return [month for month in trend.months() if month >= first]


def month_runs(months: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Months grouped into runs of consecutive months: (first, last) each, oldest first."""
    runs: list[tuple[dt.date, dt.date]] = []
    for month in sorted(set(months)):
        if runs and month_start(runs[-1][1], 1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def with_months(visits: pd.DataFrame) -> pd.DataFrame:
    """The visits with a `month` column: the first day of their local calendar month."""
    return visits.assign(month=months(visits["visited_at"]).dt.start_time.dt.date)


def in_period(visits: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Visits (with a `month` column) whose month lies in the period."""
    inside = (visits["month"] >= period.first) & (visits["month"] <= period.last)
    return visits.loc[inside]


def key_figures(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Rows mean_score, visits, critical_share with columns now, before, change.

    Visits without a score (nothing applicable) count as visits but not in the mean."""

    def figures(visits: pd.DataFrame) -> dict[str, float]:
        count = len(visits)
        return {
            "mean_score": float(visits["score"].mean()) if count else np.nan,
            "visits": float(count),
            "critical_share": float(visits["critical_failed"].mean()) if count else np.nan,
        }

    table = pd.DataFrame({"now": figures(now), "before": figures(before)})
    table["change"] = table["now"] - table["before"]
    return table


def compared_figures(visits: pd.DataFrame, period: Period) -> tuple[pd.DataFrame, Comparison]:
    """`key_figures` of the period (now) and the period before (before) from visits with a
    `month` column, the change taken over the compared months only (`compare_months`): no
    change at all when no pair of months has visits on both sides."""
    comparison = compare_months(period, visits["month"].unique())
    now, before = in_period(visits, period), in_period(visits, period.previous())
    table = key_figures(now, before)
    if comparison.complete:
        return table, comparison
    like = key_figures(
        now[now["month"].isin(comparison.now)], before[before["month"].isin(comparison.before)]
    )
    table["change"] = like["change"] if comparison.now else np.nan
    return table, comparison


def score_distribution(visits: pd.DataFrame, width: float = 5.0) -> pd.DataFrame:
    """Visits per score bin of `width` points: low, high, visits (100 falls in the top bin)."""
    edges = np.arange(0.0, 100.0 + width, width)
    scores = visits["score"].dropna().to_numpy()
    counts, _ = np.histogram(scores, bins=edges)
    return pd.DataFrame({"low": edges[:-1], "high": edges[1:], "visits": counts})


def band_shares(visits: pd.DataFrame, labels: dict[tuple[int, float], str]) -> pd.DataFrame:
    """Share of scored visits per band label, best band first: band, visits, share (labels
    keyed by standard version id and the band's min, so versions with the same labels add
    up)."""
    scored = visits.loc[visits["band_min"].notna()]
    keys = zip(scored["standard_version_id"], scored["band_min"], strict=True)
    names = [labels.get((int(v), float(b)), "") for v, b in keys]
    grouped = (
        pd.DataFrame({"band": names, "band_min": scored["band_min"].to_numpy()})
        .groupby("band", sort=False)
        .agg(visits=("band_min", "size"), order=("band_min", "max"))
        .reset_index()
        .sort_values(["order", "band"], ascending=[False, True])
    )
    grouped["share"] = grouped["visits"] / max(len(scored), 1)
    return grouped.drop(columns="order").reset_index(drop=True)


def section_means(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A store x section table of mean section scores from summed monthly figures (rows
    store_id, columns section_id) and the matching visit counts."""
    means = figures.pivot_table(
        index="store_id", columns="section_id", values="mean", aggfunc="first"
    )
    counts = figures.pivot_table(
        index="store_id", columns="section_id", values="visits", aggfunc="first"
    )
    return means, counts.fillna(0).astype(int)


def item_rates(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Per standard and item: applicable, failed, stores, fail_rate, ci_low, ci_high,
    previous_fail_rate, change; highest fail rate first."""
    key = ["standard_id", "item_id"]
    table = now.groupby(key, as_index=False)[["applicable", "failed", "stores"]].sum()
    if before.empty:
        before = pd.DataFrame(columns=[*key, "applicable", "failed"])
    table = table[table["applicable"] > 0].copy()
    table["fail_rate"] = table["failed"] / table["applicable"]
    table["ci_low"], table["ci_high"] = wilson(table["failed"], table["applicable"])
    earlier = before.groupby(key)[["applicable", "failed"]].sum()
    earlier = (earlier["failed"] / earlier["applicable"].where(earlier["applicable"] > 0)).rename(
        "previous_fail_rate"
    )
    table = table.join(earlier, on=key)
    table["change"] = table["fail_rate"] - table["previous_fail_rate"]
    order = ["fail_rate", "standard_id", "item_id"]
    return table.sort_values(order, ascending=[False, True, True]).reset_index(drop=True)


def monthly_rates(by_month: pd.DataFrame, months_shown: list[dt.date]) -> pd.Series:
    """Per standard and item, the fail rate of each month in order, months where the item did
    not apply left out: the small trend line beside each item (the chart cannot draw gaps)."""
    rates = by_month.assign(rate=by_month["failed"] / by_month["applicable"])
    wide = rates.pivot_table(
        index=["standard_id", "item_id"], columns="month", values="rate", aggfunc="first"
    ).reindex(columns=months_shown)
    return pd.Series(
        [[float(v) for v in row if not np.isnan(v)] for row in wide.to_numpy()],
        index=wide.index,
        dtype=object,
    )


def recurring(pairs: pd.DataFrame, chain: pd.DataFrame, q: float = 0.10) -> pd.DataFrame:
    """Recurring gaps and pairs unlikely to be chance (`scoring.gaps.judge_pairs`) from every
    store-item pair's latest results, judged against the chain-wide fail rate per standard
    and item from `chain` (applicable, failed). Sorted with the pairs unlikely to be chance
    first, then by p-value (pairs without a rate last)."""
    rates = chain.groupby(["standard_id", "item_id"])[["applicable", "failed"]].sum()
    rate = (rates["failed"] / rates["applicable"].where(rates["applicable"] > 0)).rename(
        "chain_fail_rate"
    )
    # An item without chain-wide results gets no p-value and is never marked unusual.
    joined = pairs.join(rate, on=["standard_id", "item_id"])
    gaps = judge_pairs(joined, q=q)
    order = ["unlikely_chance", "p_value", "store_id", "item_id"]
    return gaps.sort_values(order, ascending=[False, True, True, True], kind="stable").reset_index(
        drop=True
    )


def section_table(
    by_month: pd.DataFrame, titles: dict[str, str], period: Period, trend: Period
) -> pd.DataFrame:
    """One store's sections in the standard's order: section (title), mean and visits in the
    period, and trend (the monthly means over the trend months that had visits)."""
    shown = [month_start(trend.first, n) for n in range(trend.length)]
    inside = by_month[(by_month["month"] >= period.first) & (by_month["month"] <= period.last)]
    totals = inside.groupby("section_id")[["visits", "score_sum"]].sum()
    monthly = by_month.pivot_table(
        index="section_id", columns="month", values="mean", aggfunc="first"
    ).reindex(columns=shown)
    rows = []
    for section_id, title in titles.items():
        visits = int(totals["visits"].get(section_id, 0))
        series = monthly.loc[section_id] if section_id in monthly.index else None
        rows.append(
            {
                "section": title,
                "mean": totals["score_sum"].get(section_id, np.nan) / visits if visits else np.nan,
                "visits": visits,
                "trend": [] if series is None else [float(v) for v in series if v == v],
            }
        )
    return pd.DataFrame(rows, columns=["section", "mean", "visits", "trend"])


def staff_ranking(visits: pd.DataFrame, min_group: int) -> tuple[pd.DataFrame, list[str]]:
    """Staff ranked within their store on the staff-only score (specs/statistics.md "Staff
    figures"): only visits with an identified staff member and a staff score. Stores where
    fewer than `min_group` staff have results are left out and returned by id."""
    data = visits.loc[visits["staff_id"].notna() & visits["staff_score"].notna()]
    people = data.groupby("store_id")["staff_id"].nunique()
    small = sorted(people[people < min_group].index)
    data = data[~data["store_id"].isin(small)]
    table = rank_units(data, "staff_id", score="staff_score", parent="store_id")
    if not table.empty:
        store_of = data.drop_duplicates("staff_id").set_index("staff_id")["store_id"]
        table.insert(1, "store_id", table["unit"].map(store_of))
    return table, small
