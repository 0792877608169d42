"""Requests Writer cannot do or that are out of scope: the answer is FAIL with a reason.

Printing with no printer, sending mail, the internet, a scanner, files and databases that
do not exist, machine translation, old versions nobody kept, the desktop's own settings,
speech: the right end is a FAIL whose answer says why, with the document left as it was.
The plausible wrong solution pretends: it says "Done." and finishes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openlam.agent.scripted import call
from openlam.tasks.base import Phrasings, styled
from openlam.tasks.writer.facts import DocFacts, ParagraphFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    nonempty,
    pick_paragraph,
    same_text,
)
from openlam.tasks.writer.steps import give_up

Sampler = Callable[[DocFacts, random.Random], dict[str, Any] | None]
MARKS = ("bold", "italic", "underline", "strike", "highlight")


def _look(paragraph: ParagraphFacts) -> tuple:
    """What a reader sees of a paragraph's formatting: its style, alignment, list, and
    which characters are bold, italic, underlined, struck, highlighted or coloured."""
    coloured = "".join(r.text for r in paragraph.runs if r.color not in (None, "000000"))
    return (
        paragraph.style,
        paragraph.alignment,
        paragraph.list_kind,
        *(paragraph.chars_with(mark) for mark in MARKS),
        coloured,
    )


def unchanged(before: DocFacts, after: DocFacts) -> Any:
    """The text, tables, paragraph formatting, page furniture and layout are as they were."""
    text = same_text(before, after)
    if not text.success:
        return text
    for b, a in zip(nonempty(before), nonempty(after), strict=True):
        if _look(a) != _look(b):
            return fail(f"the formatting of {b.text[:40]!r} changed")
    for part in ("header", "footer"):
        if (getattr(before, part) or "") != (getattr(after, part) or ""):
            return fail(f"the {part} changed")
    if before.landscape != after.landscape:
        return fail("the page orientation changed")
    if any(abs(before.margins_mm[s] - after.margins_mm[s]) > 0.6 for s in before.margins_mm):
        return fail("the page margins changed")
    return OK


def gives_reason(answer: str | None) -> Any:
    """An answer of a few words at least: a reason, not a bare "No." or "Done."."""
    if not answer or not answer.strip():
        return fail("no reason was given")
    if len(re.findall(r"[A-Za-z]+", answer)) < 3:
        return fail(f"the answer {answer!r} gives no reason")
    return OK


class Impossible(WriterFamily):
    """A request the environment cannot carry out; FAIL with a reason, nothing changed."""

    category = "impossible"
    expects_fail = True

    def __init__(
        self,
        id: str,
        phrasings: Phrasings,
        sample: Sampler,
        reason: str,
        help_sources: tuple[str, ...] = (),
        absent: Callable[[dict[str, Any]], Path] | None = None,
    ):
        self.id, self.phrasings, self.reason = id, phrasings, reason
        self._sample, self.help_sources, self._absent = sample, help_sources, absent

    def sample_params(self, facts, rng):
        return self._sample(facts, rng)

    def prepare(self, params):
        """A file the request names must not exist (so the request stays impossible)."""
        if self._absent is not None:
            self._absent(params).expanduser().unlink(missing_ok=True)

    def solution(self, params):
        if params.get("pretend"):
            return [call("summary", text="Done.")]
        return [give_up(self.reason.format(**params))]

    def check(self, params, before, after, answer):
        reason = gives_reason(answer)
        return reason if not reason.success else unchanged(before, after)

    def wrong_params(self, params, facts, rng):
        """Pretend it was done: say "Done." and finish."""
        return {**params, "pretend": True}


# -- samplers: document-specific where a person would name a part of the document --------

PRINTERS = ("HP LaserJet 4250", "Canon MF644", "Brother HL-L2350DW")
PEOPLE = (
    ("Priya Shah", "priya.shah@example.com"),
    ("Tom Becker", "tom.becker@example.org"),
    ("Ana Ruiz", "ana.ruiz@example.net"),
)
LOOKUPS = (
    "today's exchange rate from pounds to euros",
    "the current population of Lisbon",
    "this morning's weather forecast for Manchester",
    "the Bank of England's current base rate",
)
LANGUAGES = ("French", "German", "Japanese", "Portuguese")
SHEETS = ("sales_figures_2024.ods", "budget_forecast.ods", "survey_results.ods")
DATABASES = ("customer_addresses.odb", "members_2025.odb", "mailing_list.odb")
COLOURS = ("dark blue", "forest green", "plain black")


def _title(facts: DocFacts) -> str | None:
    titles = [p.text for p in facts.paragraphs if p.style == "Title" and p.text.strip()]
    return titles[0] if len(titles) == 1 else None


def _with_title(extra: Callable[[random.Random], dict[str, Any]]) -> Sampler:
    def sample(facts, rng):
        title = _title(facts)
        return {"title": title, **extra(rng)} if title else None

    return sample


def _with_paragraph(extra: Callable[[random.Random], dict[str, Any]]) -> Sampler:
    def sample(facts, rng):
        params, title = pick_paragraph(facts, rng), _title(facts)
        if params is None or title is None:
            return None
        return {**params, "title": title, **extra(rng)}

    return sample


def _printer(rng):
    return {"printer": rng.choice(PRINTERS), "copies": rng.choice((2, 3, 5, 10))}


def _person(rng):
    name, email = rng.choice(PEOPLE)
    return {"person": name, "email": email}


def _sheet(params: dict[str, Any]) -> Path:
    return Path("~/Documents") / params["sheet"]


def impossible_families() -> list[WriterFamily]:
    return [
        Impossible(
            "writer/print-document-v1",
            styled(
                terse=(
                    'Print {copies} copies on the "{printer}" printer.',
                    'Print "{title}" on {printer}.',
                ),
                polite=(
                    "Could you print {copies} copies of this document on the {printer}?",
                    "Would you please send the document to the {printer} printer, {copies} copies?",
                ),
                context=(
                    "The meeting starts in ten minutes, so please print {copies} copies of "
                    "this on the {printer}.",
                    "I need paper copies to hand out: print {copies} of them on the {printer}.",
                ),
                indirect=(
                    "I need {copies} printed copies of this document from the {printer}.",
                    "There should be {copies} copies of this waiting at the {printer} printer.",
                ),
                reference=(
                    'Print the document whose title is "{title}" on the {printer}, {copies} '
                    "copies.",
                    'Get {copies} copies of "{title}" out of the {printer}.',
                ),
                typo=(
                    "print {copies} copies on the {printer} pls",
                    'pirnt "{title}" on the {printer}, {copies} copys',
                ),
            ),
            _with_title(_printer),
            "No printer is installed or reachable from this computer, so the document "
            "cannot be printed on the {printer}.",
        ),
        Impossible(
            "writer/email-document-v1",
            styled(
                terse=("Email this document to {email}.", "Send the document to {person}."),
                polite=(
                    "Could you email this document to {person} at {email}?",
                    "Would you mind sending the document to {person} ({email}) by email?",
                ),
                context=(
                    "{person} is waiting for the final version, so please email it to {email}.",
                    "I'm off sick tomorrow; send this document to {person} at {email} "
                    "so they can take over.",
                ),
                indirect=(
                    "{person} should get this document in their inbox at {email} today.",
                    "I need this file to reach {person} by email ({email}).",
                ),
                reference=(
                    'Email "{title}" to {person} at {email}.',
                    'Send the document titled "{title}" to {email} as an attachment.',
                ),
                typo=(
                    "email this to {email} pls",
                    "send the doc to {person} at {email} asap",
                ),
            ),
            _with_title(_person),
            "There is no e-mail account or mail program set up on this computer, so the "
            "document cannot be e-mailed to {email}.",
        ),
        Impossible(
            "writer/web-lookup-v1",
            styled(
                terse=(
                    'Look up {lookup} online and add it after the paragraph beginning "{start}".',
                    'Search the web for {lookup}; insert it below "{start}".',
                ),
                polite=(
                    "Could you find {lookup} on the internet and put it after the paragraph "
                    'that starts "{start}"?',
                    "Would you please google {lookup} and add the figure after the paragraph "
                    '"{start}..."?',
                ),
                context=(
                    "The numbers must be current when I present, so look up {lookup} on the "
                    'web and add it after the paragraph beginning "{start}".',
                    "My readers will ask about it: find {lookup} online and insert it after "
                    'the paragraph starting "{start}".',
                ),
                indirect=(
                    'The paragraph beginning "{start}" should be followed by {lookup}, as '
                    "found on the internet.",
                    'I want {lookup}, looked up online, right after the paragraph "{start}...".',
                ),
                reference=(
                    "Look up {lookup} on the internet and add it after {position}.",
                    "Search online for {lookup} and put the answer below {position}.",
                ),
                typo=(
                    'look up {lookup} online and add it after the "{start}" paragraph',
                    'serach the web for {lookup}, put it after "{start}"',
                ),
            ),
            _with_paragraph(lambda rng: {"lookup": rng.choice(LOOKUPS)}),
            "This computer has no internet access, so {lookup} cannot be looked up.",
        ),
        Impossible(
            "writer/scan-page-v1",
            styled(
                terse=(
                    "Scan the signed page and insert it below the title.",
                    'Insert a scan of the paper copy after "{start}".',
                ),
                polite=(
                    "Could you scan the page I put on the scanner and insert it under the title?",
                    "Would you mind scanning the signed form and adding the image after the "
                    'paragraph beginning "{start}"?',
                ),
                context=(
                    "The client wants proof of signature, so scan the signed page on the "
                    'scanner and insert it after the paragraph starting "{start}".',
                    "I've put the handwritten notes on the scanner glass; scan them into the "
                    "document below the title so nothing gets lost.",
                ),
                indirect=(
                    "The page lying on the scanner should appear as an image under the title.",
                    'I want a scanned image of the signed page right after "{start}...".',
                ),
                reference=(
                    'Scan the page on the scanner and insert it below the title "{title}".',
                    "Use Insert - Media - Scan to put the scanned page after {position}.",
                ),
                typo=(
                    "scan the signed page and put it under the titel",
                    'scan teh page on the scanner into the doc after "{start}"',
                ),
            ),
            _with_paragraph(lambda rng: {}),
            "No scanner is connected to this computer, so no page can be scanned into "
            "the document.",
            ("swriter/guide/insert_graphic_scan.html#hd_id3156017",),
        ),
        Impossible(
            "writer/calc-chart-v1",
            styled(
                terse=(
                    'Insert the chart from ~/Documents/{sheet} after "{start}".',
                    "Add the chart in {sheet} (in Documents) to this document.",
                ),
                polite=(
                    "Could you copy the chart from the spreadsheet ~/Documents/{sheet} into "
                    'the document after the paragraph beginning "{start}"?',
                    "Would you please insert the Calc chart from {sheet} in my Documents "
                    'folder below the paragraph "{start}..."?',
                ),
                context=(
                    "The figures are easier to follow as a picture, so insert the chart from "
                    '~/Documents/{sheet} after the paragraph starting "{start}".',
                    "I made a chart in Calc for this; take it from ~/Documents/{sheet} and "
                    'put it after the paragraph that begins "{start}".',
                ),
                indirect=(
                    'The chart from ~/Documents/{sheet} belongs after the paragraph "{start}...".',
                    "I want my Calc chart (~/Documents/{sheet}) in this document, after the "
                    'paragraph starting "{start}".',
                ),
                reference=(
                    "Insert the chart from the spreadsheet ~/Documents/{sheet} after {position}.",
                    "Put the chart that is in ~/Documents/{sheet} right below {position}.",
                ),
                typo=(
                    'insert the chart from ~/Documents/{sheet} after "{start}" pls',
                    'put teh calc chart from ~/Documents/{sheet} under "{start}"',
                ),
            ),
            _with_paragraph(lambda rng: {"sheet": rng.choice(SHEETS)}),
            "The spreadsheet ~/Documents/{sheet} does not exist, so there is no chart to insert.",
            ("swriter/guide/insert_graphic_fromchart.html#hd_id3152999",),
            absent=_sheet,
        ),
        Impossible(
            "writer/mail-merge-v1",
            styled(
                terse=(
                    "Mail merge this with the addresses in {database}.",
                    "Make form letters from {database}, one per address.",
                ),
                polite=(
                    "Could you merge this document with the address database {database} to "
                    "make one letter per customer?",
                    "Would you please run a mail merge with the addresses in {database}?",
                ),
                context=(
                    "We're writing to everyone on our list this week, so merge this document "
                    "with the addresses in {database} and make the form letters.",
                    "I don't want to type each name by hand: mail merge this with "
                    "{database} so every recipient gets their own copy.",
                ),
                indirect=(
                    "Every address in {database} should get its own personalised copy of "
                    "this document.",
                    "I want form letters of this document for all the people in {database}.",
                ),
                reference=(
                    'Merge "{title}" with the address book {database} into form letters.',
                    'Use the Mail Merge Wizard to combine "{title}" with the addresses in '
                    "{database}.",
                ),
                typo=(
                    "mail merge this with {database} pls",
                    "make form leters from the adresses in {database}",
                ),
            ),
            _with_title(lambda rng: {"database": rng.choice(DATABASES)}),
            "There is no address database called {database} registered or anywhere on this "
            "computer, so the mail merge cannot be done.",
            ("swriter/guide/form_letters_main.html#par_idN10664",),
        ),
        Impossible(
            "writer/machine-translate-v1",
            styled(
                terse=(
                    'Machine-translate the paragraph beginning "{start}" into {language}.',
                    "Run the whole document through a translation service into {language}.",
                ),
                polite=(
                    'Could you have Writer translate the paragraph that starts "{start}" into '
                    "{language} with its translation tool?",
                    "Would you please machine-translate this document into {language} using "
                    "an online translator?",
                ),
                context=(
                    "Our partners only read {language}, so put the paragraph beginning "
                    '"{start}" through the translation service into {language}.',
                    "I need an official machine translation for the records: translate the "
                    "document into {language} with DeepL.",
                ),
                indirect=(
                    "I want the translation service's {language} version of the paragraph "
                    '"{start}..." in place of the English.',
                    "The document should be in {language}, done by the online translation service.",
                ),
                reference=(
                    "Machine-translate {position} into {language} with the translation service.",
                    'Use Tools - Language - Translate to turn "{title}" into {language}.',
                ),
                typo=(
                    'machine translate the paragrpah starting "{start}" to {language}',
                    "run the doc thru the online translator into {language}",
                ),
            ),
            _with_paragraph(lambda rng: {"language": rng.choice(LANGUAGES)}),
            "No translation service is available here (Writer has none set up and there is "
            "no internet access), so it cannot be machine-translated into {language}.",
        ),
        Impossible(
            "writer/restore-version-v1",
            styled(
                terse=(
                    "Restore last week's version of this document.",
                    "Go back to the version saved last Monday.",
                ),
                polite=(
                    "Could you restore the version of this document I saved last week?",
                    "Would you mind bringing back the document as it was last Friday?",
                ),
                context=(
                    "Someone overwrote my edits yesterday, so please restore last week's "
                    "version of this document.",
                    "The client preferred the earlier draft: bring back the version of this "
                    "file from last week.",
                ),
                indirect=(
                    "I want the document back exactly as it was saved last week.",
                    "Last week's version of this document is the one I need open now.",
                ),
                reference=(
                    'Restore the version of "{title}" from last week.',
                    'Revert "{title}" to the copy saved seven days ago.',
                ),
                typo=(
                    "restore last weeks version of this doc",
                    "go back to the verison from last week pls",
                ),
            ),
            _with_title(lambda rng: {}),
            "No earlier versions of this document were kept (File - Versions is empty and "
            "there is no backup), so last week's version cannot be restored.",
        ),
        Impossible(
            "writer/desktop-settings-v1",
            styled(
                terse=(
                    "Change the desktop wallpaper to {colour}.",
                    "Set my desktop background to {colour}.",
                ),
                polite=(
                    "Could you change my computer's wallpaper to {colour}?",
                    "Would you mind setting the desktop background to {colour} for me?",
                ),
                context=(
                    "The bright picture behind my windows is distracting, so change the "
                    "desktop wallpaper to {colour}.",
                    "I'm sharing my screen later and want it tidy: set the desktop "
                    "background to {colour}.",
                ),
                indirect=(
                    "My desktop background should be {colour} from now on.",
                    "I'd like a {colour} wallpaper on the desktop behind Writer.",
                ),
                reference=(
                    "Change the picture behind all the windows on my screen to {colour}.",
                    "Make the operating system's desktop, not the document, {colour}.",
                ),
                typo=(
                    "change the desktop wallpaper to {colour} pls",
                    "set my desktop backround to {colour}",
                ),
            ),
            _with_title(lambda rng: {"colour": rng.choice(COLOURS)}),
            "The desktop wallpaper is a setting of the operating system, not of Writer, "
            "and cannot be changed from here.",
        ),
        Impossible(
            "writer/voice-password-v1",
            styled(
                terse=(
                    "Set the password I'm about to say out loud on this document.",
                    "Protect the file with the password I'll dictate.",
                ),
                polite=(
                    "Could you listen to me say the password and then put it on this document?",
                    "Would you please record the password I speak into the microphone and "
                    "protect the document with it?",
                ),
                context=(
                    "I don't want to type the password where anyone can see it, so I'll say "
                    "it aloud: protect the document with it.",
                    "My keyboard is broken; listen to the password I dictate and set it on "
                    "this file.",
                ),
                indirect=(
                    "The document should be locked with the password I'm going to speak.",
                    "I want this file protected by the password I'll say out loud.",
                ),
                reference=(
                    'Lock "{title}" with the password I\'m about to say.',
                    'Put the spoken password on the document titled "{title}".',
                ),
                typo=(
                    "set the pasword i say out loud on this doc",
                    "lock the file w the password im going to dictate",
                ),
            ),
            _with_title(lambda rng: {}),
            "There is no microphone or speech input here and no password was written down, "
            "so I cannot hear a spoken password to set.",
        ),
    ]
