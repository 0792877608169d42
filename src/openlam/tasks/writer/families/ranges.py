"""Formatting across the document or a range: the first or last paragraphs, every heading,
a whole table, every italic phrase, every occurrence of a word, the whole document. The
checkers compare the documents character by character: exactly the range changed."""

from __future__ import annotations

import random
import re
from typing import Any

from docx.oxml.ns import qn

from openlam.agent.scripted import Rule, call
from openlam.records import Action, Observation
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer.facts import DocFacts, RunFacts
from openlam.tasks.writer.families.case import heading_place
from openlam.tasks.writer.families.character import (
    ATTRIBUTES,
    FONTS,
    Spans,
    Unit,
    body_key,
    compare_chars,
    margins,
    only_changed,
    units,
    whole,
)
from openlam.tasks.writer.families.common import (
    FUNCTION_WORDS,
    WriterFamily,
    fail,
    is_heading,
    ordinal,
    position,
    same_text,
    unique_prefix,
)
from openlam.tasks.writer.steps import click, keys, menu, select, select_paragraphs, set_box

NUMBERS = ("zero", "one", "two", "three", "four", "five", "six")
SHORTCUTS = "swriter/guide/shortcut_writing.html#hd_id3149689"
FIND_TEXT = "swriter/guide/finding.html#hd_id3158970"
FIND_FORMATS = "swriter/guide/finding.html#hd_id3231299"


# -- what the styles say ----------------------------------------------------------------


def style_font(facts: DocFacts, style: str, attribute: str) -> Any:
    """A font attribute ("size" in points, "name", "italic", "bold") from a paragraph style
    and the styles it is based on, else the document defaults (size and name only)."""
    document = facts.document
    try:
        found = document.styles[style or "Normal"]
    except KeyError:
        found = None
    while found is not None:
        value = getattr(found.font, attribute)
        if value is not None:
            return value.pt if attribute == "size" else value
        found = found.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None or attribute not in ("size", "name"):
        return None
    if attribute == "size":
        node = rpr.find(qn("w:sz"))
        return int(node.get(qn("w:val"))) / 2 if node is not None else None
    node = rpr.find(qn("w:rFonts"))
    return node.get(qn("w:ascii")) if node is not None else None


def effective_size(facts: DocFacts, unit: Unit, run: RunFacts) -> float | None:
    return run.size if run.size is not None else style_font(facts, unit.style, "size")


def effective_font(facts: DocFacts, unit: Unit, run: RunFacts) -> str | None:
    return run.font if run.font is not None else style_font(facts, unit.style, "name")


def select_paragraph_text(text: str, nth: int = 1) -> Rule:
    """Select the nth paragraph whose whole text is `text`."""

    def rule(obs: Observation) -> Action:
        hits = [p.index for p in obs.document.paragraphs if p.text == text]
        if len(hits) < nth:
            raise LookupError(f"no paragraph number {nth} reads {text!r}")
        index = hits[nth - 1]
        return Action(function="select_paragraph", args={"start": index, "end": index})

    return rule


def _count_word(n: int) -> str:
    return NUMBERS[n] if n < len(NUMBERS) else str(n)


def _consecutive(facts: DocFacts, indices: list[int]) -> bool:
    """The paragraphs follow each other in the body, with no table or empty paragraph
    between them (so that a paragraph range selects exactly them)."""
    if any(not facts.paragraphs[i].text.strip() for i in indices):
        return False
    if indices != list(range(indices[0], indices[0] + len(indices))):
        return False
    texts = [facts.paragraphs[i].text for i in indices]
    blocks = facts.blocks
    return any(blocks[k : k + len(texts)] == texts for k in range(len(blocks)))


def _spans(facts: DocFacts, indices: list[int]) -> Spans:
    by_key = {u.key: u for u in units(facts)}
    out = {}
    for i in indices:
        key = body_key(facts, i)
        out[key] = whole(by_key[key])
    return out


# -- the first paragraphs of a section -----------------------------------------------------


