"""Paragraph formatting: alignment, spacing, indents, styles, background, borders, levels."""

from __future__ import annotations

import colorsys
import random
from collections.abc import Callable, Iterable
from typing import Any

from openlam.agent.scripted import call
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer.facts import DocFacts, ParagraphFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    nonempty,
    ordinal,
    other_paragraph,
    pick_paragraph,
    same_text,
)
from openlam.tasks.writer.steps import click, keys, menu, select_paragraphs, set_box

Getter = Callable[[ParagraphFacts], Any]
Wanted = Callable[[Any, Any], bool]

STYLE_HELP = ("swriter/01/05140000.html#hd_id3147184",)
INDENT_HELP = ("swriter/guide/ruler.html#hd_id3149038",)


def paragraphs_changed(
    before: DocFacts, after: DocFacts, targets: Iterable[int], getter: Getter, wanted, what: str
) -> CheckResult:
    """The paragraphs at `targets` (indices in `before`) now have the wanted value, and no
    other paragraph's value changed."""
    text = same_text(before, after)
    if not text.success:
        return text
    targets = set(targets)
    indices = [i for i, p in enumerate(before.paragraphs) if p.text.strip()]
    for i, a in zip(indices, nonempty(after), strict=True):
        b = before.paragraphs[i]
        if i in targets:
            if not wanted(getter(a), getter(b)):
                return fail(f"{b.text[:40]!r} is not {what}: it is {getter(a)!r}")
        elif getter(a) != getter(b):
            return fail(f"another paragraph changed too: {b.text[:40]!r} is {getter(a)!r}")
    return OK


def paragraph_changed(
    before: DocFacts, after: DocFacts, index: int, getter: Getter, wanted, what: str
) -> CheckResult:
    """Paragraph `index` now has the wanted value and no other paragraph changed in it."""
    return paragraphs_changed(before, after, {index}, getter, wanted, what)


class ParagraphFormat(WriterFamily):
    """Change one attribute of one paragraph named by its opening words."""

    category = "paragraph"

    def __init__(
        self,
        id: str,
        what: str,
        getter: Getter,
        wanted: Wanted,
        solution,
        phrasings,
        category: str = "paragraph",
        help_sources: tuple[str, ...] = (),
        values: tuple[dict[str, Any], ...] = (),
        eligible: Callable[[ParagraphFacts], bool] | None = None,
    ):
        """`values`: extra parameters to draw one set of (size, colour...); `wanted` then gets
        them as a third argument. `eligible`: which paragraphs may be targets."""
        self.id, self.what, self.phrasings, self.category = id, what, phrasings, category
        self.help_sources = help_sources
        self._getter, self._wanted, self._solution = getter, wanted, solution
        self.values, self._eligible = values, eligible

    def _wants(self, params: dict[str, Any]) -> Wanted:
        if not self.values:
            return self._wanted
        return lambda now, was: self._wanted(now, was, params)

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        if self.values:
            params.update(rng.choice(self.values))
        target = facts.paragraphs[params["paragraph"]]
        if self._eligible is not None and not self._eligible(target):
            return None
        if self._wants(params)(self._getter(target), None):
            return None  # already so: nothing to do
        return params

    def solution(self, params):
        return [select_paragraphs(params["start"]), *self._solution(params)]

    def check(self, params, before, after, answer):
        index = params["paragraph"]
        wanted = self._wants(params)
        return paragraph_changed(before, after, index, self._getter, wanted, self.what)

    def wrong_params(self, params, facts, rng):
        if len(self.values) > 1 and rng.random() < 0.5:
            others = [v for v in self.values if any(params[k] != x for k, x in v.items())]
            return {**params, **rng.choice(others)}
        return other_paragraph(params, facts, rng)


def _is(value):
    return lambda now, was: now == value


def _style_is(*names):
    return lambda now, was: now in names


# -- colours -------------------------------------------------------------------------------

# Writer's palette names for each colour a request may name.
PALETTE = {
    "yellow": "Light Yellow 3",
    "green": "Light Green 3",
    "blue": "Light Blue 3",
    "grey": "Light Gray 3",
    "orange": "Light Orange 3",
}
COLOURS = tuple({"colour": name, "palette": palette} for name, palette in PALETTE.items())

