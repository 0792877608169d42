"""The task library without the application: registry, sampling, phrasings, checkers."""

import random
import string
from collections import Counter

import pytest

from openlam.tasks.base import STYLES, TaskInstance
from openlam.tasks.writer import registry

FAMILIES = list(registry.families())


def test_the_library_spans_the_categories():
    families = registry.families().values()
    assert len(FAMILIES) >= 100
    assert sum(f.compositional for f in families) >= 5
    categories = {f.category for f in families}
    assert {"character", "paragraph", "style", "list", "table", "content", "layout"} <= categories
    assert {"question", "compound"} <= categories
    assert all(f.id.startswith("writer/") and f.id[-3:-1] == "-v" for f in families)


@pytest.mark.parametrize("family_id", FAMILIES)
def test_family_samples_real_content_with_split_phrasings(family_id):
    family = registry.family(family_id)
    assert len(family.phrasings) >= 12
    assert len(set(family.phrasings)) == len(family.phrasings)
    assert Counter(family.phrasings.styles) == {style: 2 for style in STYLES}
    instances = registry.sample(family_id, 20, seed=3)
    assert len(instances) == 20 and len({i.id for i in instances}) == 20
    assert len({i.template for i in instances}) >= 2
    for instance in instances:
        assert instance.request[0].isupper() and "{" not in instance.request
        facts = registry.template_facts(instance.template)
        if "word" in instance.params:
            assert facts.count(instance.params["word"]) == 1
        if "start" in instance.params:
            assert facts.count(instance.params["start"]) == 1
        assert TaskInstance.model_validate_json(instance.model_dump_json()) == instance


@pytest.mark.parametrize("family_id", FAMILIES)
def test_train_and_test_phrasings_never_meet(family_id):
    family = registry.family(family_id)
    train = {i.phrasing for i in registry.sample(family_id, 30, seed=5, split="train")}
    test = {i.phrasing for i in registry.sample(family_id, 30, seed=5, split="test")}
    assert train and test and not train & test
    assert test == set(family.phrasing_indices("test"))


@pytest.mark.parametrize("family_id", FAMILIES)
def test_an_untouched_document_never_passes(family_id):
    family = registry.family(family_id)
    for instance in registry.sample(family_id, 10, seed=7):
        facts = registry.template_facts(instance.template)
        result = family.check(instance.params, facts, facts, None)
        assert not result.success and result.reason


def test_unknown_family_is_a_clear_error():
    with pytest.raises(KeyError, match="openlam tasks list"):
        registry.family("writer/no-such-v1")


def test_question_answers_are_read_for_numbers_and_text():
    from openlam.tasks.writer.families.questions import numbers_in

    assert numbers_in("There are two tables.") == [2]
    assert numbers_in("3") == [3]
    rng = random.Random(0)
    noise = "".join(rng.choice(string.ascii_letters + " ") for _ in range(200))
    assert isinstance(numbers_in(noise), list)


def test_an_unreadable_end_state_fails_with_the_reason(tmp_path):
    from openlam.tasks.writer import templates

    (instance,) = registry.sample("writer/bold-word-v1", 1, seed=0)
    broken = tmp_path / "end.docx"
    broken.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    family = registry.family(instance.family)
    result = family.validate(instance.params, templates.source(instance.template), broken, None)
    assert not result.success and "could not be read back" in result.reason
