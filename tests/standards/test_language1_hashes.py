"""A file written in the first language keeps its version hash, whatever the language gains.

The demo's visits were filled against these versions of the shipped standards
(sample_data/demo/standards); their hashes, taken before Language 2, are pinned here. A
default added to the models that leaked into the content would make every stored visit point
to a version nobody can load any more.
"""

from pathlib import Path

import pytest

from standards import load_standard, load_standard_text, version_hash

DEMO_VERSIONS = Path(__file__).resolve().parents[2] / "sample_data" / "demo" / "standards"
PINNED = {
    "email-chat-enquiry.yaml": "2c0366bae852",
    "phone-mystery-call.yaml": "bef99acbd49c",
    "retail-store-visit.yaml": "1b17ac9b8600",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_language_1_standard_keeps_its_hash(name: str) -> None:
    assert version_hash(load_standard(DEMO_VERSIONS / name)) == PINNED[name]


def test_every_demo_version_is_pinned() -> None:
    assert sorted(path.name for path in DEMO_VERSIONS.glob("*.yaml")) == sorted(PINNED)


# What the shipped files do not use: section weights, flag_only, plain-string texts, date and
# time items, scale bounds, number min and max, an option's explicit pass.
OTHER_FEATURES = """\
id: other-features
title: Everything else
description: Plain texts in every language
channel: web
languages: [de]
critical_policy: flag_only
sections:
  - id: one
    title: Eins
    weight: 3
    items:
      - {id: rating, type: scale, text: Wie?, min: 0, max: 10, pass_min: 7, critical: true}
      - {id: count, type: number, unit: count, text: Wie viele?, pass_if: {min: 2, max: 5}}
      - id: pick
        type: choice
        text: Welche?
        na_allowed: true
        options:
          - {id: a, text: A, score: 0.5, pass: true}
          - {id: b, text: B, score: 0}
  - id: two
    title: Zwei
    weight: 1
    items:
      - {id: day, type: date, text: Wann?, show_if: {item: pick, in: [a]}}
      - {id: hour, type: time, text: Um wie viel Uhr?, require_comment: always}
      - {id: seen, type: yes_no, text: Gesehen?, subject: staff, require_photo: true}
"""


def test_a_language_1_file_using_the_other_features_keeps_its_hash() -> None:
    assert version_hash(load_standard_text(OTHER_FEATURES)) == "9b1271ea1f2f"
