"""Page layout: orientation, margins, header and footer, columns, line numbers, background,
borders and paper size, through the Page Style dialog and the Format and Tools menus."""

from __future__ import annotations

from typing import Any

from openlam.tasks.base import styled
from openlam.tasks.writer import page_facts
from openlam.tasks.writer.families.common import OK, WriterFamily, all_of, fail, same_text
from openlam.tasks.writer.families.paragraph import COLOURS, colour_name
from openlam.tasks.writer.steps import click, keys, menu, page_style_dialog, set_box

MARGINS_IN = ("0.5", "0.75", "1.5", "2")
SIDES = ("Left", "Right", "Top", "Bottom")
NOTES = ("Confidential", "Draft for review", "Internal use only", "Version 2", "Final copy")
PAGE_STYLE_HELP = "swriter/guide/pageorientation.html#par_id7524033"


class Landscape(WriterFamily):
    id = "writer/landscape-v1"
    category = "layout"
    help_sources = (PAGE_STYLE_HELP,)
    phrasings = styled(
        terse=("Switch the page orientation to landscape.", "Landscape pages, please."),
        polite=(
            "Could you please change the page layout to landscape?",
            "Would you mind turning the pages to landscape orientation?",
        ),
        context=(
            "The tables are too wide for an upright page, so please switch the document to "
            "landscape.",
            "This will hang sideways on a noticeboard: make the pages landscape.",
        ),
        indirect=(
            "The pages should be wider than they are tall.",
            "I want this document laid out in landscape rather than portrait.",
        ),
        reference=(
            "Change the orientation of the document's page style from portrait to landscape.",
            "Set the paper of every page in this document to landscape.",
        ),
        typo=("make the pages landscpae", "switch to lanscape orientation pls"),
    )

    def sample_params(self, facts, rng):
        return None if facts.landscape else {"orientation": "Landscape"}

    def solution(self, params):
        return [
            *page_style_dialog("Page"),
            click(params["orientation"], "radio button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        return all_of(same_text(before, after), OK if after.landscape else fail("still portrait"))

    def wrong_params(self, params, facts, rng):
        return {"orientation": "Portrait"}


class Margin(WriterFamily):
    id = "writer/page-margin-v1"
    category = "layout"
    phrasings = styled(
        terse=("Set the {side_lower} margin to {inches} inches.", '{side} margin: {inches}".'),
        polite=(
            "Could you please change the {side_lower} page margin to {inches} in?",
            "Would you mind making the {side_lower} margin {inches} inches wide?",
        ),
        context=(
            "The binding will eat into the page, so please set the {side_lower} margin to "
            "{inches} inches.",
            "Our printer needs more room at the edge: make the {side_lower} margin {inches} "
            "inches.",
        ),
        indirect=(
            "The {side_lower} margin of the pages should measure {inches} inches.",
            "I need exactly {inches} inches of blank space at the {side_lower} of each page.",
        ),
        reference=(
            "In the page style, change the {side_lower} margin to {inches} in.",
            "Set the margin on the {side_lower} side of every page to {inches} inches.",
        ),
        typo=(
            "set the {side_lower} margn to {inches} inches",
            "{side_lower} margin {inches} inchs pls",
        ),
    )

    def sample_params(self, facts, rng):
        side = rng.choice(SIDES)
        inches = rng.choice(
            [m for m in MARGINS_IN if abs(float(m) * 25.4 - facts.margins_mm[side.lower()]) > 2]
        )
        return {"side": side, "side_lower": side.lower(), "inches": inches}

    def solution(self, params):
        return [
            *page_style_dialog("Page"),
            set_box(params["side"], params["inches"], "spin button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        side = params["side_lower"]
        want = float(params["inches"]) * 25.4
        if abs(after.margins_mm[side] - want) > 0.6:
            return fail(f"the {side} margin is {after.margins_mm[side]} mm, not {want:.1f} mm")
        for other in ("left", "right", "top", "bottom"):
            if other != side and abs(after.margins_mm[other] - before.margins_mm[other]) > 0.6:
                return fail(f"the {other} margin changed too")
        return same_text(before, after)

    def wrong_params(self, params, facts, rng):
        side = rng.choice([s for s in SIDES if s != params["side"]])
        return {**params, "side": side, "side_lower": side.lower()}


class HeaderFooter(WriterFamily):
    category = "layout"

    def __init__(self, part: str, key: str, phrasings):
        self.part, self.key, self.phrasings = part, key, phrasings
        self.id = f"writer/{part.lower()}-text-v1"

    def sample_params(self, facts, rng):
        return {"text": rng.choice(NOTES)} if getattr(facts, self.part.lower()) is None else None

    def solution(self, params):
        return [
            *page_style_dialog(self.part),
            click(f"{self.part} on", "check box"),
            click("OK", "push button"),
            keys("{ctrl+" + self.key + "}" + params["text"]),
        ]

    def check(self, params, before, after, answer):
        got = getattr(after, self.part.lower())
        if got != params["text"]:
            return fail(f"the {self.part.lower()} says {got!r}, not {params['text']!r}")
        return same_text(before, after)

    def wrong_params(self, params, facts, rng):
        return {"text": rng.choice([n for n in NOTES if n != params["text"]])}


class PageSetting(WriterFamily):
    """One page-wide setting read from the section properties, drawn from `values`."""

    category = "layout"
    values: tuple[dict[str, Any], ...] = ()

    def current(self, facts) -> Any:
        """The setting as the facts say (one value for the whole document)."""
        raise NotImplementedError

    def matches(self, value: Any, params: dict[str, Any]) -> bool:
        raise NotImplementedError

    def sample_params(self, facts, rng):
        options = [v for v in self.values if not self.matches(self.current(facts), v)]
        return dict(rng.choice(options)) if options else None

    def check(self, params, before, after, answer):
        got = self.current(after)
        if not self.matches(got, params):
            return fail(f"the {self.what} is {got!r}, not as asked")
        return same_text(before, after)

    def wrong_params(self, params, facts, rng):
        others = [v for v in self.values if not self.matches(self.current(facts), v)]
        others = [v for v in others if any(params[k] != x for k, x in v.items())]
        return {**params, **rng.choice(others)} if others else None


def _every(values: list) -> Any:
    """The one value all sections share, or the list when they differ."""
    return values[0] if len(set(values)) == 1 else values


class TextColumns(PageSetting):
    id = "writer/text-columns-v1"
    what = "number of text columns"
    values = (
        {"columns": 2, "words": "two", "preset": "2 columns with equal size"},
        {"columns": 3, "words": "three", "preset": "3 columns with equal size"},
    )
    phrasings = styled(
        terse=("Lay the text out in {words} columns.", "Text in {columns} columns, please."),
        polite=(
            "Could you please set the pages to {words} text columns?",
            "Would you mind flowing the document into {words} equal columns?",
        ),
        context=(
            "It's going to be printed like a newspaper, so please put the text in {words} columns.",
            "To fit more on each sheet, set the pages to {words} columns of text.",
        ),
        indirect=(
            "The text should run in {words} columns side by side on every page.",
            "I want a {columns}-column page layout for this document.",
        ),
        reference=(
            "Change the document's page style to {words} columns of equal width.",
            "Split every page of the document into {columns} text columns.",
        ),
        typo=("put the text in {words} colums", "a {columns} coloumn layout for the document pls"),
    )

    def current(self, facts):
        return _every(page_facts.columns(facts))

    def matches(self, value, params):
        return value == params["columns"]

    def solution(self, params):
        return [
            *menu("Format", "Columns..."),
            click(params["preset"], "list item"),
            click("OK", "push button"),
        ]


class LineNumbering(PageSetting):
    id = "writer/line-numbering-v1"
    what = "line numbering interval"
    help_sources = ("swriter/guide/numbering_lines.html#hd_id3153410",)
    values = (
        {"interval": 1, "which": "every line"},
        {"interval": 5, "which": "every fifth line"},
    )
    phrasings = styled(
        terse=("Show line numbers on {which}.", "Number {which} of the document."),
        polite=(
            "Could you please add line numbers to the document, shown on {which}?",
            "Would you mind turning on line numbering so that {which} gets a number?",
        ),
        context=(
            "The committee will refer to lines by number, so please number {which} of the "
            "document.",
            "For the legal review we need line numbers: put a number beside {which}.",
        ),
        indirect=(
            "There should be a line number in the margin beside {which} of the text.",
            "I want the lines counted in the margin, with a number on {which}.",
        ),
        reference=(
            "Add line numbers to the whole document, with an interval of {interval}.",
            "Enable line numbering for the entire text, numbering interval {interval}.",
        ),
        typo=("add line numbres on {which}", "number {which} in the documnet pls"),
    )

    def current(self, facts):
        return _every(page_facts.line_numbering(facts))

    def matches(self, value, params):
        return value == params["interval"]

    def solution(self, params):
        return [
            *menu("Tools", "Line Numbering..."),
            click("Show numbering", "check box"),
            set_box("Interval:(lines)", str(params["interval"]), "spin button"),
            click("OK", "push button"),
        ]


class PageBackground(PageSetting):
    id = "writer/page-background-v1"
    what = "page colour"
    help_sources = (
        "swriter/guide/pagebackground.html#par_idN10820",
        "swriter/guide/pagebackground.html#par_idN1087A",
    )
    values = COLOURS
    phrasings = styled(
        terse=("Make the page background light {colour}.", "Light {colour} pages, please."),
        polite=(
            "Could you please give the pages a pale {colour} background colour?",
            "Would you mind changing the page colour to a light {colour}?",
        ),
        context=(
            "It's a poster for the school fete, so please give the pages a light {colour} "
            "background.",
            "White looks too stark on screen: set the page background to pale {colour}.",
        ),
        indirect=(
            "The pages should be light {colour} instead of white.",
            "I'd like every page of this document to have a soft {colour} background.",
        ),
        reference=(
            "In the page style's Area settings, set the background colour to light {colour}.",
            "Fill the background of every page with a light {colour} colour.",
        ),
        typo=("make the page backround light {colour}", "light {colour} page colour pls"),
    )

    def current(self, facts):
        return colour_name(page_facts.page_background(facts))

    def matches(self, value, params):
        return value == params["colour"]

    def solution(self, params):
        return [
            *page_style_dialog("Area"),
            click("Color", "toggle button"),
            click(params["palette"], "list item"),
            click("OK", "push button"),
        ]


class PageBorder(PageSetting):
    id = "writer/page-border-v1"
    what = "page border"
    help_sources = ("swriter/guide/border_page.html#hd_id3150503",)
    values = (
        {
            "preset": "All Four Borders",
            "sides": ["top", "left", "bottom", "right"],
            "border": "a border line on all four sides",
        },
        {
            "preset": "Top and Bottom Borders Only",
            "sides": ["top", "bottom"],
            "border": "border lines along the top and bottom only",
        },
        {
            "preset": "Left and Right Borders Only",
            "sides": ["left", "right"],
            "border": "border lines on the left and right sides only",
        },
    )
    phrasings = styled(
        terse=("Give the pages {border}.", "Page border: {border}."),
        polite=(
            "Could you please add {border} to every page?",
            "Would you mind giving every page {border}?",
        ),
        context=(
            "It's going on the noticeboard and should look finished, so please give the pages "
            "{border}.",
            "To make the flyer stand out on the noticeboard, add {border} to the page.",
        ),
        indirect=(
            "Each page should have {border}, and no other border lines.",
            "I want the page itself (not the paragraphs) to have {border}.",
        ),
        reference=(
            "In the page style's Borders settings, set {border}.",
            "Set the border of every page in the document to {border}.",
        ),
        typo=("add {border} to the pages pls", "page boarder: {border}"),
    )

    def current(self, facts):
        return _every([tuple(sorted(s)) for s in page_facts.page_borders(facts)])

    def matches(self, value, params):
        return value == tuple(sorted(params["sides"]))

    def solution(self, params):
        return [
            *page_style_dialog("Borders"),
            click(params["preset"], "list item"),
            click("OK", "push button"),
        ]


class PaperSize(PageSetting):
    id = "writer/paper-size-v1"
    what = "paper size"
    values = (
        {"paper": "A4", "mm": [210.0, 297.0], "inches": ["8.27", "11.69"]},
        {"paper": "A5", "mm": [148.0, 210.0], "inches": ["5.83", "8.27"]},
        {"paper": "US Legal", "mm": [215.9, 355.6], "inches": ["8.5", "14"]},
    )
    phrasings = styled(
        terse=("Set the paper size to {paper}.", "{paper} paper, portrait."),
        polite=(
            "Could you please change the page size of this document to {paper}?",
            "Would you mind switching the paper format to {paper}, keeping it portrait?",
        ),
        context=(
            "It will be printed by a shop that only stocks {paper}, so please set the paper "
            "size to {paper}.",
            "We're sending this abroad, so the pages need to be {paper} (portrait).",
        ),
        indirect=(
            "The pages should be {paper} size, upright.",
            "This document ought to be laid out on {paper} paper rather than US Letter.",
        ),
        reference=(
            "In the page style, change the paper format from Letter to {paper}.",
            "Make every page {paper}-sized ({width} by {height} mm), portrait.",
        ),
        typo=("set the paper to {paper} pls", "chnage the page size to {paper}"),
    )

    def sample_params(self, facts, rng):
        params = super().sample_params(facts, rng)
        if params is None:
            return None
        return {**params, "width": f"{params['mm'][0]:g}", "height": f"{params['mm'][1]:g}"}

    def current(self, facts):
        return _every(page_facts.paper_mm(facts))

    def matches(self, value, params):
        if not isinstance(value, tuple):
            return False
        return all(abs(a - b) <= 1.5 for a, b in zip(value, params["mm"], strict=True))

    def solution(self, params):
        width, height = params["inches"]
        return [
            *page_style_dialog("Page"),
            set_box("Width", width, "spin button"),
            set_box("Height", height, "spin button"),
            click("OK", "push button"),
        ]

    def wrong_params(self, params, facts, rng):
        wrong = super().wrong_params(params, facts, rng)
        if wrong is None:
            return None
        return {**wrong, "width": f"{wrong['mm'][0]:g}", "height": f"{wrong['mm'][1]:g}"}


def layout_families() -> list[WriterFamily]:
    return [
        Landscape(),
        Margin(),
        HeaderFooter(
            "Header",
            "Page_Up",
            styled(
                terse=('Add a header that says "{text}".', 'Header: "{text}".'),
                polite=(
                    'Could you please put "{text}" in the page header?',
                    'Would you mind adding a header reading "{text}" to the pages?',
                ),
                context=(
                    'This goes to the client, so please add a page header that says "{text}".',
                    "People keep printing old versions, so give the document a header reading "
                    '"{text}".',
                ),
                indirect=(
                    'Every page should carry "{text}" in its header.',
                    'The words "{text}" should appear at the top of each page, in the header.',
                ),
                reference=(
                    'Turn on the header of the page style and write "{text}" in it.',
                    'Put "{text}" in the header area above the text on every page.',
                ),
                typo=('add a heder saying "{text}"', 'put "{text}" in the hedaer pls'),
            ),
        ),
        HeaderFooter(
            "Footer",
            "Page_Down",
            styled(
                terse=('Add a footer that says "{text}".', 'Footer text: "{text}".'),
                polite=(
                    'Could you please put "{text}" in the page footer?',
                    'Would you mind giving the document a footer reading "{text}"?',
                ),
                context=(
                    'Legal wants every printout marked, so please add a footer saying "{text}".',
                    'So nobody mistakes it for the final version, put "{text}" in the footer.',
                ),
                indirect=(
                    'Each page should end with "{text}" in its footer.',
                    'The words "{text}" should show at the bottom of every page, in the footer.',
                ),
                reference=(
                    'Switch on the footer of the page style and type "{text}" in it.',
                    'Write "{text}" in the footer area below the text on every page.',
                ),
                typo=('add a foter that says "{text}"', 'put "{text}" in the footre pls'),
            ),
        ),
        TextColumns(),
        LineNumbering(),
        PageBackground(),
        PageBorder(),
        PaperSize(),
    ]
