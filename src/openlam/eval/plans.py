"""Planning evaluation, as the paper's Table 2: each model writes a plan for held-out requests
of the task-plan corpus (help pages phase 1 never saw), scored step by step against the
mined plan. A plan succeeds when every reference step is matched, in order."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from pydantic import BaseModel

from openlam.data.plan_mining import TaskPlan
from openlam.eval.models import NamedModel, loaded
from openlam.eval.offline import slug
from openlam.eval.plan_metrics import PlanScore, mean_scores, score_plan
from openlam.eval.results import PlanRow
from openlam.records import read_jsonl, write_jsonl
from openlam.train.examples import plan_messages, plan_split

NUMBERED = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+(.*\S)")


class PlanResult(BaseModel):
    """One request, the model's plan and its score."""

    task_id: str
    task: str
    output: str
    predicted: list[str]
    reference: list[str]
    score: PlanScore


def held_out_plans(corpus: Path, limit: int | None, seed: int) -> list[TaskPlan]:
    """The test side of the corpus (split by help page, as phase 1 splits it), mined records
    only, so that each source page counts once; up to `limit` drawn at random."""
    records = [
        r
        for r in read_jsonl(corpus, TaskPlan)
        if plan_split(r) == "test" and r.evolved_from is None
    ]
    random.Random(seed).shuffle(records)
    return records[:limit] if limit is not None else records


def parse_plan(text: str) -> list[str]:
    """The numbered or bulleted lines of a model's answer (all lines when none is)."""
    lines = [line for line in text.splitlines() if line.strip()]
    steps = [m.group(1) for line in lines if (m := NUMBERED.match(line))]
    return steps or [line.strip() for line in lines]


def evaluate_plans(
    models: list[NamedModel], records: list[TaskPlan], out_dir: Path, max_new_tokens: int = 200
) -> list[PlanRow]:
    """One PlanRow per model; writes plans.jsonl and plans-outputs/<name>.jsonl."""
    if not records:
        raise ValueError("no held-out task-plan pairs to evaluate on")
    rows = []
    for named in models:
        with loaded(named) as model:
            start = time.perf_counter()
            results = [_plan_one(model, r, max_new_tokens) for r in records]
            seconds = time.perf_counter() - start
        rows.append(plan_row(named.name, results, seconds))
        write_jsonl(out_dir / "plans-outputs" / f"{slug(named.name)}.jsonl", results)
    write_jsonl(out_dir / "plans.jsonl", rows)
    return rows


def _plan_one(model, record: TaskPlan, max_new_tokens: int) -> PlanResult:
    output = model.generate(
        plan_messages(record.task, record.app), max_new_tokens=max_new_tokens
    ).text
    predicted = parse_plan(output)
    return PlanResult(
        task_id=record.task_id,
        task=record.task,
        output=output,
        predicted=predicted,
        reference=record.plan,
        score=score_plan(predicted, record.plan),
    )


def plan_row(name: str, results: list[PlanResult], seconds: float) -> PlanRow:
    """Percentages over the plans, as the table reports them."""
    means = mean_scores([r.score for r in results])
    success = sum(r.score.recall == 1.0 for r in results) / len(results)
    return PlanRow(
        model=name,
        plans=len(results),
        step_precision=round(100 * means["step_precision"], 1),
        step_recall=round(100 * means["step_recall"], 1),
        step_f1=round(100 * means["step_f1"], 1),
        plan_success=round(100 * success, 1),
        seconds_per_plan=round(seconds / len(results), 2),
    )
