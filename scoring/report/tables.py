"""The report's tables, one per sheet, computed from ReportData with pandas only.

Texts (titles, item wording, band labels) are resolved in the reader's language here; the
columns keep their plain keys, and the workbook writer turns them into headers and formats.
Rates are shares 0..1, scores percent 0..100, changes in rate points (shares).
"""

import numpy as np
import pandas as pd

from locales import translate
from scoring.dashboard import item_rates, key_figures, recurring
from scoring.report.data import ReportData
from standards import text_in

ITEM_KEY = ["standard_id", "item_id"]


def item_texts(data: ReportData, lang: str) -> pd.DataFrame:
    """Every item of the report's standards in the standards' order: standard_id, item_id,
    standard, section, item, subject, order."""
    rows = []
    for standard_id in sorted(data.standards):
        standard = data.standards[standard_id]
        for section in standard.sections:
            for item in section.items:
                rows.append(
                    {
                        "standard_id": standard_id,
                        "item_id": item.id,
                        "standard": text_in(standard.title, lang),
                        "section": text_in(section.title, lang),
                        "item": text_in(item.text, lang),
                        "subject": item.subject,
                        "order": len(rows),
                    }
                )
    columns = ["standard_id", "item_id", "standard", "section", "item", "subject", "order"]
    return pd.DataFrame(rows, columns=columns)


def summary_figures(data: ReportData) -> pd.DataFrame:
    """Rows mean_score, visits, critical_share; columns now, before, change."""
    return key_figures(data.visits, data.before)


def gap_rows(data: ReportData, lang: str) -> pd.DataFrame:
    """Items by fail rate: standard, section, item, fail_rate, ci_low, ci_high, applicable,
    failed, stores, recurring_stores, previous_fail_rate, change, comments (how many
    comments on failures), with standard_id and item_id; highest fail rate first."""
    rates = item_rates(data.items_now, data.items_before)
    gaps = recurring_rows(data, lang)
    per_item = gaps.groupby(ITEM_KEY)["store_id"].nunique().rename("recurring_stores")
    rates = rates.join(per_item, on=ITEM_KEY)
    rates["recurring_stores"] = rates["recurring_stores"].fillna(0).astype(int)
    counts = (
        data.comments.groupby(ITEM_KEY)["total"].first().rename("comments")
        if not data.comments.empty
        else pd.Series(dtype=int, name="comments")
    )
    rates = rates.join(counts, on=ITEM_KEY)
    rates["comments"] = rates["comments"].fillna(0).astype(int)
    texts = item_texts(data, lang).drop(columns=["subject", "order"])
    table = rates.merge(texts, on=ITEM_KEY, how="left")
    table["item"] = table["item"].fillna(table["item_id"])
    table["section"] = table["section"].fillna("")
    table["standard"] = table["standard"].fillna(table["standard_id"])
    return table


def recurring_rows(data: ReportData, lang: str) -> pd.DataFrame:
    """Recurring gaps in the report's stores (judged chain-wide, as on the dashboards):
    region, store_id, store, standard, item, failures, window, last_failed_at (local),
    unlikely_chance, p_value, chance (the sentence), action, owner, due_date; the gaps
    unlikely to be chance first."""
    gaps = recurring(data.candidates, data.chain_items)
    if data.standards:
        gaps = gaps[gaps["standard_id"].isin(list(data.standards))]
    gaps = gaps[gaps["store_id"].isin(data.stores["store_id"])]
    stores = data.stores.set_index("store_id")
    texts = item_texts(data, lang).set_index(ITEM_KEY)
    actions = data.actions.drop_duplicates([*ITEM_KEY, "store_id"]).set_index(
        ["store_id", *ITEM_KEY]
    )
    keys = list(zip(gaps["store_id"], gaps["standard_id"], gaps["item_id"], strict=True))
    found = actions.reindex(keys)
    item_keys = list(zip(gaps["standard_id"], gaps["item_id"], strict=True))
    named = texts.reindex(item_keys)
    return pd.DataFrame(
        {
            "region": gaps["store_id"].map(stores["region"]).to_numpy(),
            "store_id": gaps["store_id"].to_numpy(),
            "store": gaps["store_id"].map(stores["name"]).to_numpy(),
            "standard_id": gaps["standard_id"].to_numpy(),
            "item_id": gaps["item_id"].to_numpy(),
            "standard": named["standard"]
            .fillna(pd.Series(gaps["standard_id"].to_numpy(), index=named.index))
            .to_numpy(),
            "item": named["item"]
            .fillna(pd.Series(gaps["item_id"].to_numpy(), index=named.index))
            .to_numpy(),
            "failures": gaps["failures"].to_numpy(),
            "window": gaps["window"].to_numpy(),
            "last_failed_at": local_naive(gaps["last_failed_at"]).to_numpy(),
            "unlikely_chance": gaps["unlikely_chance"].astype(bool).to_numpy(),
            "p_value": gaps["p_value"].to_numpy(dtype=float),
            "chance": [chance_sentence(row, lang) for row in gaps.itertuples()],
            "action": [
                translate(lang, f"action.{status}") if isinstance(status, str) else ""
                for status in found["status"]
            ],
            "owner": found["owner"].fillna("").to_numpy(),
            "due_date": found["due_date"].to_numpy(),
        }
    )


