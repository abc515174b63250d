"""The first page lists the standards and stores from the database, in German or English."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audits.db import open_database
from audits.demo import load_demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'demo.db'}"
    load_demo(open_database(url))
    return url


@pytest.mark.parametrize(
    ("lang", "heading", "channel"),
    [("de", "Filialen (28)", "Filialbesuch"), ("en", "Stores (28)", "Store visit")],
)
def test_home_lists_standards_and_stores(demo_db, monkeypatch, lang, heading, channel) -> None:
    monkeypatch.setenv("DATABASE_URL", demo_db)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert heading in [h.value for h in at.subheader]
    standards, stores = at.dataframe
    assert channel in set(standards.value["channel"])
    assert len(stores.value) == 28
