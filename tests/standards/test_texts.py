from standards import text_in


def test_a_plain_string_is_the_same_in_every_language():
    assert text_in("Store visit", "de") == "Store visit"


def test_a_mapping_gives_the_requested_language():
    assert text_in({"de": "Filialbesuch", "en": "Store visit"}, "en") == "Store visit"


def test_a_missing_language_falls_back_to_the_first_one():
    assert text_in({"de": "Filialbesuch", "en": "Store visit"}, "fr") == "Filialbesuch"


def test_no_text_is_an_empty_string():
    assert text_in(None, "de") == ""
