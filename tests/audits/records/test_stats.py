"""Telling an empty database from a used one."""

from sqlalchemy.engine import Connection

from audits.records.stats import count_rows, is_empty
from audits.records.tables import metadata


def test_a_fresh_database_is_empty(conn: Connection) -> None:
    assert is_empty(conn)
    counts = count_rows(conn)
    assert set(counts) == set(metadata.tables)
    # The migrations seed the settings row and the data version counter, nothing else.
    assert counts["settings"] == counts["data_versions"] == 1
    assert sum(counts.values()) == 2


def test_imported_stores_make_it_non_empty(org: Connection) -> None:
    assert not is_empty(org)
    assert count_rows(org)["stores"] == 2
