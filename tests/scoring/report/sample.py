"""A tiny programme written out by hand, small enough to check every figure of the report:
three stores in two regions, one standard of three items, four visits in the period."""

import datetime as dt
from pathlib import Path

import pandas as pd

from scoring.dashboard import Period
from scoring.report import ReportData, write_report
from standards import load_standard_text

STANDARD = """\
id: shop
title: {de: Filialbesuch, en: Store visit}
channel: in_store
languages: [de, en]
target: 85
bands:
  - {min: 90, label: {de: Sehr gut, en: Very good}}
  - {min: 0, label: {de: Ausbaufähig, en: To improve}}
sections:
  - id: welcome
    title: {de: Empfang, en: Welcome}
    items:
      - {id: greeted, type: yes_no, subject: staff, text: {de: Begrüßt?, en: Greeted?},
         action: {de: Begrüßung üben, en: Practise the greeting}}
      - {id: clean, type: yes_no, text: {de: Sauber?, en: Clean?}}
  - id: checkout
    title: {de: Kasse, en: Checkout}
    items:
      - id: receipt
        type: yes_no
        subject: staff
        text: {de: Bon angeboten?, en: Receipt offered?}
"""
PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 5, 1))
EVIL_STORE = '=HYPERLINK("http://evil.example","Klick")'


def _frame(rows: list[tuple], columns: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


def sample(staff_display: str = "pseudonymous", min_group: int = 2) -> ReportData:
    standard = load_standard_text(STANDARD, "shop.yaml")
    visits = _frame(
        [
            ("v1", dt.datetime(2026, 3, 10, 10, 0), "S1", "shop", 1, "in_store", 80.0, False, 0.0),
            (
                "v2",
                dt.datetime(2026, 4, 12, 15, 30),
                "S1",
                "shop",
                1,
                "in_store",
                100.0,
                False,
                90.0,
            ),
            ("v3", dt.datetime(2026, 5, 1, 9, 5), "S2", "shop", 1, "in_store", 50.0, True, 0.0),
            (
                "v4",
                dt.datetime(2026, 5, 20, 18, 45),
                "S3",
                "shop",
                1,
                "in_store",
                95.0,
                False,
                90.0,
            ),
        ],
        "visit_id visited_at store_id standard_id standard_version_id channel score "
        "critical_failed band_min",
    )
    return ReportData(
        period=PERIOD,
        made_at=dt.datetime(2026, 6, 2, 8, 30),
        chosen={"regions": [], "stores": [], "standards": []},
        stores=_frame(
            [
                ("S1", EVIL_STORE, "Hamburg", "nord", "Nord"),
                ("S2", "Kiel Holstenstraße", "Kiel", "nord", "Nord"),
                ("S3", "München Ost", "München", "sued", "Süd"),
            ],
            "store_id name city region_id region",
        ),
        standards={"shop": standard},
        band_labels={(1, float(b.min)): b.label for b in standard.bands},
        visits=visits,
        before=_frame([(70.0, False), (90.0, True)], "score critical_failed"),
        sections=_frame(
            [(50.0, 100.0), (100.0, 100.0), (50.0, 0.0), (100.0, None)], "welcome checkout"
        ),
        items_now=_frame(
            [
                ("shop", "greeted", 4, 2, 2),
                ("shop", "clean", 4, 1, 1),
                ("shop", "receipt", 3, 1, 1),
            ],
            "standard_id item_id applicable failed stores",
        ),
        items_before=_frame(
            [("shop", "greeted", 2, 1), ("shop", "clean", 2, 0), ("shop", "receipt", 2, 2)],
            "standard_id item_id applicable failed",
        ),
        store_items=_frame(
            [
                ("shop", "greeted", "S1", 2, 1),
                ("shop", "clean", "S1", 2, 0),
                ("shop", "receipt", "S1", 2, 0),
                ("shop", "greeted", "S2", 1, 1),
                ("shop", "clean", "S2", 1, 1),
                ("shop", "receipt", "S2", 1, 1),
                ("shop", "greeted", "S3", 1, 0),
                ("shop", "clean", "S3", 1, 0),
            ],
            "standard_id item_id store_id applicable failed",
        ),
        pairs=_frame(
            [
                ("S2", "shop", "greeted", 2, 3, 3, 5, pd.Timestamp("2026-05-01 07:05", tz="UTC")),
                ("S9", "shop", "clean", 3, 3, 3, 3, pd.Timestamp("2026-05-02 07:05", tz="UTC")),
            ],
            "store_id standard_id item_id failures window lookback_failures lookback_window "
            "last_failed_at",
        ),
        chain_items=_frame(
            [
                ("shop", "greeted", dt.date(2026, 5, 1), 100, 20),
                ("shop", "clean", dt.date(2026, 5, 1), 100, 10),
            ],
            "standard_id item_id month applicable failed",
        ),
        actions=_frame(
            [("S2", "shop", "greeted", "open", "Frau Meyer", dt.date(2026, 6, 15))],
            "store_id standard_id item_id status owner due_date",
        ),
        staff_display=staff_display,
        min_group=min_group,
        staff=None
        if staff_display == "hidden"
        else _frame(
            [
                ("MA-1", "S1", "shop", "greeted", 1, 1),
                ("MA-1", "S1", "shop", "receipt", 1, 0),
                ("MA-2", "S1", "shop", "greeted", 1, 0),
                ("MA-2", "S1", "shop", "receipt", 2, 1),
                ("MA-3", "S2", "shop", "greeted", 1, 1),
            ],
            "staff_id store_id standard_id item_id applicable failed",
        ),
        staff_names={"MA-1": "Lena Lustig", "MA-2": "=Max", "MA-3": "Mia"}
        if staff_display == "named"
        else {},
        comments=_frame(
            [
                ("shop", "greeted", dt.datetime(2026, 3, 10, 10, 0), "S1", "-kein Gruß", 2),
                ("shop", "greeted", dt.datetime(2026, 5, 1, 9, 5), "S2", "@Leitung: niemand da", 2),
                ("shop", "receipt", dt.datetime(2026, 5, 1, 9, 5), "S2", "\tBon fehlte", 1),
                ("shop", "clean", dt.datetime(2026, 5, 1, 9, 5), "S2", "+49 Staub\rüberall", 1),
            ],
            "standard_id item_id visited_at store_id comment total",
        ),
    )


def written(tmp_path: Path, lang: str = "de", **options) -> Path:
    target = tmp_path / f"report-{lang}.xlsx"
    write_report(sample(**options), lang, target)
    return target
