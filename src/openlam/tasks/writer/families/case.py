"""Case changes through Format - Text: a word or a heading in UPPERCASE, lowercase,
Capitalize Every Word or Sentence case. Writer changes the characters themselves, so the
checker compares the text; formatting must stay as it was."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.character import (
    Spans,
    body_key,
    compare_chars,
    margins,
    pick_word_where,
    word_span,
)
from openlam.tasks.writer.families.common import (
    WriterFamily,
    fail,
    is_heading,
    ordinal,
    other_word,
)
from openlam.tasks.writer.steps import menu, select

CAPITALIZE = "swriter/guide/text_capital.html#hd_id3155861"
# Format - Text commands mistaken for one another (a wrong solution).
NEAR_MISS = {
    "UPPERCASE": "Capitalize Every Word",
    "lowercase": "Sentence case",
    "Capitalize Every Word": "UPPERCASE",
    "Sentence case": "lowercase",
}
LOWERCASE = "swriter/guide/text_capital.html#hd_id3149644"

# A case change: (the old text, the new text) -> whether the new text is what was asked.
Accepts = Callable[[str, str], bool]


def upper(old: str, new: str) -> bool:
    return new == old.upper()


def lower(old: str, new: str) -> bool:
    return new == old.lower()


def title(old: str, new: str) -> bool:
    """Every word starts with a capital; the letters after it keep their case or are
    lowered (Writer's Capitalize Every Word lowers them, a person may not)."""
    if len(new) != len(old):
        return False
    for i, (was, now) in enumerate(zip(old, new, strict=True)):
        starts_word = i == 0 or old[i - 1].isspace()
        allowed = (was.upper(),) if starts_word else (was, was.lower())
        if now not in allowed:
            return False
    return True


def sentence(old: str, new: str) -> bool:
    """The first letter a capital, every other lowered; what comes before that letter (a
    heading's number, "7. Ending the Tenancy") is left as it is."""
    lowered = old.lower()
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), 0)
    return new == lowered[:first] + lowered[first : first + 1].upper() + lowered[first + 1 :]


