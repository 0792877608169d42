"""The agent loop: observe -> filter -> policy -> safety gate -> execute -> record, until the
policy says FINISH or FAIL, or a limit is hit. The one loop for every policy: a model, the
experts of the dataflow, scripted policies, a teach-mode handover.

The control filter runs here, once per step, and its result is recorded in the step (`Shown`),
so that training rebuilds the very prompt the model received. A malformed model output is shown
to the model at its next step (a bounded number of times in a row); a refused sensitive action
ends the task cleanly; the trajectory is written line by line, so a crash loses nothing already
done. Backend failures (ModelError) are recorded as the outcome and raised: a run never goes on
as if the model had answered.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from openlam.actions import ActionSpace
from openlam.agent.control_filter import shown_for
from openlam.agent.policy import Decision, ModelPolicy, Policy, StepContext
from openlam.agent.prompt import PromptConfig
from openlam.agent.safety import Confirmer, SafetyConfig, refuse_all, sensitive_reason
from openlam.agent.trajectory_log import TrajectoryStart, TrajectoryWriter
from openlam.envs.base import Env
from openlam.envs.screens import ScreenMode, ScreenRecorder, marked_screen
from openlam.models.base import ModelError, TextModel, takes_images
from openlam.records import Action, ActionResult, Observation, Status, Step, Trajectory


class AgentConfig(BaseModel):
    """Limits and prompt settings of one agent."""

    prompt: PromptConfig = PromptConfig()
    max_steps: int = 20
    max_invalid_outputs: int = Field(3, description="unparsable outputs in a row before giving up")
    max_new_tokens: int = 64
    temperature: float = 0.0
    constrained: bool = Field(True, description="decode under the step's grammar if possible")
    safety: SafetyConfig = SafetyConfig()
    app: str = Field("the application", description="how the prompt names it (the app's title)")
    screens: ScreenMode = Field(
        "never", description="keep the window's picture: never, first and last (ends), each step"
    )


class Agent:
    """A policy acting in an environment."""

    def __init__(
        self, policy: Policy, config: AgentConfig | None = None, confirm: Confirmer = refuse_all
    ):
        self.policy = policy
        self.config = config or AgentConfig()
        self.confirm = confirm

    @classmethod
    def for_model(
        cls,
        model: TextModel,
        actions: ActionSpace,
        config: AgentConfig | None = None,
        confirm: Confirmer = refuse_all,
    ) -> Agent:
        """A model as the policy, prompted and limited as `config` says."""
        config = config or AgentConfig()
        if config.prompt.screen and not takes_images(model):
            raise ValueError(f"{model.name} does not take images: it cannot be shown the screen")
        policy = ModelPolicy(
            model,
            actions,
            config.prompt,
            max_new_tokens=config.max_new_tokens,
            temperature=config.temperature,
            constrained=config.constrained,
        )
        return cls(policy, config, confirm)

    def run(
        self,
        env: Env,
        request: str,
        log_path: Path | None,
        *,
        task_id: str = "task",
        options: dict[str, Any] | None = None,
        template: str | None = None,
        on_step: Callable[[Step], None] | None = None,
    ) -> Trajectory:
        """Reset the environment, act until done, and return the trajectory (also on disk,
        unless `log_path` is None)."""
        obs, _ = env.reset(options=options)
        template = template or str((options or {}).get("template") or "") or None
        return self.run_from(
            env, obs, request, log_path, task_id=task_id, template=template, on_step=on_step
        )

    def run_from(
        self,
        env: Env,
        obs: Observation,
        request: str,
        log_path: Path | None,
        *,
        task_id: str = "task",
        template: str | None = None,
        on_step: Callable[[Step], None] | None = None,
    ) -> Trajectory:
        """Act from the environment's current state (`obs`, no reset) until done: how a
        replay that lost its way hands the rest of a task over to the model."""
        info = {"policy": self.policy.name, "prompt": self.config.prompt.model_dump()}
        start = TrajectoryStart(
            id=task_id, app=obs.app, request=request, template=template, info=info
        )
        screens = ScreenRecorder(env, self.config.screens, log_path)
        log = TrajectoryWriter(log_path, start) if log_path is not None else None
        trajectory = Trajectory(id=task_id, app=obs.app, request=request, template=template)
        run = _Run(self, env, request, obs, log, trajectory, on_step, screens)
        try:
            outcome = run.loop()
            info.update(run.final_screen())
        except ModelError as exc:
            if log is not None:
                log.end("model error", {"error": str(exc)})
            raise
        except BaseException:
            if log is not None:
                log.close()  # what was written stays; the file reads back as interrupted
            raise
        trajectory.outcome = outcome
        trajectory.info = {"steps": len(trajectory.steps), **info}
        if run.obs.document is not None:
            # The state after the last action, for trace viewers; steps hold only the before.
            trajectory.info["final_document"] = run.obs.document.model_dump()
        if log is not None:
            log.end(outcome, trajectory.info)
        return trajectory


class _Run:
    """The state of one run: the trajectory so far and the current observation."""

    def __init__(
        self,
        agent: Agent,
        env: Env,
        request: str,
        obs: Observation,
        log: TrajectoryWriter | None,
        trajectory: Trajectory,
        on_step,
        screens: ScreenRecorder,
    ):
        self.agent, self.env, self.request, self.obs = agent, env, request, obs
        self.log, self.trajectory, self.on_step = log, trajectory, on_step
        self.screens = screens
        self.screen: str | None = None
        self.plan: list[str] = []
        self.invalid = 0

    def loop(self) -> str:
        for _ in range(self.agent.config.max_steps):
            outcome = self.step()
            if outcome:
                return outcome
        return "step limit"

    def context(self) -> StepContext:
        """What this step's policy sees: the filter runs here, once per step."""
        config = self.agent.config
        shown = shown_for(self.obs, self.request, self.plan, config.prompt.max_controls)
        return StepContext(self.request, self.obs, shown, list(self.trajectory.steps), config.app)

    def final_screen(self) -> dict[str, Any]:
        """The window after the last step, for the run's info. None after a step that lost
        the application, as there is no window left to picture."""
        steps = self.trajectory.steps
        if self.screens.mode == "never" or (steps and steps[-1].truncated):
            return {}
        screen, seconds = self.screens.final()
        return {"final_screen": screen, "final_screen_s": seconds}

    def step(self) -> str | None:
        """One turn; returns the outcome when the run is over."""
        self.screen, capture_s = self.screens.before_step(len(self.trajectory.steps))
        start = time.perf_counter()
        context = self.context()
        timings = {"filter_s": time.perf_counter() - start}
        if self.agent.config.prompt.screen:
            start = time.perf_counter()
            screen = marked_screen(self.env, context.shown.controls)
            context = dataclasses.replace(context, screen=screen)
            timings["screen_s"] = time.perf_counter() - start
        decision = self.agent.policy.act(context)
        timings.update(decision.timings)
        if self.screen is not None:
            timings["capture_s"] = capture_s
        if decision.action is None:
            return self._invalid(context, decision, timings)
        self.invalid = 0
        action = _named(decision.action, self.obs)
        self.plan = action.plan or self.plan
        reason = sensitive_reason(action, self.obs, self.agent.config.safety)
        if reason and not self.agent.confirm(action, reason):
            result = ActionResult(ok=False, error=f"refused: {reason}")
            self._record(context, action, result, decision, timings, terminated=True)
            return "refused"
        start = time.perf_counter()
        obs, reward, terminated, truncated, info = self.env.step(action)
        timings["execute_s"] = time.perf_counter() - start
        timings.update({k: v for k, v in info.get("timings", {}).items() if k == "observe_s"})
        self._record(
            context, action, obs.last_result, decision, timings, terminated, truncated, reward
        )
        self.obs = obs
        if terminated:
            if info.get("task_over"):
                return "task over"  # the application ended the task itself (a web form sent)
            return "finished" if action.status == Status.FINISH else "failed"
        if truncated:
            return f"truncated: {info.get('truncated_reason', 'environment limit')}"
        return None

    def _invalid(self, context: StepContext, decision: Decision, timings: dict) -> str | None:
        self.invalid += 1
        result = ActionResult(ok=False, error=f"invalid output: {decision.error}")
        self._record(context, None, result, decision, timings)
        self.obs = self.obs.model_copy(update={"last_result": result})
        if self.invalid >= self.agent.config.max_invalid_outputs:
            return "invalid output"
        return None

    def _record(
        self,
        context: StepContext,
        action: Action | None,
        result: ActionResult,
        decision: Decision,
        timings: dict,
        terminated: bool = False,
        truncated: bool = False,
        reward: float = 0.0,
    ) -> None:
        step = Step(
            index=len(self.trajectory.steps),
            observation=context.observation,
            shown=context.shown,
            action=action,
            result=result,
            reward=reward,
            terminated=terminated,
            truncated=truncated,
            timings=timings,
            model_output=decision.output,
            screen=self.screen,
        )
        self.trajectory.steps.append(step)
        if self.log is not None:
            self.log.step(step)
        if self.on_step is not None:
            self.on_step(step)


def _named(action: Action, obs: Observation) -> Action:
    """The action with its control's name filled in from the observation (a short answer
    names the label only), for the safety gate and the records."""
    if action.control_label is None or action.control_name is not None:
        return action
    control = obs.control(action.control_label)
    return action if control is None else action.model_copy(update={"control_name": control.name})
