"""Admin forms for one store and one staff member, the audit trail as a reader takes it in,
and the assignment form's standards named without a hash."""

import re

import pandas as pd


def widget(elements, label):
    return next(element for element in elements if element.label == label)


def shown(markdown: str) -> str:
    """What the reader sees of a markdown text with escaped characters."""
    return re.sub(r"\\(.)", r"\1", markdown)


def fill_store(at, **cells: str) -> None:
    for label, value in cells.items():
        widget(at.text_input, label).input(value)


def test_one_store_is_added_through_the_form_and_listed(login) -> None:
    at = login("admin", lang="en", page="pages/admin_stores.py")
    fill_store(at, **{"Store ID": "S90", "Name": "Neustadt Markt", "City": "Neustadt"})
    at.session_state["store-region"] = "Nord"
    widget(at.button, "Add").click().run()
    assert not at.error, [e.value for e in at.error]
    assert [shown(s.value) for s in at.success] == ["Store S90 Neustadt Markt added."]
    listed = at.dataframe[-1].value
    row = listed[listed["store_id"] == "S90"].iloc[0]
    assert (row["name"], row["region_name"], bool(row["active"])) == (
        "Neustadt Markt",
        "Nord",
        True,
    )


def test_the_form_names_each_wrong_field_in_german(login) -> None:
    at = login("admin", lang="de", page="pages/admin_stores.py")
    fill_store(at, **{"Filial-ID": "S01", "Ort": "Hamburg"})
    at.session_state["store-region"] = "Nord"
    widget(at.button, "Anlegen").click().run()
    (error,) = [shown(e.value) for e in at.error]
    assert "Filial-ID: „S01“ gibt es schon." in error
    assert "Name: bitte ausfüllen." in error
    assert "is empty" not in error and "store_id" not in error


def test_one_staff_member_needs_a_known_store(login) -> None:
    at = login("admin", lang="de", page="pages/admin_stores.py")
    widget(at.text_input, "Personal-ID").input("P-NEU-1")
    widget(at.text_input, "Anzeigename").input("Nina N.")
    at.session_state["staff-store_id"] = "S02"
    [*_, add_staff] = [button for button in at.button if button.label == "Anlegen"]
    add_staff.click().run()
    assert [shown(s.value) for s in at.success] == ["Mitarbeiter/in Nina N. angelegt."]


def test_the_trail_shows_the_new_store_in_german_and_local_time(login) -> None:
    at = login("admin", lang="en", page="pages/admin_stores.py")
    fill_store(at, **{"Store ID": "S91", "Name": "Altstadt Ecke", "City": "Kiel"})
    at.session_state["store-region"] = "Nord"
    widget(at.button, "Add").click().run()
    at = login("admin", lang="de", page="pages/audit.py")
    trail: pd.DataFrame = at.dataframe[0].value
    row = trail[trail["item"] == "S91 Altstadt Ecke"].iloc[0]
    assert (row["entity"], row["action"]) == ("Filiale", "angelegt")
    assert row["person"].endswith("(admin)")
    assert "Ort: Kiel" in row["change"] and "Aktiv: Ja" in row["change"]
    assert not re.search(r"[{}\"]|\bcreate\b|\btrue\b", row["change"])
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4}, \d\d:\d\d", row["at"])


def test_the_assignment_form_names_standards_without_a_hash(login) -> None:
    at = login("admin", lang="de", page="pages/admin_assignments.py")
    standard = widget(at.selectbox, "Standard")
    assert standard.options and all(
        re.search(r" – Fassung \d+ vom \d\d\.\d\d\.\d{4}$", option) for option in standard.options
    ), standard.options
    assert not any(re.search(r"\b[0-9a-f]{8}\b", option) for option in standard.options)