class CaseChange(WriterFamily):
    """Change the case of a word or of a whole heading (named by its text and its place)."""

    category = "case"

    def __init__(
        self,
        id: str,
        accepts: Accepts,
        item: str,
        phrasings,
        target: str = "heading",
        help_sources: tuple[str, ...] = (),
        caps_effect: bool = False,
    ):
        self.id, self.accepts, self.item, self.phrasings = id, accepts, item, phrasings
        self.target, self.help_sources = target, help_sources
        # UPPERCASE may also be done with the Capitals font effect (the help names both).
        self.caps_effect = caps_effect

    def sample_params(self, facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
        if self.target == "word":
            return pick_word_where(facts, rng, lambda run: run.caps, self._changes)
        headings = [i for i in _headings(facts) if self._changes(facts.paragraphs[i].text)]
        if not headings:
            return None
        index = rng.choice(headings)
        return {
            "heading": facts.paragraphs[index].text,
            "paragraph": index,
            "place": heading_place(facts, index),
        }

    def _changes(self, text: str) -> bool:
        """Whether the change does something to this text (and is well defined for it)."""
        if self.accepts(text, text) or not any(c.isalpha() for c in text):
            return False
        if self.accepts is sentence:
            # Acronyms and names inside would lose their capitals: only plain words.
            words = text.split()
            return len(words) > 1 and all(w[1:] == w[1:].lower() for w in words)
        return True

    def solution(self, params: dict[str, Any]):
        item = params.get("menu_item", self.item)
        return [select(params.get("word") or params["heading"]), *menu("Format", "Text", item)]

    def check(self, params, before, after, answer) -> CheckResult:
        index, old = params["paragraph"], params.get("word") or params["heading"]
        target = before.paragraphs[index].text
        texts, now = before.texts(), after.texts()
        if len(texts) != len(now):
            return fail(f"{len(texts)} paragraphs became {len(now)}")
        if [t.cells for t in before.tables] != [t.cells for t in after.tables]:
            return fail("a table's content changed")
        changed = [(b, a) for b, a in zip(texts, now, strict=True) if b != a and b != target]
        if changed:
            return fail(f"other text changed: {changed[0][0][:40]!r} became {changed[0][1][:40]!r}")
        spans: Spans = (
            word_span(before, index, old)
            if "word" in params
            else {body_key(before, index): [(0, len(old))]}
        )
        new = now[texts.index(target)]
        if new == target and self.caps_effect:
            return compare_chars(
                before, after, spans, lambda run, _: run.caps, "in capitals", ("caps",)
            )
        start = target.find(old)
        head, tail = target[:start], target[start + len(old) :]
        done = (
            len(new) == len(target)
            and new.startswith(head)
            and new.endswith(tail)
            and self.accepts(old, new[start : start + len(old)])
        )
        if not done:
            return fail(f"{target[:60]!r} became {new[:60]!r}: not {self.item}")
        return compare_chars(before, after, spans, lambda run, _: True, "changed", ())

    def wrong_params(self, params, facts, rng):
        if "word" in params:
            return other_word(params, facts, rng)
        others = [
            i
            for i in _headings(facts)
            if i != params["paragraph"] and self._changes(facts.paragraphs[i].text)
        ]
        if not others:
            return {**params, "menu_item": NEAR_MISS[self.item]}  # the neighbouring command
        index = rng.choice(others)
        return {**params, "heading": facts.paragraphs[index].text, "paragraph": index}


def _headings(facts: DocFacts) -> list[int]:
    """Headings and titles with text, that occur once (not in the header or footer either)
    and are all runs."""
    return [
        i
        for i, p in enumerate(facts.paragraphs)
        if is_heading(p)
        and p.text.strip()
        and facts.count(p.text) == 1
        and p.text not in margins(facts)
        and "".join(r.text for r in p.runs) == p.text
    ]


def heading_place(facts: DocFacts, index: int) -> str:
    """ "the document's title", or "the third heading of the document" (headings counted
    from the top, titles apart)."""
    paragraph = facts.paragraphs[index]
    if paragraph.style == "Title":
        titles = [p for p in facts.paragraphs if p.style == "Title" and p.text.strip()]
        return "the document's title" if len(titles) == 1 else "the title of the document"
    count = sum(
        1 for p in facts.paragraphs[: index + 1] if p.style.startswith("Heading") and p.text.strip()
    )
    return f"the {ordinal(count)} heading of the document"


def case_families() -> list[WriterFamily]:
    return [
        CaseChange(
            "writer/uppercase-word-v1",
            upper,
            "UPPERCASE",
            styled(
                terse=("Change {word} to uppercase.", 'Put "{word}" in capitals.'),
                polite=(
                    "Could you write the word {word} in capital letters?",
                    'Would you mind making "{word}" all caps?',
                ),
                context=(
                    "It is the brand name and they insist on capitals, so make {word} uppercase.",
                    'The sign-off convention here is block capitals: change "{word}" to them.',
                ),
                indirect=(
                    'The word "{word}" should be spelt entirely in capital letters.',
                    "I want every letter of {word} upper case.",
                ),
                reference=(
                    'In {position}, change "{word}" to uppercase.',
                    'Write the word "{word}" in {position} in capitals.',
                ),
                typo=("caps for {word} pls", 'uppercase "{word}" thx'),
            ),
            target="word",
            help_sources=(CAPITALIZE,),
            caps_effect=True,
        ),
        CaseChange(
            "writer/lowercase-word-v1",
            lower,
            "lowercase",
            styled(
                terse=("Lowercase {word}.", 'Change "{word}" to lower case.'),
                polite=(
                    "Could you put the word {word} in lowercase letters?",
                    'Would you please write "{word}" without any capitals?',
                ),
                context=(
                    "It is not a proper noun here, so {word} should be all lowercase.",
                    'The style guide lowercases such terms: make "{word}" lowercase.',
                ),
                indirect=(
                    'There should be no capital letters at all in "{word}".',
                    "I want the word {word} entirely in small letters, no capitals.",
                ),
                reference=(
                    'In {position}, change "{word}" to lowercase.',
                    'Take the capitals out of "{word}" in {position}.',
                ),
                typo=("lowercase {word} pls", 'no caps in "{word}"'),
            ),
            target="word",
            help_sources=(LOWERCASE,),
        ),
        CaseChange(
            "writer/uppercase-heading-v1",
            upper,
            "UPPERCASE",
            styled(
                terse=('Put the heading "{heading}" in capitals.', 'Uppercase "{heading}".'),
                polite=(
                    'Could you change the heading "{heading}" to uppercase letters?',
                    'Would you make "{heading}" all capitals, please?',
                ),
                context=(
                    'The printer wants headings in capitals, so uppercase "{heading}".',
                    'To match the cover page, "{heading}" should be in block capitals.',
                ),
                indirect=(
                    'Every letter of "{heading}" should be a capital.',
                    'I want "{heading}" shouting in upper case.',
                ),
                reference=(
                    "Change {place} to uppercase.",
                    "Write {place} entirely in capital letters.",
                ),
                typo=('all caps for "{heading}"', 'uppercse the heading "{heading}"'),
            ),
            help_sources=(CAPITALIZE,),
            caps_effect=True,
        ),
        CaseChange(
            "writer/lowercase-heading-v1",
            lower,
            "lowercase",
            styled(
                terse=('Lowercase the heading "{heading}".', 'Make "{heading}" lowercase.'),
                polite=(
                    'Could you change "{heading}" to lowercase letters?',
                    'Would you please write the heading "{heading}" all in lower case?',
                ),
                context=(
                    'Our new design uses lowercase headings, so change "{heading}" that way.',
                    'For the minimalist look, "{heading}" should be entirely lowercase.',
                ),
                indirect=(
                    'The heading "{heading}" should have no capital letters at all.',
                    'I want the heading "{heading}" in small letters only.',
                ),
                reference=(
                    "Change {place} to lowercase.",
                    "Write {place} without any capital letters.",
                ),
                typo=('lowercase "{heading}" pls', 'make heading "{heading}" lower case'),
            ),
            help_sources=(LOWERCASE,),
        ),
        CaseChange(
            "writer/title-case-heading-v1",
            title,
            "Capitalize Every Word",
            styled(
                terse=(
                    'Capitalize every word of "{heading}".',
                    'Title-case "{heading}": a capital at the start of every word.',
                ),
                polite=(
                    'Could you capitalise each word in the heading "{heading}"?',
                    'Would you start every word of "{heading}" with a capital letter?',
                ),
                context=(
                    'Our headings capitalise every word, so fix "{heading}" to match.',
                    'To match the table of contents, every word of "{heading}" needs a capital.',
                ),
                indirect=(
                    'Each word in "{heading}", small ones included, should begin with a capital.',
                    'I want "{heading}" with every single word capitalised.',
                ),
                reference=(
                    "Capitalise every word of {place}.",
                    "Make each word in {place} start with a capital letter.",
                ),
                typo=(
                    'capitalise evry word in "{heading}"',
                    'Capitalize Every Word for "{heading}" pls',
                ),
            ),
            help_sources=(CAPITALIZE,),
        ),
        CaseChange(
            "writer/sentence-case-heading-v1",
            sentence,
            "Sentence case",
            styled(
                terse=(
                    'Sentence case for "{heading}": capitalise its first letter only.',
                    'Put "{heading}" in sentence case, only the first letter a capital.',
                ),
                polite=(
                    'Could you change "{heading}" to sentence case, with just the first '
                    "letter capitalised?",
                    'Would you make only the first letter of "{heading}" a capital?',
                ),
                context=(
                    'Our style guide uses sentence case, so "{heading}" keeps only its '
                    "first capital.",
                    "The journal wants headings with a single capital at the start: "
                    'convert "{heading}".',
                ),
                indirect=(
                    'The heading "{heading}" should start with a capital and have no other.',
                    'I want "{heading}" to read like a sentence, capital first letter only.',
                ),
                reference=(
                    "Put {place} in sentence case (only the first letter capitalised).",
                    "Lowercase every letter of {place} except the very first.",
                ),
                typo=(
                    'sentance case for "{heading}", just the 1st letter capital',
                    'heading "{heading}" -> sentence case pls (first letter only capital)',
                ),
            ),
            help_sources=(CAPITALIZE,),
        ),
    ]
