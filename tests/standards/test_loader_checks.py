"""One inline snippet per loader check: the code and the place (line, col) it reports.

Each snippet holds exactly one problem, so the tests also prove a problem causes no cascade.
With `with_items`, lines 1-11 are a valid header and the snippet starts on line 12.
"""

import textwrap

import pytest

from tests.standards.conftest import problems_of, with_items


def doc(text: str) -> str:
    return textwrap.dedent(text)


VALID_HEAD = "id: t\ntitle: T\nchannel: web\nlanguages: [en]\n"
ONE_SECTION = (
    "sections:\n  - id: s\n    title: S\n    items:\n      - {id: a, type: yes_no, text: A}\n"
)

CASES = {
    "yaml syntax: unclosed quote points at the quote": (
        "id: t\ntitle: 'Store\nchannel: web\n",
        ("E001", 2, 8),
    ),
    "yaml syntax: tab indentation": ("id: t\n\ttitle: T\n", ("E001", 2, 1)),
    "unknown top-level key": (
        "id: t\ntitle: T\nchanel: web\nchannel: web\nlanguages: [en]\n" + ONE_SECTION,
        ("E002", 3, 1),
    ),
    "unknown item key": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  guidence: look closely\n"),
        ("E002", 15, 9),
    ),
    "unknown key in an option": (
        with_items(
            """\
            - id: a
              type: choice
              text: A
              options:
                - {id: x, text: X, score: 1}
                - {id: y, txt: Y, score: 0}
            """
        ),
        ("E002", 17, 21),
    ),
    "missing top-level key points at the file start": (
        "id: t\ntitle: T\nlanguages: [en]\n" + ONE_SECTION,
        ("E003", 1, 1),
    ),
    "missing item text points at the item": (
        with_items("- id: a\n  type: yes_no\n"),
        ("E003", 12, 9),
    ),
    "missing item type points at the item": (
        with_items("- id: a\n  text: A\n"),
        ("E003", 12, 9),
    ),
    "scored number without pass_if or points": (
        with_items("- id: a\n  type: number\n  text: A\n"),
        ("E010", 12, 9),
    ),
    "duplicate item id points at the second": (
        with_items("- id: base\n  type: yes_no\n  text: Again\n"),
        ("E004", 12, 13),
    ),
    "duplicate section id": (
        with_items("")
        + "  - id: s\n    title: S2\n    items:\n      - {id: b, type: text, text: B}\n",
        ("E004", 12, 9),
    ),
    "item id with capitals and spaces": (
        with_items("- id: Greeted Fast\n  type: yes_no\n  text: A\n"),
        ("E005", 12, 13),
    ),
    "standard id with an underscore": (
        "id: store_visit\ntitle: T\nchannel: web\nlanguages: [en]\n" + ONE_SECTION,
        ("E005", 1, 5),
    ),
    "unknown item type": (with_items("- id: a\n  type: yesno\n  text: A\n"), ("E006", 13, 15)),
    "unknown channel": (
        "id: t\ntitle: T\nchannel: shop\nlanguages: [en]\n" + ONE_SECTION,
        ("E006", 3, 10),
    ),
    "unknown subject": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  subject: person\n"),
        ("E006", 15, 18),
    ),
    "unknown require_comment": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  require_comment: sometimes\n"),
        ("E006", 15, 26),
    ),
    "unknown critical_policy": (
        VALID_HEAD + "critical_policy: strict\n" + ONE_SECTION,
        ("E006", 5, 18),
    ),
    "item weight 0": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  weight: 0\n"),
        ("E007", 15, 17),
    ),
    "negative section weight": (
        VALID_HEAD + ONE_SECTION.replace("    items:", "    weight: -5\n    items:"),
        ("E007", 8, 13),
    ),
    "option score above 1": (
        with_items(
            "- id: a\n  type: choice\n  text: A\n  options:\n"
            "    - {id: x, text: X, score: 1.5}\n    - {id: y, text: Y, score: 0}\n"
        ),
        ("E008", 16, 37),
    ),
    "duplicate option ids": (
        with_items(
            "- id: a\n  type: choice\n  text: A\n  options:\n"
            "    - {id: x, text: X, score: 1}\n    - {id: x, text: Y, score: 0}\n"
        ),
        ("E008", 17, 18),
    ),
    "choice with one option": (
        with_items(
            "- id: a\n  type: choice\n  text: A\n  options:\n    - {id: x, text: X, score: 1}\n"
        ),
        ("E008", 16, 11),
    ),
    "scale min not below max": (
        with_items("- id: a\n  type: scale\n  text: A\n  min: 5\n  max: 5\n"),
        ("E009", 16, 14),
    ),
    "scale pass_min outside the range": (
        with_items("- id: a\n  type: scale\n  text: A\n  pass_min: 7\n"),
        ("E009", 15, 19),
    ),
    "number max below min": (
        with_items("- id: a\n  type: number\n  text: A\n  min: 5\n  max: 2\n  scored: false\n"),
        ("E009", 16, 14),
    ),
    "number max below the default min of 0": (
        with_items("- id: a\n  type: number\n  text: A\n  max: -1\n  scored: false\n"),
        ("E009", 15, 14),
    ),
    "number pass_if without a bound": (
        with_items("- id: a\n  type: number\n  text: A\n  pass_if: {unit_less: true}\n"),
        ("E002", 15, 19),
    ),
    "number pass_if empty": (
        with_items("- id: a\n  type: number\n  text: A\n  pass_if: {}\n"),
        ("E010", 15, 18),
    ),
    "number pass_if min above max": (
        with_items("- id: a\n  type: number\n  text: A\n  pass_if: {min: 9, max: 3}\n"),
        ("E010", 15, 18),
    ),
    "critical on a text item": (
        with_items("- id: a\n  type: text\n  text: A\n  critical: true\n"),
        ("E011", 15, 9),
    ),
    "weight on a photo item": (
        with_items("- id: a\n  type: photo\n  text: A\n  weight: 2\n"),
        ("E011", 15, 9),
    ),
    "both critical and bonus": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  critical: true\n  bonus: true\n"),
        ("E012", 16, 16),
    ),
    "show_if naming an unknown item": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  show_if: {item: bsae, equals: 'yes'}\n"),
        ("E013", 15, 25),
    ),
    "show_if naming a later item": (
        with_items(
            "- id: a\n  type: yes_no\n  text: A\n  show_if: {item: b, equals: 'yes'}\n"
            "- id: b\n  type: yes_no\n  text: B\n"
        ),
        ("E013", 15, 25),
    ),
    "show_if naming the item itself": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  show_if: {item: a, equals: 'yes'}\n"),
        ("E013", 15, 25),
    ),
    "show_if value the item cannot take": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  show_if: {item: base, equals: maybe}\n"),
        ("E013", 15, 39),
    ),
    "show_if value in a list the item cannot take": (
        with_items(
            "- id: a\n  type: yes_no\n  text: A\n  show_if: {item: base, in: ['yes', 'perhaps']}\n"
        ),
        ("E013", 15, 43),
    ),
    "show_if with both equals and in": (
        with_items(
            "- id: a\n  type: yes_no\n  text: A\n"
            "  show_if: {item: base, equals: 'no', in: ['no']}\n"
        ),
        ("E013", 15, 18),
    ),
    "show_if testing for N/A": (
        with_items(
            "- id: a\n  type: yes_no\n  na_allowed: true\n  text: A\n"
            "- id: b\n  type: text\n  text: B\n  show_if: {item: a, equals: na}\n"
        ),
        ("E013", 19, 36),
    ),
    "bands with the same min twice": (
        VALID_HEAD + "bands:\n  - {min: 50, label: A}\n  - {min: 50, label: B}\n"
        "  - {min: 0, label: C}\n" + ONE_SECTION,
        ("E014", 7, 11),
    ),
    "bands not starting at 0": (
        VALID_HEAD + "bands:\n  - {min: 90, label: A}\n  - {min: 50, label: B}\n" + ONE_SECTION,
        ("E014", 5, 1),
    ),
    "band min of 100": (
        VALID_HEAD + "bands:\n  - {min: 100, label: A}\n  - {min: 0, label: B}\n" + ONE_SECTION,
        ("E014", 6, 11),
    ),
    "text missing a declared language": (
        doc(
            """\
            id: t
            title: T
            channel: web
            languages: [de, en]
            sections:
              - id: s
                title: S
                items:
                  - id: a
                    type: yes_no
                    text: {de: Frage}
            """
        ),
        ("E015", 11, 9),
    ),
    "text in a language that is not declared": (
        with_items("- id: a\n  type: yes_no\n  text: {en: Question, fr: Question}\n"),
        ("E015", 14, 30),
    ),
    "empty text": (with_items("- id: a\n  type: yes_no\n  text: ''\n"), ("E015", 14, 15)),
    "language code that is none": (
        "id: t\ntitle: T\nchannel: web\nlanguages: [english]\n" + ONE_SECTION,
        ("E015", 4, 13),
    ),
    "language listed twice": (
        "id: t\ntitle: T\nchannel: web\nlanguages: [en, en]\n" + ONE_SECTION,
        ("E015", 4, 17),
    ),
    "no scored item": (
        VALID_HEAD + ONE_SECTION.replace("type: yes_no", "type: text"),
        ("E016", 5, 1),
    ),
    "a list where a number belongs": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  weight: [1, 2]\n"),
        ("E017", 15, 17),
    ),
    "a number where the sections belong": (VALID_HEAD + "sections: 5\n", ("E017", 5, 11)),
    "true where a number belongs": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  weight: true\n"),
        ("E017", 15, 17),
    ),
    "a list where a text belongs": (
        with_items("- id: a\n  type: yes_no\n  text: [A, B]\n"),
        ("E017", 14, 15),
    ),
    "a text where true or false belongs": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  critical: very\n"),
        ("E017", 15, 19),
    ),
    "the same key twice": (
        with_items("- id: a\n  type: yes_no\n  text: A\n  text: B\n"),
        ("E018", 15, 9),
    ),
    "empty file": ("# nothing here yet\n", ("E019", 1, 1)),
    "a list at the top": ("- id: t\n- title: T\n", ("E019", 1, 1)),
    "target above 100": (VALID_HEAD + "target: 120\n" + ONE_SECTION, ("E021", 5, 9)),
    "section with no items": (
        VALID_HEAD + ONE_SECTION + "  - id: empty\n    title: E\n    items: []\n",
        ("E021", 12, 12),
    ),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_each_check_reports_its_code_at_the_place_of_the_problem(text, expected):
    found = [(p.code, p.line, p.col) for p in problems_of(text)]
    assert found == [expected]


