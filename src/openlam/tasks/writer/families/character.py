"""Character formatting of one word: bold, italic, colour, font, size, script, effects,
highlighting and character styles; and the character-by-character comparison of two
documents that the case and range families share."""

from __future__ import annotations

import colorsys
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any

from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer import facts as docfacts
from openlam.tasks.writer.facts import DocFacts, RunFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    nonempty,
    other_word,
    position,
    same_text,
    unique_words,
)
from openlam.tasks.writer.steps import click, keys, menu, select, set_box

RunTest = Callable[[RunFacts], bool]
# Every character attribute of a run, in the order of RunFacts.
ATTRIBUTES = tuple(f.name for f in fields(RunFacts) if f.name != "text")


def is_red(color: str | None) -> bool:
    if not color:
        return False
    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 150 and g < 110 and b < 110


def colour_name(color: str | None) -> str | None:
    """The everyday name of an "RRGGBB" colour (green, light blue -> blue, grey...), so
    that any shade a person would call by the asked name passes."""
    if not color:
        return None
    r, g, b = (int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.15 or lightness > 0.97:
        return "grey" if 0.2 < lightness < 0.97 else None
    degrees = hue * 360
    for limit, name in ((15, "red"), (45, "orange"), (70, "yellow"), (165, "green")):
        if degrees < limit:
            return name
    for limit, name in ((200, "turquoise"), (260, "blue"), (290, "purple"), (345, "pink")):
        if degrees < limit:
            return name
    return "red"


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


# -- the document character by character ----------------------------------------------


@dataclass
class Unit:
    """A stretch of text compared character by character: a body paragraph with text, or
    a table cell (the runs of its paragraphs together). Keys match between two saves of
    one document, which may differ in empty paragraphs."""

    key: str
    runs: list[RunFacts]
    style: str  # the paragraph style ("" for a table cell)
    paragraph: ParagraphRef | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def chars(self) -> list[RunFacts]:
        """The run of each character."""
        return [run for run in self.runs for _ in run.text]


@dataclass
class ParagraphRef:
    index: int  # in DocFacts.paragraphs
    alignment: str


Spans = dict[str, list[tuple[int, int]]]  # unit key -> [start, end) character ranges


def body_key(facts: DocFacts, index: int) -> str:
    """The unit key of a body paragraph (by its index in facts.paragraphs)."""
    return f"paragraph {sum(1 for p in facts.paragraphs[: index + 1] if p.text.strip())}"


def units(facts: DocFacts) -> list[Unit]:
    """The body paragraphs with text, then every table cell, as comparable units."""
    out, count = [], 0
    for i, paragraph in enumerate(facts.paragraphs):
        if paragraph.text.strip():
            count += 1
            ref = ParagraphRef(i, paragraph.alignment)
            out.append(Unit(f"paragraph {count}", paragraph.runs, paragraph.style, ref))
    tables = facts.document.tables if facts.document is not None else []
    for t, table in enumerate(tables, 1):
        for r, row in enumerate(table.rows, 1):
            for c, cell in enumerate(row.cells, 1):
                runs = [docfacts._run(x) for p in cell.paragraphs for x in p.runs if x.text]
                out.append(Unit(f"table {t}, row {r}, cell {c}", runs, ""))
    return out


def whole(unit: Unit) -> list[tuple[int, int]]:
    return [(0, len(unit.text))]


def compare_chars(
    before: DocFacts,
    after: DocFacts,
    spans: Spans,
    wanted: Callable[[RunFacts, Unit], bool],
    what: str,
    changes: Iterable[str] | None = (),
) -> CheckResult:
    """The characters in `spans` pass `wanted` and changed no attribute outside `changes`
    (None: any); every other character kept all its attributes, and every paragraph its
    style and alignment (a paragraph in the spans may change them with "paragraph" in
    `changes`). The texts must have been compared already."""
    old, new = units(before), units(after)
    if [u.key for u in old] != [u.key for u in new] or [len(u.text) for u in old] != [
        len(u.text) for u in new
    ]:
        return fail("the text changed (paragraphs or table cells differ)")
    free = set(ATTRIBUTES if changes is None else changes)
    for b, a in zip(old, new, strict=True):
        inside = {i for start, end in spans.get(b.key, ()) for i in range(start, end)}
        for i, (x, y) in enumerate(zip(b.chars(), a.chars(), strict=True)):
            moved = [f for f in ATTRIBUTES if getattr(x, f) != getattr(y, f)]
            if i in inside:
                if not wanted(y, a):
                    return fail(f"{_around(a.text, i)!r} ({a.key}) is not {what}")
                moved = [f for f in moved if f not in free]
            if moved:
                change = f"{getattr(x, moved[0])!r} -> {getattr(y, moved[0])!r}"
                return fail(f"{_around(a.text, i)!r} ({a.key}) changed its {moved[0]}: {change}")
        fixed = b.paragraph and a.paragraph and (b.key not in spans or "paragraph" not in free)
        if fixed and (b.style, b.paragraph.alignment) != (a.style, a.paragraph.alignment):
            return fail(f"the paragraph {b.text[:40]!r} changed its style or alignment")
    return OK


def only_changed(before, after, spans, wanted, what, changes=()) -> CheckResult:
    """The text is as it was; the spans now pass `wanted`; nothing else changed."""
    text = same_text(before, after)
    if not text.success:
        return text
    return compare_chars(before, after, spans, wanted, what, changes)


def _around(text: str, i: int) -> str:
    start = max(0, text.rfind(" ", 0, max(0, i - 12)) + 1)
    end = text.find(" ", i + 12)
    return text[start : end if end > 0 else len(text)][:60]


def word_span(facts: DocFacts, index: int, word: str) -> Spans:
    """The span of a word (that occurs once) in its body paragraph."""
    text = "".join(r.text for r in facts.paragraphs[index].runs)
    start = text.find(word)
    return {body_key(facts, index): [(start, start + len(word))]} if start >= 0 else {}


def pick_word_where(
    facts: DocFacts,
    rng: random.Random,
    done: RunTest | None = None,
    keep: Callable[[str], bool] | None = None,
) -> dict[str, Any] | None:
    """A word that occurs once, in the runs of its paragraph (not in a link, nor in the
    header or footer, where Writer's search would find it first), none of whose
    characters is `done` already (has the asked attribute), and that `keep`s."""
    choices = []
    around = margins(facts).lower()
    for word, index in unique_words(facts):
        span = word_span(facts, index, word)
        if not span or word.lower() in around or (keep is not None and not keep(word)):
            continue
        (start, end), chars = next(iter(span.values()))[0], _chars(facts, index)
        if done is None or not any(done(run) for run in chars[start:end]):
            choices.append((word, index))
    if not choices:
        return None
    word, index = rng.choice(choices)
    return {"word": word, "paragraph": index, "position": position(facts, index)}


def margins(facts: DocFacts) -> str:
    """The header's and footer's text: Writer's search finds text there too."""
    return f"{facts.header or ''}\n{facts.footer or ''}"


def _chars(facts: DocFacts, index: int) -> list[RunFacts]:
    return [run for run in facts.paragraphs[index].runs for _ in run.text]


# -- one word -------------------------------------------------------------------------


class WordFormat(WriterFamily):
    """Apply one character attribute to a word of the document.

    The word must end with the attribute and no other text may change; the word's other
    attributes are free, so that compounds of two word families can share the word.
    """

    def __init__(
        self,
        id: str,
        what: str,
        test: Callable[[dict], RunTest],
        solution: Callable[[dict], list],
        phrasings,
        values: tuple[str, ...] | None = None,
        help_sources: tuple[str, ...] = (),
        category: str = "character",
    ):
        self.id, self.what, self.phrasings, self.category = id, what, phrasings, category
        self._test, self._solution, self.values = test, solution, values
        self.help_sources = help_sources

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        value = rng.choice(self.values) if self.values else None
        test = self._test({"value": value})
        params = pick_word_where(facts, rng, test)
        if params is not None and self.values:
            params["value"] = value
        return params

    def solution(self, params: dict[str, Any]):
        return [select(params["word"]), *self._solution(params)]

    def check(self, params, before, after, answer) -> CheckResult:
        test = self._test(params)
        spans = word_span(before, params["paragraph"], params["word"])
        if not spans:
            return fail(f"{params['word']!r} is not in the template's paragraph")
        return only_changed(before, after, spans, lambda run, _: test(run), self.what, None)

    def wrong_params(self, params, facts, rng):
        if self.values and len(self.values) > 1 and rng.random() < 0.5:
            return {**params, "value": rng.choice([v for v in self.values if v != params["value"]])}
        return other_word(params, facts, rng)


class ScriptSpan(WordFormat):
    """Raise or lower a word, or (`ordinals`) the letters of an ordinal number ("15th")
    where the text has one."""

    ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")

    def __init__(self, *args, ordinals: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ordinals = ordinals

    def sample_params(self, facts, rng):
        ordinals = _ordinals(facts) if self.ordinals else []
        if ordinals and rng.random() < 0.6:
            word, index = rng.choice(ordinals)
            digits = len(word.rstrip("stndrh"))
            return {
                "word": word,
                "part": word[digits:],
                "offset": digits,
                "paragraph": index,
                "position": position(facts, index),
                "target": f'the "{word[digits:]}" of "{word}"',
            }
        params = pick_word_where(facts, rng, self._test({}))
        if params is not None:
            params.update(part=params["word"], offset=0, target=f'the word "{params["word"]}"')
        return params

    def solution(self, params):
        rules = [select(params["word"])]
        if params["part"] != params["word"]:
            # The found text is selected with the cursor at its start: step in, then select.
            moves = "{Left}{Right}" + "{Right}" * params["offset"]
            rules.append(keys(moves + "{shift+Right}" * len(params["part"])))
        return [*rules, *self._solution(params)]

    def check(self, params, before, after, answer):
        spans = word_span(before, params["paragraph"], params["word"])
        if not spans:
            return fail(f"{params['word']!r} is not in the template's paragraph")
        key, [(start, _)] = next(iter(spans.items()))
        start += params["offset"]
        spans = {key: [(start, start + len(params["part"]))]}
        test = self._test(params)
        return only_changed(before, after, spans, lambda run, _: test(run), self.what, None)

    def wrong_params(self, params, facts, rng):
        if params["part"] != params["word"]:
            return {**params, "part": params["word"], "offset": 0}  # the digits too
        wrong = other_word(params, facts, rng)
        if wrong is None:
            return None
        return {**wrong, "part": wrong["word"], "target": f'the word "{wrong["word"]}"'}


def _ordinals(facts: DocFacts) -> list[tuple[str, int]]:
    """Ordinal numbers written with letters ("15th") that occur once, in a body run."""
    out = []
    for index, paragraph in enumerate(facts.paragraphs):
        text = "".join(r.text for r in paragraph.runs)
        for word in text.replace(",", " ").replace(".", " ").split():
            digits = word.rstrip("stndrh")
            if (
                digits.isdigit()
                and word[len(digits) :] in ScriptSpan.ORDINAL_SUFFIXES
                and facts.count(word) == 1
                and word not in margins(facts)
                and not any(run.script for run in _chars(facts, index))
            ):
                out.append((word, index))
    return out


def _toggle(attribute: str) -> Callable[[dict], RunTest]:
    return lambda params: lambda run: bool(getattr(run, attribute))


def _has_colour(params: dict) -> RunTest:
    name = params.get("value")
    return lambda run: (
        run.highlight_color is not None
        and (name is None or colour_name(run.highlight_color) == COLOURS[name][1])
    )


def _has_style(params: dict) -> RunTest:
    names = CHARACTER_STYLES.get(params.get("value"), ())
    return lambda run: run.char_style is not None and (not names or run.char_style in names)


def _character_dialog(tab: str, *clicks) -> list:
    return [*menu("Format", "Character..."), click(tab, "page tab"), *clicks]


FONTS = ("Liberation Sans", "Liberation Mono", "DejaVu Sans", "DejaVu Serif")
SIZES = ("9", "10", "14", "16", "18", "20", "24")
# The asked colour -> (its entry in Writer's palette, the colour_name it must have).
COLOURS = {
    "green": ("Green", "green"),
    "orange": ("Orange", "orange"),
    "light blue": ("Light Blue 2", "blue"),
    "grey": ("Light Gray 3", "grey"),
}
# Writer's character style -> the names a .docx saved by soffice may give it.
CHARACTER_STYLES = {"Emphasis": ("Emphasis",), "Strong Emphasis": ("Strong", "Strong Emphasis")}
SHORTCUTS = "swriter/guide/shortcut_writing.html#hd_id3149689"
CAPITALS = "swriter/guide/text_capital.html#hd_id3155861"
BACKGROUND = "swriter/guide/background.html#hd_id3147653"
CHARACTER_STYLE = "swriter/01/05140000.html#hd_id3147167"


def character_families() -> list[WriterFamily]:
    return [
        WordFormat(
            "writer/bold-word-v1",
            "bold",
            _toggle("bold"),
            lambda p: [click("Bold", "toggle button")],
            styled(
                terse=("Bold {word}.", 'Make "{word}" bold.'),
                polite=(
                    "Could you please put the word {word} in bold?",
                    'Would you mind making "{word}" bold for me?',
                ),
                context=(
                    "The reviewers keep missing it, so please set {word} in bold type.",
                    'Since "{word}" is the key term here, embolden it.',
                ),
                indirect=(
                    'The word "{word}" ought to jump out in heavy bold type.',
                    "I want {word} to read as bold when someone skims the page.",
                ),
                reference=(
                    'In {position}, make the word "{word}" bold.',
                    'Find "{word}" in {position} and bold it.',
                ),
                typo=("bold the word {word} pls", 'make "{word}" bold, thx'),
            ),
            help_sources=(SHORTCUTS,),
        ),
        WordFormat(
            "writer/italic-word-v1",
            "italic",
            _toggle("italic"),
            lambda p: [click("Italic", "toggle button")],
            styled(
                terse=("Italicise {word}.", 'Put "{word}" in italics.'),
                polite=(
                    "Please could you italicise the word {word}?",
                    'Would you set "{word}" in italic type, please?',
                ),
                context=(
                    'It is a foreign term in this text, so "{word}" should be in italics.',
                    "For a little emphasis when read aloud, make {word} italic.",
                ),
                indirect=(
                    'I would like "{word}" to lean: italic, that is.',
                    "The word {word} ought to appear slanted, in italics.",
                ),
                reference=(
                    'Italicise the word "{word}" in {position}.',
                    'In {position}, turn "{word}" into italics.',
                ),
                typo=("itallic for {word} please", 'make "{word}" italics'),
            ),
            help_sources=(SHORTCUTS,),
        ),
        WordFormat(
            "writer/underline-word-v1",
            "underlined",
            _toggle("underline"),
            lambda p: [click("Underline", "push button")],
            styled(
                terse=("Underline {word}.", 'Underline the word "{word}".'),
                polite=(
                    "Could you draw a line under {word}, please?",
                    'Would you kindly underline "{word}"?',
                ),
                context=(
                    "The form asks for the key word to be underlined, so underline {word}.",
                    'As the teacher wants terms marked, please underline "{word}".',
                ),
                indirect=(
                    'There should be a line running underneath "{word}".',
                    "I want the word {word} to be underlined.",
                ),
                reference=(
                    'Underline "{word}" in {position}.',
                    'In {position}, put an underline under the word "{word}".',
                ),
                typo=("undreline {word}", 'underline "{word}" quickly pls'),
            ),
            help_sources=(SHORTCUTS,),
        ),
        WordFormat(
            "writer/strikethrough-word-v1",
            "struck through",
            _toggle("strike"),
            lambda p: [click("Strikethrough", "toggle button")],
            styled(
                terse=("Strike through {word}.", 'Cross out "{word}".'),
                polite=(
                    "Could you please strike through the word {word}?",
                    'Would you mind putting a line through "{word}"?',
                ),
                context=(
                    "We dropped that item, so show {word} struck through.",
                    'To keep a record of the change, cross out "{word}" rather than delete it.',
                ),
                indirect=(
                    'The word "{word}" should look crossed out, with a line through it.',
                    "Readers should see {word} struck through.",
                ),
                reference=(
                    'Strike through "{word}" in {position}.',
                    'In {position}, draw a line through the word "{word}".',
                ),
                typo=("strikethru {word}", 'cross out "{word}" pls'),
            ),
        ),
        WordFormat(
            "writer/red-word-v1",
            "red",
            lambda p: lambda run: is_red(run.color),
            lambda p: [click("Font Color", "push button")],
            styled(
                terse=("Colour {word} red.", 'Make "{word}" red.'),
                polite=(
                    "Could you change the font colour of {word} to red?",
                    'Please would you turn the word "{word}" red?',
                ),
                context=(
                    "It is the deadline everyone forgets, so print {word} in red.",
                    'The warning has to stand out: make "{word}" red.',
                ),
                indirect=(
                    'The letters of "{word}" should be red.',
                    "I want the letters of {word} red instead of black.",
                ),
                reference=(
                    'Turn the word "{word}" in {position} red.',
                    'In {position}, give "{word}" a red font colour.',
                ),
                typo=("make {word} red pls", 'colour "{word}" in red'),
            ),
        ),
        WordFormat(
            "writer/highlight-word-v1",
            "highlighted",
            _toggle("highlight"),
            lambda p: [click("Character Highlighting Color", "push button")],
            styled(
                terse=("Highlight {word}.", 'Put a highlight on "{word}".'),
                polite=(
                    "Could you highlight the word {word} for me?",
                    'Would you mark "{word}" with the highlighter, please?',
                ),
                context=(
                    "I still need to confirm it, so highlight {word} in yellow.",
                    'So the editor can spot it, please highlight "{word}".',
                ),
                indirect=(
                    'There should be a yellow highlighter mark behind "{word}".',
                    "I want {word} to look as if someone ran a highlighter over it.",
                ),
                reference=(
                    'Highlight "{word}" in {position}.',
                    'In {position}, mark the word "{word}" with the highlighter.',
                ),
                typo=("higlight {word}", 'highlight "{word}" in yelow'),
            ),
        ),
        WordFormat(
            "writer/font-name-word-v1",
            "in the asked font",
            lambda p: lambda run, font=p.get("value"): run.font == font,
            lambda p: [set_box("Font Name", p["value"])],
            styled(
                terse=("Set {word} in {value}.", 'Change the font of "{word}" to {value}.'),
                polite=(
                    "Could you switch the word {word} to the {value} font?",
                    'Would you please display "{word}" in {value}?',
                ),
                context=(
                    "Our brand guide uses {value} for product names, so change {word} to it.",
                    'To match the logo, "{word}" should be set in the {value} typeface.',
                ),
                indirect=(
                    'I would like the typeface of "{word}" to be {value}.',
                    "The word {word} should appear in {value}, not the body font.",
                ),
                reference=(
                    'In {position}, set "{word}" in {value}.',
                    'Use the font {value} for the word "{word}" in {position}.',
                ),
                typo=("font of {word} to {value} pls", 'make "{word}" {value} font'),
            ),
            FONTS,
        ),
        WordFormat(
            "writer/font-size-word-v1",
            "in the asked size",
            lambda p: lambda run, size=float(p.get("value") or 0): run.size == size,
            lambda p: [set_box("Font Size", p["value"])],
            styled(
                terse=("Make {word} {value} pt.", 'Set "{word}" to {value} points.'),
                polite=(
                    "Could you change the font size of {word} to {value} pt?",
                    'Would you resize the word "{word}" to {value} points, please?',
                ),
                context=(
                    "It has to be legible on the poster, so make {word} {value} pt.",
                    'The style sheet wants terms at {value} points: resize "{word}".',
                ),
                indirect=(
                    'I want "{word}" to be {value}-point type.',
                    "The word {word} should measure {value} pt.",
                ),
                reference=(
                    'In {position}, make "{word}" {value} pt.',
                    'Give the word "{word}" in {position} a size of {value} points.',
                ),
                typo=("size {value}pt for {word} pls", 'resize "{word}" to {value} pt'),
            ),
            SIZES,
        ),
        ScriptSpan(
            "writer/superscript-word-v1",
            "superscript",
            lambda p: lambda run: run.script == "superscript",
            lambda p: menu("Format", "Text", "Superscript"),
            styled(
                terse=("Superscript {target}.", "Make {target} superscript."),
                polite=(
                    "Could you raise {target} into superscript?",
                    "Would you please set {target} as superscript?",
                ),
                context=(
                    "House style raises such letters, so superscript {target}.",
                    "It should look typeset, so put {target} in superscript.",
                ),
                indirect=(
                    "I want {target} raised above the line, small, as superscript.",
                    "It would look right if {target} sat up high as a superscript.",
                ),
                reference=(
                    "In {position}, make {target} superscript.",
                    "Raise {target} in {position} to superscript.",
                ),
                typo=("superscipt {target}", "make {target} superscrpt pls"),
            ),
            ordinals=True,
        ),
        ScriptSpan(
            "writer/subscript-word-v1",
            "subscript",
            lambda p: lambda run: run.script == "subscript",
            lambda p: menu("Format", "Text", "Subscript"),
            styled(
                terse=("Subscript {target}.", "Make {target} subscript."),
                polite=(
                    "Could you lower {target} into subscript, please?",
                    "Would you format {target} as subscript?",
                ),
                context=(
                    "I am testing how subscripts print, so make {target} subscript.",
                    "For the layout test, set {target} as a subscript.",
                ),
                indirect=(
                    "Ideally {target} would sit low and small, as subscript.",
                    "I want {target} dropped below the line as a subscript.",
                ),
                reference=(
                    "In {position}, make {target} subscript.",
                    "Lower {target} in {position} to subscript.",
                ),
                typo=("subscirpt {target}", "make {target} subscript pls"),
            ),
        ),
        WordFormat(
            "writer/small-caps-word-v1",
            "in small capitals",
            _toggle("small_caps"),
            lambda p: menu("Format", "Text", "Small capitals"),
            styled(
                terse=("Small caps for {word}.", 'Set "{word}" in small capitals.'),
                polite=(
                    "Could you put {word} in small capitals?",
                    'Would you format "{word}" as small caps, please?',
                ),
                context=(
                    "Names are printed in small capitals in this series, so do that to {word}.",
                    'The typographer wants "{word}" in small caps, as in the other reports.',
                ),
                indirect=(
                    'The word "{word}" should appear in small capitals.',
                    "I want the word {word} in the small-caps effect.",
                ),
                reference=(
                    'In {position}, set "{word}" in small capitals.',
                    'Give the word "{word}" in {position} the small caps effect.',
                ),
                typo=("smallcaps on {word}", 'small capitols for "{word}"'),
            ),
            help_sources=(CAPITALS,),
        ),
        WordFormat(
            "writer/hidden-word-v1",
            "hidden",
            _toggle("hidden"),
            lambda p: _character_dialog(
                "Font Effects", click("Hidden", "check box"), click("OK", "push button")
            ),
            styled(
                terse=("Hide {word}.", 'Make "{word}" hidden text.'),
                polite=(
                    "Could you hide the word {word} without deleting it?",
                    'Would you please format "{word}" as hidden text?',
                ),
                context=(
                    "It is only a note for me, so hide {word} but keep it in the file.",
                    'The client should not see "{word}" in print; make it hidden.',
                ),
                indirect=(
                    'The word "{word}" should stay in the document but not be shown or printed.',
                    "I want {word} invisible, with the Hidden font effect, not deleted.",
                ),
                reference=(
                    'In {position}, hide the word "{word}" (hidden text, not deleted).',
                    'Give "{word}" in {position} the Hidden font effect.',
                ),
                typo=("hide {word} dont delete it", 'make "{word}" hiden'),
            ),
        ),
        WordFormat(
            "writer/highlight-colour-word-v1",
            "highlighted in the asked colour",
            _has_colour,
            lambda p: _character_dialog(
                "Highlighting",
                click("Color", "toggle button"),
                click(COLOURS[p["value"]][0], "list item"),
                click("OK", "push button"),
            ),
            styled(
                terse=("Highlight {word} in {value}.", 'Give "{word}" a {value} highlight.'),
                polite=(
                    "Could you highlight {word} in {value}, please?",
                    'Would you put a {value} background behind "{word}"?',
                ),
                context=(
                    "We mark open questions in {value}, so highlight {word} that colour.",
                    'Our code for approved items is {value}: highlight "{word}" in it.',
                ),
                indirect=(
                    'The word "{word}" should sit on a {value} highlight.',
                    "I want the background behind {word} to be {value}.",
                ),
                reference=(
                    'In {position}, highlight "{word}" in {value}.',
                    'Give the word "{word}" in {position} a {value} background.',
                ),
                typo=("{value} highlight on {word} pls", 'higlight "{word}" {value}'),
            ),
            tuple(COLOURS),
            help_sources=(BACKGROUND,),
        ),
        WordFormat(
            "writer/character-style-word-v1",
            "in the asked character style",
            _has_style,
            lambda p: menu("Styles", p["value"]),
            styled(
                terse=(
                    'Apply the character style "{value}" to {word}.',
                    'Give "{word}" the {value} character style.',
                ),
                polite=(
                    'Could you format {word} with the "{value}" character style?',
                    'Would you apply the {value} character style to "{word}", please?',
                ),
                context=(
                    "We format by styles, not by hand, so give {word} the {value} style.",
                    'To keep it consistent with the template, style "{word}" as {value}.',
                ),
                indirect=(
                    'The word "{word}" should carry the {value} character style.',
                    "I want {word} formatted through the character style {value}.",
                ),
                reference=(
                    'In {position}, apply the {value} character style to "{word}".',
                    'Style the word "{word}" in {position} with {value}.',
                ),
                typo=("{value} char style on {word}", 'apply {value} style to "{word}" pls'),
            ),
            tuple(CHARACTER_STYLES),
            help_sources=(CHARACTER_STYLE,),
        ),
    ]
