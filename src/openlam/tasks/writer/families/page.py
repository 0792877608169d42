"""Headers, footers, page numbers and other fields, breaks and sections."""

from __future__ import annotations

import re
from typing import Any

from openlam.agent.scripted import Rule
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer import object_facts
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    all_of,
    body_paragraphs,
    fail,
    is_heading,
    ordinal,
    other_paragraph,
    pick_paragraph,
    same_text,
)
from openlam.tasks.writer.steps import click, keys, menu, select, select_paragraphs, set_box

# Keys that take the cursor from the body into the page's header or footer.
TO_PART = {"header": "{ctrl+Page_Up}", "footer": "{ctrl+Page_Down}"}
# What may stand next to a field besides the part's own text: spaces, a dash, a bar, "Page".
SEPARATORS = r"[\s\-–—|:,.]*"


def part_text(facts: DocFacts, part: str) -> str:
    """The first page's header or footer with fields as {NAME} ("" when it has none)."""
    return object_facts.header_footer(facts.document, part) or ""


def to_part_end(part: str, exists: bool) -> list[Rule]:
    """Put the cursor at the end of the header or footer: turn it on through the Insert menu
    when the page style has none, else go into it and type a space after its text."""
    if not exists:
        return menu("Insert", "Header and Footer", part.title(), "Default Page Style")
    return [keys(TO_PART[part]), keys("{ctrl+End}"), keys(" ")]


def part_kept(before: str, after: str, added: str, extra_words: str = "") -> CheckResult:
    """`after` is `before` with the `added` pattern (fields as {NAME}) put in, next to
    nothing but separators (and `extra_words`)."""
    found = re.search(added, after, re.IGNORECASE)
    if found is None:
        return fail(f"it says {after!r}, without the asked field")
    rest = " ".join((after[: found.start()] + " " + after[found.end() :]).split())
    old = " ".join(before.split())
    if object_facts.field_names(rest) != object_facts.field_names(old):
        return fail(f"other fields changed: {after!r}")
    if old not in rest:
        return fail(f"its own text {before!r} changed: {after!r}")
    leftover = rest.replace(old, " ", 1)
    allowed = f"{SEPARATORS}{extra_words}{SEPARATORS}" if extra_words else SEPARATORS
    if not re.fullmatch(allowed, leftover, re.IGNORECASE):
        return fail(f"more text was added: {after!r}")
    return OK


class PartField(WriterFamily):
    """A field (page number, page count, date) typed into the header or footer through
    Insert - Field, with a few words around it."""

    category = "field"

    def __init__(self, id, part, steps, pattern, wrong, phrasings, help_sources, extra=""):
        self.id, self.part, self.phrasings = id, part, phrasings
        # (text typed before the field, the Insert - Field item), in order.
        self.steps: tuple[tuple[str, str], ...] = steps
        self.pattern, self.extra, self.help_sources = pattern, extra, help_sources
        self.wrong = wrong  # the same steps with a near-miss field

    def sample_params(self, facts, rng):
        if object_facts.sections(facts.document)[0].title_page:
            return None  # the first page has a header and footer of its own
        now = part_text(facts, self.part)
        if re.search(self.pattern, now, re.IGNORECASE):
            return None
        return {"exists": getattr(facts, self.part) is not None, "mistake": False}

    def solution(self, params):
        rules = to_part_end(self.part, params["exists"])
        for text, item in self.wrong if params["mistake"] else self.steps:
            if text:
                rules.append(keys(text))
            rules += menu("Insert", "Field", item)
        return rules

    def check(self, params, before, after, answer):
        other = "header" if self.part == "footer" else "footer"
        if part_text(after, other) != part_text(before, other):
            return fail(f"the {other} changed: {part_text(after, other)!r}")
        kept = part_kept(
            part_text(before, self.part), part_text(after, self.part), self.pattern, self.extra
        )
        if not kept.success:
            return fail(f"the {self.part}: {kept.reason}")
        return same_text(before, after)

    def wrong_params(self, params, facts, rng):
        return {**params, "mistake": True}


