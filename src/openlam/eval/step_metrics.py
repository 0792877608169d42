"""Offline step metrics, as the paper's Table 3: on held-out step samples, whether the model
picks the right control (object), function (operation), arguments and status, whether the
whole step is right (SSR), and whether every step of a task is (TSR)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from openlam.agent.output_parser import ModelOutputError, action_fields
from openlam.data.samples import StepSample
from openlam.models.base import TextModel
from openlam.tasks.apps import app_for


class StepScore(BaseModel):
    """One predicted step against the expert's."""

    sample_id: str
    task_id: str
    output: str
    parsed: bool
    object: bool
    operation: bool
    args: bool
    status: bool

    @property
    def step(self) -> bool:
        return self.object and self.operation and self.args and self.status


def score_step(sample: StepSample, output: str) -> StepScore:
    """Compare a model's output with the sample's target, field by field."""
    actions = app_for(sample.app).action_space()
    want = action_fields(sample.target, sample.variant, actions)
    try:
        got = action_fields(output, sample.variant, actions)
    except ModelOutputError:
        return StepScore(
            sample_id=sample.id, task_id=sample.task_id, output=output, parsed=False,
            object=False, operation=False, args=False, status=False,
        )  # fmt: skip
    return StepScore(
        sample_id=sample.id,
        task_id=sample.task_id,
        output=output,
        parsed=True,
        object=got["control_label"] == want["control_label"],
        operation=got["function"] == want["function"],
        args=_same_args(got["args"], want["args"]),
        status=got["status"] == want["status"],
    )


def _same_args(got: dict[str, Any], want: dict[str, Any]) -> bool:
    def norm(v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v

    return {k: norm(v) for k, v in got.items()} == {k: norm(v) for k, v in want.items()}


def summarize(scores: list[StepScore]) -> dict[str, float]:
    """Rates in percent: parsed, object, operation, args, status, SSR and TSR."""
    n = len(scores)
    tasks: dict[str, bool] = {}
    for s in scores:
        tasks[s.task_id] = tasks.get(s.task_id, True) and s.step
    rate = lambda k: round(100 * sum(getattr(s, k) for s in scores) / n, 1)  # noqa: E731
    return {
        "steps": n,
        "tasks": len(tasks),
        "parsed": rate("parsed"),
        "object_acc": rate("object"),
        "operation_acc": rate("operation"),
        "args_acc": rate("args"),
        "status_acc": rate("status"),
        "ssr": rate("step"),
        "tsr": round(100 * sum(tasks.values()) / len(tasks), 1),
    }


def evaluate_steps(
    model: TextModel,
    samples: list[StepSample],
    max_new_tokens: int = 128,
    progress: Callable[[int, int], None] | None = None,
    constrained: bool = True,
) -> tuple[dict[str, float], list[StepScore]]:
    """Greedy predictions of the model on every sample (under the step's grammar where the
    sample has one, the model takes one and `constrained`), scored; returns the summary
    (with seconds per step) and each score."""
    scores = []
    start = time.perf_counter()
    takes_grammar = constrained and getattr(model, "accepts_grammar", False)
    for i, sample in enumerate(samples, start=1):
        extra = {"grammar": sample.grammar} if takes_grammar and sample.grammar else {}
        output = model.generate(sample.messages, max_new_tokens=max_new_tokens, **extra).text
        scores.append(score_step(sample, output))
        if progress is not None:
            progress(i, len(samples))
    summary = summarize(scores)
    summary["seconds_per_step"] = round((time.perf_counter() - start) / len(samples), 2)
    return summary, scores
