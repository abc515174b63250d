"""Spreadsheets uploaded in the app: the importers' row messages, nothing half-written."""

import pytest
from sqlalchemy.engine import Engine

from audits.importers import ImportRejected, import_staff, import_stores
from audits.importers.uploads import import_upload
from audits.records.stats import count_rows


def test_a_good_file_is_imported_under_the_uploading_admin(engine: Engine) -> None:
    data = b"store_id,name,region,city\nS1,Hamburg,Nord,Hamburg\n"
    result = import_upload(engine, import_stores, "filialen.csv", data, person_id=None)
    assert (result.kind, result.added) == ("stores", 1)


def test_bad_rows_are_listed_with_the_users_file_name_and_nothing_is_saved(engine) -> None:
    import_upload(
        engine, import_stores, "f.csv", b"store_id,name,region,city\nS1,A,Nord,HH\n", None
    )
    with engine.connect() as conn:
        before = count_rows(conn)
    data = b"staff_id,store_id,display_name\nMA-1,S1,Lena\nMA-2,S9,Luca\n"
    with pytest.raises(ImportRejected) as caught:
        import_upload(engine, import_staff, "../../personal.csv", data, None)
    assert len(caught.value.errors) == 1
    assert caught.value.errors[0].startswith("personal.csv:3: ")
    assert "S9" in caught.value.errors[0]
    with engine.connect() as conn:
        assert count_rows(conn) == before


@pytest.mark.parametrize("name", ["stores.exe", "stores.xls.html", "stores"])
def test_other_file_types_are_refused_before_reading(engine: Engine, name: str) -> None:
    with pytest.raises(ImportRejected, match=r"use a \.csv or \.xlsx file"):
        import_upload(engine, import_stores, name, b"whatever", None)
