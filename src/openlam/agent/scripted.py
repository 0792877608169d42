"""A scripted policy: actions decided by plain code from the observation.

It stands in for a model wherever the model is not what is being tested (the demo before
training exists, environment tests, known-good task solutions).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openlam.agent.policy import Decision, StepContext
from openlam.records import Action, Observation, Status

Rule = Callable[[Observation], Action]


class ScriptedPolicy:
    """Plays its rules in order, one per step; after the last rule it says FINISH."""

    def __init__(self, rules: Sequence[Rule], name: str = "scripted"):
        self.rules = list(rules)
        self.position = 0
        self.name = name

    def act(self, context: StepContext) -> Decision:
        """The next rule's action on the step's observation (a Policy)."""
        return Decision(self(context.observation))

    def reset(self) -> None:
        self.position = 0

    def __call__(self, obs: Observation) -> Action:
        if self.position >= len(self.rules):
            return Action(function="", status=Status.FINISH)
        rule = self.rules[self.position]
        self.position += 1
        return rule(obs)


def on_control(function: str, name: str, type: str | None = None, **args) -> Rule:
    """A rule that finds a control by name (and type) in the observation and acts on it."""

    def rule(obs: Observation) -> Action:
        control = obs.find(name, type)
        if control is None:
            raise LookupError(f"no control named {name!r} in the observation")
        return Action(
            function=function, args=args, control_label=control.label, control_name=control.name
        )

    return rule


def call(function: str, **args) -> Rule:
    """A rule for an action that names no control (application-API actions)."""
    return lambda obs: Action(function=function, args=args)