class PageNumberStart(WriterFamily):
    """Number the pages from N, through Format - Paragraph - Text Flow on the first
    paragraph (a break with the page style and a page number)."""

    id = "writer/page-number-start-v1"
    category = "layout"
    help_sources = ("swriter/guide/pagenumbers.html#hd_id2551652",)
    phrasings = styled(
        terse=("Start the page numbering at {number}.", "First page number: {number}."),
        polite=(
            "Could you please make the page numbers begin at {number} instead of 1?",
            "Would you mind setting the document so that its first page is page {number}?",
        ),
        context=(
            "This document follows {previous} pages of another report, so please start the "
            "page numbering at {number}.",
            "It will be bound after the cover section; number the first page {number}.",
        ),
        indirect=(
            "The page count of this document should begin at {number}, not at 1.",
            "Page one of this file is really page {number} of the bound volume.",
        ),
        reference=(
            "On the document's first paragraph, set the page number to {number} so the "
            "numbering starts there.",
            "Give the opening page of the document the page number {number}.",
        ),
        typo=("start page numbers at {number} pls", "make the frist page number {number}"),
    )

    def sample_params(self, facts, rng):
        if not facts.blocks or facts.blocks[0].startswith("<table"):
            return None  # the first paragraph must be a paragraph for the Text Flow tab
        current = object_facts.sections(facts.document)[0].start
        start = rng.choice([n for n in (2, 3, 5, 7, 10, 11, 21, 40) if n != current])
        return {"number": start, "previous": start - 1}

    def solution(self, params):
        return [keys("{ctrl+Home}"), *numbered_break(params["number"])]

    def check(self, params, before, after, answer):
        was, now = object_facts.sections(before.document), object_facts.sections(after.document)
        if len(now) != len(was):
            return fail(f"the document has {len(now)} sections, not {len(was)}")
        if now[0].start != params["number"]:
            return fail(f"the page numbering starts at {now[0].start}, not {params['number']}")
        if [s.start for s in now[1:]] != [s.start for s in was[1:]]:
            return fail("a later section's page numbering changed")
        return all_of(same_parts(before, after), same_text(before, after))

    def wrong_params(self, params, facts, rng):
        return {**params, "number": params["number"] + 1, "previous": params["number"]}


def numbered_break(start: int) -> list[Rule]:
    """On the paragraph at the cursor: a break with the page style, numbered from `start`."""
    return [
        *menu("Format", "Paragraph..."),
        click("Text Flow", "page tab"),
        click("Insert", "check box"),
        click("With page style:", "check box"),
        click("Page number:", "check box"),
        set_box("Page number", str(start), "spin button"),
        click("OK", "push button"),
    ]


def same_parts(before: DocFacts, after: DocFacts) -> CheckResult:
    for part in ("header", "footer"):
        if part_text(after, part) != part_text(before, part):
            return fail(f"the {part} changed: {part_text(after, part)!r}")
    return OK


def headings(facts: DocFacts) -> list[tuple[int, str, int]]:
    """(paragraph index, text, nth heading) of the headings after the first paragraph that
    the search finds once and that do not start a page already."""
    out, nth = [], 0
    first = next((i for i, p in enumerate(facts.paragraphs) if p.text.strip()), 0)
    for i, paragraph in enumerate(facts.paragraphs):
        if not paragraph.style.startswith("Heading") or not paragraph.text.strip():
            continue
        nth += 1
        if i > first and facts.count(paragraph.text) == 1 and not paragraph.page_break:
            out.append((i, paragraph.text, nth))
    return out


def pick_heading(facts: DocFacts, rng) -> dict[str, Any] | None:
    options = headings(facts)
    if not options:
        return None
    index, text, nth = rng.choice(options)
    return {"paragraph": index, "heading": text, "nth": ordinal(nth)}


def other_heading(params, facts, rng) -> dict[str, Any] | None:
    options = [h for h in headings(facts) if h[0] != params["paragraph"]]
    if not options:
        return None
    index, text, nth = rng.choice(options)
    return {**params, "paragraph": index, "heading": text, "nth": ordinal(nth)}


class HeadingPageBreak(WriterFamily):
    """A manual page break before a heading, typed with Ctrl+Enter at its start."""

    id = "writer/heading-page-break-v1"
    category = "layout"
    help_sources = ("swriter/guide/page_break.html#hd_id3149833",)
    phrasings = styled(
        terse=(
            'Put a page break before the heading "{heading}".',
            'New page for "{heading}".',
        ),
        polite=(
            'Could you please start the section "{heading}" on a new page?',
            'Would you mind inserting a manual page break just before "{heading}"?',
        ),
        context=(
            'Each part will be handed out separately, so "{heading}" must begin on a fresh page.',
            'The heading "{heading}" sits at the bottom of a page when printed; break the '
            "page before it.",
        ),
        indirect=(
            'The heading "{heading}" should be the first thing on its page.',
            'I want "{heading}" to open a new page, with nothing of it left on the one before.',
        ),
        reference=(
            "Start the {nth} heading of the document on a new page.",
            "Insert a page break right before the document's {nth} heading.",
        ),
        typo=(
            'page break befor the heading "{heading}"',
            'start "{heading}" on a new page plz',
        ),
    )

    def sample_params(self, facts, rng):
        return pick_heading(facts, rng)

    def solution(self, params):
        return [select(params["heading"]), keys("{Home}"), keys("{ctrl+Return}")]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        had = {p.text for p in before.paragraphs if p.page_break and p.text.strip()}
        now = {p.text for p in after.paragraphs if p.page_break and p.text.strip()}
        if now != had | {params["heading"]}:
            return fail(f"pages now break before {sorted(now - had)!r}, not just the heading")
        styles = [p.style for p in before.paragraphs if p.text.strip()]
        if [p.style for p in after.paragraphs if p.text.strip()] != styles:
            return fail("a paragraph style changed")
        return same_parts(before, after)

    def wrong_params(self, params, facts, rng):
        return other_heading(params, facts, rng)


