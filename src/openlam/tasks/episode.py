"""Run one task instance in its application with a policy, and judge the end state."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.policy import Policy
from openlam.agent.safety import approve_all, refuse_all
from openlam.records import Step, Trajectory
from openlam.tasks.apps import agent_config_for, app_for
from openlam.tasks.base import CheckResult, TaskInstance

# A scripted policy ends by itself; the environment's own step limit cuts a lost one short.
SCRIPTED_STEP_LIMIT = 1_000


@dataclass
class EpisodeResult:
    instance: TaskInstance
    check: CheckResult
    trajectory: Trajectory
    seconds: float

    @property
    def success(self) -> bool:
        return self.check.success


def run_episode(
    env: Any,
    instance: TaskInstance,
    policy: Policy,
    log_path: Path | None = None,
    config: AgentConfig | None = None,
    trusted: bool = True,
    on_step: Callable[[Step], None] | None = None,
) -> EpisodeResult:
    """Reset to the instance's start, run the policy in the agent loop to the end (written
    step by step to `log_path` if given, each step passed to `on_step`), check the end state.
    A trusted policy (a scripted expert) passes the confirmation gate; any other is refused
    there."""
    start = time.monotonic()
    app = app_for(instance.app)
    options = app.reset_options(instance)
    config = config or AgentConfig(max_steps=SCRIPTED_STEP_LIMIT)
    agent = Agent(policy, agent_config_for(app, config), approve_all if trusted else refuse_all)
    trajectory = agent.run(
        env,
        instance.request,
        log_path,
        task_id=instance.id,
        options=options,
        template=instance.template,
        on_step=on_step,
    )
    cut_short = trajectory.outcome.removeprefix("truncated: ") if _cut(trajectory) else None
    check = app.check(env, instance, options, cut_short, trajectory.outcome == "failed")
    trajectory.info["outcome"] = trajectory.outcome
    trajectory.outcome = "success" if check.success else "failure"
    trajectory.info["reason"] = check.reason
    return EpisodeResult(instance, check, trajectory, time.monotonic() - start)


def _cut(trajectory: Trajectory) -> bool:
    return (trajectory.outcome or "").startswith("truncated")
