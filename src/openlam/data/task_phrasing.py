"""Turn a help heading into a task in the imperative: "To Insert a Table With a Menu Command"
-> "Insert a table with a menu command", "Inserting Tables" -> "Insert tables"."""

from __future__ import annotations

import re

# The verbs that open help headings, as gerunds ("Inserting ...") or imperatives.
VERBS = """accept activate add adjust align animate apply arrange assign bookmark calculate change
check choose compare configure control convert copy count create cross-reference decrypt define
delete design display distribute dock drag draw duplicate edit enable encrypt enter export find fit
format freeze group hide highlight import include insert install integrate load lock make manage
merge modify move name number open paste prevent preview print protect query record reference
register remove rename repeat replace reverse rotate save search select send set show sign sort
space split start switch turn unlock unprotect update use view write drag-and-drop""".split()  # noqa: SIM905
DOUBLED = {"set", "fit", "drag", "format", "control", "cut", "run", "stop", "put", "get"}
# Names kept capitalised when a title-case heading goes to sentence case.
PROPER = {
    "Writer",
    "Calc",
    "Impress",
    "Navigator",
    "Gallery",
    "Microsoft",
    "Windows",
    "Linux",
    "Java",
    "Fontwork",
    "Basic",
    "Internet",
    "LibreOffice",
    "I",
}
MINOR = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "with",
    "for",
    "from",
    "by",
    "as",
    "at",
    "into",
    "via",
}


def gerund(verb: str) -> str:
    """The -ing form of a verb ("create" -> "creating", "set" -> "setting")."""
    if verb in DOUBLED:
        return verb + verb[-1] + "ing"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


GERUNDS = {gerund(v): v for v in VERBS}


def imperative_task(heading: str, intro: list[str]) -> str | None:
    """The task a procedure performs, in the imperative, or None when the heading names no
    action and the introduction does not either."""
    task = _from_heading(heading)
    if task is None:
        task = _from_intro(intro)
    return _sentence_case(task) if task else None


def _from_heading(heading: str) -> str | None:
    text = heading.strip().rstrip(":.").strip()
    for prefix in ("To ", "to ", "How to ", "How To ", "how to "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    first, _, rest = text.partition(" ")
    first = first.rstrip(",")
    verb = GERUNDS.get(first.lower())
    if verb and rest:
        return f"{verb} {rest}"
    if first.lower() in VERBS and rest:
        return text
    return None


def _from_intro(intro: list[str]) -> str | None:
    # "To insert a break, do the following:" names the task when the heading does not.
    for paragraph in reversed(intro):
        match = re.match(r"To ([a-z][^,:]{3,120})[,:]", paragraph)
        if match and match.group(1).split()[0] in VERBS:
            return match.group(1)
    return None


def _sentence_case(task: str) -> str:
    words = task.split()
    if not words:
        return task
    out = [words[0][:1].upper() + words[0][1:]]
    content = [w for w in words[1:] if w.lower() not in MINOR]
    title_case = bool(content) and sum(w[:1].isupper() for w in content) >= 0.6 * len(content)
    for word in words[1:]:
        out.append(_lower_word(word) if title_case else word)
    return " ".join(out)


def _lower_word(word: str) -> str:
    core = word.strip("\"'()*,")
    if not core or core in PROPER or not core.istitle() or "**" in word:
        return word  # AutoText, PDF, OLE and product names keep their case
    return word.lower()