def test_unknown_key_suggests_the_close_known_key():
    (problem,) = problems_of(with_items("- id: a\n  type: yes_no\n  text: A\n  guidence: x\n"))
    assert "did you mean 'guidance'?" in problem.message


def test_a_typo_of_a_required_key_is_not_also_reported_as_missing():
    text = with_items("- id: a\n  type: yes_no\n  txt: A\n")
    assert [(p.code, p.line) for p in problems_of(text)] == [("E002", 14)]


def test_unknown_key_far_from_any_known_key_gets_no_suggestion():
    (problem,) = problems_of(with_items("- id: a\n  type: yes_no\n  text: A\n  colour: red\n"))
    assert "did you mean" not in problem.message


def test_unknown_type_is_one_problem_listing_the_allowed_types():
    (problem,) = problems_of(with_items("- id: a\n  type: yesno\n  text: A\n  weight: 2\n"))
    assert problem.code == "E006"
    listed = "yes_no, scale, choice, multi_choice, number, duration, text, photo, date, time"
    assert listed in problem.message
    assert "did you mean 'yes_no'?" in problem.message


def test_keys_of_an_item_with_unknown_type_are_still_checked():
    text = with_items("- id: a\n  type: yesno\n  text: A\n  guidence: x\n")
    assert [(p.code, p.line) for p in problems_of(text)] == [("E006", 13), ("E002", 15)]


def test_show_if_value_in_another_spelling_names_the_canonical_one():
    (problem,) = problems_of(
        with_items("- id: a\n  type: text\n  text: A\n  show_if: {item: base, equals: Ja}\n")
    )
    assert "write it as 'yes'" in problem.message


def test_messages_name_the_item_they_are_about():
    (problem,) = problems_of(with_items("- id: greeted\n  type: yes_no\n  text: A\n  weight: 0\n"))
    assert problem.message.startswith("item 'greeted': ")
    assert str(problem) == f"t.yaml:15:17: E007 {problem.message}"