def chance_sentence(gap, lang: str) -> str:
    """How unusual a gap is, in one sentence (specs/statistics.md)."""
    if gap.p_value != gap.p_value:
        return translate(lang, "dash.chance_unknown")
    per_thousand = gap.p_value * 1000
    chance = (
        translate(lang, "dash.chance_per_thousand", count=f"{per_thousand:.0f}")
        if per_thousand >= 1
        else translate(lang, "dash.chance_rare")
    )
    return translate(
        lang,
        "dash.chance_sentence",
        failures=gap.recent_failures,
        window=gap.recent_window,
        chance=chance,
    )


def local_naive(moments: pd.Series) -> pd.Series:
    """Moments in the organisation's time zone without the zone: Excel stores none."""
    from scoring.trends import LOCAL_ZONE

    stamps = pd.to_datetime(moments, utc=True)
    return stamps.dt.tz_convert(LOCAL_ZONE).dt.tz_localize(None)


def store_item_matrix(
    data: ReportData, items: pd.DataFrame, region_label: str = "{region}"
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Fail rates of each store (rows) on each item (columns keyed by standard and item id),
    with a row per region before its stores: kind (region or store), region, store_id,
    store, visits, then one column per item. Items follow `items` (the gap order); a cell
    is empty where the item never applied."""
    columns = list(zip(items["standard_id"], items["item_id"], strict=True))
    figures = data.store_items.merge(data.stores[["store_id", "region_id"]], on="store_id")
    visits = data.visits.groupby("store_id").size()

    def rates(frame: pd.DataFrame, key: str) -> pd.DataFrame:
        summed = frame.groupby([key, *ITEM_KEY])[["applicable", "failed"]].sum()
        rate = summed["failed"] / summed["applicable"].where(summed["applicable"] > 0)
        wide = rate.unstack(ITEM_KEY)
        return wide.reindex(columns=pd.MultiIndex.from_tuples(columns, names=ITEM_KEY))

    by_store = rates(figures, "store_id")
    by_region = rates(figures, "region_id")
    stores = data.stores.sort_values(["region", "name", "store_id"])
    parts = []
    for (region_id, region), group in stores.groupby(["region_id", "region"], sort=False):
        head = pd.DataFrame(
            {
                "kind": ["region"],
                "region": [region],
                "store_id": [""],
                "store": [region_label.format(region=region)],
                "visits": [int(visits.reindex(group["store_id"]).fillna(0).sum())],
            }
        )
        head_rates = by_region.reindex([region_id]).to_numpy()
        body = pd.DataFrame(
            {
                "kind": "store",
                "region": region,
                "store_id": group["store_id"].to_numpy(),
                "store": group["name"].to_numpy(),
                "visits": visits.reindex(group["store_id"]).fillna(0).astype(int).to_numpy(),
            }
        )
        body_rates = by_store.reindex(group["store_id"]).to_numpy()
        parts.append((head, head_rates))
        parts.append((body, body_rates))
    if not parts:
        empty = pd.DataFrame(columns=["kind", "region", "store_id", "store", "visits"])
        return empty, columns
    frames = [frame for frame, _ in parts]
    values = np.vstack([block for _, block in parts])
    table = pd.concat(frames, ignore_index=True)
    wide = pd.DataFrame(values, columns=range(len(columns)))
    return pd.concat([table, wide], axis=1), columns


def coaching_rows(data: ReportData, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Per staff member and failed staff item: region, store_id, store, staff (name or code
    as the setting says), standard, item, failed, applicable, fail_rate, staff_visits;
    sorted by store, staff and failures. Stores with fewer than `min_group` staff with
    results are left out and returned by id."""
    columns = [
        "region",
        "store_id",
        "store",
        "staff",
        "standard",
        "item",
        "failed",
        "applicable",
        "fail_rate",
    ]
    if data.staff is None or data.staff.empty:
        return pd.DataFrame(columns=columns), []
    staff = data.staff[data.staff["store_id"].isin(data.stores["store_id"])]
    staff = staff[staff["applicable"] > 0]
    people = staff.groupby("store_id")["staff_id"].nunique()
    small = sorted(people[people < data.min_group].index)
    failed = staff[~staff["store_id"].isin(small) & (staff["failed"] > 0)]
    texts = item_texts(data, lang).set_index(ITEM_KEY)
    stores = data.stores.set_index("store_id")
    named = texts.reindex(list(zip(failed["standard_id"], failed["item_id"], strict=True)))
    table = pd.DataFrame(
        {
            "region": failed["store_id"].map(stores["region"]).to_numpy(),
            "store_id": failed["store_id"].to_numpy(),
            "store": failed["store_id"].map(stores["name"]).to_numpy(),
            "staff": [
                data.staff_names.get(s, s) if data.staff_display == "named" else s
                for s in failed["staff_id"]
            ],
            "standard": named["standard"].fillna("").to_numpy(),
            "item": np.where(
                named["item"].isna(), failed["item_id"].to_numpy(), named["item"].to_numpy()
            ),
            "failed": failed["failed"].astype(int).to_numpy(),
            "applicable": failed["applicable"].astype(int).to_numpy(),
        }
    )
    table["fail_rate"] = table["failed"] / table["applicable"]
    table = table.sort_values(
        ["region", "store", "staff", "failed", "item"],
        ascending=[True, True, True, False, True],
        kind="stable",
    )
    return table.reset_index(drop=True)[columns], small


def comment_rows(data: ReportData, order: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Shoppers' comments on failed items, grouped by item in `order` (the gap order), newest
    first within an item: standard_id, item_id, section, item, visited_at, region, store,
    comment."""
    columns = ["standard_id", "item_id", "section", "item", "visited_at", "region", "store"]
    if data.comments.empty:
        return pd.DataFrame(columns=[*columns, "comment"])
    rank = {
        key: n for n, key in enumerate(zip(order["standard_id"], order["item_id"], strict=True))
    }
    comments = data.comments.assign(
        place=[
            rank.get(key, len(rank))
            for key in zip(data.comments["standard_id"], data.comments["item_id"], strict=True)
        ]
    ).sort_values(
        ["place", "standard_id", "item_id", "visited_at"],
        ascending=[True, True, True, False],
        kind="stable",
    )
    texts = item_texts(data, lang).set_index(ITEM_KEY)
    named = texts.reindex(list(zip(comments["standard_id"], comments["item_id"], strict=True)))
    stores = data.stores.set_index("store_id")
    return pd.DataFrame(
        {
            "standard_id": comments["standard_id"].to_numpy(),
            "item_id": comments["item_id"].to_numpy(),
            "section": named["section"].fillna("").to_numpy(),
            "item": np.where(
                named["item"].isna(), comments["item_id"].to_numpy(), named["item"].to_numpy()
            ),
            "visited_at": comments["visited_at"].to_numpy(),
            "region": comments["store_id"].map(stores["region"]).to_numpy(),
            "store": comments["store_id"].map(stores["name"]).to_numpy(),
            "comment": comments["comment"].to_numpy(),
        }
    )


def visit_rows(data: ReportData, lang: str) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """One row per visit, oldest first: visited_at, visit_id, region, store_id, store,
    channel, standard, score, band, critical_failed, then one column per section (keyed
    (standard_id, section_id), titled as the third element of the returned keys)."""
    visits = data.visits
    stores = data.stores.set_index("store_id")
    titles = {sid: text_in(s.title, lang) for sid, s in data.standards.items()}
    several = visits["standard_id"].nunique() > 1
    sections = [
        (
            sid,
            section.id,
            f"{titles[sid]}: {text_in(section.title, lang)}"
            if several
            else text_in(section.title, lang),
        )
        for sid in sorted(data.standards)
        if sid in set(visits["standard_id"])
        for section in data.standards[sid].sections
    ]
    bands = {key: text_in(label, lang) for key, label in data.band_labels.items()}
    table = pd.DataFrame(
        {
            "visited_at": visits["visited_at"].to_numpy(),
            "visit_id": visits["visit_id"].to_numpy(),
            "region": visits["store_id"].map(stores["region"]).to_numpy(),
            "store_id": visits["store_id"].to_numpy(),
            "store": visits["store_id"].map(stores["name"]).to_numpy(),
            "channel": [translate(lang, f"channel.{c}") for c in visits["channel"]],
            "standard": visits["standard_id"].map(titles).to_numpy(),
            "score": visits["score"].to_numpy(dtype=float),
            "band": [
                bands.get((int(v), float(b)), "") if b == b else ""
                for v, b in zip(visits["standard_version_id"], visits["band_min"], strict=True)
            ],
            "critical_failed": visits["critical_failed"].astype(bool).to_numpy(),
        }
    )
    if sections and not data.sections.empty:
        wide = data.sections.pivot_table(
            index="visit_id", columns=["standard_id", "section_id"], values="score", aggfunc="first"
        )
        wide = wide.reindex(
            index=visits["visit_id"],
            columns=pd.MultiIndex.from_tuples([(s, x) for s, x, _ in sections]),
        )
        for n, column in enumerate(wide.columns):
            table[f"section_{n}"] = wide[column].to_numpy(dtype=float)
    else:
        for n in range(len(sections)):
            table[f"section_{n}"] = np.nan
    return table, sections
