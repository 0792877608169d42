"""`openlam eval ...`: measure a model the way the paper reports it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import typer
from rich.console import Console

app = typer.Typer(help="Evaluate a model.", no_args_is_help=True)
console = Console()


def model_config_for(checkpoint: str, device: str, threads: int | None):
    """A ModelConfig that runs a training checkpoint, a model directory, or the default."""
    from openlam.models.config import ModelConfig
    from openlam.train.checkpoint import resolve_start

    if checkpoint == "smollm2":
        return ModelConfig(backend="smollm2", device=device, threads=threads)
    base, adapter = resolve_start(checkpoint)
    return ModelConfig(backend="hf", model=base, adapter=adapter, device=device, threads=threads)


def whole_tasks(samples: list, limit: int | None, seed: int) -> list:
    """Up to `limit` steps made of whole tasks drawn at random, so TSR stays meaningful."""
    if limit is None or limit >= len(samples):
        return samples
    tasks: dict[str, list] = {}
    for s in samples:
        tasks.setdefault(s.task_id, []).append(s)
    order = sorted(tasks)
    random.Random(seed).shuffle(order)
    chosen: list = []
    for task in order:
        if len(chosen) + len(tasks[task]) <= limit:
            chosen += tasks[task]
    return chosen


@app.command("offline")
def offline(
    checkpoint: str = typer.Option("smollm2", help="A checkpoint, a model directory, smollm2."),
    samples: Path = typer.Option(Path("runs/collect/samples/test.jsonl")),
    limit: int = typer.Option(None, help="At most N steps, of whole tasks drawn at random."),
    seed: int = typer.Option(0),
    out: Path = typer.Option(None, help="Write the summary and every scored step here (JSON)."),
    device: str = typer.Option("auto"),
    threads: int = typer.Option(None),
) -> None:
    """Step metrics (object, operation, args, status, SSR, TSR) on held-out step samples."""
    from openlam.data.samples import StepSample
    from openlam.eval.step_metrics import evaluate_steps
    from openlam.models.config import load_model
    from openlam.records import read_jsonl

    chosen = whole_tasks(read_jsonl(samples, StepSample), limit, seed)
    model = load_model(model_config_for(checkpoint, device, threads))
    summary, scores = evaluate_steps(
        model, chosen, progress=lambda i, n: console.print(f"{i}/{n}", end="\r")
    )
    summary["model"] = checkpoint
    console.print(summary)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        report = {"summary": summary, "steps": [s.model_dump() for s in scores]}
        out.write_text(json.dumps(report, indent=1))
