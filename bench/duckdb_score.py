"""The comparison for bench/score.py: `mystery-audit score` written as SQL in DuckDB.

Run as its own process, like the command it is compared with:
    python bench/duckdb_score.py STANDARD.yaml ANSWERS.csv > scores.csv
The standard becomes small lookup tables in Python; everything per answer is SQL. It covers
what the benchmark standard uses (one level of show_if) and skips the row-numbered checks
of invalid answers that the real command makes, which only flatters DuckDB.
"""

import sys

import duckdb

from standards import load_standard, text_in


def _tables(standard) -> dict[str, list[tuple]]:
    items, options, shows = [], [], []
    for position, item in enumerate(standard.items()):
        section = standard.section_of(item.id).id
        low = getattr(item, "min", None)
        high = getattr(item, "max", None)
        pass_if = getattr(item, "pass_if", None)
        items.append(
            (
                item.id,
                position,
                section,
                item.type,
                float(getattr(item, "weight", 0.0)),
                bool(item.scored),
                bool(item.bonus),
                bool(item.critical),
                bool(item.na_allowed),
                low,
                high,
                getattr(item, "pass_min", None),
                None if pass_if is None else pass_if.min,
                None if pass_if is None else pass_if.max,
                item.show_if.item if item.show_if else None,
            )
        )
        for option in getattr(item, "options", ()):
            options.append((item.id, option.id, option.score, bool(option.pass_)))
        if item.show_if:
            shows.extend((item.id, value) for value in item.show_if.values)
    sections = [(s.id, n, s.weight) for n, s in enumerate(standard.sections)]
    return {"items": items, "options": options, "shows": shows, "sections": sections}


SCHEMA = {
    "items": "item_id VARCHAR, pos INT, section VARCHAR, type VARCHAR, weight DOUBLE, "
    "scored BOOL, bonus BOOL, critical BOOL, na_allowed BOOL, smin INT, smax INT, "
    "pass_min INT, nmin DOUBLE, nmax DOUBLE, parent VARCHAR",
    "options": "item_id VARCHAR, option_id VARCHAR, score DOUBLE, pass BOOL",
    "shows": "item_id VARCHAR, value VARCHAR",
    "sections": "section VARCHAR, pos INT, weight DOUBLE",
}


def score_sql(standard, answers_path: str) -> str:
    bands = sorted(standard.bands, key=lambda band: band.min, reverse=True)
    language = standard.languages[0]
    band_case = " ".join(
        f"WHEN score >= {band.min} THEN '{text_in(band.label, language)}'" for band in bands
    )
    pivot = ", ".join(
        f"max(CASE WHEN section = '{s.id}' THEN sscore END) AS \"{s.id}\""
        for s in standard.sections
    )
    columns = ", ".join(
        f"coalesce(printf('%.2f', \"{s.id}\"), '') AS \"{s.id}\"" for s in standard.sections
    )
    zero = "true" if standard.critical_policy == "zero" else "false"
    return f"""
    WITH raw AS (
      SELECT visit_id, item_id, trim(value) AS v, row_number() OVER () AS rn
      FROM read_csv('{answers_path}', all_varchar = true, header = true)
    ),
    canon AS (
      SELECT r.visit_id, r.rn, i.*,
        lower(r.v) IN ('na', 'n/a', 'n.a.', 'n. a.') AS is_na,
        CASE WHEN i.type = 'yes_no' THEN
               CASE lower(r.v) WHEN 'ja' THEN 'yes' WHEN 'nein' THEN 'no' ELSE lower(r.v) END
             WHEN i.type = 'choice' THEN lower(r.v)
             ELSE r.v END AS value,
        TRY_CAST(replace(r.v, ',', '.') AS DOUBLE) AS num
      FROM raw r JOIN items i USING (item_id)
      WHERE r.v <> ''
    ),
    judged AS (
      SELECT c.*,
        CASE c.type
          WHEN 'yes_no' THEN (c.value = 'yes')::DOUBLE
          WHEN 'scale' THEN (TRY_CAST(c.value AS INT) - c.smin) / (c.smax - c.smin)::DOUBLE
          WHEN 'choice' THEN o.score
          WHEN 'number' THEN (coalesce(c.num >= c.nmin, true)
                          AND coalesce(c.num <= c.nmax, true))::DOUBLE
          ELSE 0 END AS fraction,
        CASE c.type
          WHEN 'yes_no' THEN c.value = 'yes'
          WHEN 'scale' THEN TRY_CAST(c.value AS INT) >= c.pass_min
          WHEN 'choice' THEN o.pass
          WHEN 'number' THEN coalesce(c.num >= c.nmin, true) AND coalesce(c.num <= c.nmax, true)
          ELSE false END AS passed
      FROM canon c LEFT JOIN options o ON o.item_id = c.item_id AND o.option_id = c.value
    ),
    shown_items AS (
      SELECT DISTINCT p.visit_id, s.item_id
      FROM canon p JOIN items i ON i.parent = p.item_id
        JOIN shows s ON s.item_id = i.item_id AND s.value = p.value
      WHERE NOT p.is_na
    ),
    visible AS (
      SELECT j.*, j.parent IS NULL OR v.item_id IS NOT NULL AS shown
      FROM judged j LEFT JOIN shown_items v ON v.visit_id = j.visit_id AND v.item_id = j.item_id
    ),
    applied AS (
      SELECT visit_id, rn, section, critical, passed,
        scored AND NOT is_na AND shown AS applicable, weight, bonus, fraction
      FROM visible
    ),
    per_section AS (
      SELECT visit_id, section, min(rn) AS first_rn,
        sum(CASE WHEN applicable THEN fraction * weight ELSE 0 END) AS earned,
        sum(CASE WHEN applicable AND NOT bonus THEN weight ELSE 0 END) AS possible,
        bool_or(applicable AND critical AND NOT passed) AS critical_failed
      FROM applied GROUP BY visit_id, section
    ),
    scored_sections AS (
      SELECT p.*, CASE WHEN possible > 0 THEN least(100, 100 * earned / possible) END AS sscore,
        CASE WHEN possible > 0 THEN coalesce(s.weight, possible) ELSE 0 END AS w
      FROM per_section p JOIN sections s USING (section)
    ),
    per_visit AS (
      SELECT visit_id, min(first_rn) AS first_rn, bool_or(critical_failed) AS critical_failed,
        CASE WHEN sum(w) > 0 THEN least(100, sum(w * coalesce(sscore, 0)) / sum(w)) END AS computed,
        {pivot}
      FROM scored_sections GROUP BY visit_id
    ),
    final AS (
      SELECT *, CASE WHEN critical_failed AND {zero} THEN 0 ELSE computed END AS score
      FROM per_visit
    )
    SELECT visit_id, coalesce(printf('%.2f', score), '') AS score,
      CASE {band_case} ELSE '' END AS band,
      CASE WHEN critical_failed THEN 'true' ELSE 'false' END AS critical_failed,
      {columns}
    FROM final ORDER BY first_rn
    """


def main() -> None:
    standard = load_standard(sys.argv[1])
    con = duckdb.connect()
    for name, rows in _tables(standard).items():
        con.execute(f"CREATE TABLE {name} ({SCHEMA[name]})")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            con.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
    out = sys.argv[3] if len(sys.argv) > 3 else "/dev/stdout"
    query = score_sql(standard, sys.argv[2])
    con.execute(f"COPY ({query}) TO '{out}' (HEADER, DELIMITER ',', QUOTE '')")


if __name__ == "__main__":
    main()
