"""Character formatting of one word: bold, italic, colour, font, size, case..."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from openlam.tasks.base import CheckResult
from openlam.tasks.writer.facts import DocFacts, RunFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    nonempty,
    other_word,
    pick_word,
    same_text,
)
from openlam.tasks.writer.steps import click, menu, select, set_box

RunTest = Callable[[RunFacts], bool]


def is_red(color: str | None) -> bool:
    if not color:
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 150 and g < 110 and b < 110


def marked(paragraph, test: RunTest) -> str:
    return "".join(r.text for r in paragraph.runs if test(r))


def word_marked(word: str, before: DocFacts, after: DocFacts, test: RunTest, what: str):
    """The word, and nothing else, gained the attribute."""
    text = same_text(before, after)
    if not text.success:
        return text
    for b, a in zip(nonempty(before), nonempty(after), strict=True):
        gained = len(marked(a, test)) - len(marked(b, test))
        if word in b.text:
            if word not in marked(a, test) or gained != len(word):
                return fail(f"{word!r} is not {what} (or more than it is): {marked(a, test)!r}")
        elif gained != 0:
            return fail(f"other text became {what}: {marked(a, test)[:80]!r}")
    return OK


class WordFormat(WriterFamily):
    """Apply one character attribute to a word of the document."""

    category = "character"

    def __init__(self, id: str, what: str, test, solution, phrasings, values=None):
        self.id, self.what, self.phrasings = id, what, phrasings
        self._test, self._solution, self.values = test, solution, values

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        params = pick_word(facts, rng)
        if params is not None and self.values:
            params["value"] = rng.choice(self.values)
        return params

    def solution(self, params: dict[str, Any]):
        return [select(params["word"]), *self._solution(params)]

    def check(self, params, before, after, answer) -> CheckResult:
        return word_marked(params["word"], before, after, self._test(params), self.what)

    def wrong_params(self, params, facts, rng):
        if self.values and len(self.values) > 1 and rng.random() < 0.5:
            return {**params, "value": rng.choice([v for v in self.values if v != params["value"]])}
        return other_word(params, facts, rng)


class Uppercase(WriterFamily):
    """Change a word to capitals through Format - Text - UPPERCASE."""

    id = "writer/uppercase-word-v1"
    category = "character"
    phrasings = (
        "Change {word} to uppercase.",
        "Write the word '{word}' in capital letters.",
        "Make {word} all caps.",
        "Put {word} in upper case, please.",
        "Capitalise every letter of '{word}'.",
        "I need {word} shown in block capitals.",
    )

    def sample_params(self, facts, rng):
        return pick_word(facts, rng)

    def solution(self, params):
        return [select(params["word"]), *menu("Format", "Text", "UPPERCASE")]

    def check(self, params, before, after, answer):
        word = params["word"]
        expected = [t.replace(word, word.upper()) for t in before.texts()]
        if after.texts() != expected:
            return fail(f"{word!r} is not in capitals, or other text changed")
        return OK

    def wrong_params(self, params, facts, rng):
        return other_word(params, facts, rng)


def _toggle(attribute: str) -> Callable[[dict], RunTest]:
    return lambda params: lambda run: getattr(run, attribute)


FONTS = ("Liberation Sans", "Liberation Mono", "DejaVu Sans", "DejaVu Serif")
SIZES = ("9", "10", "14", "16", "18", "20", "24")


def character_families() -> list[WriterFamily]:
    return [
        WordFormat(
            "writer/bold-word-v1",
            "bold",
            _toggle("bold"),
            lambda p: [click("Bold", "toggle button")],
            (
                "Make the word {word} bold.",
                "Bold '{word}'.",
                "Please put {word} in bold type.",
                "Can you embolden the word {word}?",
                "Set {word} in a heavy, bold font.",
                "I'd like {word} to stand out in bold.",
            ),
        ),
        WordFormat(
            "writer/italic-word-v1",
            "italic",
            _toggle("italic"),
            lambda p: [click("Italic", "toggle button")],
            (
                "Italicise {word}.",
                "Make '{word}' italic.",
                "Put the word {word} in italics.",
                "Could you slant {word} (italic)?",
                "Emphasise {word} with italic type.",
                "Switch {word} to italics please.",
            ),
        ),
        WordFormat(
            "writer/underline-word-v1",
            "underlined",
            _toggle("underline"),
            lambda p: [click("Underline", "push button")],
            (
                "Underline {word}.",
                "Draw a line under the word '{word}'.",
                "Please underline the word {word}.",
                "Give {word} an underline.",
                "Add underlining to {word}.",
                "I want {word} underscored.",
            ),
        ),
        WordFormat(
            "writer/strikethrough-word-v1",
            "struck through",
            _toggle("strike"),
            lambda p: [click("Strikethrough", "toggle button")],
            (
                "Strike through {word}.",
                "Cross out the word '{word}'.",
                "Apply strikethrough to {word}.",
                "Put a line through {word}.",
                "Mark {word} as deleted with a strikethrough.",
                "Show {word} crossed out, please.",
            ),
        ),
        WordFormat(
            "writer/red-word-v1",
            "red",
            lambda p: lambda run: is_red(run.color),
            lambda p: [click("Font Color", "push button")],
            (
                "Colour the word {word} red.",
                "Make '{word}' red.",
                "Change the font colour of {word} to red.",
                "Turn {word} red.",
                "Give {word} a red font.",
                "Print {word} in red ink.",
            ),
        ),
        WordFormat(
            "writer/highlight-word-v1",
            "highlighted",
            _toggle("highlight"),
            lambda p: [click("Character Highlighting Color", "push button")],
            (
                "Highlight {word}.",
                "Mark '{word}' with the highlighter.",
                "Put a highlight on the word {word}.",
                "Apply highlighting to {word}.",
                "Make {word} stand out with a yellow highlight.",
                "Could you highlight the word {word} for me?",
            ),
        ),
        WordFormat(
            "writer/font-name-word-v1",
            "in the asked font",
            lambda p: lambda run, font=p["value"]: run.font == font,
            lambda p: [set_box("Font Name", p["value"])],
            (
                "Set {word} in {value}.",
                "Change the font of '{word}' to {value}.",
                "Use the {value} typeface for {word}.",
                "Switch {word} to the font {value}.",
                "Make the word {word} {value}.",
                "I want {word} displayed in {value}.",
            ),
            FONTS,
        ),
        WordFormat(
            "writer/font-size-word-v1",
            "in the asked size",
            lambda p: lambda run, size=float(p["value"]): run.size == size,
            lambda p: [set_box("Font Size", p["value"])],
            (
                "Make {word} {value} pt.",
                "Set the font size of '{word}' to {value} points.",
                "Change {word} to size {value}.",
                "Resize the word {word} to {value}pt.",
                "Give {word} a {value} point font.",
                "{word} should be {value} pt, please.",
            ),
            SIZES,
        ),
        Uppercase(),
    ]
