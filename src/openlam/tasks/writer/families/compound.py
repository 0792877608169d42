"""Compositional tasks: two or three sub-goals in one request."""

from __future__ import annotations

from copy import deepcopy

from openlam.tasks.writer.families.character import word_marked
from openlam.tasks.writer.families.common import WriterFamily, all_of, fail, other_word
from openlam.tasks.writer.steps import click, keys, select


class Compound(WriterFamily):
    """Sub-goals from other families on shared parameters; all must hold at the end.

    The parts must change independent things (bold and italic, style and alignment), so
    that each part's check still holds once the others are done.
    """

    category = "compound"
    compositional = True

    def __init__(self, id: str, parts: list[WriterFamily], phrasings: tuple[str, ...]):
        self.id, self.parts, self.phrasings = id, parts, phrasings

    def sample_params(self, facts, rng):
        params: dict = {}
        for part in self.parts:
            drawn = part.sample_params(facts, rng)
            if drawn is None:
                return None
            params = {**drawn, **params}  # the first part's target is everyone's target
        return params

    def solution(self, params):
        return [rule for part in self.parts for rule in part.solution(params)]

    def check(self, params, before, after, answer):
        return all_of(*(part.check(params, before, after, answer) for part in self.parts))

    def wrong_params(self, params, facts, rng):
        return self.parts[0].wrong_params(params, facts, rng)


class ReplaceAndBold(WriterFamily):
    """Replace a word and make the new word bold."""

    id = "writer/replace-and-bold-v1"
    category = "compound"
    compositional = True
    phrasings = (
        'Replace "{word}" with "{new}" and make the new word bold.',
        "Change {word} to {new}, then bold it.",
        'Swap "{word}" for "{new}" and put "{new}" in bold.',
        'Use "{new}" instead of "{word}", in bold type.',
        "Write {new} where it says {word}, and embolden it.",
        'Turn "{word}" into a bold "{new}".',
    )

    def __init__(self, replace: WriterFamily):
        self.replace = replace

    def sample_params(self, facts, rng):
        return self.replace.sample_params(facts, rng)

    def solution(self, params):
        return [
            select(params["word"]),
            keys(params["new"]),
            select(params["new"]),
            click("Bold", "toggle button"),
        ]

    def check(self, params, before, after, answer):
        replaced = self.replace.check(params, before, after, answer)
        if not replaced.success:
            return replaced
        expected = deepcopy(before)
        for paragraph in expected.paragraphs:
            paragraph.text = paragraph.text.replace(params["word"], params["new"])
            for run in paragraph.runs:
                run.text = run.text.replace(params["word"], params["new"])
        result = word_marked(params["new"], expected, after, lambda run: run.bold, "bold")
        return result if result.success else fail(result.reason)

    def wrong_params(self, params, facts, rng):
        return other_word(params, facts, rng)


def compound_families(simple: dict[str, WriterFamily]) -> list[WriterFamily]:
    """Compounds of the given simple families (by id)."""
    get = simple.__getitem__
    return [
        Compound(
            "writer/bold-italic-word-v1",
            [get("writer/bold-word-v1"), get("writer/italic-word-v1")],
            (
                "Make {word} bold and italic.",
                "Put the word '{word}' in bold italics.",
                "Bold {word}, and italicise it as well.",
                "Give {word} both bold and italic formatting.",
                "I want {word} heavy and slanted: bold plus italic.",
                "Emphasise {word} twice over, with bold and with italics.",
            ),
        ),
        Compound(
            "writer/underline-red-word-v1",
            [get("writer/underline-word-v1"), get("writer/red-word-v1")],
            (
                "Underline {word} and colour it red.",
                "Make '{word}' red and underlined.",
                "Give {word} a red font and an underline.",
                "Turn {word} red, then underline it.",
                "Highlight the importance of {word}: red text, underlined.",
                "{word} should be underlined and shown in red.",
            ),
        ),
        Compound(
            "writer/highlight-size-word-v1",
            [get("writer/highlight-word-v1"), get("writer/font-size-word-v1")],
            (
                "Highlight {word} and set it to {value} pt.",
                "Make '{word}' {value} points and highlighted.",
                "Give {word} a highlight and a font size of {value}.",
                "Resize {word} to {value}pt and highlight it.",
                "Set {word} in {value} pt with a yellow highlight.",
                "{word}: {value} point type, highlighted.",
            ),
        ),
        Compound(
            "writer/heading-centered-v1",
            [get("writer/style-heading1-v1"), get("writer/center-paragraph-v1")],
            (
                'Make the paragraph that begins "{start}" a Heading 1 and center it.',
                'Turn "{start}..." into a centred top-level heading.',
                'Apply Heading 1 to the paragraph starting "{start}" and align it to the middle.',
                'Style the paragraph beginning "{start}" as Heading 1, centred.',
                'The paragraph "{start}" should become a centered Heading 1.',
                'Center the paragraph opening with "{start}" and give it the Heading 1 style.',
            ),
        ),
        Compound(
            "writer/landscape-margin-v1",
            [get("writer/page-margin-v1"), get("writer/landscape-v1")],
            (
                "Switch to landscape and set the {side_lower} margin to {inches} inches.",
                "Make the page landscape with a {inches} inch {side_lower} margin.",
                "Landscape orientation, please, and a {side_lower} margin of {inches} in.",
                "Turn the pages sideways and change the {side_lower} margin to {inches} inches.",
                "Use landscape paper with the {side_lower} margin at {inches} inches.",
                'Set a {inches}" {side_lower} margin and landscape orientation.',
            ),
        ),
        ReplaceAndBold(get("writer/replace-word-v1")),
    ]
