"""The agent loop: observe -> filter -> prompt -> model -> parse -> safety gate -> execute ->
record, until the model says FINISH or FAIL, or a limit is hit.

A malformed model output is shown to the model at its next step (a bounded number of times in
a row); a refused sensitive action ends the task cleanly; the trajectory is written line by
line, so a crash loses nothing already done. Backend failures (ModelError) are recorded as the
outcome and raised: a run never goes on as if the model had answered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from openlam.actions import ActionSpace
from openlam.agent.control_filter import filter_controls
from openlam.agent.output_parser import ModelOutputError, parse_model_output
from openlam.agent.prompt import HistoryItem, PromptConfig, build_messages, format_call
from openlam.agent.safety import Confirmer, SafetyConfig, refuse_all, sensitive_reason
from openlam.agent.trajectory_log import TrajectoryStart, TrajectoryWriter
from openlam.models.base import ModelError, TextModel
from openlam.records import Action, ActionResult, Observation, Status, Step, Trajectory


class Env(Protocol):
    """The gymnasium-style contract the agent needs from an application environment."""

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None): ...

    def step(self, action: Action): ...


class AgentConfig(BaseModel):
    """Limits and prompt settings of one agent."""

    prompt: PromptConfig = PromptConfig()
    max_steps: int = 20
    max_invalid_outputs: int = Field(3, description="unparsable outputs in a row before giving up")
    max_new_tokens: int = 200
    temperature: float = 0.0
    safety: SafetyConfig = SafetyConfig()
    app: str = "LibreOffice Writer"


class Agent:
    """A model acting in an environment through an action space."""

    def __init__(
        self,
        model: TextModel,
        actions: ActionSpace,
        config: AgentConfig | None = None,
        confirm: Confirmer = refuse_all,
    ):
        self.model, self.actions = model, actions
        self.config = config or AgentConfig()
        self.confirm = confirm

    def run(
        self,
        env: Env,
        request: str,
        log_path: Path,
        *,
        task_id: str = "task",
        options: dict[str, Any] | None = None,
        on_step: Callable[[Step], None] | None = None,
    ) -> Trajectory:
        """Reset the environment, act until done, and return the trajectory (also on disk)."""
        obs, _ = env.reset(options=options)
        template = str((options or {}).get("template") or "") or None
        return self.run_from(
            env, obs, request, log_path, task_id=task_id, template=template, on_step=on_step
        )

    def run_from(
        self,
        env: Env,
        obs: Observation,
        request: str,
        log_path: Path,
        *,
        task_id: str = "task",
        template: str | None = None,
        on_step: Callable[[Step], None] | None = None,
    ) -> Trajectory:
        """Act from the environment's current state (`obs`, no reset) until done: how a
        replay that lost its way hands the rest of a task over to the model."""
        log = TrajectoryWriter(
            log_path,
            TrajectoryStart(
                id=task_id,
                app=obs.app,
                request=request,
                template=template,
                info={"model": self.model.name},
            ),
        )
        trajectory = Trajectory(id=task_id, app=obs.app, request=request, template=template)
        run = _Run(self, env, request, obs, log, trajectory, on_step)
        try:
            outcome = run.loop()
        except ModelError as exc:
            log.end("model error", {"error": str(exc)})
            raise
        except BaseException:
            log.close()  # what was written stays; the file reads back as interrupted
            raise
        trajectory.outcome = outcome
        trajectory.info = {"steps": len(trajectory.steps), "model": self.model.name}
        if run.obs.document is not None:
            # The state after the last action, for trace viewers; steps hold only the before.
            trajectory.info["final_document"] = run.obs.document.model_dump()
        log.end(outcome, trajectory.info)
        return trajectory


class _Run:
    """The state of one run: history, plan, the current observation."""

    def __init__(
        self,
        agent: Agent,
        env: Env,
        request: str,
        obs: Observation,
        log: TrajectoryWriter,
        trajectory: Trajectory,
        on_step,
    ):
        self.agent, self.env, self.request, self.obs = agent, env, request, obs
        self.log, self.trajectory, self.on_step = log, trajectory, on_step
        self.history: list[HistoryItem] = []
        self.plan: list[str] = []
        self.invalid = 0

    def loop(self) -> str:
        config = self.agent.config
        for _ in range(config.max_steps):
            outcome = self.step()
            if outcome:
                return outcome
        return "step limit"

    def step(self) -> str | None:
        """One turn; returns the outcome when the run is over."""
        config, timings = self.agent.config, {}
        start = time.perf_counter()
        shown = filter_controls(
            self.obs.controls, self.request, self.plan, config.prompt.max_controls
        )
        messages = build_messages(
            self.request,
            shown,
            self.obs.document,
            self.history,
            self.plan,
            self.agent.actions,
            config.prompt.model_copy(update={"max_controls": None}),
            config.app,
        )
        timings["prompt_s"] = time.perf_counter() - start
        generation = self.agent.model.generate(
            messages, max_new_tokens=config.max_new_tokens, temperature=config.temperature
        )
        timings.update(
            model_s=generation.total_seconds,
            prompt_tokens=float(generation.prompt_tokens or 0),
            completion_tokens=float(generation.completion_tokens or 0),
        )
        try:
            action = parse_model_output(generation.text, self.agent.actions, shown)
        except ModelOutputError as exc:
            return self._invalid(generation.text, str(exc), timings)
        self.invalid = 0
        self.plan = action.plan or self.plan
        reason = sensitive_reason(action, self.obs, config.safety)
        if reason and not self.agent.confirm(action, reason):
            result = ActionResult(ok=False, error=f"refused: {reason}")
            self._record(action, result, generation.text, timings, terminated=True)
            return "refused"
        start = time.perf_counter()
        obs, reward, terminated, truncated, info = self.env.step(action)
        timings["execute_s"] = time.perf_counter() - start
        timings.update({k: v for k, v in info.get("timings", {}).items() if k == "observe_s"})
        self._record(
            action, obs.last_result, generation.text, timings, terminated, truncated, reward
        )
        self.obs = obs
        if terminated:
            if info.get("task_over"):
                return "task over"  # the application ended the task itself (a web form sent)
            return "finished" if action.status == Status.FINISH else "failed"
        if truncated:
            return f"truncated: {info.get('truncated_reason', 'environment limit')}"
        return None

    def _invalid(self, text: str, error: str, timings: dict) -> str | None:
        self.invalid += 1
        result = ActionResult(ok=False, error=f"invalid output: {error}")
        self._record(None, result, text, timings)
        self.obs = self.obs.model_copy(update={"last_result": result})
        if self.invalid >= self.agent.config.max_invalid_outputs:
            return "invalid output"
        return None

    def _record(
        self,
        action: Action | None,
        result: ActionResult,
        text: str,
        timings: dict,
        terminated: bool = False,
        truncated: bool = False,
        reward: float = 0.0,
    ) -> None:
        step = Step(
            index=len(self.trajectory.steps),
            observation=self.obs,
            action=action,
            result=result,
            reward=reward,
            terminated=terminated,
            truncated=truncated,
            timings=timings,
            model_output=text,
        )
        self.trajectory.steps.append(step)
        self.history.append(
            HistoryItem(
                action=action, result=result, output=format_call(action) if action else text[:200]
            )
        )
        self.log.step(step)
        if self.on_step is not None:
            self.on_step(step)
