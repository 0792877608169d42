"""Collection at scale: execute many task instances with N workers, each owning its environments,
on Ray (a local cluster by default, or an existing one by address).

Resumable: results.jsonl is appended one flushed line per finished task by this process only,
so a run killed at any moment (kill -9 included) and started again skips what is recorded and
finishes the rest, without duplicates. A torn last line is cut off before appending.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from openlam.data.execute import ExpertConfig, TaskResult, execute_with_retries
from openlam.data.instantiate import Instantiation
from openlam.models.config import ModelConfig, load_model
from openlam.records import read_jsonl, write_jsonl
from openlam.tasks.apps import app_for
from openlam.tasks.base import TaskInstance


class CollectConfig(BaseModel):
    """Where results go, who executes, how many workers and where they run."""

    out_dir: Path = Path("runs/collect")
    expert: ExpertConfig = ExpertConfig()
    expert_model: ModelConfig | None = Field(None, description="for the llm and model experts")
    judge_model: ModelConfig | None = Field(None, description="an LLM judge beside the checker")
    workers: int = Field(1, ge=1)
    ray_address: str | None = Field(None, description="join this Ray cluster; None: local")
    in_process: bool = Field(False, description="one worker in this process, without Ray")
    max_attempts: int = Field(2, ge=1, description="tries per task when the application dies")


class Worker:
    """One environment per application (opened at its first task) and the models it needs;
    executes tasks one after another."""

    def __init__(self, config: CollectConfig):
        self.config = config
        self.envs: dict[str, Any] = {}
        self.model = load_model(config.expert_model) if config.expert_model else None
        self.judge = load_model(config.judge_model) if config.judge_model else None
        self.folder = config.out_dir / "trajectories"
        self.folder.mkdir(parents=True, exist_ok=True)

    def run(self, instance: dict, source: str) -> dict:
        task = TaskInstance.model_validate(instance)
        if task.app not in self.envs:
            self.envs[task.app] = app_for(task.app).open_env()
        result = execute_with_retries(
            self.envs[task.app],
            task,
            source,
            self.config.expert,
            self.folder,
            self.config.max_attempts,
            self.model,
            self.judge,
        )
        return result.model_dump()

    def close(self) -> None:
        for env in self.envs.values():
            env.close()


def collect(
    config: CollectConfig, tasks: list[Instantiation], console: Console
) -> list[TaskResult]:
    """Execute every instantiated task not yet in results.jsonl; return all results."""
    config.out_dir.mkdir(parents=True, exist_ok=True)
    _record_instantiations(config.out_dir / "instantiations.jsonl", tasks)
    results_path = config.out_dir / "results.jsonl"
    done = {r.id for r in load_results(results_path)}
    todo = [t for t in tasks if t.instance is not None and t.instance.id not in done]
    todo = interleave_families(list({t.instance.id: t for t in todo}.values()))
    console.print(
        f"{len(done)} tasks already recorded, {len(todo)} to run with {config.workers} worker(s)"
    )
    runner = _run_in_process if config.in_process else _run_on_ray
    with results_path.open("a", encoding="utf-8") as sink, _progress(console) as progress:
        bar = progress.add_task("collect", total=len(todo), ok=0, failed=0, rate=0.0)
        start, ok, failed = time.monotonic(), 0, 0
        for result in runner(config, todo):
            sink.write(result.model_dump_json() + "\n")
            sink.flush()
            os.fsync(sink.fileno())
            ok, failed = ok + result.success, failed + (not result.success)
            rate = 60 * (ok + failed) / max(time.monotonic() - start, 1e-9)
            progress.update(bar, advance=1, ok=ok, failed=failed, rate=rate)
    return load_results(results_path)


def interleave_families(tasks: list[Instantiation]) -> list[Instantiation]:
    """The tasks in rounds, one of each family per round, and within a family its training
    and held-out instances spread evenly: a collection stopped part way has as many instances
    of every family, and both splits, in proportion."""
    by_family: dict[str, list[Instantiation]] = {}
    for t in tasks:
        by_family.setdefault(t.instance.family, []).append(t)
    keyed = []
    for order, family in enumerate(by_family.values()):
        for rank, t in enumerate(_spread_splits(family)):
            keyed.append((rank, order, t))
    return [t for *_, t in sorted(keyed, key=lambda k: k[:2])]


def _spread_splits(tasks: list[Instantiation]) -> list[Instantiation]:
    by_split: dict[str, list[Instantiation]] = {}
    for t in tasks:
        by_split.setdefault(t.instance.split, []).append(t)
    keyed = [
        ((i + 0.5) / len(group), t) for group in by_split.values() for i, t in enumerate(group)
    ]
    return [t for _, t in sorted(keyed, key=lambda k: k[0])]


def _record_instantiations(path: Path, tasks: list[Instantiation]) -> None:
    """Add the tasks not yet in the file, so that a second collection into the same folder
    (another expert, more families) keeps the first one's tasks."""
    known = read_jsonl(path, Instantiation) if path.exists() else []
    keys = {(t.source, t.task, t.instance.id if t.instance else None) for t in known}
    new = [
        t for t in tasks if (t.source, t.task, t.instance.id if t.instance else None) not in keys
    ]
    write_jsonl(path, new, append=True)


def load_results(path: Path) -> list[TaskResult]:
    """The recorded results; a torn last line (a kill mid-write) is cut off the file."""
    if not path.exists():
        return []
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])
    return read_jsonl(path, TaskResult)


def _run_in_process(config: CollectConfig, todo: list[Instantiation]) -> Iterator[TaskResult]:
    worker = Worker(config)
    try:
        for task in todo:
            yield TaskResult.model_validate(worker.run(task.instance.model_dump(), task.source))
    finally:
        worker.close()


def _run_on_ray(config: CollectConfig, todo: list[Instantiation]) -> Iterator[TaskResult]:
    import ray
    from ray.util import ActorPool

    # A local cluster is started for this collection and shut down after it: one left
    # running keeps the CPU count it was started with, and a later, wider run would wait.
    started = not ray.is_initialized()
    if started:
        ray.init(
            address=config.ray_address,
            num_cpus=None if config.ray_address else config.workers,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    actor = ray.remote(num_cpus=1, max_restarts=1)(Worker)
    actors = [actor.remote(config) for _ in range(config.workers)]
    pool = ActorPool(actors)
    try:
        jobs = pool.map_unordered(
            lambda a, t: a.run.remote(t.instance.model_dump(), t.source), todo
        )
        for result in jobs:
            yield TaskResult.model_validate(result)
    finally:
        ray.get([a.close.remote() for a in actors])
        for a in actors:
            ray.kill(a)
        if started:
            ray.shutdown()


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("ok {task.fields[ok]} failed {task.fields[failed]} {task.fields[rate]:.1f}/min"),
        TimeRemainingColumn(),
        console=console,
    )
