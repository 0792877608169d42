"""What the Writer families share: sampling from template facts and damage checks."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from openlam.tasks.base import CheckResult, TaskFamily
from openlam.tasks.writer.facts import DocFacts, ParagraphFacts, read

WORD = re.compile(r"[A-Za-z]{5,}")
# Words a person would hardly ask to format on their own.
FUNCTION_WORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "against",
        "along",
        "among",
        "another",
        "around",
        "because",
        "before",
        "behind",
        "below",
        "being",
        "between",
        "beyond",
        "could",
        "during",
        "either",
        "every",
        "first",
        "other",
        "their",
        "there",
        "these",
        "those",
        "though",
        "through",
        "under",
        "until",
        "where",
        "which",
        "while",
        "whose",
        "within",
        "without",
        "would",
        "should",
        "since",
        "still",
        "shall",
        "might",
        "maybe",
        "often",
        "rather",
        "quite",
    ]
)
OK = CheckResult(True, "done")


class WriterFamily(TaskFamily):
    app = "writer"

    def prepare(self, params: dict[str, Any]) -> None:
        """Set the scene outside the document before an episode (remove a file the task
        must write, say), so that only this episode's actions can pass the check."""

    def validate(
        self, params: dict[str, Any], template: Path, saved: Path, answer: str | None
    ) -> CheckResult:
        """Check a saved end state against the template it started from. An end state that
        soffice saves as no readable .docx fails the task, with the reason."""
        before = read(template)
        try:
            after = read(saved)
        except ValueError as exc:
            return fail(f"the end state could not be read back: {exc}")
        return self.check(params, before, after, answer)


def fail(reason: str) -> CheckResult:
    return CheckResult(False, reason)


def body_paragraphs(facts: DocFacts, min_words: int = 12) -> list[int]:
    """Indices of plain body paragraphs long enough to be named by their opening words."""
    return [
        i
        for i, p in enumerate(facts.paragraphs)
        if p.style == "Normal" and len(p.text.split()) >= min_words and p.list_kind is None
    ]


def prefix(facts: DocFacts, index: int, words: int = 5) -> str:
    return " ".join(facts.paragraphs[index].text.split()[:words])


def unique_prefix(facts: DocFacts, index: int) -> str | None:
    """Opening words that name this paragraph alone (and occur once in the document)."""
    for words in (4, 5, 6, 8):
        text = prefix(facts, index, words)
        if facts.count(text) == 1:
            return text
    return None


ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
)


def ordinal(n: int) -> str:
    """1 -> "first"; past the words, "13th"."""
    if n <= len(ORDINALS):
        return ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_heading(paragraph: ParagraphFacts) -> bool:
    return paragraph.style.startswith("Heading") or paragraph.style == "Title"


def position(facts: DocFacts, index: int) -> str:
    """How a person names a paragraph by where it is: "the second paragraph under the
    heading "Summary"", or counted from the top when no heading comes before it."""
    heading, count = None, 0
    for i in range(index, -1, -1):
        paragraph = facts.paragraphs[i]
        if i < index and paragraph.style.startswith("Heading") and paragraph.text.strip():
            heading = paragraph.text
            break
        if paragraph.text.strip() and not is_heading(paragraph):
            count += 1
    if heading is not None:
        return f'the {ordinal(count)} paragraph under the heading "{heading}"'
    return f"the {ordinal(count)} paragraph of the text"


def pick_paragraph(facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
    """A body paragraph, named by its opening words (`start`) and its place (`position`)."""
    candidates = [
        i
        for i in body_paragraphs(facts)
        if facts.paragraphs[i].text[:1].isalnum() and unique_prefix(facts, i)
    ]
    if not candidates:
        return None
    index = rng.choice(candidates)
    return {
        "paragraph": index,
        "start": unique_prefix(facts, index),
        "position": position(facts, index),
    }


def other_paragraph(
    params: dict[str, Any], facts: DocFacts, rng: random.Random, skip_first: bool = False
) -> dict[str, Any] | None:
    """The same task on another paragraph: the plausible wrong solution of paragraph tasks."""
    excluded = {params["paragraph"], *((0,) if skip_first else ())}
    others = [i for i in body_paragraphs(facts) if i not in excluded and unique_prefix(facts, i)]
    if not others:
        return None
    index = rng.choice(others)
    return {
        **params,
        "paragraph": index,
        "start": unique_prefix(facts, index),
        "position": position(facts, index),
    }


def unique_words(facts: DocFacts) -> list[tuple[str, int]]:
    """(word, paragraph index) for words that occur exactly once, even as a substring."""
    out = []
    for i in body_paragraphs(facts, 8):
        for word in WORD.findall(facts.paragraphs[i].text):
            if word.lower() in FUNCTION_WORDS:
                continue
            if facts.count(word) == 1 and facts.all_text.lower().count(word.lower()) == 1:
                out.append((word, i))
    return out


def pick_word(facts: DocFacts, rng: random.Random) -> dict[str, Any] | None:
    words = unique_words(facts)
    if not words:
        return None
    word, index = rng.choice(words)
    return {"word": word, "paragraph": index, "position": position(facts, index)}


def other_word(params: dict[str, Any], facts: DocFacts, rng: random.Random) -> dict | None:
    """The same task on another word: the plausible wrong solution of word tasks."""
    words = [w for w, _ in unique_words(facts) if w != params["word"]]
    if not words:
        return None
    word = rng.choice(words)
    index = next(i for w, i in unique_words(facts) if w == word)
    return {**params, "word": word, "paragraph": index, "position": position(facts, index)}


def same_text(before: DocFacts, after: DocFacts) -> CheckResult:
    if before.texts() != after.texts():
        changed = next(
            (
                f"{b!r} became {a!r}"
                for b, a in zip(before.texts(), after.texts(), strict=False)
                if a != b
            ),
            f"{len(before.texts())} paragraphs became {len(after.texts())}",
        )
        return fail(f"the text changed: {changed[:200]}")
    if [t.cells for t in before.tables] != [t.cells for t in after.tables]:
        return fail("a table's content changed")
    return OK


def nonempty(facts: DocFacts) -> list[ParagraphFacts]:
    """Paragraphs with text: the ones two saves of the same document agree on."""
    return [p for p in facts.paragraphs if p.text.strip()]


def find_paragraph(facts: DocFacts, text: str) -> ParagraphFacts | None:
    return next((p for p in facts.paragraphs if p.text == text), None)


def all_of(*results: CheckResult) -> CheckResult:
    """The first failure, or success when every check passed."""
    return next((r for r in results if not r.success), OK)
