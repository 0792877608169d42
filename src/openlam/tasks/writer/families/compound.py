"""Compositional tasks: two or three sub-goals in one request."""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy

from openlam.agent.scripted import Rule, call
from openlam.tasks.base import Phrasings, styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.character import marked, word_marked
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    all_of,
    fail,
    nonempty,
    other_word,
    same_text,
    unique_prefix,
)
from openlam.tasks.writer.steps import (
    click,
    keys,
    page_style_dialog,
    select,
    select_paragraphs,
    set_box,
)

REPLACE_TEXT = "swriter/guide/finding.html#hd_id5891598"


class Compound(WriterFamily):
    """Sub-goals from other families on shared parameters; all must hold at the end.

    The parts must change independent things (bold and italic, style and alignment), so
    that each part's check still holds once the others are done.
    """

    category = "compound"
    compositional = True

    def __init__(
        self,
        id: str,
        parts: list[WriterFamily],
        phrasings: Phrasings,
        fits: Callable[[dict, DocFacts], bool] | None = None,
        steps: Callable[[dict], list[Rule]] | None = None,
    ):
        """`fits` rejects drawn parameters the parts cannot share; `steps` replaces the
        parts' solutions played one after the other (one dialog visit for two settings)."""
        self.id, self.parts, self.phrasings, self._fits = id, parts, phrasings, fits
        self._steps = steps
        sources = [s for part in parts for s in part.help_sources]
        self.help_sources = tuple(dict.fromkeys(sources))

    def sample_params(self, facts, rng):
        params: dict = {}
        for part in self.parts:
            drawn = part.sample_params(facts, rng)
            if drawn is None:
                return None
            params = {**drawn, **params}  # the first part's target is everyone's target
        if self._fits is not None and not self._fits(params, facts):
            return None
        return params

    def solution(self, params):
        if self._steps is not None:
            return self._steps(params)
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
    help_sources = (REPLACE_TEXT,)
    phrasings = styled(
        terse=(
            'Replace "{word}" with "{new}" and make the new word bold.',
            "Change {word} to {new}, then bold it.",
        ),
        polite=(
            'Could you swap "{word}" for "{new}" and put "{new}" in bold?',
            'Would you mind writing "{new}" where it says "{word}", in bold type?',
        ),
        context=(
            'We renamed it last week, so please change "{word}" to "{new}" and make "{new}" '
            "bold so readers notice.",
            'The client prefers the word "{new}": replace "{word}" with it and bold it so the '
            "change stands out in review.",
        ),
        indirect=(
            'Where the text says "{word}" I want a bold "{new}" instead.',
            'The text should read "{new}" where it says "{word}", and the new word should be '
            "in bold.",
        ),
        reference=(
            'In {position}, replace the word "{word}" by "{new}" and make it bold.',
            'Change "{word}" in {position} to "{new}", set in bold.',
        ),
        typo=(
            'replace "{word}" w/ "{new}" and bold it',
            "chnage {word} to {new} and make it bold pls",
        ),
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


# -- replace every occurrence of a word and bold each new one ------------------------------

# Renames and house-style swaps a writer makes throughout a document.
SWAPS = {
    "Ambrose": "Anselm",
    "Cambridge": "Oxford",
    "Elena": "Eleanor",
    "Fernandez": "Fernandes",
    "Freiburg": "Stuttgart",
    "Gordale": "Malham",
    "Kestrel": "Falcon",
    "Lucia": "Lucy",
    "Norwich": "Ipswich",
    "November": "December",
    "Pippa": "Poppy",
    "Saturday": "Sunday",
    "Tuesday": "Thursday",
    "booking": "reservation",
    "committee": "board",
    "contract": "agreement",
    "contractor": "supplier",
    "coriander": "cilantro",
    "doctor": "physician",
    "email": "e-mail",
    "garden": "yard",
    "metres": "meters",
    "methods": "procedures",
    "nurses": "nursing staff",
    "onion": "shallot",
    "patients": "service users",
    "payment": "remittance",
    "percent": "per cent",
    "people": "individuals",
    "playground": "play area",
    "students": "learners",
    "survey": "study",
    "telephone": "phone",
    "tomatoes": "passata",
    "volunteers": "helpers",
}
WORD = re.compile(r"\b[A-Za-z]{5,}\b")


def _repeated_words(facts: DocFacts) -> list[tuple[str, int]]:
    """Words written the same way 2 to 5 times, always as whole words, only in plain
    paragraphs (not tables, headings, the header or footer, or already bold text)."""
    text = "\n".join(p.text for p in facts.paragraphs)
    furniture = f"{facts.header or ''} {facts.footer or ''}".lower()
    out = []
    for word in sorted(set(WORD.findall(text))):
        new = SWAPS.get(word)
        if new is None or word.lower() in furniture or new.lower() in facts.all_text.lower():
            continue
        whole = len(re.findall(rf"\b{word}\b", text))
        if not 2 <= whole <= 5 or facts.count(word) != whole:
            continue
        if facts.all_text.lower().count(word.lower()) != whole:
            continue  # another case or a longer word holds it too
        places = [p for p in facts.paragraphs if word in p.text]
        if any(p.style == "Title" or p.style.startswith("Heading") for p in places):
            continue
        if any(word in p.chars_with("bold") for p in places):
            continue
        out.append((word, whole))
    return out


class ReplaceAllBold(WriterFamily):
    """Replace every occurrence of a word and make each new word bold (Find & Replace,
    then bold): the parts interact, so the check is written for the pair."""

    id = "writer/replace-all-bold-v1"
    category = "compound"
    compositional = True
    help_sources = (REPLACE_TEXT,)
    phrasings = styled(
        terse=(
            'Replace every "{search}" with "{new}" and make each "{new}" bold.',
            'Change all {count} occurrences of "{search}" to "{new}", in bold.',
        ),
        polite=(
            'Could you replace "{search}" with "{new}" throughout and put every "{new}" in bold?',
            'Would you mind changing each of the {count} "{search}"s to "{new}" and bolding them?',
        ),
        context=(
            'Our style guide now says "{new}" instead of "{search}", so replace all of them and '
            'make every "{new}" bold for the reviewers.',
            'I want the board to spot the new wording: swap all {count} "{search}" for "{new}" '
            "and set each one in bold.",
        ),
        indirect=(
            'Nowhere should the document say "{search}" any more; it should say "{new}" in bold '
            "each time.",
            'All {count} places that read "{search}" ought to read "{new}", and each "{new}" '
            "should be bold.",
        ),
        reference=(
            'The word "{search}" appears {count} times in the text; change each of them to '
            '"{new}" and make those bold.',
            'Every place where "{search}" occurs (all {count}) should become a bold "{new}".',
        ),
        typo=(
            'replace all "{search}" with "{new}" and bold them',
            "change every {search} to {new} + make them bold pls",
        ),
    )

    def sample_params(self, facts, rng):
        words = _repeated_words(facts)
        if not words:
            return None
        word, count = rng.choice(words)
        return {"search": word, "new": SWAPS[word], "count": count}

    def solution(self, params):
        if params.get("only_first"):
            rules = [select(params["search"]), keys(params["new"])]
            return [*rules, select(params["new"]), click("Bold", "toggle button")]
        rules = [
            call("replace_all", search=params["search"], replace=params["new"], match_case=True),
        ]
        for n in range(1, params["count"] + 1):
            rules += [select(params["new"], n), click("Bold", "toggle button")]
        return rules

    def check(self, params, before, after, answer):
        word, new = params["search"], params["new"]
        expected = [t.replace(word, new) for t in before.texts()]
        if after.texts() != expected:
            return fail(f'not every "{word}" became "{new}" (or other text changed)')
        if [t.cells for t in before.tables] != [t.cells for t in after.tables]:
            return fail("a table's content changed")
        for b, a in zip(nonempty(before), nonempty(after), strict=True):
            times = b.text.count(word)
            was, now = marked(b, _bold), marked(a, _bold)
            if len(now) - len(was) != times * len(new) or now.count(new) < times:
                return fail(f'the bold text of {b.text[:40]!r} is {now[:80]!r}: not each "{new}"')
        return OK

    def wrong_params(self, params, facts, rng):
        """Only the first occurrence replaced (and bolded)."""
        return {**params, "only_first": True}


def _bold(run) -> bool:
    return run.bold


# -- centre the title and set its size ---------------------------------------------------

TITLE_SIZES = ("16", "18", "20", "22", "28")


def _title_index(facts: DocFacts) -> int | None:
    titles = [i for i, p in enumerate(facts.paragraphs) if p.style == "Title" and p.text.strip()]
    return titles[0] if len(titles) == 1 else None


class TitleCenteredSize(WriterFamily):
    """Centre the title and set all of it in one size."""

    id = "writer/title-centered-size-v1"
    category = "compound"
    compositional = True
    phrasings = styled(
        terse=("Centre the title and make it {size} pt.", "Title: centred, {size} points."),
        polite=(
            "Could you centre the document's title and set it in {size} pt?",
            "Would you mind making the title {size} points and aligning it to the centre?",
        ),
        context=(
            "This is going on a poster, so please centre the title and make it {size} pt.",
            "The cover page looks lopsided: centre the title and change its size to {size} points.",
        ),
        indirect=(
            "The title should sit in the middle of the line, at {size} pt.",
            "I'd like the title centred and {size} points tall.",
        ),
        reference=(
            'Centre "{title}" at the top of the document and set it in {size} pt.',
            'Make the first line, "{title}", centred and {size} points.',
        ),
        typo=("center the titel and make it {size}pt", "title centred + size {size} pls"),
    )

    def sample_params(self, facts, rng):
        index = _title_index(facts)
        if index is None or facts.paragraphs[index].alignment == "center":
            return None
        start = unique_prefix(facts, index) or facts.paragraphs[index].text
        if facts.count(start) != 1:
            return None
        title = facts.paragraphs[index].text
        return {"title": title, "start": start, "size": rng.choice(TITLE_SIZES)}

    def solution(self, params):
        return [
            select_paragraphs(params["start"]),
            click("Center", "toggle button"),
            set_box("Font Size", params["size"]),
        ]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        size = float(params["size"])
        for b, a in zip(nonempty(before), nonempty(after), strict=True):
            sized = marked(a, lambda run: run.size == size)
            if b.text == params["title"]:
                if a.alignment != "center":
                    return fail(f"the title is aligned {a.alignment}, not centred")
                if sized.replace(" ", "") != a.text.replace(" ", ""):
                    return fail(f"the title is not all {params['size']} pt: {sized!r}")
            elif a.alignment != b.alignment:
                return fail(f"the alignment of {b.text[:40]!r} changed too")
            elif len(sized) != len(marked(b, lambda run: run.size == size)):
                return fail(f"{b.text[:40]!r} changed size too")
        return OK

    def wrong_params(self, params, facts, rng):
        """Another size."""
        return {**params, "size": rng.choice([s for s in TITLE_SIZES if s != params["size"]])}


def _landscape_and_margin(params: dict) -> list[Rule]:
    """Both settings in one visit to the Page tab, as a person makes them."""
    return [
        *page_style_dialog("Page"),
        click(params["orientation"], "radio button"),
        set_box(params["side"], params["inches"], "spin button"),
        click("OK", "push button"),
    ]


def _margin_clear(params: dict, facts: DocFacts) -> bool:
    """Not the top margin under a header, nor the bottom one over a footer: Writer keeps
    those apart from the header's height, and a .docx adds them up."""
    part = {"top": "header", "bottom": "footer"}.get(params["side_lower"])
    return part is None or getattr(facts, part) is None


def compound_families(simple: dict[str, WriterFamily]) -> list[WriterFamily]:
    """Compounds of the given simple families (by id)."""
    get = simple.__getitem__
    return [
        Compound(
            "writer/bold-italic-word-v1",
            [get("writer/bold-word-v1"), get("writer/italic-word-v1")],
            styled(
                terse=("Make {word} bold and italic.", 'Bold and italicise "{word}".'),
                polite=(
                    'Could you put the word "{word}" in bold italics?',
                    "Would you mind giving {word} both bold and italic formatting?",
                ),
                context=(
                    'It\'s the key term of the whole section, so please make "{word}" bold '
                    "and italic.",
                    "Readers keep missing {word}; set it in bold italics so they can't.",
                ),
                indirect=(
                    'The word "{word}" should be heavy and slanted at once: bold plus italic.',
                    "I want {word} emphasised twice over, in bold and in italics.",
                ),
                reference=(
                    'In {position}, make the word "{word}" bold and italic.',
                    'Find "{word}" in {position} and give it bold italics.',
                ),
                typo=("make {word} bold and itallic", 'bold + italic for "{word}" pls'),
            ),
        ),
        Compound(
            "writer/underline-red-word-v1",
            [get("writer/underline-word-v1"), get("writer/red-word-v1")],
            styled(
                terse=("Underline {word} and colour it red.", 'Red, underlined "{word}".'),
                polite=(
                    'Could you make "{word}" red and underline it?',
                    "Would you please give {word} a red font colour and an underline?",
                ),
                context=(
                    "This is a warning the reader must not miss, so underline {word} and "
                    "turn it red.",
                    'The proofreader wants "{word}" flagged: colour it red and underline it.',
                ),
                indirect=(
                    'The word "{word}" should be shown in red with a line under it.',
                    "I'd like {word} to be red and underlined.",
                ),
                reference=(
                    'In {position}, underline "{word}" and make it red.',
                    'Give the word "{word}" in {position} a red colour and an underline.',
                ),
                typo=("undreline {word} and make it red", 'make "{word}" red + underlined'),
            ),
        ),
        Compound(
            "writer/highlight-size-word-v1",
            [get("writer/highlight-word-v1"), get("writer/font-size-word-v1")],
            styled(
                terse=(
                    "Highlight {word} and set it to {value} pt.",
                    'Highlighted and {value} pt: "{word}".',
                ),
                polite=(
                    'Could you highlight "{word}" and make it {value} points?',
                    "Would you mind giving {word} a highlight and a font size of {value}?",
                ),
                context=(
                    "I'll be presenting from this page, so highlight {word} and make it "
                    "{value} pt so I can find it.",
                    'The auditors look for "{word}": put a highlight on it and set it in '
                    "{value} point type.",
                ),
                indirect=(
                    "The word {word} should be highlighted and {value} points in size.",
                    'I want "{word}" to carry a highlight and be {value} pt.',
                ),
                reference=(
                    'In {position}, highlight "{word}" and set it in {value} pt.',
                    'Make the word "{word}" in {position} {value} points and highlighted.',
                ),
                typo=(
                    "higlight {word} and make it {value}pt",
                    'highlight "{word}", size {value} pls',
                ),
            ),
        ),
        Compound(
            "writer/heading-centered-v1",
            [get("writer/style-heading1-v1"), get("writer/center-paragraph-v1")],
            styled(
                terse=(
                    'Make the paragraph beginning "{start}" a centred Heading 1.',
                    'Heading 1 and centre: "{start}...".',
                ),
                polite=(
                    'Could you apply Heading 1 to the paragraph starting "{start}" and centre it?',
                    'Would you mind turning "{start}..." into a Heading 1, aligned to the middle?',
                ),
                context=(
                    'This paragraph opens a new part, so style "{start}..." as Heading 1 and '
                    "centre it.",
                    'I want the paragraph beginning "{start}" to act as a centred section '
                    "title: Heading 1 style, centre alignment.",
                ),
                indirect=(
                    'The paragraph "{start}..." should be a top-level heading (Heading 1), '
                    "centred on the page.",
                    'I\'d like "{start}..." to become a Heading 1 that sits in the middle of '
                    "the line.",
                ),
                reference=(
                    "Give {position} the Heading 1 style and centre it.",
                    "Turn {position} into a centred Heading 1.",
                ),
                typo=(
                    'make the para starting "{start}" a heading 1 and center it',
                    'heading1 + centre for "{start}" pls',
                ),
            ),
        ),
        Compound(
            "writer/landscape-margin-v1",
            [get("writer/page-margin-v1"), get("writer/landscape-v1")],
            styled(
                terse=(
                    "Switch to landscape and set the {side_lower} margin to {inches} inches.",
                    "Landscape, {side_lower} margin {inches} in.",
                ),
                polite=(
                    "Could you make the pages landscape with a {inches} inch {side_lower} margin?",
                    "Would you please turn the page sideways and change the {side_lower} "
                    "margin to {inches} inches?",
                ),
                context=(
                    "The wide tables won't fit otherwise, so switch to landscape and make the "
                    "{side_lower} margin {inches} inches.",
                    "It's going into a ring binder, so I need landscape pages with the "
                    "{side_lower} margin at {inches} inches.",
                ),
                indirect=(
                    "The pages should be landscape, with a {side_lower} margin of {inches} inches.",
                    "I'd like wide pages (landscape) and {inches} inches of margin on the "
                    "{side_lower}.",
                ),
                reference=(
                    "In the page style, set landscape orientation and a {side_lower} margin "
                    "of {inches} in.",
                    "Make every page of this document landscape, its {side_lower} margin "
                    "{inches} inches.",
                ),
                typo=(
                    "landscpae pages and {side_lower} margin {inches} inches",
                    "switch to landscape + {side_lower} margn to {inches} in",
                ),
            ),
            fits=_margin_clear,
            steps=_landscape_and_margin,
        ),
        Compound(
            "writer/page-number-landscape-v1",
            [get("writer/footer-page-number-v1"), get("writer/landscape-v1")],
            styled(
                terse=(
                    "Add page numbers in the footer and switch the pages to landscape.",
                    "Landscape pages, page number in the footer.",
                ),
                polite=(
                    "Could you put the page number in the footer and turn the pages to landscape?",
                    "Would you mind numbering the pages in the footer and making them landscape?",
                ),
                context=(
                    "The wide tables get cut off and the printed sheets get mixed up, so make "
                    "the pages landscape and add page numbers in the footer.",
                    "This goes on the projector and then into a binder: landscape "
                    "orientation, please, and a page number field in the footer.",
                ),
                indirect=(
                    "Every page should be wider than it is tall and show its number in the footer.",
                    "I want landscape pages that carry their page number at the bottom, in "
                    "the footer.",
                ),
                reference=(
                    "In the page style, set landscape orientation and insert a page number "
                    "field in the footer area.",
                    "Turn every page of this document sideways and put the page number in "
                    "the strip below the text.",
                ),
                typo=(
                    "landscpae pages and page numbers in the footer pls",
                    "add page numbres to the foter + make it landscape",
                ),
            ),
            # The page dialog first, on a document in its opening state; then the footer.
            steps=lambda p: [
                *get("writer/landscape-v1").solution(p),
                *get("writer/footer-page-number-v1").solution(p),
            ],
        ),
        ReplaceAndBold(get("writer/replace-word-v1")),
        ReplaceAllBold(),
        TitleCenteredSize(),
    ]