BORDER_PRESETS = (
    {
        "preset": "All Four Borders",
        "sides": ["top", "left", "bottom", "right"],
        "border": "a box border on all four sides",
    },
    {
        "preset": "Top and Bottom Borders Only",
        "sides": ["top", "bottom"],
        "border": "border lines above and below (none at the sides)",
    },
    {
        "preset": "Left Border Only",
        "sides": ["left"],
        "border": "a single border line on the left side only",
    },
)


def colour_name(fill: str | None) -> str | None:
    """The plain name of a fill colour "RRGGBB" (None for no fill), by hue: any shade a
    person would call by that name counts."""
    if not fill:
        return None
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.05 or value < 0.1:
        return "grey" if 0.1 <= value < 0.99 else None
    degrees = hue * 360
    for name, upper in (("red", 15), ("orange", 45), ("yellow", 70), ("green", 170)):
        if degrees < upper:
            return name
    return "blue" if degrees < 260 else "purple" if degrees < 330 else "red"


# -- families over several paragraphs ----------------------------------------------------


def headings(facts: DocFacts) -> list[int]:
    """Indices of section headings (Heading N styles; not the title) with their own text."""
    starts = [p.text for p in facts.paragraphs]
    return [
        i
        for i, p in enumerate(facts.paragraphs)
        if p.style.startswith("Heading")
        and p.text.strip()
        and sum(s.startswith(p.text) for s in starts) == 1
        and facts.count(p.text) == 1
    ]


class EveryHeading(WriterFamily):
    """Centre every section heading, one by one with the toolbar (the title stays)."""

    id = "writer/center-headings-v1"
    category = "range"
    phrasings = styled(
        terse=(
            "Centre every section heading; leave the title alone.",
            "Center all the headings (not the title).",
        ),
        polite=(
            "Could you please centre each of the section headings? The title and body text "
            "can stay as they are.",
            "Would you mind center-aligning all the headings, apart from the document title?",
        ),
        context=(
            "The design brief asks for centred section headings, so please centre every "
            "heading except the title.",
            "I'm matching our printed brochure, where headings sit in the middle: centre all "
            "the section headings but not the title.",
        ),
        indirect=(
            "The section headings should all sit in the middle of the line; the title and "
            "the text stay as they are.",
            "None of the headings should hug the left margin any more: all of them centred "
            "(the title excepted).",
        ),
        reference=(
            'Centre the {count} headings, from "{first}" down to "{last}"; don\'t touch the title.',
            'Align every heading between "{first}" and "{last}" (all {count} of them) to the '
            "centre, leaving the title as it is.",
        ),
        typo=(
            "center all the headings exept the title",
            "pls centre evry section heading, not the title",
        ),
    )

    def sample_params(self, facts, rng):
        found = headings(facts)
        if len(found) < 2 or len(found) != sum(
            p.style.startswith("Heading") for p in nonempty(facts)
        ):
            return None
        if all(facts.paragraphs[i].alignment == "center" for i in found):
            return None
        texts = [facts.paragraphs[i].text for i in found]
        return {"headings": texts, "count": len(texts), "first": texts[0], "last": texts[-1]}

    def solution(self, params):
        rules = []
        for text in params["headings"]:
            rules += [select_paragraphs(text), click("Center", "toggle button")]
        return rules

    def check(self, params, before, after, answer):
        targets = [i for i, p in enumerate(before.paragraphs) if p.text in params["headings"]]
        return paragraphs_changed(
            before, after, targets, lambda p: p.alignment, _is("center"), "centred"
        )

    def wrong_params(self, params, facts, rng):
        return {**params, "headings": params["headings"][:-1]}


