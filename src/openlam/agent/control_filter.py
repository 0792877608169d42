"""Keep the controls most related to the request and the plan when the list is long.

Prompt length dominates a small model's step time on a CPU, and a long control list buries
the one that matters. Training and inference call the same function, so the model learns on
the very lists it will see.
"""

from __future__ import annotations

import re

from openlam.records import Control, Observation, Shown

# Controls every task may need whatever it says (the document itself, confirmation buttons).
ALWAYS = {"document", "ok", "close", "cancel", "apply"}
STOP = {
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "and",
    "or",
    "on",
    "for",
    "with",
    "it",
    "make",
    "set",
    "please",
    "this",
    "that",
    "is",
    "be",
    "as",
    "all",
    "my",
    "me",
    "can",
    "you",
    "i",
}


def words(text: str) -> set[str]:
    """Lower-case content words and their crude stems (plural s, -ing)."""
    out = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOP:
            continue
        out.add(word)
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                out.add(word[: -len(suffix)])
                break
    return out


def relevance(control: Control, query: set[str]) -> float:
    """How strongly a control's name, type and context relate to the query words."""
    name = words(control.name)
    score = 2.0 * len(name & query) + 0.5 * len(words(control.context or "") & query)
    if control.name.lower() in ALWAYS:
        score += 1.0
    if control.type in ("document", "document text", "paragraph"):
        score += 0.5
    return score


def filter_controls(
    controls: list[Control], request: str, plan: list[str] | None = None, keep: int | None = 40
) -> list[Control]:
    """The `keep` controls most relevant to the request and plan, in their original order
    (so labels still read top to bottom); all of them when `keep` is None or not exceeded."""
    if keep is None or len(controls) <= keep:
        return list(controls)
    query = words(" ".join([request, *(plan or [])]))
    ranked = sorted(range(len(controls)), key=lambda i: (-relevance(controls[i], query), i))
    chosen = set(ranked[:keep])
    return [c for i, c in enumerate(controls) if i in chosen]


def shown_for(obs: Observation, request: str, plan: list[str], keep: int | None) -> Shown:
    """The record of what a step shows: the kept controls' labels and the plan in force."""
    kept = filter_controls(obs.controls, request, plan, keep)
    return Shown(controls=[c.label for c in kept], plan=list(plan))
