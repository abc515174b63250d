import re

import pytest

from locales import LANGUAGES, catalog, fmt_number, normalize_language, translate

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_key(lang: str) -> None:
    all_keys = set().union(*(catalog(other) for other in LANGUAGES))
    assert sorted(all_keys - set(catalog(lang))) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_is_empty_and_placeholders_match_german(lang: str) -> None:
    for key, text in catalog(lang).items():
        assert text.strip(), f"{lang}:{key} is empty"
        german = catalog("de")[key]
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(german)), key


def test_texts_fill_their_placeholders() -> None:
    assert translate("de", "home.stores", count=24) == "Filialen (24)"
    assert translate("en", "home.stores", count=24) == "Stores (24)"


@pytest.mark.parametrize(
    ("browser", "expected"),
    [("en-GB", "en"), ("de-AT", "de"), ("fr-FR", "de"), (None, "de"), ("EN", "en")],
)
def test_browser_locale_maps_to_a_supported_language(browser: str | None, expected: str) -> None:
    assert normalize_language(browser) == expected


def test_numbers_use_the_language_decimal_mark() -> None:
    assert fmt_number(1234.56, "de") == "1.234,6"
    assert fmt_number(1234.56, "en") == "1,234.6"
    assert fmt_number(None, "en") == "–"