class JustifyAll(WriterFamily):
    """Justify every paragraph of the document: select all, then the toolbar button."""

    id = "writer/justify-document-v1"
    category = "range"
    phrasings = styled(
        terse=("Justify the whole document.", "Justify every paragraph."),
        polite=(
            "Could you please justify all the text in this document, headings included?",
            "Would you mind setting every paragraph of the document to justified alignment?",
        ),
        context=(
            "It's going to the printer as a booklet, so please justify every paragraph of "
            "the document.",
            "Our style guide wants straight edges on both sides: justify the entire document.",
        ),
        indirect=(
            "Every paragraph in the document, from the title to the last line, should be "
            "justified.",
            "I want both margins of all the text to be straight: the whole document justified.",
        ),
        reference=(
            'Justify all {count} paragraphs, from "{first}" to the one beginning "{last}".',
            'Give every paragraph, from "{first}" at the top down to the last one, justified '
            "alignment.",
        ),
        typo=("justify the hole document", "make evrything justifed"),
    )

    def sample_params(self, facts, rng):
        texts = nonempty(facts)
        if len(texts) < 3 or all(p.alignment == "justify" for p in texts):
            return None
        if not facts.paragraphs[0].text.strip():
            return None  # the selection starts from the first paragraph, found by its text
        return {
            "first": texts[0].text,
            "last": " ".join(texts[-1].text.split()[:5]),
            "count": len(texts),
            "select": len(facts.paragraphs),
        }

    def solution(self, params):
        # Whole paragraphs from the first to the last: Select All is not reliable where
        # the document ends with a table (it then selected the first paragraph only).
        return [
            select_paragraphs(params["first"], params["select"]),
            click("Justified", "toggle button"),
        ]

    def check(self, params, before, after, answer):
        targets = range(len(before.paragraphs))
        return paragraphs_changed(
            before, after, targets, lambda p: p.alignment, _is("justify"), "justified"
        )

    def wrong_params(self, params, facts, rng):
        if not facts.paragraphs[-1].text.strip():
            return None
        return {**params, "select": params["select"] - 1}  # all but the last paragraph


class HeadingLevel(WriterFamily):
    """Promote or demote a heading one level, with the Heading N keyboard shortcut."""

    id = "writer/heading-level-v1"
    category = "style"
    help_sources = ("swriter/guide/arrange_chapters.html#hd_id3155402",)
    phrasings = styled(
        terse=(
            '{verb_cap} the heading "{heading}" to {target}.',
            'Make "{heading}" a {target} instead of a {source}.',
        ),
        polite=(
            'Could you please {verb} the heading "{heading}" one level, to {target}?',
            'Would you mind changing the heading "{heading}" from {source} to {target}?',
        ),
        context=(
            'I\'ve reorganised the sections, so "{heading}" should now be a {target}: please '
            "{verb} it.",
            'In the table of contents "{heading}" is at the wrong level; {verb} that heading '
            "to {target}.",
        ),
        indirect=(
            'The heading "{heading}" should be one level {direction}, a {target} rather than '
            "a {source}.",
            'The heading "{heading}" belongs at the {target} level, not {source}.',
        ),
        reference=(
            "{verb_cap} the {ordinal} section heading (a {source}; the title does not count) "
            "to {target}.",
            "Change the level of the {ordinal} heading after the title from {source} to {target}.",
        ),
        typo=(
            '{verb} the heading "{heading}" to {target_lower} pls',
            'make "{heading}" a {target_lower} insted of {source_lower}',
        ),
    )

    def sample_params(self, facts, rng):
        options = []
        found = headings(facts)
        for i in found:
            level = _level(facts.paragraphs[i].style)
            # Counted among all the headings, as a reader counts them.
            n = sum(_level(p.style) is not None for p in nonempty_before(facts, i))
            if level is None or not _leaf(facts, i, level):
                continue
            for new, verb in ((level - 1, "promote"), (level + 1, "demote")):
                if 1 <= new <= 3:
                    options.append((n, i, level, new, verb))
        if not options:
            return None
        n, i, level, new, verb = rng.choice(options)
        return {
            "heading": facts.paragraphs[i].text,
            "ordinal": ordinal(n),
            "source": f"Heading {level}",
            "target": f"Heading {new}",
            "source_lower": f"heading {level}",
            "target_lower": f"heading {new}",
            "verb": verb,
            "verb_cap": verb.capitalize(),
            "direction": "higher" if verb == "promote" else "lower",
        }

    def solution(self, params):
        level = params["target"].split()[-1]
        return [select_paragraphs(params["heading"]), keys("{ctrl+" + level + "}")]

    def check(self, params, before, after, answer):
        index = next(i for i, p in enumerate(before.paragraphs) if p.text == params["heading"])
        return paragraph_changed(
            before, after, index, lambda p: p.style, _is(params["target"]), params["target"]
        )

    def wrong_params(self, params, facts, rng):
        level = int(params["source"].split()[-1])
        wrong = level + (1 if params["verb"] == "promote" else -1)
        if not 1 <= wrong <= 3:
            wrong = level  # re-applying the same level: a no-op near miss
        return {**params, "target": f"Heading {wrong}"}


def nonempty_before(facts: DocFacts, index: int) -> list[ParagraphFacts]:
    """The paragraphs with text up to and including `index`."""
    return [p for p in facts.paragraphs[: index + 1] if p.text.strip()]


