"""Recording a demonstration: the user's actions, one at a time, in the real application.

Each action is parsed by the environment's own action space (the syntax the model uses),
its control is described as a semantic `Target` from the observation it was chosen in, and
the step (observation before, action, result) is kept. An action the application refuses
(an error result) is shown to the user and not kept: it changed nothing, and a skill should
not replay a mistake. `undo` drops the last step and, since an application cannot be rolled
back, resets it and does the kept steps again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openlam.actions import ActionParseError
from openlam.agent.control_filter import shown_for
from openlam.agent.prompt import PromptConfig
from openlam.agent.trajectory_log import TrajectoryStart, TrajectoryWriter
from openlam.records import Action, Observation, Status, Step, Trajectory, step_record
from openlam.teach.params import suggest_parameters
from openlam.teach.skill import Recorded, Skill, SkillStart, SkillStep, Target
from openlam.teach.start import place, reset_options
from openlam.teach.target import MatchConfig, describe_control, find_target


class RecordingError(RuntimeError):
    """The recording cannot go on (a step could not be done again after an undo)."""


@dataclass
class DemoStep:
    """One kept step of a demonstration and the target its control stands for."""

    step: Step
    target: Target | None
    note: str | None = None


@dataclass
class Demonstration:
    """A finished recording."""

    start: SkillStart
    request: str
    steps: list[DemoStep]
    outcome: str
    reward: float = 0.0
    end_step: Step | None = None  # the closing FINISH, when the user ended the task
    info: dict[str, Any] = field(default_factory=dict)

    def trajectory(self, task_id: str) -> Trajectory:
        """The demonstration as a trajectory, in the agent's format."""
        steps = [d.step for d in self.steps] + ([self.end_step] if self.end_step else [])
        steps = [s.model_copy(update={"index": i}) for i, s in enumerate(steps)]
        return Trajectory(
            id=task_id,
            app=self.start.app,
            request=self.request,
            template=place(self.start),
            steps=steps,
            outcome=self.outcome,
            info={"demonstration": True, "reward": self.reward, **self.info},
        )


