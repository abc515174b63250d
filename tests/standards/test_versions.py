"""Versions: the hash follows the content only; the diff says what changed, in words."""

import re
import textwrap

import pytest

from standards import diff_versions, load_standard_text, version_hash


@pytest.fixture
def old(small_standard):
    return load_standard_text(small_standard)


def changed(small_standard: str, *replacements: tuple[str, str]):
    text = small_standard
    for before, after in replacements:
        assert before in text, before
        text = text.replace(before, after, 1)
    return load_standard_text(text)


def test_the_hash_is_twelve_hex_digits(old):
    assert re.fullmatch(r"[0-9a-f]{12}", version_hash(old))


def test_reformatting_comments_and_written_out_defaults_keep_the_version(old):
    rewritten = textwrap.dedent(
        """\
        # The same standard, written differently.
        channel: "in_store"
        id: small
        languages:
          - de
          - en
        title:
          en: Small
          de: Klein
        target: 80.0
        critical_policy: zero
        bands:
          - {min: 0, label: {de: Schwach, en: Weak}}
          - {min: 75, label: {de: Gut, en: Good}}
        sections:
          - id: greeting
            title: {de: Begrüßung, en: Greeting}
            items:
              - {id: greeted, type: yes_no, text: {de: Begrüßt?, en: Greeted?}, weight: 1.0}
              - id: manner
                type: choice
                text: {de: Wie?, en: How?}
                na_allowed: false
                options:
                  - {id: warm, text: {de: Herzlich, en: Warm}, score: 1, pass: true}
                  - {id: cold, text: {de: Kühl, en: Cold}, score: 0.0}
              - id: why_cold
                type: text
                text: {de: Warum?, en: Why?}
                show_if: {item: manner, equals: cold}
                subject: store
          - id: waiting
            title: {de: Warten, en: Waiting}
            weight: 20
            items:
              - id: wait_seconds
                type: number
                unit: s
                pass_if: {max: 120.0}
                text: {de: Sekunden, en: Seconds}
              - id: friendliness
                type: scale
                text: {de: Freundlich, en: Friendly}
                min: 1
                max: 5
                pass_min: 3
        """
    )
    assert version_hash(load_standard_text(rewritten)) == version_hash(old)


def test_a_weight_change_makes_a_new_version_and_one_diff_line(small_standard, old):
    new = changed(small_standard, ("type: yes_no\n", "type: yes_no\n        weight: 2\n"))
    assert version_hash(new) != version_hash(old)
    assert diff_versions(old, new) == ["item greeted: weight 1 -> 2"]


def test_no_change_gives_no_diff(old):
    assert diff_versions(old, old) == []


def test_text_changes_are_shown_per_language(small_standard, old):
    new = changed(small_standard, ("en: Greeted?}", "en: Were you greeted?}"))
    assert diff_versions(old, new) == ["item greeted: text (en) 'Greeted?' -> 'Were you greeted?'"]


GREETED = "      - id: greeted\n        type: yes_no\n        text: {de: Begrüßt?, en: Greeted?}\n"
FRIENDLY = (
    "      - id: friendliness\n        type: scale\n        text: {de: Freundlich, en: Friendly}\n"
)
WAIT = (
    "      - id: wait_seconds\n        type: number\n        unit: s\n"
    "        pass_if: {max: 120}\n        text: {de: Sekunden, en: Seconds}\n"
)


def test_items_added_removed_and_moved_between_sections(small_standard, old):
    new = changed(
        small_standard,
        (FRIENDLY, "      - {id: tidy, type: yes_no, text: {de: Ordentlich?, en: Tidy?}}\n"),
        (GREETED, ""),
        (WAIT, WAIT + GREETED),
    )
    assert diff_versions(old, new) == [
        "item friendliness removed (was in section waiting)",
        "item greeted moved from section greeting to section waiting",
        "item tidy added to section waiting",
    ]


def test_section_weight_policy_target_bands_and_options_are_compared(small_standard, old):
    new = changed(
        small_standard,
        ("target: 80", "target: 85\ncritical_policy: flag_only"),
        ("{min: 75, label: {de: Gut, en: Good}}", "{min: 70, label: {de: Gut, en: Good}}"),
        ("weight: 20", "weight: 30"),
        (
            "{id: warm, text: {de: Herzlich, en: Warm}, score: 1}",
            "{id: kind, text: Kind, score: 1}",
        ),
        ("{id: cold, text: {de: Kühl, en: Cold}, score: 0}", "{id: cold, text: Cold, score: 0.2}"),
        ("pass_if: {max: 120}", "pass_if: {max: 90}"),
    )
    assert diff_versions(old, new) == [
        "target 80 -> 85",
        "critical_policy zero -> flag_only",
        "bands 75 Gut, 0 Schwach -> 70 Gut, 0 Schwach",
        "section waiting: weight 20 -> 30",
        "item manner: option warm removed",
        "item manner: option kind added (score 1)",
        "item manner: option cold: text (de) 'Kühl' -> 'Cold'",
        "item manner: option cold: score 0 -> 0.2",
        "item wait_seconds: pass_if max 120 -> max 90",
    ]


def test_show_if_changes_read_as_conditions(small_standard, old):
    new = changed(small_standard, ("equals: cold}", "in: [cold, warm]}"))
    assert diff_versions(old, new) == [
        "item why_cold: show_if manner = cold -> manner in [cold, warm]"
    ]


def test_reordering_items_is_a_new_version_and_says_so(small_standard, old):
    new = changed(small_standard, (WAIT, ""), (FRIENDLY, FRIENDLY + WAIT))
    assert version_hash(new) != version_hash(old)
    assert diff_versions(old, new) == [
        "section waiting: item order wait_seconds, friendliness -> friendliness, wait_seconds"
    ]
