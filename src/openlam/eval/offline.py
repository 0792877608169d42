"""Offline evaluation of several models on the same held-out step samples: one Table 3 row per
model, and every scored step beside it."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from openlam.data.samples import StepSample
from openlam.eval.models import NamedModel, loaded
from openlam.eval.results import OfflineRow
from openlam.eval.step_metrics import evaluate_steps
from openlam.records import write_jsonl

Progress = Callable[[str, int, int], None]


def whole_tasks(samples: list[StepSample], limit: int | None, seed: int) -> list[StepSample]:
    """Up to `limit` steps made of whole tasks drawn at random, so TSR stays meaningful."""
    if limit is None or limit >= len(samples):
        return samples
    tasks: dict[str, list[StepSample]] = {}
    for s in samples:
        tasks.setdefault(s.task_id, []).append(s)
    order = sorted(tasks)
    random.Random(seed).shuffle(order)
    chosen: list[StepSample] = []
    for task in order:
        if len(chosen) + len(tasks[task]) <= limit:
            chosen += tasks[task]
    return chosen


def evaluate_offline(
    models: list[NamedModel],
    samples: list[StepSample],
    out_dir: Path,
    progress: Progress | None = None,
    constrained: bool = True,
) -> list[OfflineRow]:
    """Score each model in turn on the samples (under each step's grammar, if `constrained`
    and the model takes one); write offline.jsonl (the rows) and offline-steps/<name>.jsonl
    (each step's output and verdict)."""
    if not samples:
        raise ValueError("no step samples to evaluate on")
    rows = []
    for named in models:
        tick = (lambda i, n, name=named.name: progress(name, i, n)) if progress else None
        with loaded(named) as model:
            summary, scores = evaluate_steps(model, samples, progress=tick, constrained=constrained)
        rows.append(OfflineRow(model=named.name, **summary))
        write_jsonl(out_dir / "offline-steps" / f"{slug(named.name)}.jsonl", scores)
    write_jsonl(out_dir / "offline.jsonl", rows)
    return rows


def slug(name: str) -> str:
    """A file name for a model name ("phase 2 (imitate)" -> "phase-2-imitate")."""
    out = "".join(c if c.isalnum() else "-" for c in name.lower())
    return "-".join(part for part in out.split("-") if part) or "model"
