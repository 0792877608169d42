"""Paragraph formatting: alignment, spacing, indentation and paragraph styles."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from openlam.tasks.base import CheckResult
from openlam.tasks.writer.facts import DocFacts, ParagraphFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    nonempty,
    other_paragraph,
    pick_paragraph,
    same_text,
)
from openlam.tasks.writer.steps import click, menu, select_paragraphs, set_box

Getter = Callable[[ParagraphFacts], Any]


def paragraph_changed(
    before: DocFacts, after: DocFacts, index: int, getter: Getter, wanted, what: str
) -> CheckResult:
    """Paragraph `index` now has the wanted value and no other paragraph changed in it."""
    text = same_text(before, after)
    if not text.success:
        return text
    target = before.paragraphs[index].text
    for b, a in zip(nonempty(before), nonempty(after), strict=True):
        if b.text == target:
            if not wanted(getter(a), getter(b)):
                return fail(f"the paragraph is not {what}: it is {getter(a)!r}")
        elif getter(a) != getter(b):
            return fail(f"another paragraph changed too: {b.text[:40]!r} is {getter(a)!r}")
    return OK


class ParagraphFormat(WriterFamily):
    """Change one attribute of one paragraph named by its opening words."""

    category = "paragraph"

    def __init__(self, id, what, getter, wanted, solution, phrasings, category="paragraph"):
        self.id, self.what, self.phrasings, self.category = id, what, phrasings, category
        self._getter, self._wanted, self._solution = getter, wanted, solution

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        if self._wanted(self._getter(facts.paragraphs[params["paragraph"]]), None):
            return None  # already so: nothing to do
        return params

    def solution(self, params):
        return [select_paragraphs(params["start"]), *self._solution(params)]

    def check(self, params, before, after, answer):
        index = params["paragraph"]
        return paragraph_changed(before, after, index, self._getter, self._wanted, self.what)

    def wrong_params(self, params, facts, rng):
        return other_paragraph(params, facts, rng)


def _is(value):
    return lambda now, was: now == value


def _style_is(*names):
    return lambda now, was: now in names


def paragraph_families() -> list[WriterFamily]:
    alignment = lambda p: p.alignment  # noqa: E731
    style = lambda p: p.style  # noqa: E731
    families = [
        ParagraphFormat(
            "writer/center-paragraph-v1",
            "centred",
            alignment,
            _is("center"),
            lambda p: [click("Center", "toggle button")],
            (
                'Center the paragraph that begins "{start}".',
                'Align the paragraph starting with "{start}" to the centre.',
                'Put the "{start}" paragraph in the middle of the line.',
                'Please centre the text of the paragraph "{start}...".',
                'Can you center-align the paragraph beginning "{start}"?',
                'The paragraph opening with "{start}" should be centred.',
            ),
        ),
        ParagraphFormat(
            "writer/right-align-paragraph-v1",
            "right-aligned",
            alignment,
            _is("right"),
            lambda p: [click("Right", "toggle button")],
            (
                'Right-align the paragraph that begins "{start}".',
                'Align the paragraph starting with "{start}" to the right.',
                'Push the "{start}" paragraph to the right margin.',
                'Make the paragraph "{start}..." flush right.',
                'Could you right-justify the paragraph beginning "{start}"?',
                'Set the paragraph opening with "{start}" against the right edge.',
            ),
        ),
        ParagraphFormat(
            "writer/justify-paragraph-v1",
            "justified",
            alignment,
            _is("justify"),
            lambda p: [click("Justified", "toggle button")],
            (
                'Justify the paragraph that begins "{start}".',
                'Make the paragraph starting with "{start}" fully justified.',
                'Align both edges of the "{start}" paragraph.',
                'Give the paragraph "{start}..." justified alignment.',
                'Please block-justify the paragraph beginning "{start}".',
                'Spread the paragraph opening with "{start}" evenly between the margins.',
            ),
        ),
        ParagraphFormat(
            "writer/double-space-paragraph-v1",
            "double-spaced",
            lambda p: p.line_spacing,
            _is(2.0),
            lambda p: menu("Format", "Spacing", "Line Spacing: 2"),
            (
                'Double-space the paragraph that begins "{start}".',
                'Set the line spacing of the paragraph starting "{start}" to double.',
                'Use double line spacing for the "{start}" paragraph.',
                'Give the paragraph "{start}..." two-line spacing.',
                'Please make the paragraph beginning "{start}" double spaced.',
                'Open up the lines of the paragraph "{start}" to double spacing.',
            ),
        ),
        ParagraphFormat(
            "writer/indent-paragraph-v1",
            "indented",
            lambda p: p.left_indent_mm,
            lambda now, was: was is not None and now > was + 1,
            lambda p: [click("Increase", "push button")],
            (
                'Indent the paragraph that begins "{start}".',
                'Increase the indent of the paragraph starting "{start}".',
                'Move the "{start}" paragraph in from the left margin.',
                'Give the paragraph "{start}..." a left indent.',
                'Please shift the paragraph beginning "{start}" to the right by one indent.',
                'Add indentation to the paragraph opening with "{start}".',
            ),
        ),
    ]
    styles = [
        ("heading1", ("Heading 1",), "Heading 1", "a top-level heading"),
        ("heading2", ("Heading 2",), "Heading 2", "a second-level heading"),
        ("title", ("Title",), "Title", "a title"),
        ("quote", ("Quotations", "Quote"), "Quotations", "a quotation"),
    ]
    for key, names, box_text, noun in styles:
        families.append(
            ParagraphFormat(
                f"writer/style-{key}-v1",
                f"in style {names[0]}",
                style,
                _style_is(*names),
                lambda p, box_text=box_text: [set_box("Paragraph Style", box_text)],
                (
                    f'Apply the {box_text} style to the paragraph that begins "{{start}}".',
                    f'Make the paragraph starting with "{{start}}" {noun}.',
                    f'Turn "{{start}}..." into {noun}.',
                    f'Format the paragraph beginning "{{start}}" as {box_text}.',
                    f'Give the paragraph "{{start}}" the paragraph style {box_text}.',
                    f'Style the paragraph opening with "{{start}}" as {noun}.',
                ),
                category="style",
            )
        )
    return families
