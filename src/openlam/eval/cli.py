"""`openlam eval offline | plans | online | miniwob | summary`: measure models the way the
paper reports them, several side by side in one table. A model is `NAME=SPEC` or `SPEC`
(see `eval.models`)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Evaluate models.", no_args_is_help=True)
console = Console()

MODELS = typer.Option(
    ["smollm2"], "--model", "-m", help="NAME=SPEC; SPEC: smollm2, a checkpoint, openai:M@URL."
)
DEVICE = typer.Option("auto", help="auto, cpu or cuda (local models).")
THREADS = typer.Option(None, help="torch CPU threads (local models).")
VERBOSE = typer.Option(False, "--verbose", help="Show transformers' loading output.")


def _models(specs: list[str], device: str, threads: int | None, verbose: bool) -> list:
    from openlam.eval.models import parse_named

    if verbose:
        from openlam.models.hf import show_loading_output

        show_loading_output()
    try:
        return [parse_named(s, device, threads) for s in specs]
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _print_rows(rows: list, columns: list[str]) -> None:
    table = Table("model", *columns)
    for row in rows:
        data = row.model_dump()
        table.add_row(row.model, *(str(data[c]) for c in columns))
    console.print(table)


@app.command("offline")
def offline(
    model: list[str] = MODELS,
    samples: Path = typer.Option(Path("runs/collect/samples/test.jsonl")),
    limit: int = typer.Option(None, help="At most N steps, of whole tasks drawn at random."),
    seed: int = typer.Option(0),
    out: Path = typer.Option(Path("runs/eval/offline"), help="Rows and scored steps go here."),
    constrained: bool = typer.Option(
        True, help="Decode under each step's grammar where the model and sample allow it."
    ),
    device: str = DEVICE,
    threads: int = THREADS,
    verbose: bool = VERBOSE,
) -> None:
    """Step metrics (object, operation, args, status, SSR, TSR) on held-out step samples."""
    from openlam.data.samples import StepSample
    from openlam.eval.offline import evaluate_offline, whole_tasks
    from openlam.records import read_jsonl

    chosen = whole_tasks(read_jsonl(samples, StepSample), limit, seed)
    tick = lambda name, i, n: console.print(f"{name}: {i}/{n}", end="\r")  # noqa: E731
    rows = evaluate_offline(
        _models(model, device, threads, verbose), chosen, out, tick, constrained
    )
    cols = ["steps", "tasks", "parsed", "object_acc", "operation_acc", "args_acc", "status_acc"]
    _print_rows(rows, [*cols, "ssr", "tsr", "seconds_per_step"])
    console.print(f"written to {out}/offline.jsonl and {out}/offline-steps/")


@app.command("plans")
def plans(
    model: list[str] = MODELS,
    corpus: Path = typer.Option(Path("runs/plans/plans.jsonl"), help="From `data plans`."),
    limit: int = typer.Option(50, help="Held-out task-plan pairs drawn at random."),
    seed: int = typer.Option(0),
    out: Path = typer.Option(Path("runs/eval/plans")),
    device: str = DEVICE,
    threads: int = THREADS,
    verbose: bool = VERBOSE,
) -> None:
    """Step precision and recall and plan success on held-out task-plan pairs."""
    from openlam.eval.plans import evaluate_plans, held_out_plans

    records = held_out_plans(corpus, limit, seed)
    rows = evaluate_plans(_models(model, device, threads, verbose), records, out)
    cols = ["plans", "step_precision", "step_recall", "step_f1", "plan_success"]
    _print_rows(rows, [*cols, "seconds_per_plan"])


@app.command("online")
def online(
    model: list[str] = MODELS,
    app: str = typer.Option("writer", help="writer, or web (MiniWoB++ in Chromium)."),
    per_family: int = typer.Option(2, help="Held-out instances of each family (web: seeds)."),
    family: list[str] = typer.Option(
        None, help="Only these families (web: MiniWoB task names) (default: all)."
    ),
    max_steps: int = typer.Option(10, help="Agent steps per task."),
    requests: Path = typer.Option(
        None,
        help="Hand-written Writer requests (JSON Lines; e.g. tests/data/writer_requests.jsonl) "
        "instead of sampled test phrasings.",
    ),
    expert: str = typer.Option(
        "noisy-oracle", help="The expert's row: oracle, noisy-oracle, none."
    ),
    workers: int = typer.Option(1, help="Writer stacks in parallel (Ray actors)."),
    in_process: bool = typer.Option(False, help="One worker in this process, without Ray."),
    out: Path = typer.Option(Path("runs/eval/online")),
    screens: str = typer.Option("ends", help="Windows kept per episode: never, ends, each."),
    seed: int = typer.Option(0),
    device: str = DEVICE,
    threads: int = THREADS,
    verbose: bool = VERBOSE,
) -> None:
    """Models as agents in the real application on held-out tasks: success, time, steps,
    latency."""
    from openlam.eval.online import OnlineConfig, evaluate_online, held_out_tasks

    config = OnlineConfig(
        out_dir=out,
        app=app,
        per_family=per_family,
        families=family or None,
        seed=seed,
        requests=requests,
        max_steps=max_steps,
        workers=workers,
        in_process=in_process,
        expert=None if expert == "none" else expert,
        screens=screens,
    )
    rows, _ = evaluate_online(
        _models(model, device, threads, verbose), held_out_tasks(config), config, console
    )
    cols = ["tasks", "success_rate", "completion_time", "steps_per_task", "step_latency"]
    _print_rows(rows, [*cols, "step_latency_median", "application_errors"])


@app.command("miniwob")
def miniwob_protocol(
    model: list[str] = typer.Option(
        None, "--model", "-m", help="NAME=SPEC (default: the shipped web LAM, or the base)."
    ),
    seeds: int = typer.Option(5, help="Held-out seeds of every task."),
    max_steps: int = typer.Option(10, help="Agent steps per episode (BrowserGym's limit)."),
    family: list[str] = typer.Option(None, help="Only these tasks (default: every task)."),
    workers: int = typer.Option(2, help="Browsers in parallel (Ray actors)."),
    in_process: bool = typer.Option(False, help="One browser in this process, without Ray."),
    out: Path = typer.Option(Path("runs/eval/miniwob")),
    device: str = DEVICE,
    threads: int = THREADS,
    verbose: bool = VERBOSE,
) -> None:
    """MiniWoB++ as BrowserGym reports it: every task on held-out seeds, at most 10 steps,
    success over all episodes with its standard error, for tasks with and without a scripted
    expert. Resumable: episodes already recorded under --out are kept."""
    import statistics

    from openlam.eval.offline import slug
    from openlam.eval.online import OnlineConfig, evaluate_online, held_out_tasks
    from openlam.eval.summary import miniwob_groups, read_results, summarize_groups
    from openlam.models.shipped import default_model

    config = OnlineConfig(
        out_dir=out, app="web", per_family=seeds, families=family or None,
        max_steps=max_steps, workers=workers, in_process=in_process, expert=None,
    )  # fmt: skip
    models = _models(model or [default_model("web")], device, threads, verbose)
    rows, _ = evaluate_online(models, held_out_tasks(config), config, console)
    table = Table("model", "group", "tasks", "episodes", "success %", "± s.e.", "median step s")
    for row, named in zip(rows, models, strict=True):
        recorded = read_results(out / slug(named.name) / "results.jsonl")
        median_step = round(statistics.median(row.step_latencies), 2) if row.step_latencies else 0
        for s in summarize_groups(recorded, miniwob_groups(recorded)):
            table.add_row(named.name, s.group, str(s.tasks), str(s.episodes),
                          str(s.success_rate), str(s.std_error), str(median_step))  # fmt: skip
    console.print(table)


@app.command("summary")
def summary(
    results: list[Path] = typer.Argument(..., help="results.jsonl files of online runs."),
    by_task: bool = typer.Option(False, help="Also list every task's successes."),
) -> None:
    """Success over all episodes (e.g. several held-out seeds per task), with its standard
    error, overall and for MiniWoB tasks with and without a scripted expert."""
    from openlam.eval.summary import miniwob_groups, read_results, summarize_groups

    recorded = [r for path in results for r in read_results(path)]
    if not recorded:
        raise typer.BadParameter("the results files hold no results")
    try:
        summaries = summarize_groups(recorded, miniwob_groups(recorded))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    table = Table("group", "tasks", "episodes", "succeeded", "success %", "± s.e.", "steps")
    for s in summaries:
        table.add_row(s.group, str(s.tasks), str(s.episodes), str(s.succeeded),
                      str(s.success_rate), str(s.std_error), str(s.steps_per_episode))  # fmt: skip
    console.print(table)
    if by_task:
        tasks = Table("task", "succeeded", "episodes")
        for score in summaries[0].by_task:
            tasks.add_row(score.family, str(score.succeeded), str(score.episodes))
        console.print(tasks)


@app.command("report")
def report(
    folder: Path = typer.Argument(..., help="A folder with report.json (from `pipeline`)."),
) -> None:
    """Render report.md and report.html again from report.json."""
    from openlam.eval.report import load_report, write_report

    paths = write_report(load_report(folder), folder)
    console.print(f"written {paths['md']} and {paths['html']}")