class RestartNumbering(WriterFamily):
    """A new page at a heading whose page numbering starts again (a page style break with a
    page number, through Format - Paragraph - Text Flow)."""

    id = "writer/restart-page-numbers-v1"
    category = "layout"
    help_sources = (
        "swriter/guide/pagenumbers.html#hd_id5298318",
        "swriter/guide/pagenumbers.html#hd_id2551652",
    )
    phrasings = styled(
        terse=(
            'Start "{heading}" on a new page and restart the page numbers there at {number}.',
            'Page numbering from {number} again at the heading "{heading}", on a new page.',
        ),
        polite=(
            'Could you please begin "{heading}" on a new page numbered {number}, with the '
            "numbering counting on from there?",
            'Would you mind restarting the page numbers at {number} from the heading "{heading}" '
            "(which should open a new page)?",
        ),
        context=(
            'Everything from "{heading}" on is an appendix with its own numbering, so start '
            "it on a new page numbered {number}.",
            'We print "{heading}" as a separate booklet: put it on a new page and number that '
            "page {number}.",
        ),
        indirect=(
            'The page where "{heading}" begins should be a new page carrying the number {number}.',
            'From "{heading}" onward, the pages should be counted afresh starting at {number}.',
        ),
        reference=(
            "Make the {nth} heading start a new page and restart page numbering at {number} there.",
            "At the document's {nth} heading, break to a new page whose number is {number}.",
        ),
        typo=(
            'restart page numbring at {number} from "{heading}", on a new page',
            'new page for "{heading}" and page numbers start agian at {number}',
        ),
    )

    def sample_params(self, facts, rng):
        params = pick_heading(facts, rng)
        if params is None or len(object_facts.sections(facts.document)) != 1:
            return None
        return {**params, "number": rng.choice((1, 1, 1, 2, 5, 10))}

    def solution(self, params):
        return [select(params["heading"]), keys("{Home}"), *numbered_break(params["number"])]

    def check(self, params, before, after, answer):
        was, now = object_facts.sections(before.document), object_facts.sections(after.document)
        if len(now) != len(was) + 1:
            return fail(f"expected one new section (page style break), found {len(now)} in all")
        opened = [s for s in now if s.texts and s.texts[0] == params["heading"]]
        if not opened:
            return fail(f"no new page (section) begins at {params['heading']!r}")
        if opened[0].start != params["number"]:
            return fail(f"the numbering at the heading starts at {opened[0].start}")
        if now[0].start != was[0].start:
            return fail("the numbering of the first pages changed")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        return other_heading(params, facts, rng)


class InsertSection(WriterFamily):
    """Paragraphs put into a section of their own through Insert - Section."""

    id = "writer/insert-section-v1"
    category = "layout"
    help_sources = ("swriter/guide/section_insert.html#hd_id3155863",)
    phrasings = styled(
        terse=(
            'Put the paragraph starting "{start}"{extent} in a section of its own.',
            'Make "{start}..."{extent} a separate section.',
        ),
        polite=(
            'Could you please turn the paragraph beginning "{start}"{extent} into a new section?',
            'Would you mind wrapping the paragraph "{start}"{extent} in its own section '
            "(Insert - Section)?",
        ),
        context=(
            "I may want to hide or protect this part later, so put the paragraph that opens "
            'with "{start}"{extent} into a section by itself.',
            'The paragraph "{start}"{extent} will get a different column layout later; for '
            "now, give it a section of its own.",
        ),
        indirect=(
            'The paragraph beginning "{start}"{extent} should form a section of its own, '
            "apart from the text around it.",
            'I want "{start}..."{extent} enclosed in a separate text section.',
        ),
        reference=(
            "Put {position}{extent} into a new section of its own.",
            "Create a section that holds exactly {position}{extent}.",
        ),
        typo=(
            'put the paragrpah "{start}"{extent} in its own section',
            'make a new sectoin out of "{start}..."{extent}',
        ),
    )

    def sample_params(self, facts, rng):
        if len(object_facts.sections(facts.document)) != 1:
            return None
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        two = params["paragraph"] + 1 in body_paragraphs(facts) and rng.random() < 0.5
        return {**params, "count": 2 if two else 1, "extent": " and the one after it" * two}

    def solution(self, params):
        return [
            select_paragraphs(params["start"], params["count"]),
            *menu("Insert", "Section..."),
            click("Insert", "push button"),
        ]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        first = params["paragraph"]
        wanted = tuple(before.paragraphs[first + k].text for k in range(params["count"]))
        groups = [s.texts for s in object_facts.sections(after.document)]
        if wanted not in groups:
            found = next((g for g in groups if wanted[0] in g), ())
            return fail(f"no section holds just the paragraph(s); its section: {found!r:.160}")
        return all_of(same_parts(before, after), _same_styles(before, after))

    def wrong_params(self, params, facts, rng):
        wrong = other_paragraph(params, facts, rng)
        return None if wrong is None else {**wrong, "count": 1, "extent": ""}


