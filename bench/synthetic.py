"""A synthetic programme for the benchmarks: a standard of 10 items per section (50 items
by default, 60 for the report benchmark) and N visits of answers.

The standard has every item type, a critical, a bonus and a conditional item, N/A answers
and the German aliases (`ja`, `nein`, `n/a`), so the benchmark exercises every scoring path.
With comments, a share of the "no" answers carries a shopper's comment, as the Excel report
lists them. Files are written once per size into bench/data/ (git-ignored) and reused.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa

DATA = Path(__file__).resolve().parent / "data"
SECTIONS = 5
PER_SECTION = 10
STORES = 2000
SHOPPERS = 120


def _item(section: int, index: int) -> str:
    """One item line of the YAML: the type cycles so every section mixes them."""
    item_id = f"i{section}_{index}"
    head = f"      - {{id: {item_id}, text: {{de: Frage {item_id}, en: Question {item_id}}}"
    kind = index % 10
    subject = ", subject: staff" if index % 2 else ""
    if kind in (0, 1, 2, 3):
        na = ", na_allowed: true" if kind == 3 else ""
        return f"{head}, type: yes_no{na}{subject}}}"
    if kind == 4:
        return f"{head}, type: scale, min: 1, max: 5{subject}}}"
    if kind == 5:
        options = (
            "[{id: full, text: Voll, score: 1}, {id: part, text: Teils, score: 0.5},"
            " {id: none, text: Nein, score: 0}]"
        )
        return f"{head}, type: choice, options: {options}}}"
    if kind == 6:
        return f"{head}, type: number, unit: s, pass_if: {{max: 120}}, weight: 2}}"
    unscored = {7: "text", 8: "date", 9: "time"}[kind]
    if section == 4 and kind == 8:
        unscored = "photo"
    return f"{head}, type: {unscored}}}"


def standard_yaml(sections: int = SECTIONS) -> str:
    lines = [
        "id: bench-programme",
        "title: {de: Benchmark-Programm, en: Benchmark programme}",
        "channel: in_store",
        "languages: [de, en]",
        "target: 85",
        "critical_policy: zero",
        "bands:",
        "  - {min: 90, label: {de: Exzellent, en: Excellent}}",
        "  - {min: 75, label: {de: Gut, en: Good}}",
        "  - {min: 0, label: {de: Handlungsbedarf, en: Needs action}}",
        "sections:",
    ]
    for section in range(sections):
        lines += [
            f"  - id: s{section}",
            f"    title: {{de: Abschnitt {section}, en: Section {section}}}",
            "    items:",
        ]
        lines += [_item(section, index) for index in range(PER_SECTION - 2)]
        if section == 0:
            lines += [
                "      - {id: pay, type: choice, bonus: true, text: Zahlart,"
                " options: [{id: cash, text: Bar, score: 0}, {id: card, text: Karte, score: 0}]}",
                "      - {id: change_ok, type: yes_no, critical: true, subject: staff,"
                " text: Wechselgeld korrekt, show_if: {item: pay, equals: cash}}",
            ]
        elif section == 1:
            lines += [
                "      - {id: extra, type: yes_no, bonus: true, text: Extra}",
                "      - {id: polite, type: yes_no, critical: true, subject: staff, text: Höflich}",
            ]
        else:
            lines += [_item(section, index) for index in range(PER_SECTION - 2, PER_SECTION)]
    return "\n".join(lines) + "\n"


def _uuids(rng: np.random.Generator, count: int) -> list[str]:
    high = rng.integers(0, 2**63, size=count, dtype=np.int64)
    low = rng.integers(0, 2**63, size=count, dtype=np.int64)
    ids = []
    for a, b in zip(high.tolist(), low.tolist(), strict=True):
        head = f"{a >> 31:08x}-{(a >> 15) & 0xFFFF:04x}-4{a & 0xFFF:03x}"
        ids.append(f"{head}-{b >> 47:04x}-{b & 0xFFFFFFFFFFFF:012x}")
    return ids


def _column(kind: str, na_allowed: bool, rng: np.random.Generator, count: int) -> np.ndarray:
    """Answers of one item for every visit, as the texts a shopper's export would hold."""
    if kind == "yes_no":
        values = np.array(["yes", "no", "ja", "nein", "Yes", "na", "n/a"], dtype=object)
        odds = (
            [0.62, 0.14, 0.12, 0.04, 0.04, 0.02, 0.02]
            if na_allowed
            else [0.64, 0.16, 0.12, 0.04, 0.04, 0, 0]
        )
        return values[rng.choice(7, size=count, p=odds)]
    if kind == "scale":
        return np.array(["1", "2", "3", "4", "5"], dtype=object)[rng.integers(0, 5, count)]
    if kind == "choice":
        return np.array(["full", "part", "none"], dtype=object)[rng.integers(0, 3, count)]
    if kind == "pay":
        return np.array(["cash", "card"], dtype=object)[(rng.random(count) < 0.6).astype(int)]
    if kind == "number":
        return rng.integers(5, 300, count).astype(str).astype(object)
    if kind == "date":
        days = rng.integers(0, 365, count).astype("timedelta64[D]") + np.datetime64("2026-01-01")
        return days.astype(str).astype(object)
    if kind == "time":
        minutes = rng.integers(600, 1170, count)
        return np.array([f"{m // 60:02d}:{m % 60:02d}" for m in range(1440)], dtype=object)[minutes]
    phrases = np.array([f"Kasse {n}, ca. {10 + n % 9}:{n % 60:02d} Uhr" for n in range(60)])
    return phrases.astype(object)[rng.integers(0, 60, count)]


