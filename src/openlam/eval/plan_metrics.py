"""Plan quality: step precision and recall of a predicted plan against a reference plan.

Steps are aligned in order (a monotonic alignment, as in an edit distance), each pair scored by
the F1 of their content words; a pair counts as a match when that score reaches a threshold.
Precision is matched predicted steps over predicted steps, recall matched reference steps over
reference steps: the step precision and step recall of the paper's Table 2.
"""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel

FILLER = {
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "on",
    "and",
    "or",
    "then",
    "you",
    "your",
    "that",
    "want",
    "this",
    "is",
    "for",
    "with",
    "it",
    "be",
    "at",
    "by",
}


class PlanScore(BaseModel):
    """How one predicted plan compares to its reference."""

    precision: float
    recall: float
    f1: float
    matches: list[tuple[int, int, float]]  # (predicted index, reference index, similarity)


def step_words(step: str) -> Counter:
    """The content words of a step, bold markers and numbering removed."""
    text = re.sub(r"^\s*\d+[.)]\s*", "", step.lower().replace("**", ""))
    return Counter(w for w in re.findall(r"[a-z0-9+]+", text) if w not in FILLER)


def step_similarity(a: str, b: str) -> float:
    """F1 of the content words two steps share (1.0 for the same words)."""
    wa, wb = step_words(a), step_words(b)
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    p, r = common / sum(wa.values()), common / sum(wb.values())
    return 2 * p * r / (p + r)


def score_plan(predicted: list[str], reference: list[str], threshold: float = 0.5) -> PlanScore:
    """Align the two plans in order and count the steps that match."""
    n, m = len(predicted), len(reference)
    sim = [[step_similarity(p, r) for r in reference] for p in predicted]
    # best[i][j]: (matches, total similarity) over predicted[i:] and reference[j:]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if sim[i][j] >= threshold:
                count, total = best[i + 1][j + 1]
                options.append((count + 1, total + sim[i][j]))
            best[i][j] = max(options)
    matches = _trace(best, sim, threshold, n, m)
    precision = len(matches) / n if n else 0.0
    recall = len(matches) / m if m else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PlanScore(precision=precision, recall=recall, f1=f1, matches=matches)


def _trace(best, sim, threshold: float, n: int, m: int) -> list[tuple[int, int, float]]:
    i = j = 0
    out = []
    while i < n and j < m:
        if sim[i][j] >= threshold:
            count, total = best[i + 1][j + 1]
            if best[i][j] == (count + 1, total + sim[i][j]):
                out.append((i, j, round(sim[i][j], 3)))
                i, j = i + 1, j + 1
                continue
        if best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def mean_scores(scores: list[PlanScore]) -> dict[str, float]:
    """Macro averages over a set of plans, as a table reports them."""
    if not scores:
        raise ValueError("no plans to average")
    n = len(scores)
    return {
        "step_precision": sum(s.precision for s in scores) / n,
        "step_recall": sum(s.recall for s in scores) / n,
        "step_f1": sum(s.f1 for s in scores) / n,
    }
