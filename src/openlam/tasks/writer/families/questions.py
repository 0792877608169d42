"""Questions about the document, answered with `summary` and judged from the answer."""

from __future__ import annotations

import re

from openlam.agent.scripted import call
from openlam.tasks.writer.families.common import OK, WriterFamily, all_of, fail, same_text

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = ("first", "second", "third", "fourth", "fifth")


def numbers_in(answer: str) -> list[int]:
    words = re.findall(r"[a-z]+|\d+", answer.lower())
    return [
        int(w) if w.isdigit() else NUMBER_WORDS.index(w)
        for w in words
        if w.isdigit() or w in NUMBER_WORDS
    ]


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


class Answer(WriterFamily):
    """A question whose answer is read from the template; the document must stay as it is."""

    category = "question"

    def __init__(self, id, phrasings, sample, judge, reply, wrong):
        self.id, self.phrasings = id, phrasings
        self._sample, self._judge, self._reply, self._wrong = sample, judge, reply, wrong

    def sample_params(self, facts, rng):
        return self._sample(facts, rng)

    def solution(self, params):
        return [call("summary", text=self._reply(params))]

    def check(self, params, before, after, answer):
        if not answer:
            return fail("no answer was given")
        return all_of(self._judge(params, answer), same_text(before, after))

    def wrong_params(self, params, facts, rng):
        """The same answer about a wrong value: another count, heading or title."""
        return self._wrong(params)


def _count_tables(facts, rng):
    return {"answer": len(facts.tables)}


def _judge_count(params, answer):
    found = numbers_in(answer)
    if found != [params["answer"]]:
        return fail(f"the answer {answer!r} does not give the count {params['answer']}")
    return OK


def _heading(facts, rng):
    headings = [
        p.text for p in facts.paragraphs if p.style.startswith("Heading") and p.text.strip()
    ]
    if len(headings) < 2:
        return None
    n = rng.randrange(min(len(headings), len(ORDINALS)))
    return {
        "nth": ORDINALS[n],
        "answer": headings[n],
        "others": [h for h in headings if h != headings[n]],
    }


def _judge_text(params, answer):
    if _normal(params["answer"]) not in _normal(answer):
        return fail(f"the answer {answer!r} does not contain {params['answer']!r}")
    if any(_normal(o) in _normal(answer) for o in params.get("others", [])):
        return fail("the answer names other candidates too")
    return OK


def _title(facts, rng):
    titles = [p.text for p in facts.paragraphs if p.style == "Title" and p.text.strip()]
    return {"answer": titles[0]} if titles else None


def question_families() -> list[WriterFamily]:
    count = Answer(
        "writer/count-tables-v1",
        (
            "How many tables does this document have?",
            "Count the tables in the document.",
            "What is the number of tables in here?",
            "Tell me how many tables there are.",
            "How many tables are in this file?",
            "Could you check how many tables the document contains?",
        ),
        _count_tables,
        _judge_count,
        lambda p: f"The document has {p['answer']} tables.",
        lambda p: {**p, "answer": p["answer"] + 1},
    )
    heading = Answer(
        "writer/nth-heading-v1",
        (
            "What does the {nth} heading say?",
            "Read me the {nth} heading of the document.",
            "What is the text of the {nth} heading?",
            "Which heading comes {nth} in the document?",
            "Tell me the {nth} section heading.",
            "What's written in the {nth} heading?",
        ),
        _heading,
        _judge_text,
        lambda p: f"The {p['nth']} heading says: {p['answer']}",
        lambda p: {**p, "answer": p["others"][0]},
    )
    title = Answer(
        "writer/document-title-v1",
        (
            "What is the title of this document?",
            "Tell me the document's title.",
            "What does the title at the top say?",
            "Which title does this document have?",
            "Read out the title of the document.",
            "What's this document called?",
        ),
        _title,
        _judge_text,
        lambda p: f"The title is: {p['answer']}",
        lambda p: {**p, "answer": "Untitled"},
    )
    return [count, heading, title]
