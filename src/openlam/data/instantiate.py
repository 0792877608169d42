"""Instantiation: turn tasks into concrete task instances on template documents.

Two sources. The task library samples instances directly (a family, a template, parameters
from the template's content, a phrased request). A mined task-plan record is matched to the
family whose requests say the same thing (word overlap; an LLM can take this role later), then
instantiated on the template whose description fits it best among those the family can use.
A record that fits no family is kept with its reason, never dropped silently.
"""

from __future__ import annotations

import random
import re

from pydantic import Field

from openlam.data.plan_mining import TaskPlan
from openlam.records import Record
from openlam.tasks.base import TaskInstance
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES, templates

STOP = {
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "and",
    "or",
    "on",
    "for",
    "with",
    "that",
    "this",
    "it",
    "is",
    "its",
    "as",
    "by",
    "at",
    "from",
    "into",
    "your",
    "you",
    "which",
    "begins",
    "paragraph",
    "word",
    "document",
    "text",
}
MIN_FAMILY_SCORE = 0.3
TEST_SHARE = 0.2


class Instantiation(Record):
    """What instantiation made of one task: an instance, or the reason there is none."""

    source: str  # "library" or the task_id of a plan record
    task: str
    status: str  # "instantiated" or "filtered"
    reason: str = ""
    instance: TaskInstance | None = None
    family_score: float | None = None
    reference_plan: list[str] = Field(default_factory=list)


def content_words(text: str) -> set[str]:
    """Lower-case words without placeholders, stop words and plural s."""
    text = re.sub(r"\{[^}]*\}", " ", text.lower())
    out = set()
    for word in re.findall(r"[a-z]+", text):
        if word not in STOP and len(word) > 1:
            out.add(word[:-1] if word.endswith("s") and len(word) > 3 else word)
    return out


def family_for(task: str) -> tuple[str | None, float]:
    """The family that checks this kind of task, with the share of the task's words its
    phrasings cover. Strict on purpose: every keyword of the family's id ("insert-table")
    must occur in the task, and the task's verb in the family's phrasings; a task no family
    fits gets None rather than a wrong checker."""
    words = content_words(task)
    verb = task.split()[0].lower() if task.split() else ""
    best, score = None, 0.0
    for family in registry.families().values():
        vocabulary = set().union(*(content_words(p) for p in family.phrasings))
        keys = id_keywords(family.id)
        if not keys or not all(_matches(k, words) for k in keys):
            continue
        if not _matches(verb, vocabulary | keys):
            continue
        covered = len(words & vocabulary) / len(words)
        if covered > score:
            best, score = family.id, covered
    return best, score


def id_keywords(family_id: str) -> set[str]:
    """The words of a family id that name what it checks ("writer/insert-table-v1")."""
    name = family_id.split("/")[-1].rsplit("-v", 1)[0]
    words = {re.sub(r"\d+$", "", w) for w in name.split("-")} - {""}
    keys = words - {"word", "paragraph"}
    # "insert-paragraph" needs its object: "insert" alone matches any insertion.
    return words if keys <= {"insert", "delete", "add"} else keys


def _matches(word: str, words: set[str]) -> bool:
    # A shared five-letter prefix: "numbering" and "numbered", "bullets" and "bullet".
    return any(w[:5] == word[:5] for w in words) if len(word) >= 5 else word in words


def template_for(task: str, family_id: str, rng: random.Random) -> tuple[str, dict] | None:
    """The template whose description shares most words with the task, among those the
    family can sample parameters from, with the parameters."""
    family = registry.family(family_id)
    words = content_words(task)
    ranked = sorted(
        templates().values(),
        key=lambda t: (-len(words & content_words(t.description)), rng.random()),
    )
    for template in ranked:
        params = family.sample_params(registry.template_facts(template.name), rng)
        if params is not None:
            return template.name, params
    return None


def instantiate_plan(record: TaskPlan, seed: int = 0) -> Instantiation:
    """One mined record as an instance of the family it matches, or filtered with a reason."""
    base = {"source": record.task_id, "task": record.task, "reference_plan": record.plan}
    if record.app not in ("writer", "shared"):
        return Instantiation(**base, status="filtered", reason=f"needs {record.app}, not Writer")
    family_id, score = family_for(record.task)
    if family_id is None or score < MIN_FAMILY_SCORE:
        return Instantiation(
            **base,
            status="filtered",
            family_score=score,
            reason="no task family checks this kind of task yet",
        )
    rng = random.Random(f"{seed}:{record.task_id}")
    found = template_for(record.task, family_id, rng)
    if found is None:
        return Instantiation(
            **base, status="filtered", family_score=score, reason=f"no template fits {family_id}"
        )
    template, params = found
    family = registry.family(family_id)
    phrasing = rng.choice(family.phrasing_indices("train"))
    instance = family.instance(template, params, phrasing)
    return Instantiation(**base, status="instantiated", instance=instance, family_score=score)


def instantiate_library(
    n_per_family: int, seed: int = 0, families: list[str] | None = None
) -> list[Instantiation]:
    """`n_per_family` instances of every family: a fifth on the held-out templates with test
    phrasings, the rest on the other templates with training phrasings."""
    train_templates = [t for t in templates() if t not in TEST_TEMPLATES]
    n_test = max(1, round(n_per_family * TEST_SHARE)) if n_per_family > 1 else 0
    out = []
    for family_id in families or list(registry.families()):
        instances = registry.sample(
            family_id,
            n_per_family - n_test,
            seed=seed,
            split="train",
            template_names=train_templates,
        )
        instances += registry.sample(
            family_id, n_test, seed=seed, split="test", template_names=list(TEST_TEMPLATES)
        )
        out += [
            Instantiation(source="library", task=i.request, status="instantiated", instance=i)
            for i in instances
        ]
    return out


def instantiate_miniwob(
    n_per_task: int, split: str, seed: int = 0, tasks: list[str] | None = None
) -> list[Instantiation]:
    """MiniWoB++ instances on a split's page seeds, of the given tasks (default: every task
    with a scripted expert); each page is opened once in Chromium to read its request."""
    from openlam.envs.web.env import WebEnv
    from openlam.tasks.web import miniwob
    from openlam.tasks.web.experts import SOLUTIONS

    with WebEnv(miniwob.web_env_config()) as env:
        instances = miniwob.instantiate(env, tasks or sorted(SOLUTIONS), n_per_task, split, seed)
    return [
        Instantiation(source="library", task=i.request, status="instantiated", instance=i)
        for i in instances
    ]
