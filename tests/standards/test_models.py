"""The parsed standard: defaults filled in, lookups, and equality of content."""

import pytest
from pydantic import ValidationError

from standards import ChoiceItem, ScaleItem, ShowIf, load_standard_text
from tests.standards.conftest import with_items


@pytest.fixture
def standard(small_standard):
    return load_standard_text(small_standard)


def item_of(block: str):
    return load_standard_text(with_items(block)).items()[1]


@pytest.mark.parametrize(
    ("low", "high", "expected"), [(1, 5, 3), (1, 4, 3), (0, 10, 5), (1, 2, 2), (-2, 2, 0)]
)
def test_scale_pass_min_defaults_to_the_ceiling_of_the_midpoint(low, high, expected):
    item = item_of(f"- {{id: a, type: scale, text: A, min: {low}, max: {high}}}\n")
    assert isinstance(item, ScaleItem)
    assert item.pass_min == expected


def test_an_explicit_pass_min_is_kept():
    assert item_of("- {id: a, type: scale, text: A, pass_min: 5}\n").pass_min == 5


def test_an_option_passes_by_default_only_with_full_score():
    item = item_of(
        """\
        - id: a
          type: choice
          text: A
          options:
            - {id: full, text: F, score: 1}
            - {id: half, text: H, score: 0.5}
            - {id: half_ok, text: O, score: 0.5, pass: true}
        """
    )
    assert isinstance(item, ChoiceItem)
    assert [option.pass_ for option in item.options] == [True, False, True]
    assert item.option("half").score == 0.5
    with pytest.raises(KeyError):
        item.option("nope")


def test_item_defaults_follow_the_spec(standard):
    item = standard.item("greeted")
    assert (item.weight, item.na_allowed, item.critical, item.bonus) == (1, False, False, False)
    assert (item.subject, item.require_comment, item.require_photo) == ("store", "never", False)
    assert standard.critical_policy == "zero"


def test_bands_are_kept_highest_first_whatever_the_file_order(small_standard):
    flipped = small_standard.replace(
        "  - {min: 75, label: {de: Gut, en: Good}}\n  - {min: 0, label: {de: Schwach, en: Weak}}",
        "  - {min: 0, label: {de: Schwach, en: Weak}}\n  - {min: 75, label: {de: Gut, en: Good}}",
    )
    assert [band.min for band in load_standard_text(flipped).bands] == [75, 0]


@pytest.mark.parametrize(
    ("score", "label"), [(100, "Good"), (75, "Good"), (74.9, "Weak"), (0, "Weak")]
)
def test_band_for_picks_the_highest_min_not_above_the_score(standard, score, label):
    assert standard.band_for(score).label["en"] == label


def test_band_for_without_a_score_is_none(standard):
    assert standard.band_for(None) is None


def test_items_are_listed_in_file_order_across_sections(standard):
    ids = [item.id for item in standard.items()]
    assert ids == ["greeted", "manner", "why_cold", "wait_seconds", "friendliness"]


def test_item_and_section_of_find_by_id(standard):
    assert standard.item("wait_seconds").pass_if.max == 120
    assert standard.section_of("wait_seconds").id == "waiting"
    assert standard.has_item("manner") and not standard.has_item("nope")
    with pytest.raises(KeyError):
        standard.item("nope")
    with pytest.raises(KeyError):
        standard.section_of("nope")


def test_scored_types_are_scored_and_unscored_ones_never_critical(standard):
    assert [item.scored for item in standard.items()] == [True, True, False, True, True]
    free_text = standard.item("why_cold")
    assert (free_text.critical, free_text.bonus) == (False, False)


def test_show_if_values_are_canonical_answers():
    assert ShowIf.model_validate({"item": "x", "equals": 5}).values == ("5",)
    assert ShowIf.model_validate({"item": "x", "equals": True}).values == ("yes",)
    assert ShowIf.model_validate({"item": "x", "in": [2.50, "a"]}).values == ("2.5", "a")


def test_same_content_from_different_text_is_equal(small_standard):
    plain = load_standard_text(small_standard)
    commented = load_standard_text("# a new comment\n" + small_standard)
    assert plain == commented and hash(plain) == hash(commented)
    assert plain.source != commented.source


def test_a_standard_cannot_be_changed_after_loading(standard):
    with pytest.raises(ValidationError):
        standard.id = "other"


def test_lookups_follow_a_copy_with_other_sections(standard):
    standard.item("greeted")  # fills the lookup cache, which model_copy carries over
    copy = standard.model_copy(update={"sections": standard.sections[1:]})
    assert not copy.has_item("greeted") and copy.has_item("wait_seconds")