class FirstParagraphsItalic(WriterFamily):
    """Italicise the first N paragraphs under a heading (Ctrl+I on the selection)."""

    id = "writer/italic-first-paragraphs-v1"
    category = "range"
    help_sources = (SHORTCUTS,)
    phrasings = styled(
        terse=(
            'Italicise the first {count_word} paragraphs under "{heading}".',
            'Make the first {count} paragraphs of the "{heading}" section italic.',
        ),
        polite=(
            'Could you put the first {count_word} paragraphs under the heading "{heading}" '
            "in italics?",
            'Would you set the opening {count_word} paragraphs after "{heading}" in italic '
            "type, please?",
        ),
        context=(
            'Those paragraphs are a quotation, so the first {count_word} under "{heading}" '
            "should be italic.",
            'Since they are only a draft, make the first {count_word} paragraphs below "{heading}" '
            "italic.",
        ),
        indirect=(
            'The first {count_word} paragraphs under "{heading}" ought to be in italics, all '
            "of their text.",
            'I want the opening {count_word} paragraphs of the section "{heading}" slanted.',
        ),
        reference=(
            "Italicise the first {count_word} paragraphs of the section under {place}.",
            "Make the {count_word} paragraphs right after {place} italic.",
        ),
        typo=(
            'italics for the frist {count_word} paragraphs under "{heading}"',
            'first {count} paras after "{heading}" in italic pls',
        ),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        choices = []
        for h, heading in enumerate(facts.paragraphs):
            if not heading.style.startswith("Heading") or facts.count(heading.text) != 1:
                continue
            run = []
            for i in range(h + 1, len(facts.paragraphs)):
                p = facts.paragraphs[i]
                if is_heading(p) or p.list_kind or not p.text.strip():
                    break
                run.append(i)
            while len(run) >= 2 and not _consecutive(facts, run):
                run.pop()
            italic = [style_font(facts, facts.paragraphs[i].style, "italic") for i in run]
            run = run[: italic.index(True)] if True in italic else run
            if len(run) >= 2 and unique_prefix(facts, run[0]):
                choices.append((h, run))
        if not choices:
            return None
        h, run = rng.choice(choices)
        count = rng.randint(2, min(4, len(run)))
        targets = run[:count]
        if all(r.italic for i in targets for r in facts.paragraphs[i].runs):
            return None
        return {
            "heading": facts.paragraphs[h].text,
            "place": heading_place(facts, h),
            "count": count,
            "count_word": _count_word(count),
            "start": unique_prefix(facts, targets[0]),
            "paragraphs": targets,
        }

    def solution(self, params):
        return [select_paragraphs(params["start"], params["count"]), keys("{ctrl+i}")]

    def check(self, params, before, after, answer) -> CheckResult:
        spans = _spans(before, params["paragraphs"])
        return only_changed(before, after, spans, lambda run, _: run.italic, "italic", ("italic",))

    def wrong_params(self, params, facts, rng):
        count = params["count"] - 1  # one paragraph short
        return {**params, "count": count, "paragraphs": params["paragraphs"][:count]}


# -- the last paragraphs of the document ------------------------------------------------


class LastParagraphsSize(WriterFamily):
    """Set the last N paragraphs of the document in a font size."""

    id = "writer/size-last-paragraphs-v1"
    category = "range"
    SIZES = ("8", "9", "10", "11", "14", "16")
    phrasings = styled(
        terse=(
            "Set the last {count_word} paragraphs of the document in {value} pt.",
            "Make the final {count} paragraphs {value} points.",
        ),
        polite=(
            "Could you change the font size of the last {count_word} paragraphs to {value} pt?",
            "Would you make the document's closing {count_word} paragraphs {value}-point, please?",
        ),
        context=(
            "The end matter is less important, so make the last {count_word} paragraphs "
            "{value} pt.",
            "To fit everything on the page, shrink or grow the final {count_word} paragraphs "
            "to {value} points.",
        ),
        indirect=(
            "The last {count_word} paragraphs of the document should be {value}-point type.",
            "I want the closing {count_word} paragraphs, down to the end, at {value} pt.",
        ),
        reference=(
            'Set the paragraphs from the one beginning "{start}" to the end of the document '
            "in {value} pt.",
            'Everything from the paragraph starting "{start}" to the end should be {value} points.',
        ),
        typo=(
            "last {count_word} paragraphs to {value}pt pls",
            "make the final {count} paragrahs size {value}",
        ),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        if not facts.blocks or facts.blocks[-1].startswith("<table"):
            return None
        texts = [i for i, p in enumerate(facts.paragraphs) if p.text.strip()]
        count = rng.randint(2, 3)
        targets = texts[-count:]
        if len(targets) < count or not _consecutive(facts, targets):
            return None
        if facts.blocks[-count:] != [facts.paragraphs[i].text for i in targets]:
            return None
        start = unique_prefix(facts, targets[0]) or facts.paragraphs[targets[0]].text
        if facts.count(start) != 1:
            return None
        now = {
            r.size or style_font(facts, facts.paragraphs[i].style, "size")
            for i in targets
            for r in facts.paragraphs[i].runs
        }
        value = rng.choice([v for v in self.SIZES if float(v) not in now])
        return {
            "count": count,
            "count_word": _count_word(count),
            "start": start,
            "paragraphs": targets,
            "value": value,
        }

    def solution(self, params):
        return [
            select_paragraphs(params["start"], params["count"]),
            set_box("Font Size", params["value"]),
        ]

    def check(self, params, before, after, answer) -> CheckResult:
        size = float(params["value"])
        spans = _spans(before, params["paragraphs"])
        return only_changed(
            before, after, spans, lambda run, _: run.size == size, f"{size:g} pt", ("size",)
        )

    def wrong_params(self, params, facts, rng):
        value = rng.choice([v for v in self.SIZES if v != params["value"]])
        return {**params, "value": value}


# -- the whole document -----------------------------------------------------------------


class DocumentFont(WriterFamily):
    """Change the font of all the text: Select All, then the Font Name box."""

    id = "writer/font-document-v1"
    category = "range"
    phrasings = styled(
        terse=("Set the whole document in {value}.", "Change all the text to {value}."),
        polite=(
            "Could you change the font of the entire document, tables included, to {value}?",
            "Would you switch every bit of text in this document to {value}, please?",
        ),
        context=(
            "The company moved to {value} for everything, so change the whole document's "
            "font to it.",
            "So it matches our other reports, all of the text here should be in {value}.",
        ),
        indirect=(
            "Every character of this document, headings and tables too, should be in {value}.",
            "I want one typeface throughout the document: {value}.",
        ),
        reference=(
            "Select everything from the title to the last line and make it {value}.",
            "Apply the {value} font to all the text, from the first paragraph to the last "
            "table cell.",
        ),
        typo=("whole doc in {value} pls", "change teh font of everything to {value}"),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        if not facts.texts() or facts.blocks[-1].startswith("<table"):
            return None  # Select All selects nothing in a .docx that ends with a table
        return {"value": rng.choice(FONTS)}

    def solution(self, params):
        return [keys("{ctrl+a}"), set_box("Font Name", params["value"])]

    def check(self, params, before, after, answer) -> CheckResult:
        font = params["value"]
        spans = {u.key: whole(u) for u in units(before)}
        return only_changed(
            before,
            after,
            spans,
            lambda run, unit: effective_font(after, unit, run) == font,
            f"in {font}",
            ("font",),
        )

    def wrong_params(self, params, facts, rng):
        return {"value": rng.choice([f for f in FONTS if f != params["value"]])}


# -- every heading ----------------------------------------------------------------------


class HeadingsSize(WriterFamily):
    """Give every heading (not the title) one font size, heading by heading or through
    the heading styles."""

    id = "writer/heading-size-v1"
    category = "range"
    SIZES = ("13", "15", "16", "17", "19", "20")
    phrasings = styled(
        terse=(
            "Make every heading {value} pt.",
            "Set all the headings in {value} points (not the title).",
        ),
        polite=(
            "Could you change the font size of all the headings to {value} pt?",
            "Would you make each heading in the document {value} points, please?",
        ),
        context=(
            "The headings look uneven, so set every one of them to {value} pt.",
            "For the printed handout, all section headings should be {value} points.",
        ),
        indirect=(
            "All the headings, whatever their level, should be {value}-point type.",
            "I want every heading of this document at {value} pt; the title can stay.",
        ),
        reference=(
            'Starting with "{first}", give every heading of the document a size of {value} pt.',
            'Set the {count_word} headings, from "{first}" down to "{last}", to {value} points.',
        ),
        typo=("all headings {value}pt pls", "every heding to size {value}"),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        headings = [
            i
            for i, p in enumerate(facts.paragraphs)
            if p.style.startswith("Heading") and p.text.strip()
        ]
        if len(headings) < 2:
            return None
        if any(
            "".join(r.text for r in facts.paragraphs[i].runs) != facts.paragraphs[i].text
            for i in headings
        ):
            return None  # a heading with a field or a link
        now = {
            r.size or style_font(facts, facts.paragraphs[i].style, "size")
            for i in headings
            for r in facts.paragraphs[i].runs
        }
        targets = []
        for i in headings:
            text = facts.paragraphs[i].text
            nth = sum(1 for p in facts.paragraphs[: i + 1] if p.text == text)
            targets.append([text, nth])
        return {
            "value": rng.choice([v for v in self.SIZES if float(v) not in now]),
            "headings": targets,
            "count_word": _count_word(len(targets)),
            "first": targets[0][0],
            "last": targets[-1][0],
        }

    def solution(self, params):
        rules: list[Rule] = []
        for text, nth in params["headings"]:
            rules += [select_paragraph_text(text, nth), set_box("Font Size", params["value"])]
        return rules

    def check(self, params, before, after, answer) -> CheckResult:
        size = float(params["value"])
        old = units(before)
        spans = {u.key: whole(u) for u in old if u.paragraph and u.style.startswith("Heading")}
        done = only_changed(
            before,
            after,
            spans,
            lambda run, unit: effective_size(after, unit, run) == size,
            f"{size:g} pt",
            ("size",),
        )
        if not done.success:
            return done
        # A heading style changed by hand must not have resized other paragraphs.
        for b, a in zip(old, units(after), strict=True):
            if b.key in spans or not b.paragraph:
                continue
            for x, y in zip(b.chars(), a.chars(), strict=True):
                if effective_size(before, b, x) != effective_size(after, a, y):
                    return fail(f"{b.text[:40]!r} changed its size too")
        return done

    def wrong_params(self, params, facts, rng):
        return {**params, "headings": params["headings"][:-1]}  # the last heading forgotten


# -- a whole table ----------------------------------------------------------------------


class TableBold(WriterFamily):
    """Bold all the text of one table (select its cells, then Bold)."""

    id = "writer/bold-table-v1"
    category = "range"
    phrasings = styled(
        terse=("Bold all the text in table {table}.", "Make the {nth} table bold, every cell."),
        polite=(
            "Could you make every cell of table {table} bold?",
            "Would you put the whole of the {nth} table in bold type, please?",
        ),
        context=(
            "The totals table gets lost on the page, so bold all of table {table}.",
            "It is the table people will look for, so set the {nth} table entirely in bold.",
        ),
        indirect=(
            "Every cell of table {table} should be in bold, header and body alike.",
            "I want all the text inside the {nth} table to be bold.",
        ),
        reference=(
            'Bold every cell of the table whose first cell reads "{first}".',
            'In the table that starts with "{first}", make all the text bold.',
        ),
        typo=("bold evrything in table {table}", "table {table} all bold pls"),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        choices = []
        for n, table in enumerate(facts.document.tables if facts.document else [], 1):
            rows, columns = len(table.rows), len(table.columns)
            elements = [c._tc for row in table.rows for c in row.cells]  # kept alive
            first = facts.tables[n - 1].cells[0][0] if facts.tables[n - 1].cells else ""
            if len(set(elements)) != rows * columns or columns > 26 or not first.strip():
                continue  # merged cells: a cell range would not name them simply
            if [t.cells[0][0] for t in facts.tables if t.cells].count(first) > 1:
                continue  # its first cell would not tell it from another table
            runs = [u for u in units(facts) if u.key.startswith(f"table {n},")]
            if all(r.bold for u in runs for r in u.runs):
                continue
            choices.append((n, rows, columns, first))
        if not choices:
            return None
        n, rows, columns, first = rng.choice(choices)
        return {
            "table": n,
            "nth": ordinal(n),
            "first": first,
            "last_cell": f"{chr(ord('A') + columns - 1)}{rows}",
        }

    def solution(self, params):
        return [
            call("select_cells", table=params["table"], first="A1", last=params["last_cell"]),
            click("Bold", "toggle button"),
        ]

    def check(self, params, before, after, answer) -> CheckResult:
        prefix = f"table {params['table']},"
        spans = {u.key: whole(u) for u in units(before) if u.key.startswith(prefix)}
        return only_changed(before, after, spans, lambda run, _: run.bold, "bold", ("bold",))

    def wrong_params(self, params, facts, rng):
        # The header row only: the first row of cells.
        return {**params, "last_cell": params["last_cell"][0] + "1"}


# -- every italic phrase ----------------------------------------------------------------


def italic_spans(facts: DocFacts) -> list[tuple[str, int, int, str]]:
    """(unit key, start, end, text) of each stretch of italic characters."""
    out = []
    for unit in units(facts):
        chars = unit.chars()
        i = 0
        while i < len(chars):
            if chars[i].italic:
                j = i
                while j < len(chars) and chars[j].italic:
                    j += 1
                out.append((unit.key, i, j, unit.text[i:j]))
                i = j
            else:
                i += 1
    return out


class ItalicToBold(WriterFamily):
    """Make every italic stretch of text bold as well (Find & Replace finds formats; the
    known-good solution selects each stretch by its text)."""

    id = "writer/bold-italic-text-v1"
    category = "range"
    help_sources = (FIND_FORMATS,)
    phrasings = styled(
        terse=(
            "Make every italic word bold too, keeping the italics.",
            "Bold all the italic text in the document (leave it italic).",
        ),
        polite=(
            "Could you make all the italicised text bold as well, without removing the italics?",
            "Would you find every italic word or phrase and embolden it, please, keeping it "
            "italic?",
        ),
        context=(
            "The italics vanish on the projector, so make every italic phrase bold italic.",
            "Since the printer loses light italics, add bold to all the italic text and keep "
            "the slant.",
        ),
        indirect=(
            "Everything now in italics should end up bold italic.",
            "I want each italic word in the document to be bold as well as italic.",
        ),
        reference=(
            'Starting with "{first}", make every italic passage of the document bold, '
            "keeping it italic.",
            'All the italic text, "{first}" and any other, should become bold italic.',
        ),
        typo=(
            "bold all the itallic text, keep it italic",
            "make evry italic word bold italic",
        ),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        spans = italic_spans(facts)
        by_key = {u.key: u for u in units(facts)}
        around = margins(facts)
        phrases = []
        for key, start, end, text in spans:
            if not text.strip() or text in around:
                return None  # a header's text would count among the occurrences
            occurrence = _occurrence(facts, key, start, text)
            if occurrence is None:
                return None
            if not all(r.bold for r in by_key[key].chars()[start:end]):
                phrases.append([text, occurrence])
        if not phrases:
            return None
        return {"phrases": phrases, "first": spans[0][3], "count": len(spans)}

    def solution(self, params):
        rules: list[Rule] = []
        for text, occurrence in params["phrases"]:
            rules += [select(text, occurrence), click("Bold", "toggle button")]
        return rules

    def check(self, params, before, after, answer) -> CheckResult:
        spans: Spans = {}
        for key, start, end, _ in italic_spans(before):
            spans.setdefault(key, []).append((start, end))
        return only_changed(before, after, spans, lambda run, _: run.bold, "bold", ("bold",))

    def wrong_params(self, params, facts, rng):
        if len(params["phrases"]) > 1:
            return {**params, "phrases": params["phrases"][:-1]}  # the last one forgotten
        text, occurrence = params["phrases"][0]
        if facts.count(text) > 1:  # the same words where they are not italic
            return {**params, "phrases": [[text, 1 if occurrence > 1 else 2]]}
        return None


def _occurrence(facts: DocFacts, key: str, start: int, text: str) -> int | None:
    """Which occurrence of `text` (counted as Writer's search finds them, in document
    order, tables where they stand) begins at `start` of unit `key`; None when the unit's
    runs are not its whole text (a link or a field), so offsets would not agree."""
    by_key = {u.key: u for u in units(facts)}
    full = {u.key: u.text for u in by_key.values()}
    for i, p in enumerate(facts.paragraphs):
        if p.text.strip():
            full[body_key(facts, i)] = p.text
    for t, table in enumerate(facts.tables, 1):
        for r, row in enumerate(table.cells, 1):
            for c, cell in enumerate(row, 1):
                full[f"table {t}, row {r}, cell {c}"] = cell
    if full.get(key) != by_key[key].text:
        return None
    order, paragraphs = [], iter(k for k in by_key if k.startswith("paragraph "))
    for block in facts.blocks:
        if block.startswith("<table "):
            prefix = f"table {block[7:-1]},"
            order += [k for k in by_key if k.startswith(prefix)]
        else:
            order.append(next(paragraphs, None))
    if key not in order:
        return None
    before = sum(_matches(full.get(k) or "", text) for k in order[: order.index(key)])
    return before + _matches(full[key][:start], text) + 1


def _matches(text: str, phrase: str) -> int:
    return text.count(phrase)


# -- every occurrence of a word ---------------------------------------------------------


class UnderlineEvery(WriterFamily):
    """Underline every occurrence of a word: Find & Replace, Find All, then Underline."""

    id = "writer/underline-every-occurrence-v1"
    category = "range"
    help_sources = (FIND_TEXT,)
    phrasings = styled(
        terse=(
            'Underline every "{term}".',
            'Underline all {count_word} occurrences of "{term}".',
        ),
        polite=(
            'Could you underline the word "{term}" everywhere it appears?',
            'Would you find each "{term}" in the document and underline it, please?',
        ),
        context=(
            'We are checking how "{term}" is used, so underline every occurrence of it.',
            'The editor wants to review each "{term}": underline all of them.',
        ),
        indirect=(
            'Every "{term}" in the document should be underlined, wherever it is.',
            'I want all {count_word} appearances of "{term}" underlined.',
        ),
        reference=(
            'The word "{term}" comes up {count_word} times; underline each one.',
            'Underline "{term}" in all {count_word} places it is used, tables included.',
        ),
        typo=('underline evry "{term}"', 'all the "{term}"s underlined pls'),
    )

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        text, around = facts.all_text, margins(facts)
        all_units = units(facts)
        words = sorted(set(re.findall(r"[A-Za-z]{5,}", text)))
        choices = []
        for word in words:
            count = text.count(word)
            if not 2 <= count <= 4 or word.lower() in FUNCTION_WORDS:
                continue
            if text.lower().count(word.lower()) != count or word.lower() in around.lower():
                continue
            if len(re.findall(rf"\b{word}\b", text)) != count:
                continue  # inside a longer word
            spans = _occurrences(all_units, word)
            if sum(len(s) for s in spans.values()) != count:
                continue  # in a link or a field
            chars = {u.key: u.chars() for u in all_units}
            marks = [
                chars[k][i] for k, found in spans.items() for a, b in found for i in range(a, b)
            ]
            if any(run.underline for run in marks):
                continue
            choices.append((word, count))
        if not choices:
            return None
        word, count = rng.choice(choices)
        return {"term": word, "count": count, "count_word": _count_word(count)}

    def solution(self, params):
        if params.get("only_first"):
            return [select(params["term"]), click("Underline", "push button")]
        return [
            *menu("Edit", "Find and Replace..."),
            set_box("Search For", params["term"]),
            click("Find All", "push button"),
            click("Close", "push button"),
            click("Underline", "push button"),
        ]

    def check(self, params, before, after, answer) -> CheckResult:
        spans = _occurrences(units(before), params["term"])
        return only_changed(
            before, after, spans, lambda run, _: run.underline, "underlined", ("underline",)
        )

    def wrong_params(self, params, facts, rng):
        return {**params, "only_first": True}


def _occurrences(all_units: list[Unit], word: str) -> Spans:
    out: Spans = {}
    for unit in all_units:
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(word), unit.text)]
        if found:
            out[unit.key] = found
    return out


# -- direct formatting of a paragraph ---------------------------------------------------


def _direct(run: RunFacts) -> bool:
    """Whether a run carries direct character formatting (a character style is not)."""
    return any(getattr(run, name) for name in ATTRIBUTES if name not in ("char_style",))


class ClearFormatting(WriterFamily):
    """Remove the direct character formatting of a paragraph (Format - Clear Direct
    Formatting)."""

    id = "writer/clear-formatting-paragraph-v1"
    category = "range"
    phrasings = styled(
        terse=(
            'Clear the direct formatting of the paragraph that begins "{start}".',
            'Remove all manual formatting from the "{start}" paragraph.',
        ),
        polite=(
            "Could you strip the bold, italics, colours and other direct formatting from the "
            'paragraph starting "{start}"?',
            'Would you reset the paragraph beginning "{start}" to plain text formatting, please?',
        ),
        context=(
            "Someone formatted it by hand, so clear all direct formatting from the paragraph "
            '"{start}".',
            "It should look like the rest of the body text again: remove the manual "
            'formatting from the paragraph starting "{start}".',
        ),
        indirect=(
            'The paragraph beginning "{start}" should carry no direct character formatting at all.',
            'I want the "{start}" paragraph back to its style\'s plain look, no bold, italics '
            "or colours.",
        ),
        reference=(
            "Clear all direct formatting from {position}.",
            "Remove the manual character formatting in {position}.",
        ),
        typo=(
            'clear formating on the paragraph "{start}"',
            'remove direct formatting from "{start}" pls',
        ),
    )

    def _candidates(self, facts: DocFacts) -> list[int]:
        return [
            i
            for i, p in enumerate(facts.paragraphs)
            if p.style == "Normal"
            and p.list_kind is None
            and len(p.text.split()) >= 6
            and p.text[:1].isalnum()
            and any(_direct(r) for r in p.runs)
            and unique_prefix(facts, i)
        ]

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        candidates = self._candidates(facts)
        if not candidates:
            return None
        index = rng.choice(candidates)
        return {
            "paragraph": index,
            "start": unique_prefix(facts, index),
            "position": position(facts, index),
        }

    def solution(self, params):
        return [select_paragraphs(params["start"]), *menu("Format", "Clear Direct Formatting")]

    def check(self, params, before, after, answer) -> CheckResult:
        text = same_text(before, after)
        if not text.success:
            return text
        spans = _spans(before, [params["paragraph"]])
        return compare_chars(
            before,
            after,
            spans,
            lambda run, _: not _direct(run),
            "free of direct formatting",
            (*ATTRIBUTES, "paragraph"),
        )

    def wrong_params(self, params, facts, rng):
        others = [i for i in self._candidates(facts) if i != params["paragraph"]]
        if not others:
            return None
        index = rng.choice(others)
        return {
            "paragraph": index,
            "start": unique_prefix(facts, index),
            "position": position(facts, index),
        }


def range_families() -> list[WriterFamily]:
    return [
        FirstParagraphsItalic(),
        LastParagraphsSize(),
        DocumentFont(),
        HeadingsSize(),
        TableBold(),
        ItalicToBold(),
        UnderlineEvery(),
        ClearFormatting(),
    ]
