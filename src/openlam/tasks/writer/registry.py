"""The Writer task families by id, and sampling of instances across templates."""

from __future__ import annotations

import hashlib
import random
from functools import cache
from pathlib import Path
from typing import Any

from openlam.records import Record, read_jsonl
from openlam.tasks.base import Split, TaskInstance
from openlam.tasks.writer import facts, templates
from openlam.tasks.writer.families.common import WriterFamily


@cache
def families() -> dict[str, WriterFamily]:
    """Every Writer family, keyed by its namespaced, versioned id."""
    from openlam.tasks.writer.families.case import case_families
    from openlam.tasks.writer.families.character import character_families
    from openlam.tasks.writer.families.compound import compound_families
    from openlam.tasks.writer.families.impossible import impossible_families
    from openlam.tasks.writer.families.inserts import insert_families
    from openlam.tasks.writer.families.layout import layout_families
    from openlam.tasks.writer.families.lists import list_families
    from openlam.tasks.writer.families.page import page_families
    from openlam.tasks.writer.families.paragraph import paragraph_families
    from openlam.tasks.writer.families.questions import question_families
    from openlam.tasks.writer.families.ranges import range_families
    from openlam.tasks.writer.families.replace import replace_families
    from openlam.tasks.writer.families.spacing import spacing_families
    from openlam.tasks.writer.families.structure import structure_families
    from openlam.tasks.writer.families.tables import table_families

    simple = [
        *character_families(),
        *case_families(),
        *range_families(),
        *paragraph_families(),
        *spacing_families(),
        *structure_families(),
        *list_families(),
        *table_families(),
        *replace_families(),
        *layout_families(),
        *page_families(),
        *insert_families(),
        *question_families(),
        *impossible_families(),
    ]
    found = [*simple, *compound_families({f.id: f for f in simple})]
    by_id = {f.id: f for f in found}
    if len(by_id) != len(found):
        raise ValueError("two Writer families share an id")
    return by_id


def family(family_id: str) -> WriterFamily:
    try:
        return families()[family_id]
    except KeyError:
        raise KeyError(f"no Writer family {family_id!r}; see `openlam tasks list`") from None


@cache
def template_facts(name: str) -> facts.DocFacts:
    """The facts of the template's source .docx (an .odt template is opened as the .odt
    made from it, but sampled and checked against the .docx)."""
    return facts.read(templates.source(name))


def sample(
    family_id: str,
    n: int,
    seed: int = 0,
    split: Split | None = None,
    template_names: list[str] | None = None,
) -> list[TaskInstance]:
    """n distinct instances of a family, spread across templates round-robin."""
    fam = family(family_id)
    rng = random.Random(f"{family_id}:{seed}")
    names = sorted(template_names or templates.templates())
    rng.shuffle(names)
    out: dict[str, TaskInstance] = {}
    misses = 0
    while len(out) < n and misses < 20 * len(names):
        name = names[(len(out) + misses) % len(names)]
        params = fam.sample_params(template_facts(name), rng)
        if params is None:
            misses += 1
            continue
        phrasing = rng.choice(fam.phrasing_indices(split))
        instance = fam.instance(name, params, phrasing)
        if instance.id in out:
            misses += 1
        out[instance.id] = instance
    return list(out.values())


class HandwrittenRequest(Record):
    """A request written by a person for a sampled held-out task: the family, template and
    parameters say what must happen; the words are nobody's template."""

    family: str
    template: str
    params: dict[str, Any]
    request: str


def handwritten(path: Path) -> list[TaskInstance]:
    """Held-out instances from a JSON Lines file of hand-written requests (for evaluation
    only: every template must be a test template)."""
    out = []
    for row in read_jsonl(path, HandwrittenRequest):
        fam = family(row.family)
        if row.template not in templates.TEST_TEMPLATES:
            raise ValueError(f"{path}: {row.template!r} is not a held-out template")
        digest = hashlib.sha1(row.request.encode()).hexdigest()[:10]
        out.append(
            TaskInstance(
                id=f"{fam.id}:{row.template}:hw-{digest}",
                family=fam.id,
                app=fam.app,
                template=row.template,
                params=row.params,
                request=row.request,
                phrasing=-1,
                split="test",
                style="handwritten",
            )
        )
    return out