def _level(style: str) -> int | None:
    tail = style.removeprefix("Heading ").strip()
    return int(tail) if tail.isdigit() else None


def _leaf(facts: DocFacts, index: int, level: int) -> bool:
    """No subheading below this heading: promoting a chapter in the Navigator moves its
    subheadings too, and then both ways of doing it agree."""
    for paragraph in facts.paragraphs[index + 1 :]:
        sub = _level(paragraph.style)
        if sub is not None:
            return sub <= level
    return True


def _paragraph_dialog(tab: str) -> list:
    return [*menu("Format", "Paragraph..."), click(tab, "page tab")]


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
            styled(
                terse=(
                    'Center the paragraph that begins "{start}".',
                    'Centre-align the "{start}" paragraph.',
                ),
                polite=(
                    'Could you please centre the paragraph starting with "{start}"?',
                    'Would you mind aligning the paragraph that opens "{start}" to the centre?',
                ),
                context=(
                    "This line is a dedication and should sit in the middle, so please centre "
                    'the paragraph beginning "{start}".',
                    'I want "{start}..." to look like a pull quote, so centre that paragraph.',
                ),
                indirect=(
                    'The paragraph beginning "{start}" ought to sit in the middle of the line, '
                    "not against the left margin.",
                    'I\'d like "{start}..." to be centred between the margins.',
                ),
                reference=("Centre {position}.", "Please align {position} to the centre."),
                typo=(
                    'center teh paragraph that starts "{start}"',
                    'pls centre the para begining "{start}"',
                ),
            ),
        ),
        ParagraphFormat(
            "writer/right-align-paragraph-v1",
            "right-aligned",
            alignment,
            _is("right"),
            lambda p: [click("Right", "toggle button")],
            styled(
                terse=(
                    'Right-align the paragraph that begins "{start}".',
                    'Align "{start}..." to the right.',
                ),
                polite=(
                    'Could you please align the paragraph starting "{start}" to the right margin?',
                    'Would you mind right-aligning the paragraph that opens with "{start}"?',
                ),
                context=(
                    "It's the signature block, so please right-align the paragraph beginning "
                    '"{start}".',
                    "Our house style puts this kind of line on the right, so align the "
                    'paragraph "{start}..." to the right.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should line up against the right-hand '
                    "margin.",
                    'I want the "{start}" paragraph flush right.',
                ),
                reference=("Right-align {position}.", "Push {position} over to the right margin."),
                typo=(
                    'right align the paragrpah starting "{start}"',
                    'align the para begining "{start}" to teh right',
                ),
            ),
        ),
        ParagraphFormat(
            "writer/justify-paragraph-v1",
            "justified",
            alignment,
            _is("justify"),
            lambda p: [click("Justified", "toggle button")],
            styled(
                terse=(
                    'Justify the paragraph that begins "{start}".',
                    'Full-justify "{start}...".',
                ),
                polite=(
                    'Could you please justify the paragraph starting with "{start}"?',
                    'Would you mind giving the paragraph that opens "{start}" justified alignment?',
                ),
                context=(
                    "The ragged right edge looks untidy in print, so please justify the "
                    'paragraph beginning "{start}".',
                    'To match the rest of the book\'s layout, justify the "{start}" paragraph.',
                ),
                indirect=(
                    'Both edges of the paragraph starting "{start}" should line up straight '
                    "with the margins.",
                    'The paragraph "{start}..." should be spread evenly from margin to margin.',
                ),
                reference=("Justify {position}.", "Give {position} justified alignment."),
                typo=(
                    'justfy the paragraph starting "{start}"',
                    'make the para that begins "{start}" justifed',
                ),
            ),
        ),
        ParagraphFormat(
            "writer/double-space-paragraph-v1",
            "double-spaced",
            lambda p: p.line_spacing,
            _is(2.0),
            lambda p: menu("Format", "Spacing", "Line Spacing: 2"),
            styled(
                terse=(
                    'Double-space the paragraph that begins "{start}".',
                    'Line spacing 2 for "{start}...".',
                ),
                polite=(
                    'Could you please set double line spacing on the paragraph starting "{start}"?',
                    'Would you mind double-spacing the paragraph that opens with "{start}"?',
                ),
                context=(
                    "My tutor wants room for handwritten comments, so please double-space the "
                    'paragraph beginning "{start}".',
                    'I\'ll be marking this up on paper: give the paragraph "{start}..." double '
                    "line spacing.",
                ),
                indirect=(
                    'The lines of the paragraph starting "{start}" are too cramped; they '
                    "should be double spaced.",
                    'I need the paragraph "{start}..." in double line spacing, with room '
                    "between its lines.",
                ),
                reference=(
                    "Double-space {position}.",
                    "Set the line spacing of {position} to double.",
                ),
                typo=(
                    'double space the paragraph startng "{start}"',
                    'linespacing 2 on the para begining "{start}" please',
                ),
            ),
        ),
        ParagraphFormat(
            "writer/indent-paragraph-v1",
            "indented",
            lambda p: p.left_indent_mm,
            lambda now, was: was is not None and now > was + 1,
            lambda p: [click("Increase", "push button")],
            styled(
                terse=(
                    'Indent the paragraph that begins "{start}".',
                    'Increase the indent of "{start}...".',
                ),
                polite=(
                    'Could you please indent the paragraph starting "{start}" a step from the '
                    "left margin?",
                    'Would you mind moving the paragraph that opens "{start}" one indent to '
                    "the right?",
                ),
                context=(
                    'It\'s a quoted passage, so please indent the paragraph beginning "{start}".',
                    "To set it apart from the text around it, increase the left indent of the "
                    '"{start}" paragraph.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should begin further in from the left '
                    "margin than the rest.",
                    'I want "{start}..." set in from the left edge.',
                ),
                reference=("Indent {position}.", "Increase the left indent of {position}."),
                typo=(
                    'indent the paragraph that starts "{start}" pls',
                    'increse the indent on the para begining "{start}"',
                ),
            ),
            help_sources=INDENT_HELP,
        ),
        *_style_families(style),
        ParagraphFormat(
            "writer/paragraph-background-v1",
            "shaded",
            lambda p: colour_name(p.shading),
            lambda now, was, params: now == params["colour"],
            lambda p: [
                *_paragraph_dialog("Area"),
                click("Color", "toggle button"),
                click(p["palette"], "list item"),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    'Give the paragraph that begins "{start}" a {colour} background.',
                    'Shade "{start}..." {colour}.',
                ),
                polite=(
                    "Could you please put a light {colour} background behind the paragraph "
                    'starting "{start}"?',
                    'Would you mind shading the paragraph that opens "{start}" in {colour}?',
                ),
                context=(
                    "Readers keep missing this warning, so please give the paragraph beginning "
                    '"{start}" a {colour} background.',
                    'It\'s a side note and should look like a box: shade the "{start}" '
                    "paragraph {colour}.",
                ),
                indirect=(
                    'The paragraph starting "{start}" should sit on a {colour} background.',
                    'I\'d like a pale {colour} fill behind the whole of "{start}...".',
                ),
                reference=(
                    "Give {position} a {colour} background colour.",
                    "Shade {position} in light {colour}.",
                ),
                typo=(
                    '{colour} backgroud for the paragraph startng "{start}"',
                    'shade the para "{start}" in {colour} pls',
                ),
            ),
            help_sources=("swriter/guide/background.html#hd_id3153541",),
            values=COLOURS,
        ),
        ParagraphFormat(
            "writer/paragraph-border-v1",
            "bordered",
            lambda p: p.borders,
            lambda now, was, params: set(now) == set(params["sides"]),
            lambda p: [
                *_paragraph_dialog("Borders"),
                click(p["preset"], "list item"),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    'Give the paragraph that begins "{start}" {border}.',
                    'Border for "{start}...": {border}.',
                ),
                polite=(
                    'Could you please give the paragraph starting "{start}" {border}?',
                    'Would you mind adding {border} to the paragraph that opens "{start}"?',
                ),
                context=(
                    "This is the key point of the page, so please set off the paragraph "
                    'beginning "{start}" with {border}.',
                    'To make the notice stand out, give the "{start}" paragraph {border}.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should have {border}, and no other '
                    "border lines.",
                    'I want "{start}..." marked off with {border}.',
                ),
                reference=("Give {position} {border}.", "Add {border} to {position}."),
                typo=(
                    'add {border} to the paragrah "{start}"',
                    'put {border} on the para begining "{start}" pls',
                ),
            ),
            values=BORDER_PRESETS,
            eligible=lambda p: not p.borders,
        ),
        ParagraphFormat(
            "writer/hyphenate-paragraph-v1",
            "hyphenated automatically",
            lambda p: p.hyphenate,
            _is(True),
            lambda p: [
                *_paragraph_dialog("Text Flow"),
                click("Automatically", "check box"),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    'Turn on automatic hyphenation for the paragraph that begins "{start}".',
                    'Hyphenate "{start}..." automatically.',
                ),
                polite=(
                    "Could you please switch on automatic hyphenation in the paragraph "
                    'starting "{start}"?',
                    'Would you mind letting Writer hyphenate the paragraph that opens "{start}" '
                    "automatically?",
                ),
                context=(
                    "The justified lines in that paragraph have huge gaps, so please turn on "
                    'automatic hyphenation for the paragraph beginning "{start}".',
                    'It\'s going in a narrow column: let Writer hyphenate the "{start}" '
                    "paragraph automatically.",
                ),
                indirect=(
                    'Long words at the ends of lines in the paragraph starting "{start}" should '
                    "be hyphenated automatically.",
                    'Automatic hyphenation should be on for "{start}...".',
                ),
                reference=(
                    "Turn on automatic hyphenation for {position}.",
                    "Let Writer hyphenate {position} automatically.",
                ),
                typo=(
                    'turn on auto hyphenation for the paragraph startng "{start}"',
                    'hyphenate the para begining "{start}" automaticaly',
                ),
            ),
            help_sources=("swriter/guide/using_hyphen.html#hd_id3149832",),
        ),
        EveryHeading(),
        JustifyAll(),
        HeadingLevel(),
    ]
    return families


