"""Organisation settings: how staff appear."""

import pytest
from sqlalchemy.engine import Connection

from audits.records.settings import get_setting, get_staff_display, set_setting, set_staff_display


def test_staff_appear_pseudonymous_until_the_organisation_decides(conn: Connection) -> None:
    assert get_staff_display(conn) == "pseudonymous"


def test_staff_display_can_be_changed(conn: Connection) -> None:
    set_staff_display(conn, "hidden")
    assert get_staff_display(conn) == "hidden"
    with pytest.raises(ValueError, match="named, pseudonymous, hidden"):
        set_staff_display(conn, "everyone")  # type: ignore[arg-type]


def test_a_new_setting_is_stored_and_an_unknown_one_has_a_default(conn: Connection) -> None:
    assert get_setting(conn, "retention_months", "24") == "24"
    set_setting(conn, "retention_months", "12")
    set_setting(conn, "retention_months", "18")
    assert get_setting(conn, "retention_months") == "18"
