"""Experts that execute task instances: the oracle (a family's known-good solution), a noisy
oracle that errs at documented rates, and any model driving the agent loop.

The noisy oracle stands in for an imperfect LLM expert when none is available, so the later
training phases have expert failures to learn from. It is a simulation, and every record it
produces says so (`expert: noisy-oracle`).
"""

from __future__ import annotations

import random
from typing import Literal

from pydantic import BaseModel, Field

from openlam.agent.policy import Decision, StepContext
from openlam.agent.scripted import ScriptedPolicy
from openlam.records import Action, Observation, Status
from openlam.tasks.apps import app_for
from openlam.tasks.base import TaskInstance

ExpertKind = Literal["oracle", "noisy-oracle", "llm", "model"]


class NoiseConfig(BaseModel):
    """Per-step error rates of the noisy oracle (each drawn independently, in this order)."""

    premature_finish: float = Field(0.02, ge=0, le=1, description="say FINISH before the end")
    skipped_step: float = Field(0.02, ge=0, le=1, description="leave a step out")
    wrong_control: float = Field(0.03, ge=0, le=1, description="act on another control")
    wrong_argument: float = Field(0.03, ge=0, le=1, description="change one argument")
    seed: int = 0


class NoisyOracle:
    """The oracle's actions with errors injected; `errors` lists what it did wrong."""

    def __init__(self, instance: TaskInstance, noise: NoiseConfig):
        self.oracle = oracle_policy(instance)
        # Seeded by the instance, so a task gets the same errors in any order or on resume.
        self.rng = random.Random(f"{noise.seed}:{instance.id}")
        self.noise = noise
        self.errors: list[str] = []
        self.name = "noisy-oracle"

    def act(self, context: StepContext) -> Decision:
        """The next action, perhaps a wrong one (a Policy)."""
        return Decision(self(context.observation))

    def __call__(self, obs: Observation) -> Action:
        if self.rng.random() < self.noise.premature_finish:
            self.errors.append("premature finish")
            return Action(function="", status=Status.FINISH)
        if self.rng.random() < self.noise.skipped_step and self.oracle.position < len(
            self.oracle.rules
        ):
            self.errors.append("skipped step")
            self.oracle.position += 1
        try:
            action = self.oracle(obs)
        except LookupError as exc:
            if not self.errors:
                raise  # the oracle itself is wrong: a defect, not noise
            # An earlier error left the application where the next step's control is not
            # (a dialog that never opened): the expert gives up, as a lost one would.
            self.errors.append(f"gave up: {exc}")
            return Action(function="", status=Status.FAIL)
        if action.control_label and self.rng.random() < self.noise.wrong_control:
            others = [c for c in obs.controls if c.label != action.control_label]
            if others:
                other = self.rng.choice(others)
                self.errors.append(f"wrong control {other.name!r}")
                action = action.model_copy(
                    update={"control_label": other.label, "control_name": other.name}
                )
        if action.args and self.rng.random() < self.noise.wrong_argument:
            action = self._wrong_argument(action)
        return action

    def _wrong_argument(self, action: Action) -> Action:
        key = self.rng.choice(sorted(action.args))
        value = action.args[key]
        if isinstance(value, bool):
            wrong = not value
        elif isinstance(value, int | float):
            wrong = type(value)(value + self.rng.choice([-2, -1, 1, 2]))
        elif isinstance(value, str) and value:
            wrong = value[:-1] if len(value) > 1 else value + "x"
        else:
            return action
        self.errors.append(f"wrong argument {key}={wrong!r}")
        return action.model_copy(update={"args": {**action.args, key: wrong}})


def oracle_policy(instance: TaskInstance) -> ScriptedPolicy:
    """The known-good solution of the instance, in its app."""
    return ScriptedPolicy(app_for(instance.app).solution(instance), name="oracle")
