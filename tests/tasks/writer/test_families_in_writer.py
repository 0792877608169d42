"""Families in the real Writer: the known-good solution succeeds, and the checker rejects
doing nothing and a plausible wrong solution on the same instance.

The library is too large to run whole on every run of the suite: each day's runs take
another sample of `PER_RUN` families (set OPENLAM_FAMILY_SEED to repeat a run's sample).
scripts/sweep_writer_tasks.py runs every family, 20 instances each.
"""

import datetime
import os
import random

import pytest

from openlam.tasks.writer import registry
from openlam.tasks.writer.episode import (
    cheat_policy,
    do_nothing_policy,
    run_episode,
    wrong_policy,
)

pytestmark = pytest.mark.writer

PER_RUN = 30


def _sampled_families() -> list[str]:
    seed = os.environ.get("OPENLAM_FAMILY_SEED") or datetime.date.today().isoformat()
    ids = sorted(registry.families())
    return sorted(random.Random(seed).sample(ids, min(PER_RUN, len(ids))))


@pytest.mark.parametrize("family_id", _sampled_families())
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
