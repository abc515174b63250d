"""Inline YAML helpers: a standard around a few items, so each test shows only what matters."""

import textwrap

import pytest

from standards import Problem, StandardError, load_standard_text

HEAD = """\
id: t
title: T
channel: web
languages: [en]
sections:
  - id: s
    title: S
    items:
      - id: base
        type: yes_no
        text: Base
"""
"""Lines 1-11 of every `with_items` document; the items of a test start on line 12."""


def with_items(block: str) -> str:
    """HEAD plus `block` (written at column 0) as further items of section s."""
    return HEAD + textwrap.indent(textwrap.dedent(block), " " * 6)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(StandardError) as caught:
        load_standard_text(text, "t.yaml")
    return caught.value.problems


@pytest.fixture
def small_standard() -> str:
    return textwrap.dedent(
        """\
        id: small
        title: {de: Klein, en: Small}
        channel: in_store   # a comment
        languages: [de, en]
        target: 80
        bands:
          - {min: 75, label: {de: Gut, en: Good}}
          - {min: 0, label: {de: Schwach, en: Weak}}
        sections:
          - id: greeting
            title: {de: Begrüßung, en: Greeting}
            items:
              - id: greeted
                type: yes_no
                text: {de: Begrüßt?, en: Greeted?}
              - id: manner
                type: choice
                text: {de: Wie?, en: How?}
                options:
                  - {id: warm, text: {de: Herzlich, en: Warm}, score: 1}
                  - {id: cold, text: {de: Kühl, en: Cold}, score: 0}
              - id: why_cold
                type: text
                text: {de: Warum?, en: Why?}
                show_if: {item: manner, equals: cold}
          - id: waiting
            title: {de: Warten, en: Waiting}
            weight: 20
            items:
              - id: wait_seconds
                type: number
                unit: s
                pass_if: {max: 120}
                text: {de: Sekunden, en: Seconds}
              - id: friendliness
                type: scale
                text: {de: Freundlich, en: Friendly}
        """
    )
