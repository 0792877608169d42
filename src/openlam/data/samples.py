"""Successful trajectories cut into one training sample per step, in the agent's own prompt
format (the same module builds the prompts at inference), split so that no test sample shares
a template or a request phrasing with training.

A sample is train when its template is a training template and its request used a training
phrasing; test when both are held out; a task with one of each is left out of both.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from openlam.actions import ActionSpace
from openlam.agent.grammar import action_grammar
from openlam.agent.prompt import PromptConfig, format_output, step_messages
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.execute import TaskResult
from openlam.models.base import Message
from openlam.records import Record, Step, Trajectory, write_jsonl
from openlam.tasks.apps import app_for


class StepSample(Record):
    """One step as a chat exchange: the prompt messages and the target output."""

    id: str
    task_id: str
    family: str
    template: str
    split: str
    step: int
    messages: list[Message]
    target: str
    variant: str
    expert: str
    app: str = "writer"
    grammar: str | None = None  # the step's valid answers (call variant), as the agent had them


def sample_split(result: TaskResult) -> str | None:
    """train, test, or None for a task that mixes a held-out and a training side (see the
    app's `held_out`)."""
    return app_for(result.app).held_out(result.template, result.split)


def step_samples(
    trajectory: Trajectory, result: TaskResult, config: PromptConfig
) -> list[StepSample]:
    """The steps of one trajectory as samples, each prompt rebuilt from the step's record
    with the function the agent uses (`step_messages`). Left out: steps the expert got
    wrong (the steps that put them right stay, with the mistake in their history), steps
    the environment rejected, steps without an action, and steps whose control was not
    among those shown."""
    split = sample_split(result)
    if split is None:
        return []
    app = app_for(result.app)
    actions = app.action_space()
    out = []
    wrong = set(result.expert_error_steps)
    for position, step in enumerate(trajectory.steps):
        if position in wrong or not _teaches(step, trajectory):
            continue
        messages = step_messages(
            trajectory.request,
            trajectory.steps[:position],
            step.observation,
            step.shown,
            actions,
            config,
            app.title,
        )
        digest = hashlib.sha1(f"{result.id}:{step.index}".encode()).hexdigest()[:12]
        out.append(
            StepSample(
                id=digest,
                task_id=result.id,
                family=result.family,
                template=result.template,
                split=split,
                step=step.index,
                messages=messages,
                target=format_output(step.action, config.variant, actions),
                variant=config.variant,
                expert=result.expert,
                app=result.app,
                grammar=_grammar(step, actions, config),
            )
        )
    return out


def _grammar(step: Step, actions: ActionSpace, config: PromptConfig) -> str | None:
    if config.variant != "call":
        return None
    return action_grammar(actions, step.shown.of(step.observation), step.observation.document)


def _teaches(step: Step, trajectory: Trajectory) -> bool:
    if step.shown is None:
        raise ValueError(
            f"trajectory {trajectory.id} step {step.index} does not record what was shown; "
            "it was written by an older openlam: collect it again"
        )
    if step.action is None or not step.result.ok:
        return False
    return step.action.control_label is None or step.action.control_label in step.shown.controls


def build_samples(
    results: list[TaskResult], folder: Path, out_dir: Path, config: PromptConfig
) -> dict[str, int]:
    """Samples of every successful task into train.jsonl and test.jsonl; returns counts."""
    by_split: dict[str, list[StepSample]] = {"train": [], "test": []}
    counts: Counter = Counter()
    for result in results:
        if not result.success or not result.trajectory:
            counts["skipped (not a success)"] += 1
            continue
        samples = step_samples(load_trajectory(folder / result.trajectory), result, config)
        if not samples:
            counts["skipped (mixed split)"] += 1
        for sample in samples:
            by_split[sample.split].append(sample)
    for split, samples in by_split.items():
        write_jsonl(out_dir / f"{split}.jsonl", samples)
        counts[f"{split} samples"] = len(samples)
    return dict(counts)
