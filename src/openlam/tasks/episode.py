"""Run one task instance in its application with a policy, and judge the end state."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openlam.records import Action, Observation, Trajectory, step_record
from openlam.tasks.apps import app_for
from openlam.tasks.base import CheckResult, TaskInstance

Policy = Callable[[Observation], Action]


@dataclass
class EpisodeResult:
    instance: TaskInstance
    check: CheckResult
    trajectory: Trajectory
    seconds: float

    @property
    def success(self) -> bool:
        return self.check.success


def run_episode(env: Any, instance: TaskInstance, policy: Policy) -> EpisodeResult:
    """Reset to the instance's start, run the policy to the end, check the end state."""
    start = time.monotonic()
    app = app_for(instance.app)
    options = app.reset_options(instance)
    obs, _ = env.reset(options=options)
    trajectory = Trajectory(
        id=instance.id, app=instance.app, request=instance.request, template=instance.template
    )
    done = False
    while not done:
        action = policy(obs)
        stepped = env.step(action)
        next_obs, _, terminated, truncated, info = stepped
        trajectory.steps.append(step_record(len(trajectory.steps), obs, action, stepped))
        obs, done = next_obs, terminated or truncated
    cut_short = info.get("truncated_reason") if truncated else None
    check = app.check(env, instance, options, cut_short)
    trajectory.outcome = "success" if check.success else "failure"
    trajectory.info = {"reason": check.reason}
    if obs.document is not None:
        trajectory.info["final_document"] = obs.document.model_dump()
    return EpisodeResult(instance, check, trajectory, time.monotonic() - start)
