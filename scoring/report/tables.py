"""The report's tables, one per sheet, computed from ReportData with pandas only.

Texts (titles, item wording, band labels) are resolved in the reader's language here; the
columns keep their plain keys, and the workbook writer turns them into headers and formats.
Rates are shares 0..1, scores percent 0..100, changes in rate points (shares).
"""

from typing import Any

import numpy as np
import pandas as pd

from locales import fmt_date, translate
from scoring.dashboard import item_rates, key_figures, recurring
from scoring.gaps import chance_sentence
from scoring.report.data import ReportData, ready
from scoring.trends import local_naive
from standards import text_in

ITEM_KEY = ["standard_id", "item_id"]


def item_texts(data: ReportData, lang: str) -> pd.DataFrame:
    """Every item of the report's standards in the standards' order: standard_id, item_id,
    standard, section, item, subject, recommended (the item's action text; missing without),
    order."""
    rows: list[dict[str, object]] = []
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
                        "recommended": text_in(item.action, lang) if item.action else None,
                        "order": len(rows),
                    }
                )
    columns = [
        "standard_id",
        "item_id",
        "standard",
        "section",
        "item",
        "subject",
        "recommended",
        "order",
    ]
    return pd.DataFrame(rows, columns=columns)


def summary_figures(data: ReportData) -> pd.DataFrame:
    """Rows mean_score, visits, critical_share; columns now, before, change."""
    return key_figures(data.visits, ready(data.before))


def gap_rows(data: ReportData, lang: str) -> pd.DataFrame:
    """Items by fail rate: standard, section, item, fail_rate, ci_low, ci_high, applicable,
    failed, stores, recurring_stores, previous_fail_rate, change, comments (how many
    comments on failures), with standard_id and item_id; highest fail rate first."""
    rates = item_rates(ready(data.items_now), ready(data.items_before))
    keys = list(zip(rates["standard_id"], rates["item_id"], strict=True))
    gaps = recurring_rows(data, lang)
    recurring_stores = gaps.groupby(ITEM_KEY)["store_id"].nunique().to_dict()
    rates["recurring_stores"] = [int(recurring_stores.get(key, 0)) for key in keys]
    comments = ready(data.comments)
    counts = comments.groupby(ITEM_KEY)["total"].first().to_dict()
    rates["comments"] = [int(counts.get(key, 0)) for key in keys]
    texts = item_texts(data, lang).drop(columns=["subject", "order"])
    table = rates.merge(texts, on=ITEM_KEY, how="left")
    table["item"] = table["item"].fillna(table["item_id"])
    table["section"] = table["section"].fillna("")
    table["standard"] = table["standard"].fillna(table["standard_id"])
    return table


def recurring_rows(data: ReportData, lang: str) -> pd.DataFrame:
    """Recurring gaps and pairs unlikely to be chance in the report's stores (judged
    chain-wide, as on the dashboards): region, store_id, store, standard_id, item_id,
    standard, item, kind (recurring or persistent), failures (as "2 of 3"),
    last_failed_at (local), unlikely_chance, p_value, action (the open action's status,
    owner and due date), chance (the sentence); the gaps unlikely to be chance first."""
    gaps = recurring(ready(data.pairs), ready(data.chain_items))
    gaps = gaps[
        gaps["store_id"].isin(data.stores["store_id"])
        & gaps["standard_id"].isin(list(data.standards))
    ]
    stores = data.stores.set_index("store_id")
    texts = item_texts(data, lang).set_index(ITEM_KEY)
    named = texts.reindex(list(zip(gaps["standard_id"], gaps["item_id"], strict=True)))
    actions = ready(data.actions)
    status = {
        (row.store_id, row.standard_id, row.item_id): action_text(row, lang)
        for row in actions.itertuples()
    }
    keys = zip(gaps["store_id"], gaps["standard_id"], gaps["item_id"], strict=True)
    # Sentences and "k of n" repeat a few patterns: built once per distinct combination.
    # A missing p-value (NaN) would never equal itself as a key: -1 stands for it.
    p_values = gaps["p_value"].fillna(-1.0)
    chance_keys = list(
        zip(gaps["lookback_failures"], gaps["lookback_window"], p_values, strict=True)
    )
    sentences = {key: chance_sentence(*key, lang) for key in set(chance_keys)}
    count_keys = list(zip(gaps["failures"], gaps["window"], strict=True))
    k_of_n = {key: translate(lang, "dash.k_of_n", k=key[0], n=key[1]) for key in set(count_keys)}
    return pd.DataFrame(
        {
            "region": gaps["store_id"].map(stores["region"]).to_numpy(),
            "store_id": gaps["store_id"].to_numpy(),
            "store": gaps["store_id"].map(stores["name"]).to_numpy(),
            "standard_id": gaps["standard_id"].to_numpy(),
            "item_id": gaps["item_id"].to_numpy(),
            # An item dropped from the newest version has no texts; its standard still has.
            "standard": gaps["standard_id"]
            .map({key: text_in(std.title, lang) for key, std in data.standards.items()})
            .to_numpy(),
            "item": np.where(
                named["item"].isna(), gaps["item_id"].to_numpy(), named["item"].to_numpy()
            ),
            "kind": np.where(
                gaps["recurring"].to_numpy(dtype=bool),
                translate(lang, "dash.kind_recurring"),
                translate(lang, "dash.kind_persistent"),
            ),
            "failures": [k_of_n[key] for key in zip(gaps["failures"], gaps["window"], strict=True)],
            "last_failed_at": local_naive(gaps["last_failed_at"]).to_numpy(),
            "unlikely_chance": gaps["unlikely_chance"].astype(bool).to_numpy(),
            "p_value": gaps["p_value"].to_numpy(dtype=float),
            "action": [status.get(key, "") for key in keys],
            "recommended": named["recommended"].to_numpy(),
            "chance": [sentences[key] for key in chance_keys],
        }
    )


