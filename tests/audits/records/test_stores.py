"""Regions, stores and staff as the pages read them."""

from sqlalchemy.engine import Connection

from audits.records.stores import STORE_COLUMNS, list_regions, list_staff, list_stores


def test_regions_come_sorted_by_name(org: Connection) -> None:
    assert [(region.id, region.name) for region in list_regions(org)] == [
        ("nord", "Nord"),
        ("sued", "Süd"),
    ]


def test_stores_carry_their_region_name(org: Connection) -> None:
    frame = list_stores(org)
    assert list(frame.columns) == STORE_COLUMNS
    assert frame[["store_id", "region_name"]].values.tolist() == [["S1", "Nord"], ["S2", "Süd"]]
    assert frame["active"].tolist() == [True, True]


def test_stores_can_be_limited_to_a_scope(org: Connection) -> None:
    assert list_stores(org, region_ids=["sued"])["store_id"].tolist() == ["S2"]
    assert list_stores(org, store_ids=["S1"])["store_id"].tolist() == ["S1"]
    assert list_stores(org, region_ids=[]).empty


def test_an_empty_database_gives_an_empty_frame_with_the_columns(conn: Connection) -> None:
    frame = list_stores(conn)
    assert frame.empty
    assert list(frame.columns) == STORE_COLUMNS


def test_staff_of_one_store(org: Connection) -> None:
    assert [member.staff_id for member in list_staff(org, "S1")] == ["MA-1"]
    assert list_staff(org, "S9") == []