def _same_styles(before: DocFacts, after: DocFacts) -> CheckResult:
    was = [(p.style, is_heading(p)) for p in before.paragraphs if p.text.strip()]
    if [(p.style, is_heading(p)) for p in after.paragraphs if p.text.strip()] != was:
        return fail("a paragraph style changed")
    return OK


def page_families() -> list[WriterFamily]:
    return [
        PartField(
            "writer/footer-page-number-v1",
            "footer",
            (("", "Page Number"),),
            r"\{PAGE\}",
            (("", "Page Count"),),
            styled(
                terse=("Add page numbers in the footer.", "Page number in the footer."),
                polite=(
                    "Could you please put the page number in the footer of every page?",
                    "Would you mind numbering the pages at the bottom, in the footer?",
                ),
                context=(
                    "People will print this and the sheets get shuffled, so please add page "
                    "numbers to the footer.",
                    "We refer to pages in the meeting, so insert a page number field in the "
                    "footer.",
                ),
                indirect=(
                    "Every page should show its own number at the bottom.",
                    "I want the footer to carry the current page number.",
                ),
                reference=(
                    "In the strip below the text on each page, insert the page number.",
                    "Add a page number field to the document's footer area.",
                ),
                typo=("add page numbres to the footer", "page number in teh footer please"),
            ),
            ("swriter/guide/footer_pagenumber.html#hd_id7867366",),
            extra="(page)?",
        ),
        PartField(
            "writer/footer-page-of-count-v1",
            "footer",
            (("Page ", "Page Number"), (" of ", "Page Count")),
            r"page\s*\{PAGE\}\s*of\s*\{NUMPAGES\}",
            (("Page ", "Page Count"), (" of ", "Page Number")),
            styled(
                terse=(
                    'Footer: "Page X of Y" with the page number and the page count.',
                    'Add "Page N of M" page numbering in the footer.',
                ),
                polite=(
                    'Could you please put "Page 1 of 5"-style numbering in the footer, with '
                    "real page number and page count fields?",
                    'Would you mind adding "Page X of Y" to the footer, X being the page '
                    "number and Y the total number of pages?",
                ),
                context=(
                    'Readers need to know if a page is missing, so show "Page X of Y" in the '
                    "footer (page number, then page count).",
                    'The printout gets faxed page by page; put "Page <number> of <count>" '
                    "fields in the footer.",
                ),
                indirect=(
                    "The bottom of each page should say which page it is out of how many, "
                    'as in "Page 2 of 7".',
                    'I want the footer to read "Page", the page number, "of" and the page count.',
                ),
                reference=(
                    'In the footer area of the page style, write "Page", a page number field, '
                    '"of" and a page count field.',
                    'Fill the document\'s footer with "Page X of Y", using the page number and '
                    "page count fields.",
                ),
                typo=(
                    'add "page X of Y" numbering to the foter',
                    "footer should say Page x of y (page number and page count fields) pls",
                ),
            ),
            (
                "swriter/guide/footer_pagenumber.html#hd_id7867366",
                "swriter/guide/footer_pagenumber.html#hd_id2988677",
            ),
        ),
        PartField(
            "writer/header-date-v1",
            "header",
            (("", "Date"),),
            r"\{DATE\}",
            (("", "Time"),),
            styled(
                terse=("Insert a date field in the header.", "Date in the header."),
                polite=(
                    "Could you please add the date to the page header as a field?",
                    "Would you mind putting a date field at the top of the pages, in the header?",
                ),
                context=(
                    "Printed copies must show when they were made, so add a date field to the "
                    "header.",
                    "We keep several printouts of this; put the date in the header so we can "
                    "tell them apart.",
                ),
                indirect=(
                    "The header of every page should show the date (a date field, not typed text).",
                    "I want today's date in the header, inserted as a field.",
                ),
                reference=(
                    "In the area above the text on each page, insert a date field.",
                    "Add a date field to the document's header area.",
                ),
                typo=("put the date feild in the header", "add a date to teh header"),
            ),
            ("swriter/guide/fields_date.html#hd_id3155165",),
        ),
        PageNumberStart(),
        RestartNumbering(),
        HeadingPageBreak(),
        InsertSection(),
    ]
