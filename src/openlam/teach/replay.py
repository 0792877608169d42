"""Replaying a skill without a model, and handing over to the agent where replay is lost.

Each step's control is found again by its semantic target (`target.find_target`) in the
current observation, whatever its label now is, and the step's action is done with the
parameter values of this run. A step whose control is not found, or whose result is an error
where the demonstration had none, ends the replay: the LAM agent (`Agent.run_from`) goes on
from the state the application is in, with the request filled in and the remaining steps in
words as its goal. With the fallback off, the replay stops there instead and says why.

Everything done, by the replay and by the agent, is one trajectory in the agent's format
(`trajectory.jsonl`, agent steps carry their model output); `report.json` says per step how
its control was found, with what score and how long it took, whether and why the agent took
over, and, where the application judges the task (a MiniWoB page), whether it succeeded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.prompt import format_call
from openlam.agent.trajectory_log import TrajectoryStart, TrajectoryWriter
from openlam.models.base import ModelError, TextModel
from openlam.models.config import ModelConfig, load_model
from openlam.records import Observation, Record, Step, step_record
from openlam.tasks.apps import agent_config_for, app_for
from openlam.teach.skill import (
    Skill,
    SkillStep,
    Value,
    describe_step,
    fill_request,
    resolve_values,
    step_action,
)
from openlam.teach.start import place
from openlam.teach.target import Found, MatchConfig, find_target

Say = Callable[[str], None]


class ReplayConfig(BaseModel):
    """How a replay finds controls and what it does when it cannot."""

    model_config = ConfigDict(extra="forbid")

    match: MatchConfig = MatchConfig()
    fallback: bool = Field(True, description="hand over to the agent; else stop with an error")
    model: ModelConfig = Field(default_factory=ModelConfig, description="the fallback's model")
    agent: AgentConfig = AgentConfig(max_steps=10)


class StepReport(BaseModel):
    """One replayed step."""

    model_config = ConfigDict(extra="forbid")

    step: int = Field(description="1-based, as `openlam teach show` numbers steps")
    description: str
    found_by: Literal["exact", "match", "no target", "not found"]
    score: float | None = None
    runner_up: float | None = Field(None, description="the second best candidate's score")
    features: dict[str, float] = Field(default_factory=dict)
    label_then: str | None = None
    label_now: str | None = None
    ok: bool | None = Field(None, description="None: the step was not carried out")
    error: str | None = None
    find_s: float = 0.0
    execute_s: float = 0.0


class Handover(BaseModel):
    """The agent took over the rest of the task."""

    model_config = ConfigDict(extra="forbid")

    step: int = Field(description="the first step the agent was given")
    reason: str
    goal: str
    model: str
    outcome: str | None = None
    steps: int = 0
    trajectory: str = Field(description="the agent's own trajectory file")


class ReplayReport(Record):
    """What a replay did, step by step, and how it ended."""

    skill: str
    request: str
    params: dict[str, Value]
    steps: list[StepReport] = Field(default_factory=list)
    fallback: Handover | None = None
    stopped: str | None = Field(None, description="why the replay stopped (fallback off)")
    outcome: str = "running"
    reward: float | None = None
    success: bool | None = Field(None, description="None where the application cannot say")
    seconds: float = 0.0
    trajectory: str = ""


def replay(
    env: Any,
    obs: Observation,
    skill: Skill,
    params: dict[str, Value],
    out_dir: Path,
    config: ReplayConfig | None = None,
    *,
    model: TextModel | None = None,
    say: Say | None = None,
) -> ReplayReport:
    """Replay `skill` from the environment's current state (`obs`, no reset) with these
    parameter values; write `trajectory.jsonl` and `report.json` into `out_dir`. `model`
    replaces the configured fallback model (loaded only if the agent is needed)."""
    config = config or ReplayConfig()
    values = resolve_values(skill, params)
    run = _Replay(env, obs, skill, values, out_dir, config, model, say or (lambda _: None))
    try:
        run.go()
    except ModelError as exc:
        run.end("model error", error=str(exc))
        raise
    except BaseException:
        run.log.close()  # what was written stays; the file reads back as interrupted
        raise
    return run.end(run.report.outcome)


class _Replay:
    """The state of one replay."""

    def __init__(self, env, obs, skill, values, out_dir, config, model, say: Say):
        self.env, self.obs, self.skill, self.values = env, obs, skill, values
        self.out_dir, self.config, self.model, self.say = out_dir, config, model, say
        self.request = fill_request(skill.request_template, values)
        self.started = time.monotonic()
        self.steps_logged = 0
        self.over = False
        self.report = ReplayReport(
            skill=skill.name,
            request=self.request,
            params=values,
            trajectory=str(out_dir / "trajectory.jsonl"),
        )
        self.log = TrajectoryWriter(
            out_dir / "trajectory.jsonl",
            TrajectoryStart(
                id=f"replay/{skill.name}",
                app=skill.start.app,
                request=self.request,
                template=place(skill.start),
                info={"skill": skill.name, "params": values, "replay": True},
            ),
        )

    def go(self) -> None:
        for number, step in enumerate(self.skill.steps, start=1):
            if self.over:
                self.report.outcome = "task over before the last step"
                return
            if not self.replay_step(number, step):
                return
        last = self.skill.steps[-1].recorded if self.skill.steps else None
        if last is not None and last.terminated and not self.over:
            reason = "the demonstration's last step ended the task; the replay's did not"
            self.hand_over(len(self.skill.steps) + 1, reason)
        elif not self.report.outcome.startswith("truncated"):
            self.report.outcome = "task over" if self.over else "replayed"

    def replay_step(self, number: int, step: SkillStep) -> bool:
        """Do one step; False when the replay cannot go on by itself."""
        report = StepReport(
            step=number,
            description=describe_step(step, self.values),
            found_by="no target",
            label_then=step.target.label if step.target else None,
        )
        self.report.steps.append(report)
        start = time.monotonic()
        label = None
        if step.target is not None:
            found = find_target(self.obs, step.target, self.config.match)
            _note_match(report, found)
            if not found.found:
                report.find_s = time.monotonic() - start
                self.hand_over(number, _not_found(step, found, self.config.match))
                return False
            label = report.label_now = found.best.control.label
        report.find_s = time.monotonic() - start
        action = step_action(step, self.values, label)
        start = time.monotonic()
        obs, reward, terminated, truncated, info = self.env.step(action)
        report.execute_s = time.monotonic() - start
        report.ok, report.error = obs.last_result.ok, obs.last_result.error
        self.record(obs, action, reward, terminated, truncated, info)
        self.say(_step_line(report))
        if truncated:
            self.report.outcome = f"truncated: {info.get('truncated_reason', 'environment limit')}"
            return False
        expected_ok = step.recorded is None or step.recorded.ok
        if not obs.last_result.ok and expected_ok and not self.over:
            error = obs.last_result.error
            reason = f"it failed ({error}); the demonstration had no error there"
            self.hand_over(number, reason)
            return False
        return True

    def record(self, obs, action, reward, terminated, truncated, info) -> None:
        step = step_record(
            self.steps_logged, self.obs, action, (obs, reward, terminated, truncated, info)
        )
        self.log.step(step)
        self.steps_logged += 1
        self.obs = obs
        self.note_end(step)

    def note_end(self, step: Step) -> None:
        if step.terminated:
            self.over, self.report.reward = True, step.reward

    def hand_over(self, number: int, reason: str) -> None:
        """Give the rest of the task to the agent, or stop if the fallback is off."""
        if not self.config.fallback:
            self.report.stopped, self.report.outcome = f"step {number}: {reason}", "stopped"
            self.say(f"stopped at step {number}: {reason} (the fallback to the agent is off)")
            return
        model = self.model or load_model(self.config.model)
        goal = remaining_goal(self.request, self.skill.steps[number - 1 :], self.values)
        handover = Handover(
            step=number,
            reason=reason,
            goal=goal,
            model=model.name,
            trajectory=str(self.out_dir / "agent.jsonl"),
        )
        self.report.fallback = handover
        self.say(f"step {number}: {reason}\nthe agent ({model.name}) takes over the rest")
        app = app_for(self.skill.start.app)
        agent = Agent.for_model(model, self.env.actions, agent_config_for(app, self.config.agent))
        try:
            trajectory = agent.run_from(
                self.env,
                self.obs,
                goal,
                self.out_dir / "agent.jsonl",
                task_id=f"replay/{self.skill.name}/agent",
                template=place(self.skill.start),
                on_step=self.agent_step,
            )
        except ModelError:
            handover.outcome = "model error"
            raise
        handover.outcome, handover.steps = trajectory.outcome, len(trajectory.steps)
        self.report.outcome = trajectory.outcome or "agent"

    def agent_step(self, step: Step) -> None:
        self.log.step(step.model_copy(update={"index": self.steps_logged}))
        self.steps_logged += 1
        self.note_end(step)
        result = "ok" if step.result.ok else f"error: {step.result.error}"
        call = step.model_output if step.action is None else format_call(step.action)
        self.say(f"  agent step {self.steps_logged}: {call} -> {result}")

    def end(self, outcome: str, error: str | None = None) -> ReplayReport:
        report = self.report
        report.outcome = outcome
        report.seconds = time.monotonic() - self.started
        if getattr(self.env, "task", None) is not None:
            # The application judges this task (a MiniWoB page): its reward is the verdict.
            report.success = self.over and (report.reward or 0.0) >= 1.0
        info = report.model_dump(include={"fallback", "stopped", "reward", "success"})
        if error:
            info["error"] = error
        self.log.end(outcome, info)
        (self.out_dir / "report.json").write_text(report.model_dump_json(indent=2) + "\n")
        return report


def remaining_goal(request: str, steps: list[SkillStep], values: dict[str, Value]) -> str:
    """The goal the agent is given: the request, and what was left to do in words."""
    if not steps:
        return request
    lines = [f"{i}. {describe_step(s, values)}" for i, s in enumerate(steps, start=1)]
    return f"{request}\nWhat remains to do, as the user demonstrated it:\n" + "\n".join(lines)


def _note_match(report: StepReport, found: Found) -> None:
    report.found_by = found.how
    if found.best is not None:
        report.score, report.features = round(found.best.score, 4), found.best.features
    if found.runner_up is not None:
        report.runner_up = round(found.runner_up.score, 4)


def _not_found(step: SkillStep, found: Found, match: MatchConfig) -> str:
    target = step.target
    what = f'the {target.role} "{target.name}"'
    if found.best is None:
        return f"{what} is not found (no {target.role} in the current view)"
    best = found.best
    return (
        f'{what} is not found (best candidate "{best.control.name}" '
        f"scores {best.score:.2f} < {match.threshold:.2f}: {best.summary()})"
    )


def _step_line(report: StepReport) -> str:
    how = report.found_by
    if report.score is not None:
        how += f" {report.score:.2f}, label {report.label_then} -> {report.label_now}"
    result = "ok" if report.ok else f"error: {report.error}"
    return f"step {report.step}: {report.description} [{how}] -> {result}"
