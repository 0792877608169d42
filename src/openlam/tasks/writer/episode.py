"""Run one task instance in the Writer environment and judge the end state."""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openlam.agent.scripted import ScriptedPolicy
from openlam.envs.writer.env import WriterEnv
from openlam.records import Action, Observation, Step, Trajectory
from openlam.tasks.base import CheckResult, TaskInstance
from openlam.tasks.writer import registry, templates

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


def cheat_policy(instance: TaskInstance) -> ScriptedPolicy:
    """The family's known-good solution as a policy."""
    return ScriptedPolicy(registry.family(instance.family).solution(instance.params))


def do_nothing_policy(instance: TaskInstance) -> ScriptedPolicy:
    return ScriptedPolicy([])


def wrong_policy(instance: TaskInstance, seed: int = 0) -> ScriptedPolicy | None:
    """A plausible wrong solution: the known-good one with perturbed parameters."""
    fam = registry.family(instance.family)
    facts = registry.template_facts(instance.template)
    wrong = fam.wrong_params(instance.params, facts, random.Random(seed))
    return None if wrong is None else ScriptedPolicy(fam.solution(wrong))


def run_episode(env: WriterEnv, instance: TaskInstance, policy: Policy) -> EpisodeResult:
    """Reset to the instance's template, run the policy to the end, check the saved state."""
    start = time.monotonic()
    template = templates.build(instance.template)
    obs, _ = env.reset(options={"template": template})
    trajectory = Trajectory(
        id=instance.id, app=instance.app, request=instance.request, template=instance.template
    )
    done = False
    while not done:
        action = policy(obs)
        next_obs, _, terminated, truncated, info = env.step(action)
        trajectory.steps.append(
            Step(
                index=len(trajectory.steps),
                observation=obs,
                action=action,
                result=next_obs.last_result,
                terminated=terminated,
                truncated=truncated,
                timings=info.get("timings", {}),
            )
        )
        obs, done = next_obs, terminated or truncated
    check = check_end_state(
        env, instance, template, info.get("truncated_reason") if truncated else None
    )
    trajectory.outcome = "success" if check.success else "failure"
    trajectory.info = {"reason": check.reason}
    if obs.document is not None:
        trajectory.info["final_document"] = obs.document.model_dump()
    return EpisodeResult(instance, check, trajectory, time.monotonic() - start)


def check_end_state(
    env: WriterEnv, instance: TaskInstance, template: Path, truncated_reason: str | None
) -> CheckResult:
    """The family's checker on the document as it is now (saved to a temporary file)."""
    if truncated_reason and "step limit" not in truncated_reason:
        return CheckResult(False, f"episode cut short: {truncated_reason}")
    with tempfile.TemporaryDirectory() as folder:
        saved = env.save(Path(folder) / "end.docx")
        family = registry.family(instance.family)
        return family.validate(instance.params, template, saved, env.answer)
