"""Monthly figures and latest results per store for the dashboards, filled from the
approved visits; each visit's staff score; the data version counter.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

New tables and one new column. The monthly fill is written out here in SQL rather than
imported, so this revision keeps working when the application's code moves on; the staff
scores are the one exception (see _fill_staff_scores).
"""

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ZONE = ZoneInfo("Europe/Berlin")
CHUNK = 2000


def _key(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.String(100), nullable=False) for name in names]


def upgrade() -> None:
    versions = op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(versions, [{"id": 1, "version": 1}])
    op.add_column("visit_scores", sa.Column("staff_score", sa.Float))
    _fill_staff_scores(op.get_bind())
    op.create_table(
        "item_months",
        sa.Column("month", sa.Date, nullable=False),
        *_key("standard_id", "item_id"),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("applicable", sa.Integer, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("month", "standard_id", "item_id", "store_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_item_months_store_id", "item_months", ["store_id"])
    op.create_table(
        "section_months",
        sa.Column("month", sa.Date, nullable=False),
        *_key("standard_id", "section_id"),
        sa.Column("store_id", sa.String(64), nullable=False),
        sa.Column("visits", sa.Integer, nullable=False),
        sa.Column("score_sum", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("month", "standard_id", "section_id", "store_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_section_months_store_id", "section_months", ["store_id"])
    op.create_table(
        "item_recent",
        sa.Column("store_id", sa.String(64), nullable=False),
        *_key("standard_id", "item_id"),
        sa.Column("place", sa.Integer, nullable=False),
        sa.Column("failed", sa.Boolean, nullable=False),
        sa.Column("visited_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["stores.store_id"]),
        sa.PrimaryKeyConstraint("store_id", "standard_id", "item_id", "place"),
        sqlite_with_rowid=False,
    )
    _fill(op.get_bind())


def _months(
    first: dt.datetime, last: dt.datetime
) -> list[tuple[dt.date, dt.datetime, dt.datetime]]:
    def local(moment: dt.datetime) -> dt.datetime:
        return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(ZONE)

    start, end = local(first), local(last)
    year, month, found = start.year, start.month, []
    while (year, month) <= (end.year, end.month):
        after = (year + month // 12, month % 12 + 1)
        low = dt.datetime(year, month, 1, tzinfo=ZONE).astimezone(dt.UTC)
        high = dt.datetime(*after, 1, tzinfo=ZONE).astimezone(dt.UTC)
        found.append((dt.date(year, month, 1), low, high))
        year, month = after
    return found


ITEMS = """
INSERT INTO item_months (store_id, standard_id, item_id, month, applicable, failed)
SELECT v.store_id, sv.standard_id, a.item_id, :month, count(*),
       sum(CASE WHEN a.reason = 'failed' THEN 1 ELSE 0 END)
FROM visits v JOIN answers a ON a.visit_id = v.id
JOIN standard_versions sv ON sv.id = v.standard_version_id
WHERE v.status = 'approved' AND a.reason IN ('counted', 'failed')
  AND v.started_at >= :low AND v.started_at < :high
GROUP BY v.store_id, sv.standard_id, a.item_id
"""

SECTIONS = """
INSERT INTO section_months (store_id, standard_id, section_id, month, visits, score_sum)
SELECT v.store_id, sv.standard_id, s.section_id, :month, count(*), sum(s.score)
FROM visits v JOIN section_scores s ON s.visit_id = v.id
JOIN standard_versions sv ON sv.id = v.standard_version_id
WHERE v.status = 'approved' AND s.score IS NOT NULL
  AND v.started_at >= :low AND v.started_at < :high
GROUP BY v.store_id, sv.standard_id, s.section_id
"""


TYPED = (
    sa.bindparam("month", type_=sa.Date),
    sa.bindparam("low", type_=sa.DateTime()),
    sa.bindparam("high", type_=sa.DateTime()),
)


RECENT = """
INSERT INTO item_recent (store_id, standard_id, item_id, place, failed, visited_at)
SELECT store_id, standard_id, item_id, place, failed, started_at FROM (
  SELECT v.store_id, sv.standard_id, a.item_id, v.started_at, a.reason = 'failed' AS failed,
         row_number() OVER (PARTITION BY v.store_id, sv.standard_id, a.item_id
                            ORDER BY v.started_at DESC, v.id DESC) AS place
  FROM visits v JOIN answers a ON a.visit_id = v.id
  JOIN standard_versions sv ON sv.id = v.standard_version_id
  WHERE v.status = 'approved' AND a.reason IN ('counted', 'failed')
) ranked WHERE place <= 6
"""


def _fill(bind: sa.engine.Connection) -> None:
    bind.execute(sa.text(RECENT))
    bounds = bind.execute(
        sa.text("SELECT min(started_at), max(started_at) FROM visits WHERE status = 'approved'")
    ).one()
    if bounds[0] is None:
        return
    first, last = (
        value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        for value in bounds
    )
    for month, low, high in _months(first, last):
        params = {"month": month, "low": low, "high": high}
        for statement in (ITEMS, SECTIONS):
            bind.execute(sa.text(statement).bindparams(*TYPED), params)


def _fill_staff_scores(bind: sa.engine.Connection) -> None:
    """Score the stored answers of every scored visit once more, counting staff items only.

    The one place a migration calls the scoring engine: a staff score must be exactly what
    the engine computes at submission, and writing a second engine here could disagree."""
    from standards import load_standard_text

    versions = bind.execute(sa.text("SELECT id, yaml_text FROM standard_versions")).all()
    for version_id, yaml_text in versions:
        standard = load_standard_text(yaml_text, f"<stored version {version_id}>")
        if not any(item.subject == "staff" for item in standard.items()):
            continue
        visit_ids = (
            bind.execute(
                sa.text("SELECT visit_id FROM visit_scores WHERE standard_version_id = :version"),
                {"version": version_id},
            )
            .scalars()
            .all()
        )
        # In slices, so a large programme never holds all its answers in memory at once.
        for start in range(0, len(visit_ids), CHUNK):
            _score_slice(bind, standard, visit_ids[start : start + CHUNK])


def _score_slice(bind: sa.engine.Connection, standard, visit_ids: list[str]) -> None:
    import pandas as pd

    from scoring.visits import score_answers

    query = sa.text(
        "SELECT visit_id, item_id, value, is_na FROM answers WHERE visit_id IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))
    answers = pd.DataFrame(
        bind.execute(query, {"ids": visit_ids}).all(),
        columns=["visit_id", "item_id", "value", "is_na"],
    )
    if answers.empty:
        return
    answers["is_na"] = answers["is_na"].astype(bool)
    scores = score_answers(standard, answers, subject="staff")
    rows = [
        {"visit": visit_id, "score": None if score != score else float(score)}
        for visit_id, score in zip(scores.visit_ids, scores.score, strict=True)
    ]
    bind.execute(
        sa.text("UPDATE visit_scores SET staff_score = :score WHERE visit_id = :visit"), rows
    )


def downgrade() -> None:
    with op.batch_alter_table("visit_scores") as batch:
        batch.drop_column("staff_score")
    op.drop_table("data_versions")
    op.drop_table("item_recent")
    op.drop_table("section_months")
    op.drop_table("item_months")
