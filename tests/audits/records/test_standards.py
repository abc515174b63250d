"""Stored standard versions."""

from sqlalchemy.engine import Connection

from audits.records.standards import (
    get_standard_version,
    list_standard_versions,
    load_standard_version,
    register_standard,
    register_standard_version,
)
from standards import Standard, version_hash


def test_registering_twice_gives_the_same_id(conn: Connection, standard: Standard) -> None:
    first = register_standard(conn, standard)
    assert register_standard(conn, standard) == first
    assert conn.exec_driver_sql("SELECT count(*) FROM standard_versions").scalar() == 1


def test_the_stored_version_keeps_title_channel_and_text(
    conn: Connection, standard: Standard
) -> None:
    version_id = register_standard(conn, standard)
    stored = get_standard_version(conn, version_id)
    assert stored is not None
    assert stored.title == {"de": "Mini-Besuch", "en": "Mini visit"}
    assert (stored.standard_id, stored.version, stored.channel) == (
        "mini",
        version_hash(standard),
        "in_store",
    )
    assert load_standard_version(conn, version_id) == standard


def test_the_list_shows_the_newest_version_of_each_standard(conn: Connection) -> None:
    register_standard_version(conn, "b", "v1", "B", "web", "id: b")
    register_standard_version(conn, "a", "v1", "A", "phone", "id: a")
    register_standard_version(conn, "b", "v2", {"de": "B2", "en": "B2"}, "web", "id: b")
    latest = list_standard_versions(conn)
    assert [(v.standard_id, v.version) for v in latest] == [("a", "v1"), ("b", "v2")]
    every = list_standard_versions(conn, latest_only=False)
    assert [(v.standard_id, v.version) for v in every] == [("a", "v1"), ("b", "v2"), ("b", "v1")]
    assert get_standard_version(conn, 999) is None
