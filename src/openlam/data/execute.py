"""Execution and evaluation of one task instance by an expert in its application, as one
result record (the paper's dataflow record: task, instantiation, execution, evaluation, time
per stage) plus its trajectory file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.policy import Policy
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.experts import ExpertKind, NoiseConfig, NoisyOracle, oracle_policy
from openlam.data.judge import Judgement, judge
from openlam.models.base import TextModel
from openlam.records import Record, Trajectory
from openlam.tasks.apps import agent_config_for, app_for
from openlam.tasks.base import TaskInstance
from openlam.tasks.episode import SCRIPTED_STEP_LIMIT, run_episode


class ExpertConfig(BaseModel):
    """Which expert executes the tasks."""

    kind: ExpertKind = "noisy-oracle"
    noise: NoiseConfig = NoiseConfig()
    # The first and last screens are kept by default: the judge and the trace viewer use them.
    agent: AgentConfig = AgentConfig(screens="ends")


class TaskResult(Record):
    """One executed and evaluated task."""

    id: str
    app: str = "writer"
    family: str
    template: str
    split: str
    phrasing: int
    request: str
    source: str
    expert: str
    success: bool
    reason: str
    expert_errors: list[str] = Field(default_factory=list)
    expert_error_steps: list[int] = Field(
        default_factory=list, description="positions of the steps the expert got wrong"
    )
    execution_error: str | None = None
    steps: int
    attempts: int
    judge: Judgement | None = None
    seconds: dict[str, float]
    trajectory: str  # file name under the collection's trajectories/ folder


def trajectory_name(instance_id: str) -> str:
    """A file name for an instance id ("writer/bold-word-v1:letter:ab12" has slashes)."""
    return instance_id.replace("/", "__").replace(":", "--") + ".jsonl"


def execute(
    env: Any,
    instance: TaskInstance,
    source: str,
    expert: ExpertConfig,
    folder: Path,
    model: TextModel | None = None,
    judge_model: TextModel | None = None,
    attempts: int = 1,
) -> TaskResult:
    """Run the expert on the instance, check the end state, optionally ask the judge."""
    start = time.monotonic()
    path = folder / trajectory_name(instance.id)
    policy = expert_policy(instance, expert, model)
    scripted = expert.kind in ("oracle", "noisy-oracle")
    config = expert.agent
    if scripted:
        config = config.model_copy(update={"max_steps": SCRIPTED_STEP_LIMIT})
    try:
        result = run_episode(env, instance, policy, path, config, trusted=scripted)
    except LookupError as exc:
        if not scripted:
            raise
        # A scripted expert whose next control is not in the observation has failed the
        # task at that step: a result like any other failure, not the end of the collection.
        seconds = time.monotonic() - start
        return _expert_stopped(instance, source, expert, exc, path, seconds, attempts)
    trajectory, check = result.trajectory, result.check
    errors = list(getattr(policy, "errors", []))
    error_steps = list(getattr(policy, "error_steps", []))
    executed = time.monotonic()
    verdict = None
    if judge_model is not None and trajectory.steps:
        before = trajectory.steps[0].observation.document
        screens = _first_and_last_screens(trajectory, path.parent)
        verdict = judge(judge_model, trajectory, before, env.observe().document, screens=screens)
    cut_short = [s.result.error for s in trajectory.steps if s.truncated and s.result.error]
    return TaskResult(
        **_task_fields(instance, source, expert),
        success=check.success,
        reason=check.reason,
        expert_errors=errors,
        expert_error_steps=error_steps,
        execution_error=cut_short[0] if cut_short else None,
        steps=len(trajectory.steps),
        attempts=attempts,
        judge=verdict,
        seconds={"execute": executed - start, "evaluate": time.monotonic() - executed},
        trajectory=path.name,
    )


def _first_and_last_screens(trajectory: Trajectory, folder: Path) -> tuple[Path, Path] | None:
    first, last = trajectory.steps[0].screen, trajectory.info.get("final_screen")
    return (folder / first, folder / last) if first and last else None


def expert_policy(instance: TaskInstance, expert: ExpertConfig, model: TextModel | None) -> Policy:
    """The policy of an expert kind: the oracle, the noisy oracle, or a model."""
    if expert.kind == "oracle":
        return oracle_policy(instance)
    if expert.kind == "noisy-oracle":
        return NoisyOracle(instance, expert.noise)
    if model is None:
        raise ValueError(f"expert {expert.kind!r} needs a model")
    app = app_for(instance.app)
    return Agent.for_model(model, app.action_space(), agent_config_for(app, expert.agent)).policy


def execute_with_retries(
    env: Any,
    instance: TaskInstance,
    source: str,
    expert: ExpertConfig,
    folder: Path,
    max_attempts: int,
    model: TextModel | None = None,
    judge_model: TextModel | None = None,
) -> TaskResult:
    """`execute`, again on a fresh application when the application dies or stops answering
    (the environment restarts it at the next reset), at most `max_attempts` times."""
    for attempt in range(1, max_attempts + 1):
        try:
            result = execute(env, instance, source, expert, folder, model, judge_model, attempt)
        except app_for(instance.app).gone as exc:
            if attempt == max_attempts:
                return _app_error(instance, source, expert, str(exc), attempt)
            continue
        died = result.execution_error and "step limit" not in result.execution_error
        if not died or attempt == max_attempts:
            return result
    raise AssertionError("unreachable")


def _task_fields(instance: TaskInstance, source: str, expert: ExpertConfig) -> dict:
    """What a result says about the task it is for, whatever happened to it."""
    return {
        "id": instance.id,
        "app": instance.app,
        "family": instance.family,
        "template": instance.template,
        "split": instance.split,
        "phrasing": instance.phrasing,
        "request": instance.request,
        "source": source,
        "expert": expert.kind,
    }


def _app_error(
    instance: TaskInstance, source: str, expert: ExpertConfig, error: str, attempts: int
) -> TaskResult:
    # Recorded, not retried forever: the report counts these apart from checker verdicts.
    return TaskResult(
        **_task_fields(instance, source, expert),
        success=False,
        reason="application error",
        execution_error=error,
        steps=0,
        attempts=attempts,
        seconds={},
        trajectory="",
    )


def _expert_stopped(
    instance: TaskInstance,
    source: str,
    expert: ExpertConfig,
    exc: LookupError,
    path: Path,
    seconds: float,
    attempts: int,
) -> TaskResult:
    steps = load_trajectory(path).steps if path.is_file() else []
    return TaskResult(
        **_task_fields(instance, source, expert),
        success=False,
        reason=f"the expert stopped at step {len(steps) + 1}: {exc}",
        steps=len(steps),
        attempts=attempts,
        seconds={"execute": seconds},
        trajectory=path.name if path.is_file() else "",
    )
