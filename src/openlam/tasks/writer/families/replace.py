"""Find and replace: every occurrence, whole words only, match case, deleting a word,
regular expressions, and the Find and Replace dialog itself."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from openlam.agent.scripted import call
from openlam.records import Action, Observation
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import FUNCTION_WORDS, OK, WriterFamily, fail
from openlam.tasks.writer.steps import click, keys, menu, select, set_box

REPLACE_HELP = ("swriter/guide/finding.html#hd_id5891598",)
REGEX_HELP = ("swriter/guide/search_regexp.html#hd_id3150099",)
TOKEN = re.compile(r"[A-Za-z]+")
NEW_WORDS = ("revised", "regional", "standard", "updated", "temporary", "annual", "special")
# Short words too common to rename, and calendar names nobody renames.
COMMON = frozenset(
    [
        "also",
        "been",
        "from",
        "have",
        "into",
        "more",
        "most",
        "over",
        "some",
        "such",
        "than",
        "that",
        "them",
        "then",
        "they",
        "this",
        "were",
        "what",
        "when",
        "will",
        "with",
        "your",
    ]
)
CALENDAR = frozenset([*calendar.month_name[1:], *calendar.day_name])
NEW_NAMES = ("Ashford", "Belmont", "Carrow", "Denholm", "Fairley", "Glenmore", "Hollins")
# Adverbs a writer deletes to tighten a text ("about" only before a number).
DELETABLE = (
    "actually",
    "also",
    "approximately",
    "currently",
    "finally",
    "just",
    "nearly",
    "only",
    "quite",
    "really",
    "roughly",
    "simply",
    "still",
    "very",
    "about",
)
# unit word -> (the request's wording, soffice replacement, Python replacement, example)
UNITS = {
    "percent": (
        'with a % sign right after the number instead of the word "percent"',
        "$1%",
        r"\1%",
    ),
    "pounds": ('with a £ sign in front of the number instead of the word "pounds"', "£$1", r"£\1"),
    "degrees": (
        'with a ° sign right after the number instead of the word "degrees"',
        "$1°",
        r"\1°",
    ),
    "minutes": ('with "min" instead of the word "minutes"', "$1 min", r"\1 min"),
    "hours": ('with "h" instead of the word "hours"', "$1 h", r"\1 h"),
}
NUMBER = r"([0-9][0-9,.]*[0-9]|[0-9])"


# -- occurrences -----------------------------------------------------------------------


def _searched(facts: DocFacts) -> str:
    """The text Find and Replace searches: the body, its tables, headers and footers."""
    return "\n".join([facts.all_text, facts.header or "", facts.footer or ""])


def _whole(word: str, flags: int = 0) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", flags)


def _in_body_only(facts: DocFacts, text: str) -> bool:
    """The text is not in a header or footer (whose replacing a checker cannot see)."""
    return text.lower() not in f"{facts.header or ''}\n{facts.footer or ''}".lower()


def _clean_edges(facts: DocFacts, word: str) -> bool:
    """No occurrence touches an apostrophe or hyphen, where word boundaries differ."""
    return not re.search(rf"['’-]{re.escape(word)}|{re.escape(word)}['’-]", facts.all_text, re.I)


def _word_counts(facts: DocFacts, word: str) -> dict[str, int]:
    text = facts.all_text
    return {
        "whole": len(_whole(word).findall(text)),
        "whole_any_case": len(_whole(word, re.I).findall(text)),
        "anywhere": text.count(word),
        "anywhere_any_case": len(re.findall(re.escape(word), text, re.I)),
    }


def _words(facts: DocFacts) -> list[str]:
    return sorted(set(TOKEN.findall(facts.all_text)))


def rewritten(before: DocFacts, after: DocFacts, change: Callable[[str], str]) -> CheckResult:
    """Every paragraph and cell reads as `change` makes it; nothing else changed."""
    expected = [change(t) for t in before.texts()]
    got = after.texts()
    if got != expected:
        wrong = next(
            (f"{g!r} should read {e!r}" for g, e in zip(got, expected, strict=False) if g != e),
            f"{len(expected)} paragraphs became {len(got)}",
        )
        return fail(f"the text is not as asked: {wrong[:300]}")
    cells = [[[change(c) for c in row] for row in t.cells] for t in before.tables]
    if [t.cells for t in after.tables] != cells:
        return fail("a table's cells are not as asked")
    return OK


def _first_only(old: str, new: str) -> list:
    """The near miss of replacing: the first occurrence alone, by hand."""
    return [select(old), keys(new)]


# -- families --------------------------------------------------------------------------


class ReplaceAll(WriterFamily):
    """A word that occurs several times is replaced everywhere."""

    id = "writer/replace-all-v1"
    category = "replace"
    help_sources = REPLACE_HELP
    phrasings = styled(
        terse=(
            'Replace every "{old}" with "{new}".',
            'Change all occurrences of "{old}" to "{new}".',
        ),
        polite=(
            'Could you please replace the word "{old}" with "{new}" everywhere in the document?',
            'Would you mind changing each "{old}" in the text to "{new}"? It occurs {count} times.',
        ),
        context=(
            'We changed our terminology, so every "{old}" in this document has to become "{new}".',
            'The style guide no longer allows "{old}": swap all {count} of them for "{new}".',
        ),
        indirect=(
            'The document should say "{new}" wherever it currently says "{old}".',
            'None of the {count} "{old}"s should survive; "{new}" goes in their place.',
        ),
        reference=(
            'The word "{old}" appears {count} times; replace each of them with "{new}".',
            'Find all {count} places the word "{old}" is used and put "{new}" there instead.',
        ),
        typo=(
            'replace all "{old}" with "{new}" pls',
            "chnage every {old} to {new} in the doc",
        ),
    )

    def _options(self, facts: DocFacts) -> list[str]:
        out = []
        for word in _words(facts):
            if len(word) < 4 or not word.islower() or word in FUNCTION_WORDS | COMMON:
                continue
            counts = _word_counts(facts, word)
            single = counts["whole"] >= 2 and len(set(counts.values())) == 1
            if single and _in_body_only(facts, word) and _clean_edges(facts, word):
                out.append(word)
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        old = rng.choice(options)
        return {
            "old": old,
            "new": rng.choice(NEW_WORDS),
            "count": _word_counts(facts, old)["whole"],
            "mode": "all",
        }

    def solution(self, params):
        if params["mode"] == "first":
            return _first_only(params["old"], params["new"])
        return [call("replace_all", search=params["old"], replace=params["new"])]

    def check(self, params, before, after, answer):
        return rewritten(before, after, lambda t: t.replace(params["old"], params["new"]))

    def wrong_params(self, params, facts, rng):
        return {**params, "mode": "first"}


class ReplaceWholeWord(WriterFamily):
    """A word that also occurs inside longer words: only the whole word changes."""

    id = "writer/replace-whole-word-v1"
    category = "replace"
    help_sources = REPLACE_HELP
    phrasings = styled(
        terse=(
            'Replace the whole word "{old}" with "{new}" everywhere, leaving words like '
            '"{longer}" alone.',
            'Whole words only: "{old}" becomes "{new}" ("{longer}" stays as it is).',
        ),
        polite=(
            'Could you please change every "{old}" to "{new}", but only where "{old}" is a word '
            'on its own, not inside "{longer}"?',
            'Would you mind replacing the word "{old}" with "{new}" throughout, matching whole '
            'words only so that "{longer}" is untouched?',
        ),
        context=(
            'A blind replace would break "{longer}", so replace "{old}" with "{new}" only where '
            "it stands as a whole word.",
            'Last time "{longer}" got mangled: change the standalone word "{old}" to "{new}" '
            "everywhere and nothing else.",
        ),
        indirect=(
            'Wherever "{old}" appears as a word by itself it should read "{new}"; words that '
            'merely contain it, like "{longer}", stay as they are.',
            'The separate word "{old}" ought to be "{new}" throughout, while "{longer}" keeps '
            "its spelling.",
        ),
        reference=(
            'Each time "{old}" occurs as a word on its own, make it "{new}", but leave its '
            'appearance inside "{longer}" unchanged.',
            'Change each standalone "{old}" in the text to "{new}", not the letters "{old}" '
            'inside "{longer}".',
        ),
        typo=(
            'replace the word "{old}" with "{new}" - whole words only, dont touch "{longer}"',
            'change every "{old}" to "{new}" but not inside "{longer}" pls',
        ),
    )

    def _options(self, facts: DocFacts) -> list[tuple[str, str]]:
        out = []
        for word in _words(facts):
            if len(word) < 4 or not word.islower() or word in FUNCTION_WORDS | COMMON:
                continue
            counts = _word_counts(facts, word)
            inside = counts["anywhere"] - counts["whole"]
            if counts["whole"] < 1 or counts["whole_any_case"] != counts["whole"] or inside < 1:
                continue
            if not (_in_body_only(facts, word) and _clean_edges(facts, word)):
                continue
            longer = next(t for t in TOKEN.findall(facts.all_text) if word in t and t != word)
            out.append((word, longer))
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        old, longer = rng.choice(options)
        return {
            "old": old,
            "new": rng.choice(NEW_WORDS),
            "longer": longer,
            "count": _word_counts(facts, old)["whole"],
            "whole": True,
        }

    def solution(self, params):
        return [
            call(
                "replace_all",
                search=params["old"],
                replace=params["new"],
                whole_words=params["whole"],
            )
        ]

    def check(self, params, before, after, answer):
        pattern = _whole(params["old"])
        return rewritten(before, after, lambda t: pattern.sub(params["new"], t))

    def wrong_params(self, params, facts, rng):
        return {**params, "whole": False}


class ReplaceMatchCase(WriterFamily):
    """A word written in two cases: only the asked spelling changes."""

    id = "writer/replace-match-case-v1"
    category = "replace"
    help_sources = REPLACE_HELP
    phrasings = styled(
        terse=(
            'Replace "{old}" with "{new}", matching case (leave "{other}" as it is).',
            'Match case: "{old}" becomes "{new}"; "{other}" stays.',
        ),
        polite=(
            'Could you please change "{old}" to "{new}" wherever it is spelt exactly like '
            'that, but not "{other}"?',
            'Would you mind replacing "{old}" with "{new}" throughout, case-sensitively, so '
            'that "{other}" is left alone?',
        ),
        context=(
            'The capitalisation matters here: replace "{old}" with "{new}" everywhere it '
            'appears in that exact form, and leave "{other}" untouched.',
            'Only the "{old}" spelling is the one we renamed, so swap it for "{new}" and keep '
            '"{other}" unchanged.',
        ),
        indirect=(
            'Every "{old}" written exactly that way should read "{new}"; "{other}" keeps its '
            "wording.",
            'I\'d like "{new}" in place of each case-sensitive match of "{old}", while '
            '"{other}" remains.',
        ),
        reference=(
            'Wherever the exact spelling "{old}" occurs, change it to "{new}", but not the '
            '"{other}" spelling.',
            'Replace the case-exact occurrences of "{old}" with "{new}", not those written '
            '"{other}".',
        ),
        typo=(
            'replace "{old}" with "{new}" match case, not "{other}"',
            'change "{old}" to "{new}" (case sensitive!) but leave "{other}"',
        ),
    )

    def _options(self, facts: DocFacts) -> list[tuple[str, str]]:
        tokens = TOKEN.findall(facts.all_text)
        out = []
        for word in sorted(set(tokens)):
            if len(word) < 4 or word.lower() in FUNCTION_WORDS:
                continue
            forms = sorted({t for t in tokens if t.lower() == word.lower()} - {word})
            counts = _word_counts(facts, word)
            if not forms or counts["whole"] < 1:
                continue
            # every spelling only as a whole word, so matching case alone decides
            if counts["anywhere_any_case"] != counts["whole_any_case"]:
                continue
            if _in_body_only(facts, word) and _clean_edges(facts, word):
                out.append((word, forms[0]))
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        old, other = rng.choice(options)
        new = rng.choice(NEW_WORDS)
        new = new.capitalize() if old[0].isupper() else new
        count = _word_counts(facts, old)["whole"]
        return {"old": old, "new": new, "other": other, "count": count, "case": True}

    def solution(self, params):
        return [
            call(
                "replace_all",
                search=params["old"],
                replace=params["new"],
                match_case=params["case"],
            )
        ]

    def check(self, params, before, after, answer):
        pattern = _whole(params["old"])
        return rewritten(before, after, lambda t: pattern.sub(params["new"], t))

    def wrong_params(self, params, facts, rng):
        return {**params, "case": False}


def _tidy(text: str) -> str:
    """Spaces as a careful deletion leaves them: single, none before punctuation."""
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:!?)])", r"\1", " ".join(text.split())))


class DeleteWord(WriterFamily):
    """Every occurrence of a filler word is deleted, spaces tidied."""

    id = "writer/delete-word-everywhere-v1"
    category = "replace"
    help_sources = REPLACE_HELP
    phrasings = styled(
        terse=(
            'Delete every "{filler}" in the document.',
            'Remove the word "{filler}" wherever it occurs.',
        ),
        polite=(
            'Could you please delete each occurrence of "{filler}" from the text, without leaving '
            "double spaces?",
            'Would you mind taking the word "{filler}" out everywhere it appears?',
        ),
        context=(
            'Our editor says "{filler}" is filler, so delete it from the whole document.',
            'The text feels padded: strip out every "{filler}".',
        ),
        indirect=(
            'The document shouldn\'t contain the word "{filler}" anywhere.',
            'I\'d like every "{filler}" gone from the text, with the sentences otherwise '
            "unchanged.",
        ),
        reference=(
            'Find each place the word "{filler}" occurs and delete it there.',
            'Remove each place where the adverb "{filler}" is used, leaving the rest of each '
            "sentence as it is.",
        ),
        typo=(
            'delete every "{filler}" in the doc',
            "remove the word {filler} everywhere pls, no double spaces",
        ),
    )

    def _options(self, facts: DocFacts) -> list[str]:
        out = []
        text = facts.all_text
        for word in DELETABLE:
            counts = _word_counts(facts, word)
            if counts["whole"] < 1 or len(set(counts.values())) != 1:
                continue
            if word == "about" and re.search(r"\babout (?![0-9])", text):
                continue
            if len(re.findall(rf" {word}\b", text)) != counts["whole"]:
                continue  # one opens a paragraph or follows a bracket
            if _in_body_only(facts, word) and _clean_edges(facts, word):
                out.append(word)
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        word = rng.choice(options)
        count = _word_counts(facts, word)["whole"]
        return {"filler": word, "count": count, "mode": "all"}

    def solution(self, params):
        word = params["filler"]
        if params["mode"] == "first":
            return [select(f" {word}"), keys("{BackSpace}")]
        return [call("replace_all", search=rf" {word}\b", replace="", regex=True)]

    def check(self, params, before, after, answer):
        pattern = _whole(params["filler"])
        expected = [_tidy(pattern.sub("", t)) for t in before.texts()]
        if [_tidy(t) for t in after.texts()] != expected:
            left = [t for t in after.texts() if pattern.search(t)]
            return fail(f"{params['filler']!r} is still there or other text changed: {left[:1]}")
        cells = [
            [[_tidy(pattern.sub("", c)) for c in row] for row in t.cells] for t in before.tables
        ]
        if [[[_tidy(c) for c in row] for row in t.cells] for t in after.tables] != cells:
            return fail("a table's cells are not as asked")
        return OK

    def wrong_params(self, params, facts, rng):
        if params["count"] >= 2:
            return {**params, "mode": "first"}
        others = [
            w for w in DELETABLE if w != params["filler"] and _whole(w).search(facts.all_text)
        ]
        return {**params, "filler": rng.choice(others)} if others else None  # the wrong word


class RegexReplace(WriterFamily):
    """Every number followed by a unit word is rewritten with a regular expression."""

    id = "writer/regex-replace-v1"
    category = "replace"
    help_sources = REGEX_HELP
    phrasings = styled(
        terse=(
            'Write every number followed by "{unit}" {how} (so "{example}" becomes "{result}").',
            'Regex replace: all "<number> {unit}" {how}, e.g. "{example}" -> "{result}".',
        ),
        polite=(
            'Could you please rewrite each number followed by the word "{unit}" {how}? For '
            'example "{example}" should become "{result}".',
            'Would you mind rewriting all {count} "<number> {unit}" amounts {how}, as in '
            '"{example}" to "{result}"?',
        ),
        context=(
            'Our house style uses symbols, so every number followed by "{unit}" must be '
            'written {how}: "{example}" becomes "{result}", and so on.',
            "This goes into a table-heavy report where space is short: rewrite each "
            '"<number> {unit}" {how}, like "{example}" to "{result}".',
        ),
        indirect=(
            'Amounts like "{example}" should all look like "{result}", i.e. {how}.',
            'None of the {count} numbers followed by "{unit}" should keep the word; they '
            'should be written {how} ("{example}" as "{result}").',
        ),
        reference=(
            'There are {count} places where a number is followed by "{unit}", the first being '
            '"{example}"; write each {how}, like "{result}".',
            'Starting with "{example}", rewrite all {count} number-plus-"{unit}" amounts {how}.',
        ),
        typo=(
            'replace every number + "{unit}" {how}, eg "{example}" -> "{result}"',
            'use regex to write all "<number> {unit}" {how} ("{example}" to "{result}")',
        ),
    )

    def _options(self, facts: DocFacts) -> list[str]:
        out = []
        for unit in UNITS:
            pattern = _unit_pattern(unit)
            if len(pattern.findall(facts.all_text)) >= 2 and _in_body_only(facts, unit):
                out.append(unit)
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        unit = rng.choice(options)
        pattern = _unit_pattern(unit)
        example = pattern.search(facts.all_text).group(0)
        return {
            "unit": unit,
            "how": UNITS[unit][0],
            "example": example,
            "result": pattern.sub(UNITS[unit][2], example),
            "count": len(pattern.findall(facts.all_text)),
            "replace": UNITS[unit][1],
        }

    def solution(self, params):
        search = rf"{NUMBER} {params['unit']}\b"
        return [call("replace_all", search=search, replace=params["replace"], regex=True)]

    def check(self, params, before, after, answer):
        pattern = _unit_pattern(params["unit"])
        return rewritten(before, after, lambda t: pattern.sub(UNITS[params["unit"]][2], t))

    def wrong_params(self, params, facts, rng):
        return {**params, "replace": "$1"}  # the unit dropped, no symbol


def _unit_pattern(unit: str) -> re.Pattern:
    return re.compile(rf"(?<![0-9,.]){NUMBER} {unit}\b")


class FindReplaceDialog(WriterFamily):
    """A name is replaced everywhere through Edit - Find and Replace (the UI path)."""

    id = "writer/find-replace-dialog-v1"
    category = "replace"
    help_sources = REPLACE_HELP
    phrasings = styled(
        terse=(
            'Rename "{old}" to "{new}" throughout the document.',
            'Find "{old}", replace all with "{new}".',
        ),
        polite=(
            'Could you please use Find and Replace to change every "{old}" into "{new}"?',
            'Would you mind replacing all {count} mentions of "{old}" with "{new}"?',
        ),
        context=(
            'The name has changed since this was written, so every "{old}" must now read "{new}".',
            'We are reusing this document for another client: replace "{old}" with "{new}" '
            "wherever it appears.",
        ),
        indirect=(
            'The old name "{old}" is out; the document should say "{new}" in all {count} places.',
            'There should be no "{old}" left in the text, only "{new}".',
        ),
        reference=(
            'The name "{old}" occurs {count} times; change each occurrence to "{new}".',
            'Everywhere the document mentions "{old}" ({count} times), write "{new}" instead.',
        ),
        typo=(
            'replace all "{old}" with "{new}" in the whole documnet',
            "rename {old} to {new} everywere",
        ),
    )

    def _options(self, facts: DocFacts) -> list[str]:
        out = []
        for word in _words(facts):
            if len(word) < 4 or not word[0].isupper() or not word[1:].islower():
                continue
            if word in CALENDAR:
                continue
            counts = _word_counts(facts, word)
            if counts["whole"] < 2 or len(set(counts.values())) != 1:
                continue
            # a name, not a word capitalised because it opens a sentence
            sentence_start = re.search(rf"(^|[.!?]\s+){word}\b", facts.all_text, re.M)
            if not sentence_start and _in_body_only(facts, word) and _clean_edges(facts, word):
                out.append(word)
        return out

    def sample_params(self, facts, rng):
        options = self._options(facts)
        if not options:
            return None
        old = rng.choice(options)
        new = rng.choice([n for n in NEW_NAMES if n != old])
        return {"old": old, "new": new, "count": _word_counts(facts, old)["whole"], "mode": "all"}

    def solution(self, params):
        return [
            *menu("Edit", "Find and Replace..."),
            set_box("Search For", params["old"]),
            set_box("Replace With", params["new"]),
            *(_unchecked(box) for box in DIALOG_OPTIONS),
            click("Replace All" if params["mode"] == "all" else "Replace", "push button"),
            click("Close", "push button"),
        ]

    def check(self, params, before, after, answer):
        return rewritten(before, after, lambda t: t.replace(params["old"], params["new"]))

    def wrong_params(self, params, facts, rng):
        return {**params, "mode": "one"}  # Replace: the first occurrence only


# Options of the dialog that soffice remembers from one search to the next and that would
# change what this search finds.
DIALOG_OPTIONS = ("Paragraph Styles", "Similarity search", "Comments")


def _unchecked(name: str):
    """Clear a check box of the dialog if it is set; else just focus the search box."""

    def rule(obs: Observation) -> Action:
        box = obs.find(name, "check box")
        target = box if box is not None and "checked" in box.state else obs.find("Search For")
        if target is None:
            raise LookupError("the Find and Replace dialog is not open")
        return Action(function="click_input", control_label=target.label, control_name=target.name)

    return rule


def replace_families() -> list[WriterFamily]:
    return [
        ReplaceAll(),
        ReplaceWholeWord(),
        ReplaceMatchCase(),
        DeleteWord(),
        RegexReplace(),
        FindReplaceDialog(),
    ]
