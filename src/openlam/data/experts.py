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


# Actions that, done again with the right arguments, replace what a wrong call did (a
# selection, properties set to values): an error in one is put right by doing it again.
OVERWRITING = frozenset(
    {
        "select_text",
        "select_paragraph",
        "select_table",
        "select_cells",
        "set_edit_text",
        "set_font",
        "format_text",
        "format_paragraph",
        "select_option",
    }
)
# A toggle clicked by mistake is put right by clicking it again.
TOGGLE_TYPES = ("toggle button", "check box", "checkbox")


class NoiseConfig(BaseModel):
    """Per-step error rates of the noisy oracle (each drawn independently, in this order)."""

    premature_finish: float = Field(0.02, ge=0, le=1, description="say FINISH before the end")
    skipped_step: float = Field(0.02, ge=0, le=1, description="leave a step out")
    wrong_control: float = Field(0.03, ge=0, le=1, description="act on another control")
    wrong_argument: float = Field(0.03, ge=0, le=1, description="change one argument")
    recover: float = Field(
        0.0,
        ge=0,
        le=1,
        description="share of wrong controls and arguments that are made correctable (a "
        "toggle, a selection or setting) and put right by the next steps",
    )
    seed: int = 0


class NoisyOracle:
    """The oracle's actions with errors injected; `errors` lists what it did wrong and
    `error_steps` the steps that were wrong, which teach nothing. A recovered error is
    followed by its correction (the toggle clicked again, the right call made again), which
    teaches what to do after a mistake instead of stopping."""

    def __init__(self, instance: TaskInstance, noise: NoiseConfig):
        self.oracle = oracle_policy(instance)
        # Seeded by the instance, so a task gets the same errors in any order or on resume.
        self.rng = random.Random(f"{noise.seed}:{instance.id}")
        self.noise = noise
        self.errors: list[str] = []
        self.error_steps: list[int] = []
        self.name = "noisy-oracle"
        self._calls = 0
        self._click_again: Action | None = None

    def act(self, context: StepContext) -> Decision:
        """The next action, perhaps a wrong one (a Policy)."""
        return Decision(self(context.observation))

    def __call__(self, obs: Observation) -> Action:
        step, self._calls = self._calls, self._calls + 1
        if self._click_again is not None:
            return self._undo_toggle(obs)
        errors_before = len(self.errors)
        action = self._next(obs)
        if len(self.errors) > errors_before:
            self.error_steps.append(step)
        return action

    def _next(self, obs: Observation) -> Action:
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
            return self._wrong_control(action, obs)
        if action.args and self.rng.random() < self.noise.wrong_argument:
            return self._wrong_argument(action)
        return action

    def _recovering(self) -> bool:
        # Drawn only when recovery is on, so that without it the errors stay as they were.
        return self.noise.recover > 0 and self.rng.random() < self.noise.recover

    def _wrong_control(self, action: Action, obs: Observation) -> Action:
        others = [c for c in obs.controls if c.label != action.control_label]
        toggles = [c for c in others if c.type in TOGGLE_TYPES]
        clicks = action.function in ("click_input", "click")
        recovering = clicks and bool(toggles) and self._recovering()
        choices = toggles if recovering else others
        if not choices:
            return action
        other = self.rng.choice(choices)
        self.errors.append(f"wrong control {other.name!r}")
        wrong = action.model_copy(update={"control_label": other.label, "control_name": other.name})
        if recovering:
            self._click_again = wrong
            self.oracle.position -= 1  # the right step comes once the toggle is undone
        return wrong

    def _undo_toggle(self, obs: Observation) -> Action:
        wrong, self._click_again = self._click_again, None
        control = obs.find(wrong.control_name or "")
        if control is None:
            self.errors.append(f"gave up: {wrong.control_name!r} is gone")
            return Action(function="", status=Status.FAIL)
        return wrong.model_copy(update={"control_label": control.label})

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
        if action.function in OVERWRITING and self._recovering():
            self.oracle.position -= 1  # the next step makes the same call, right this time
        return action.model_copy(update={"args": {**action.args, key: wrong}})


def oracle_policy(instance: TaskInstance) -> ScriptedPolicy:
    """The known-good solution of the instance, in its app."""
    return ScriptedPolicy(app_for(instance.app).solution(instance), name="oracle")