def _write(table: pa.Table, path: Path) -> None:
    # Quote only cells that need it (texts with commas), as spreadsheet exports do.
    table.to_pandas().to_csv(path, index=False)


COMMENTS = (
    "Kein Gruß beim Betreten",
    "Mitarbeiterin telefonierte privat",
    "- kein Blickkontakt an der Kasse",
    "=Wartezeit über 5 Minuten",
    "Regal leer, keine Auskunft wann nachgefüllt wird",
    "Bon nicht angeboten",
    "@Filialleitung: Umkleide nicht sauber",
    "Hat nur auf Nachfrage geholfen",
)
"""Shoppers' comments on failed items; some start like a formula, as real ones do."""
COMMENT_SHARE = 0.4


def generate(
    visit_count: int, folder: Path, seed: int = 7, sections: int = SECTIONS, comments: bool = False
) -> tuple[Path, Path, Path]:
    """Write standard.yaml, visits.csv and answers.csv for `visit_count` visits."""
    from standards import load_standard_text

    folder.mkdir(parents=True, exist_ok=True)
    standard_path = folder / "standard.yaml"
    text = standard_yaml(sections)
    standard_path.write_text(text, encoding="utf-8")
    standard = load_standard_text(text, str(standard_path))
    rng = np.random.default_rng(seed)
    ids = np.array(_uuids(rng, visit_count), dtype=object)
    stores = rng.integers(0, STORES, visit_count)
    seconds = np.sort(rng.integers(0, 365 * 86400, visit_count))
    visited = (np.datetime64("2026-01-01T00:00:00") + seconds.astype("timedelta64[s]")).astype(str)
    visits = pa.table(
        {
            "visit_id": ids.astype(str),
            "store_id": np.char.add("S", np.char.zfill(stores.astype(str), 4)),
            "visited_at": np.char.add(visited.astype(str), "+01:00"),
            "staff_id": np.char.add(
                "MA-", np.char.zfill((stores * 5 + rng.integers(0, 5, visit_count)).astype(str), 5)
            ),
            "shopper_id": np.char.add(
                "shopper", rng.integers(0, SHOPPERS, visit_count).astype(str)
            ),
            "region": np.char.add("R", (stores % 20).astype(str)),
        }
    )
    _write(visits, folder / "visits.csv")
    pay = None
    columns_visit, columns_item, columns_value = [], [], []
    for item in standard.items():
        if item.type == "photo":
            continue
        kind = "pay" if item.id == "pay" else item.type
        values = _column(kind, item.na_allowed, rng, visit_count)
        keep = np.ones(visit_count, dtype=bool)
        if item.id == "pay":
            pay = values
        if item.show_if is not None and pay is not None:
            keep = pay == "cash"
        columns_visit.append(np.flatnonzero(keep))
        columns_item.append(np.full(int(keep.sum()), item.id, dtype=object))
        columns_value.append(values[keep])
    # Answers of one visit stay together, items in standard order, as exports list them.
    visit_index = np.concatenate(columns_visit)
    order = np.argsort(visit_index, kind="stable")
    values = np.concatenate(columns_value)[order]
    columns = {
        "visit_id": pa.array(ids[visit_index[order]], type=pa.string()),
        "item_id": pa.array(np.concatenate(columns_item)[order], type=pa.string()),
        "value": pa.array(values, type=pa.string()),
    }
    if comments:
        said = np.isin(values, ["no", "nein"]) & (rng.random(len(values)) < COMMENT_SHARE)
        text = np.array(COMMENTS, dtype=object)[rng.integers(0, len(COMMENTS), len(values))]
        columns["comment"] = pa.array(np.where(said, text, None), type=pa.string())
    answers = pa.table(columns)
    _write(answers, folder / "answers.csv")
    return standard_path, folder / "visits.csv", folder / "answers.csv"


def variant(visit_count: int, sections: int = SECTIONS, comments: bool = False) -> str:
    """The folder (and database) name of one size and shape of programme."""
    name = f"v{visit_count}"
    if sections != SECTIONS:
        name += f"_s{sections}"
    return name + ("_c" if comments else "")


def ensure(
    visit_count: int, sections: int = SECTIONS, comments: bool = False
) -> tuple[Path, Path, Path]:
    """The files for this size and shape, generated on first use."""
    folder = DATA / variant(visit_count, sections, comments)
    paths = (folder / "standard.yaml", folder / "visits.csv", folder / "answers.csv")
    if all(path.exists() for path in paths) and paths[0].read_text() == standard_yaml(sections):
        return paths
    print(f"generating {visit_count:,} visits in {folder} ...", file=sys.stderr, flush=True)
    return generate(visit_count, folder, sections=sections, comments=comments)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visits", type=int, default=100_000)
    args = parser.parse_args()
    for path in ensure(args.visits):
        print(path)
