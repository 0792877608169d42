"""Phase 3: self-boosting exploration.

The phase-2 model retries, in the real application, the training-side tasks its expert
failed: k attempts each, sampling, with the agent's observe-act loop and the checker judging
the end state. The steps of the recovered tasks join the expert's successes, and the model is
trained further on both.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from rich.console import Console

from openlam.agent.loop import AgentConfig
from openlam.agent.prompt import PromptConfig
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.collect import CollectConfig, collect, load_results
from openlam.data.execute import ExpertConfig, TaskResult
from openlam.data.instantiate import Instantiation
from openlam.data.samples import StepSample, sample_split, step_samples
from openlam.models.config import ModelConfig
from openlam.records import read_jsonl, write_jsonl
from openlam.train.checkpoint import CheckpointMeta, policy_variant, resolve_start
from openlam.train.config import TrainConfig
from openlam.train.examples import Example, step_examples
from openlam.train.phases import Log, finished, run_sft_phase


class ExploreConfig(BaseModel):
    """Which failed tasks are retried, how, and where the attempts run."""

    collection: Path = Field(Path("runs/collect"), description="the expert's collection folder")
    attempts: int = Field(2, ge=1, description="k: tries per failed task")
    temperature: float = Field(0.7, ge=0, description="sampling temperature of the attempts")
    max_steps: int = Field(12, ge=1)
    max_tasks: int | None = Field(None, ge=1)
    workers: int = Field(1, ge=1)
    in_process: bool = Field(False, description="one worker in this process, without Ray")
    device: str = "auto"
    threads: int | None = Field(None, ge=1)


def failed_training_tasks(collection: Path) -> list[Instantiation]:
    """The expert-failed tasks on the training side (held-out ones stay unseen)."""
    results = load_results(collection / "results.jsonl")
    failed = {r.id for r in results if not r.success and sample_split(r) == "train"}
    tasks = read_jsonl(collection / "instantiations.jsonl", Instantiation)
    chosen = {t.instance.id: t for t in tasks if t.instance and t.instance.id in failed}
    return list(chosen.values())


def attempt_config(start: str, config: ExploreConfig, out: Path, variant: str) -> CollectConfig:
    """A collection whose expert is the model being trained, sampling."""
    base, adapter = resolve_start(start)
    agent = AgentConfig(
        prompt=PromptConfig(variant=variant),
        max_steps=config.max_steps,
        temperature=config.temperature,
    )
    return CollectConfig(
        out_dir=out,
        expert=ExpertConfig(kind="model", agent=agent),
        expert_model=ModelConfig(
            backend="hf",
            model=base,
            adapter=adapter,
            device=config.device,
            threads=config.threads,
        ),
        workers=config.workers,
        in_process=config.in_process,
    )


def explore_attempts(
    start: str, config: ExploreConfig, out: Path, console: Console
) -> tuple[list[Instantiation], list[tuple[Path, TaskResult]]]:
    """Run up to k attempts on each failed task, stopping for a task at its first success;
    return the tasks and the (attempt folder, result) of each recovered one."""
    variant = policy_variant(start)
    tasks = failed_training_tasks(config.collection)[: config.max_tasks]
    recovered: dict[str, tuple[Path, TaskResult]] = {}
    for attempt in range(1, config.attempts + 1):
        todo = [t for t in tasks if t.instance.id not in recovered]
        if not todo:
            break
        folder = out / f"attempt-{attempt}"
        # Each attempt samples differently: the seed is part of the sampling state in torch,
        # and the temperature is above zero.
        results = collect(attempt_config(start, config, folder, variant), todo, console)
        for r in results:
            if r.success and r.id not in recovered:
                recovered[r.id] = (folder, r)
    return tasks, list(recovered.values())


def own_samples(recovered: list[tuple[Path, TaskResult]], variant: str) -> list[StepSample]:
    """The steps of the model's own successes, as training samples."""
    config = PromptConfig(variant=variant)
    out = []
    for folder, result in recovered:
        trajectory = load_trajectory(folder / "trajectories" / result.trajectory)
        out += [s for s in step_samples(trajectory, result, config) if s.split == "train"]
    return out


def train_explore(
    expert_samples: Path,
    start: str,
    out: Path,
    explore: ExploreConfig,
    config: TrainConfig,
    console: Console,
    log: Log = print,
) -> CheckpointMeta:
    """Phase 3 (LAM3): attempts on the expert's failures, then SFT on expert + own successes."""
    if meta := finished(out, log):
        return meta
    out.mkdir(parents=True, exist_ok=True)
    tasks, recovered = explore_attempts(start, explore, out / "explore", console)
    samples = own_samples(recovered, policy_variant(start))
    own_path = out / "explore" / "own_samples.jsonl"
    write_jsonl(own_path, samples)
    log(f"recovered {len(recovered)} of {len(tasks)} expert-failed tasks ({len(samples)} steps)")
    examples = step_examples(expert_samples) + [
        Example(id=s.id, messages=s.messages, target=s.target) for s in samples
    ]
    return run_sft_phase(
        "explore",
        start,
        examples,
        [expert_samples, own_path],
        config,
        out,
        log,
        prompt_variant=policy_variant(start),
        extra_metrics={
            "failed_tasks": len(tasks),
            "recovered_tasks": len(recovered),
            "own_samples": len(samples),
            "attempts": explore.attempts,
        },
    )