class Recorder:
    """Records a demonstration in `env`, driven by actions (from a prompt or from code)."""

    def __init__(
        self,
        env: Any,
        start: SkillStart,
        request: str | None = None,
        match: MatchConfig | None = None,
    ):
        self.env, self.start, self.request = env, start, request
        self.match = match or MatchConfig()
        self.steps: list[DemoStep] = []
        self.obs: Observation | None = None
        self.over = False  # the application ended the episode
        self.outcome = "recording"
        self.reward = 0.0
        self._started = 0.0

    def begin(self) -> Observation:
        """Open the start; the request is the page's goal (MiniWoB) or the one given."""
        self._started = time.monotonic()
        self.obs, info = self.env.reset(options=reset_options(self.start))
        self.request = info.get("goal") or self.request
        if not self.request:
            raise ValueError("a demonstration needs a request: what the task is, in words")
        return self.obs

    def act(self, action: Action | str) -> Step:
        """Carry out one action and keep it if the application accepted it. Raises
        ActionParseError, without acting, for text that is no action or a wrong label."""
        if self.obs is None:
            raise RuntimeError("call begin() first")
        if self.over:
            raise ActionParseError(f"the episode is over ({self.outcome}); say done")
        action = self._parse(action)
        target = None
        if action.control_label is not None:
            control = self.obs.control(action.control_label)
            if control is None:
                raise ActionParseError(f"no control labelled {action.control_label!r}")
            target = describe_control(self.obs, control)
            action = action.model_copy(update={"control_name": control.name})
        step = self._step(action)
        if step.result.ok:
            self.steps.append(DemoStep(step, target))
        return step

    def annotate(self, note: str) -> None:
        """Write a note on the last kept step."""
        if not self.steps:
            raise ValueError("no step to annotate yet")
        self.steps[-1].note = note.strip() or None

    def undo(self) -> Observation:
        """Drop the last kept step: reset the application and do the others again."""
        if not self.steps:
            raise ValueError("no step to undo")
        kept = self.steps[:-1]
        self.obs, _ = self.env.reset(options=reset_options(self.start))
        self.steps, self.over, self.outcome = [], False, "recording"
        for number, demo in enumerate(kept, start=1):
            self._redo(number, demo)
        return self.obs

    def finish(self) -> Demonstration:
        """End the recording; say FINISH to the application unless the episode is over."""
        end_step = None
        if not self.over:
            end_step = self._step(Action(function="", status=Status.FINISH))
            self.outcome = "finished"
        return Demonstration(
            start=self.start,
            request=self.request or "",
            steps=list(self.steps),
            outcome=self.outcome,
            reward=self.reward,
            end_step=end_step,
            info={"seconds": time.monotonic() - self._started},
        )

    # -- internals -----------------------------------------------------------------------

    def _parse(self, action: Action | str) -> Action:
        actions = self.env.actions
        return actions.parse(action) if isinstance(action, str) else actions.validate(action)

    def _step(self, action: Action) -> Step:
        before = self.obs
        stepped = self.env.step(action)
        obs, reward, terminated, truncated, info = stepped
        shown = shown_for(before, self.request or "", [], PromptConfig().max_controls)
        step = step_record(len(self.steps), before, action, stepped, shown)
        self.obs = obs
        if terminated or truncated:
            self.over, self.reward = True, reward
            self.outcome = _outcome(info, terminated, truncated)
        return step

    def _redo(self, number: int, demo: DemoStep) -> None:
        action = demo.step.action
        if demo.target is not None:
            found = find_target(self.obs, demo.target, self.match)
            if not found.found:
                raise RecordingError(f"after the undo, step {number}'s control is not found")
            control = found.best.control
            action = action.model_copy(update={"control_label": control.label})
        step = self._step(action)
        if not step.result.ok:
            raise RecordingError(f"after the undo, step {number} failed: {step.result.error}")
        self.steps.append(DemoStep(step, demo.target, demo.note))


def _outcome(info: dict[str, Any], terminated: bool, truncated: bool) -> str:
    if truncated:
        return f"truncated: {info.get('truncated_reason', 'environment limit')}"
    return "task over" if info.get("task_over") else "finished"


def build_skill(demo: Demonstration, name: str, demonstration_file: str | None = None) -> Skill:
    """The skill a demonstration teaches, with suggested parameters (see `params`)."""
    steps = [
        SkillStep(
            function=d.step.action.function,
            target=d.target,
            args=dict(d.step.action.args),
            note=d.note,
            recorded=Recorded(
                ok=d.step.result.ok,
                message=d.step.result.message,
                error=d.step.result.error,
                terminated=d.step.terminated,
                reward=d.step.reward,
            ),
        )
        for d in demo.steps
    ]
    suggestion = suggest_parameters(demo.request, steps)
    bindings = zip(steps, suggestion.bindings, strict=True)
    steps = [s.model_copy(update={"params": b}) for s, b in bindings]
    return Skill(
        name=name,
        start=demo.start,
        request=demo.request,
        request_template=suggestion.request_template,
        parameters=suggestion.parameters,
        steps=steps,
        demonstration=demonstration_file,
    )


def save_demonstration(demo: Demonstration, path: Path, task_id: str) -> Path:
    """Write the demonstration as a trajectory file (the agent's JSON Lines format)."""
    trajectory = demo.trajectory(task_id)
    log = TrajectoryWriter(
        path,
        TrajectoryStart(
            id=task_id,
            app=trajectory.app,
            request=trajectory.request,
            template=trajectory.template,
            info={"demonstration": True},
        ),
    )
    for step in trajectory.steps:
        log.step(step)
    log.end(trajectory.outcome or "finished", trajectory.info)
    return path