def _style_families(style: Getter) -> list[WriterFamily]:
    """Apply a paragraph style by name: the toolbar's style box, a shortcut or the API."""
    box = lambda name: lambda p: [set_box("Paragraph Style", name)]  # noqa: E731
    return [
        ParagraphFormat(
            "writer/style-heading1-v1",
            "in style Heading 1",
            style,
            _style_is("Heading 1"),
            box("Heading 1"),
            styled(
                terse=(
                    'Apply Heading 1 to the paragraph that begins "{start}".',
                    'Make "{start}..." a Heading 1.',
                ),
                polite=(
                    'Could you please give the paragraph starting "{start}" the Heading 1 style?',
                    'Would you mind turning the paragraph that opens "{start}" into a Heading 1?',
                ),
                context=(
                    'I\'m building a table of contents, so the paragraph beginning "{start}" '
                    "needs the Heading 1 style.",
                    'This starts a new chapter: please format "{start}..." as Heading 1.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should be a top-level heading (style '
                    "Heading 1).",
                    'I\'d like "{start}..." to use the Heading 1 paragraph style.',
                ),
                reference=(
                    "Give {position} the Heading 1 style.",
                    "Turn {position} into a Heading 1.",
                ),
                typo=(
                    'make the paragraph starting "{start}" heading 1',
                    'apply heading1 style to teh para "{start}"',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
        ParagraphFormat(
            "writer/style-heading2-v1",
            "in style Heading 2",
            style,
            _style_is("Heading 2"),
            box("Heading 2"),
            styled(
                terse=(
                    'Apply Heading 2 to the paragraph that begins "{start}".',
                    'Style "{start}..." as Heading 2.',
                ),
                polite=(
                    "Could you please use the Heading 2 style for the paragraph starting "
                    '"{start}"?',
                    'Would you mind making the paragraph that opens "{start}" a second-level '
                    "heading (Heading 2)?",
                ),
                context=(
                    "This is a subsection of the part above, so please give the paragraph "
                    'beginning "{start}" the Heading 2 style.',
                    'So that it shows as a subsection in the Navigator, format "{start}..." as '
                    "Heading 2.",
                ),
                indirect=(
                    'The paragraph starting "{start}" should be a subheading in the Heading 2 '
                    "style.",
                    'Really, "{start}..." belongs in the Heading 2 paragraph style.',
                ),
                reference=(
                    "Make {position} a Heading 2.",
                    "Apply the Heading 2 style to {position}.",
                ),
                typo=(
                    'heading 2 style for the paragraph startng "{start}"',
                    'make the para begining "{start}" a heading 2',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
        ParagraphFormat(
            "writer/style-title-v1",
            "in style Title",
            style,
            _style_is("Title"),
            box("Title"),
            styled(
                terse=(
                    'Apply the Title style to the paragraph that begins "{start}".',
                    'Make "{start}..." a Title.',
                ),
                polite=(
                    'Could you please give the paragraph starting "{start}" the Title '
                    "paragraph style?",
                    'Would you mind formatting the paragraph that opens "{start}" as a Title?',
                ),
                context=(
                    'This will be the cover page, so the paragraph beginning "{start}" should '
                    "use the Title style.",
                    'I\'m reusing this as a flyer; please style "{start}..." as the Title.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should be in the Title style.',
                    'To my mind "{start}..." deserves the Title paragraph style.',
                ),
                reference=("Apply the Title style to {position}.", "Turn {position} into a Title."),
                typo=(
                    'title style on the paragraph startng "{start}"',
                    'make the para "{start}" use teh Title style',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
        ParagraphFormat(
            "writer/style-quote-v1",
            "in style Quotations",
            style,
            _style_is("Quotations", "Quote"),
            box("Quotations"),
            styled(
                terse=(
                    'Apply the Quotations style to the paragraph that begins "{start}".',
                    'Style "{start}..." as Quotations.',
                ),
                polite=(
                    'Could you please put the paragraph starting "{start}" in the Quotations '
                    "style?",
                    'Would you mind giving the paragraph that opens "{start}" the Quotations '
                    "paragraph style?",
                ),
                context=(
                    'Those are someone else\'s words, so the paragraph beginning "{start}" '
                    "should use the Quotations style.",
                    'For the citation to look right, format "{start}..." with the Quotations '
                    "style.",
                ),
                indirect=(
                    'The paragraph starting "{start}" should be set as a quotation, in the '
                    "Quotations style.",
                    'Surely "{start}..." belongs in the Quotations paragraph style.',
                ),
                reference=(
                    "Apply the Quotations style to {position}.",
                    "Give {position} the Quotations paragraph style.",
                ),
                typo=(
                    'quotations style for the paragrah "{start}"',
                    'put the para begining "{start}" in Quotations style',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
        ParagraphFormat(
            "writer/style-subtitle-v1",
            "in style Subtitle",
            style,
            _style_is("Subtitle"),
            lambda p: [call("format_paragraph", style="Subtitle")],
            styled(
                terse=(
                    'Apply the Subtitle style to the paragraph that begins "{start}".',
                    'Make "{start}..." a Subtitle.',
                ),
                polite=(
                    'Could you please format the paragraph starting "{start}" with the '
                    "Subtitle style?",
                    'Would you mind giving the paragraph that opens "{start}" the Subtitle '
                    "paragraph style?",
                ),
                context=(
                    "That line explains the title, so please put the paragraph beginning "
                    '"{start}" in the Subtitle style.',
                    'The cover needs a strapline: style "{start}..." as Subtitle.',
                ),
                indirect=(
                    'The paragraph starting "{start}" should be in the Subtitle style.',
                    'Ideally "{start}..." would read as a subtitle, in the Subtitle '
                    "paragraph style.",
                ),
                reference=(
                    "Apply the Subtitle style to {position}.",
                    "Give {position} the Subtitle style.",
                ),
                typo=(
                    'subtitle style on the paragraph startng "{start}"',
                    'make the para "{start}" a subtitel',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
        ParagraphFormat(
            "writer/style-body-text-v1",
            "in style Body Text",
            style,
            _style_is("Body Text", "Text Body"),
            lambda p: [keys("{ctrl+0}")],
            styled(
                terse=(
                    'Apply the Body Text style to the paragraph that begins "{start}".',
                    'Style "{start}..." as Body Text.',
                ),
                polite=(
                    'Could you please switch the paragraph starting "{start}" to the Body Text '
                    "style?",
                    'Would you mind giving the paragraph that opens "{start}" the Body Text '
                    "paragraph style?",
                ),
                context=(
                    "The other paragraphs will use Body Text too, so please apply the Body Text "
                    'style to the paragraph beginning "{start}".',
                    'I\'m tidying the styles before sending: "{start}..." should use Body Text '
                    "instead of the default style.",
                ),
                indirect=(
                    'The paragraph starting "{start}" should be in the Body Text style rather '
                    "than the default one.",
                    'By rights "{start}..." belongs in the Body Text paragraph style.',
                ),
                reference=(
                    "Apply the Body Text style to {position}.",
                    "Give {position} the Body Text style.",
                ),
                typo=(
                    'body text style for the paragraph startng "{start}"',
                    'put the para "{start}" in Body text style pls',
                ),
            ),
            category="style",
            help_sources=STYLE_HELP,
        ),
    ]