def action_text(action: Any, lang: str) -> str:
    """An open action in words: its status, owner and due date. `action` is a row of the
    actions frame as `itertuples` gives it, a named tuple pandas does not type."""
    text = translate(lang, f"action.{action.status}")
    if action.owner:
        text += f", {action.owner}"
    if action.due_date is not None and action.due_date == action.due_date:
        text += f", {fmt_date(pd.Timestamp(action.due_date).date(), lang)}"
    return text


def store_item_matrix(
    data: ReportData, items: pd.DataFrame, region_label: str = "{region}"
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Fail rates of each store (rows) on each item (columns keyed by standard and item id),
    with a row per region before its stores where the report holds the whole region: kind
    (region or store), region, store_id, store, visits, then one column per item. Items
    follow `items`; a cell is empty where the item never applied."""
    columns = list(zip(items["standard_id"], items["item_id"], strict=True))
    figures = ready(data.store_items).merge(data.stores[["store_id", "region_id"]], on="store_id")
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
        whole = data.whole_regions is None or region_id in data.whole_regions
        head = pd.DataFrame(
            {
                "kind": ["region"],
                "region": [region],
                "store_id": [None],
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
        if whole:
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


COACHING_ITEMS = 5
"""Failed items listed per staff member: the most frequent first; the rest are counted."""


def coaching_rows(data: ReportData, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """One row per staff member with a failed staff item in the period: region, store_id,
    store, staff (name or code as the setting says), visits (with staff items), failed (all
    failures), applicable, fail_rate and items ("Item (3 of 4); ..." for the most frequent
    COACHING_ITEMS, then how many more); sorted by region, store and staff. Stores with
    fewer than `min_group` staff with results are left out and returned by id."""
    columns = [
        "region",
        "store_id",
        "store",
        "staff",
        "failed",
        "applicable",
        "fail_rate",
        "items",
    ]
    staff = ready(data.staff)
    if staff is None or staff.empty:
        return pd.DataFrame(columns=columns), []
    staff = staff[staff["store_id"].isin(data.stores["store_id"]) & (staff["applicable"] > 0)]
    people = staff.groupby("store_id")["staff_id"].nunique()
    small = sorted(people[people < data.min_group].index)
    staff = staff[~staff["store_id"].isin(small)]
    totals = staff.groupby(["store_id", "staff_id"])[["failed", "applicable"]].sum()
    totals = totals[totals["failed"] > 0]
    texts = item_texts(data, lang).set_index(ITEM_KEY)["item"].to_dict()
    failed = staff[staff["failed"] > 0].sort_values(
        ["store_id", "staff_id", "failed", "applicable", "item_id"],
        ascending=[True, True, False, True, True],
    )
    keys = list(zip(failed["standard_id"], failed["item_id"], strict=True))
    failed = failed.assign(
        text=[
            translate(
                lang, "xlsx.item_failures", item=texts.get(key, key[1]), failed=f, applicable=a
            )
            for key, f, a in zip(keys, failed["failed"], failed["applicable"], strict=True)
        ],
        place=failed.groupby(["store_id", "staff_id"]).cumcount(),
    )
    shown = failed[failed["place"] < COACHING_ITEMS]
    listing = shown.groupby(["store_id", "staff_id"])["text"].agg("; ".join).to_dict()
    extra = (failed.groupby(["store_id", "staff_id"]).size() - COACHING_ITEMS).to_dict()
    more = {n: translate(lang, "xlsx.more_items", count=n) for n in set(extra.values()) if n > 0}
    items = [
        listing.get(key, "") + (f"; {more[extra[key]]}" if extra.get(key, 0) > 0 else "")
        for key in totals.index
    ]
    stores = data.stores.set_index("store_id")
    store_ids = totals.index.get_level_values("store_id")
    staff_ids = totals.index.get_level_values("staff_id")
    table = pd.DataFrame(
        {
            "region": store_ids.map(stores["region"]),
            "store_id": store_ids,
            "store": store_ids.map(stores["name"]),
            "staff": [
                data.staff_names.get(s, s) if data.staff_display == "named" else s
                for s in staff_ids
            ],
            "failed": totals["failed"].astype(int).to_numpy(),
            "applicable": totals["applicable"].astype(int).to_numpy(),
            "items": items,
        }
    )
    table["fail_rate"] = table["failed"] / table["applicable"]
    table = table.sort_values(["region", "store", "staff"], kind="stable")
    return table.reset_index(drop=True)[columns], small


def comment_rows(data: ReportData, order: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Shoppers' comments on failed items, grouped by item in `order` (the gap order), newest
    first within an item: standard_id, item_id, section, item, visited_at, region, store,
    comment."""
    columns = ["standard_id", "item_id", "section", "item", "visited_at", "region", "store"]
    found = ready(data.comments)
    if found.empty:
        return pd.DataFrame(columns=[*columns, "comment"])
    rank = {
        key: n for n, key in enumerate(zip(order["standard_id"], order["item_id"], strict=True))
    }
    comments = found.assign(
        place=[
            rank.get(key, len(rank))
            for key in zip(found["standard_id"], found["item_id"], strict=True)
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


def visit_rows(data: ReportData, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """One row per visit, oldest first: visited_at, store_id, store, standard, score, band,
    critical_failed, then section_0.. (one per section of the standards visited, titled by
    the returned list; a title names its standard when the visits have several)."""
    visits = data.visits
    stores = data.stores.set_index("store_id")
    titles = {sid: text_in(s.title, lang) for sid, s in data.standards.items()}
    visited = set(visits["standard_id"])
    several = len(visited) > 1
    keys = [
        (sid, section_id, text_in(title, lang))
        for sid in sorted(data.standards)
        if sid in visited
        for section_id, title in data.section_titles.get(
            sid, [(section.id, section.title) for section in data.standards[sid].sections]
        )
    ]
    bands = {key: text_in(label, lang) for key, label in data.band_labels.items()}
    table = pd.DataFrame(
        {
            "visited_at": visits["visited_at"].to_numpy(),
            "store_id": visits["store_id"].to_numpy(),
            "store": visits["store_id"].map(stores["name"]).to_numpy(),
            "standard": visits["standard_id"].map(titles).to_numpy(),
            "score": visits["score"].to_numpy(dtype=float),
            "band": [
                bands.get((int(v), float(b)), "") if b == b else ""
                for v, b in zip(visits["standard_version_id"], visits["band_min"], strict=True)
            ],
            "critical_failed": visits["critical_failed"].astype(bool).to_numpy(),
        }
    )
    standard_of = visits["standard_id"].to_numpy()
    for n, (sid, section_id, _) in enumerate(keys):
        if section_id in data.sections:
            scores = data.sections[section_id].to_numpy(dtype=float)
            table[f"section_{n}"] = np.where(standard_of == sid, scores, np.nan)
        else:
            table[f"section_{n}"] = np.nan
    names = [f"{titles[sid]}: {title}" if several else title for sid, _, title in keys]
    return table, names
