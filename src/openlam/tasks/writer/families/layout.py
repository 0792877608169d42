"""Page layout through the Page Style dialog: orientation, margins, header and footer."""

from __future__ import annotations

from openlam.tasks.writer.families.common import OK, WriterFamily, all_of, fail, same_text
from openlam.tasks.writer.steps import click, keys, page_style_dialog, set_box

MARGINS_IN = ("0.5", "0.75", "1.5", "2")
SIDES = ("Left", "Right", "Top", "Bottom")
NOTES = ("Confidential", "Draft for review", "Internal use only", "Version 2", "Final copy")


class Landscape(WriterFamily):
    id = "writer/landscape-v1"
    category = "layout"
    phrasings = (
        "Switch the page orientation to landscape.",
        "Make the pages landscape.",
        "Turn the document sideways (landscape).",
        "Change the layout from portrait to landscape.",
        "Set the paper to landscape orientation, please.",
        "I'd like this printed in landscape format.",
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
    phrasings = (
        "Set the {side_lower} margin to {inches} inches.",
        "Change the {side_lower} page margin to {inches} in.",
        "Make the {side_lower} margin {inches} inches wide.",
        "I need a {inches} inch {side_lower} margin.",
        "Adjust the page so its {side_lower} margin is {inches} inches.",
        'The {side_lower} margin should measure {inches}".',
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

    def __init__(self, part: str, key: str, phrasings: tuple[str, ...]):
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


def layout_families() -> list[WriterFamily]:
    return [
        Landscape(),
        Margin(),
        HeaderFooter(
            "Header",
            "Page_Up",
            (
                'Add a header that says "{text}".',
                'Put "{text}" in the page header.',
                'Give the document a header reading "{text}".',
                'Show "{text}" at the top of every page as a header.',
                'Turn on the header and write "{text}" in it.',
                'Every page should carry the header "{text}".',
            ),
        ),
        HeaderFooter(
            "Footer",
            "Page_Down",
            (
                'Add a footer that says "{text}".',
                'Put "{text}" in the page footer.',
                'Give the document a footer reading "{text}".',
                'Show "{text}" at the bottom of every page as a footer.',
                'Turn on the footer and write "{text}" in it.',
                'Every page should end with the footer "{text}".',
            ),
        ),
    ]
