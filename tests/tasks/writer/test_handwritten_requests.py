"""The hand-written evaluation requests (tests/data/writer_requests.jsonl): held-out tasks in
words no generator made, never used for training."""

import json
from pathlib import Path

import pytest

from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES

REQUESTS = Path(__file__).parents[2] / "data" / "writer_requests.jsonl"


@pytest.fixture(scope="module")
def instances():
    return registry.handwritten(REQUESTS)


def test_the_set_spans_the_library(instances):
    families = {i.family for i in instances}
    assert len(instances) >= 100
    assert len(families) >= 0.9 * len(registry.families())
    assert all(i.template in TEST_TEMPLATES and i.split == "test" for i in instances)
    assert len({i.id for i in instances}) == len(instances)


def test_requests_are_no_generator_phrasing(instances):
    for instance in instances:
        family = registry.family(instance.family)
        generated = set()
        for phrasing in family.phrasings:
            try:
                generated.add(phrasing.format(**instance.params).lower().strip())
            except (KeyError, IndexError):
                continue
        assert instance.request.lower().strip() not in generated, instance.request


def test_parameters_are_what_the_family_samples(instances):
    for instance in instances:
        (sampled,) = registry.sample(instance.family, 1, seed=0, template_names=[instance.template])
        assert set(instance.params) == set(sampled.params), instance.request
        facts = registry.template_facts(instance.template)
        untouched = registry.family(instance.family).check(instance.params, facts, facts, None)
        assert not untouched.success, instance.request


def test_a_row_on_a_training_template_is_refused(tmp_path):
    row = json.loads(REQUESTS.read_text().splitlines()[0])
    row["template"] = "letter"
    path = tmp_path / "requests.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(ValueError, match="not a held-out template"):
        registry.handwritten(path)
