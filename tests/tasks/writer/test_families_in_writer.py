"""Every family in the real Writer: its known-good solution succeeds, and its checker rejects
doing nothing and a plausible wrong solution on the same instance (a sample of the full
sweep in scripts/sweep_writer_tasks.py)."""

import pytest

from openlam.tasks.writer import registry
from openlam.tasks.writer.episode import (
    cheat_policy,
    do_nothing_policy,
    run_episode,
    wrong_policy,
)

pytestmark = pytest.mark.writer


@pytest.mark.parametrize("family_id", list(registry.families()))
def test_cheat_passes_and_nothing_or_wrong_fails(writer, family_id):
    (instance,) = registry.sample(family_id, 1, seed=11)
    cheat = run_episode(writer, instance, cheat_policy(instance))
    assert cheat.success, f"{instance.request}: {cheat.check.reason}"
    nothing = run_episode(writer, instance, do_nothing_policy(instance))
    assert not nothing.success
    wrong = wrong_policy(instance)
    if wrong is not None:
        result = run_episode(writer, instance, wrong)
        assert not result.success, f"a wrong solution passed: {instance.request}"
