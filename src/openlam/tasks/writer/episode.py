"""Policies for checking the Writer task library: the known-good solution, doing nothing,
and a plausible wrong solution (run them with `openlam.tasks.episode.run_episode`)."""

from __future__ import annotations

import random

from openlam.agent.scripted import ScriptedPolicy
from openlam.tasks.base import TaskInstance
from openlam.tasks.episode import EpisodeResult, run_episode
from openlam.tasks.writer import registry

__all__ = ["EpisodeResult", "cheat_policy", "do_nothing_policy", "run_episode", "wrong_policy"]


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
