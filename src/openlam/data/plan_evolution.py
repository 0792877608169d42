"""Evolve mined task-plan records into harder variants, under the paper's rules: at most about
20 extra words, still executable step by step in the application, key objects in **bold**.

Two evolvers share one validator. The offline one needs no model: it makes parameters concrete
("enter a name" -> "type **"Budget 2026"**"), adds a constraint that takes more steps (save
under a given name), or chains two procedures of the same page. The LLM one asks any
OpenAI-compatible endpoint for a variant and keeps only what passes the validator.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

from openlam.data.plan_mining import TaskPlan, jaccard
from openlam.models.base import Message, ModelError, TextModel

MAX_EXTRA_WORDS = 20
MAX_EVOLVED_STEPS = 20
NATIVE_FORMATS = {"writer": "odt", "calc": "ods", "impress": "odp", "draw": "odg", "math": "odf"}
FILE_STEMS = ["report-final", "minutes-march", "notes-v2", "budget-2026", "summary-draft"]


@dataclass(frozen=True)
class ParameterRule:
    """A generic phrase of a step made concrete, and what the task then says."""

    name: str
    pattern: str  # regex over a step; the whole match is replaced
    values: tuple[str, ...]
    step: str  # replacement, with {v}
    task_suffix: str  # appended to the task, with {v}


PARAMETER_RULES = (
    ParameterRule(
        "name",
        r"\b(enter|type) a name for (the|your) ",
        ("Budget 2026", "Summary", "Quarterly Report", "Contacts", "Draft 2"),
        r'type **"{v}"** as the name for \2 ',
        ' named **"{v}"**',
    ),
    ParameterRule(
        "text",
        r"\b(type|enter) the text\b",
        ("Thank you for your order", "Draft - do not circulate", "Meeting moved to Friday"),
        r'\1 the text **"{v}"**',
        ' with the text **"{v}"**',
    ),
    ParameterRule(
        "paragraph",
        r"\b(select the text|select the paragraphs?|place the cursor in the "
        r"paragraph)( that [^.,]*)?",
        ("first", "second", "last"),
        "select the **{v} paragraph**",
        " in the **{v} paragraph**",
    ),
    ParameterRule(
        "color",
        r"\b(select|click) (a|the) (background )?colou?r\b",
        ("Light Blue 2", "Yellow", "Light Green 3", "Dark Red 1"),
        r"\1 **{v}**",
        " in **{v}**",
    ),
    ParameterRule(
        "table",
        r"\benter the number of rows and columns\b",
        ("3 rows and 4 columns", "5 rows and 2 columns", "2 rows and 6 columns"),
        "enter **{v}**",
        " with **{v}**",
    ),
    ParameterRule(
        "page style",
        r"\bselect the page style\b",
        ("Landscape", "First Page", "Envelope"),
        "select the **{v}** page style",
        " using the **{v}** page style",
    ),
    ParameterRule(
        "line style",
        r"\bselect a line style\b",
        ("dotted", "dashed", "double"),
        "select a **{v}** line style",
        " with a **{v}** line",
    ),
)


def evolve_offline(records: list[TaskPlan], seed: int = 0) -> list[TaskPlan]:
    """Every offline variant each record admits, as new records linked to their source."""
    rng = random.Random(seed)
    by_page: dict[str, list[TaskPlan]] = {}
    for record in records:
        by_page.setdefault(record.source.split("#")[0], []).append(record)
    out = []
    for record in records:
        siblings = by_page[record.source.split("#")[0]]
        for candidate in (concretise(record, rng), save_as(record, rng), chain(record, siblings)):
            if candidate is not None and not evolution_problem(record, candidate):
                out.append(candidate)
    return out


def concretise(record: TaskPlan, rng: random.Random) -> TaskPlan | None:
    """The first rule whose phrase occurs in the plan, with a value drawn for it."""
    for rule in PARAMETER_RULES:
        pattern = re.compile(rule.pattern, re.IGNORECASE)
        for i, step in enumerate(record.plan):
            if pattern.search(step):
                value = rng.choice(rule.values)
                new_step = pattern.sub(rule.step.replace("{v}", value), step, count=1)
                plan = [*record.plan[:i], _capital(new_step), *record.plan[i + 1 :]]
                task = record.task + rule.task_suffix.replace("{v}", value)
                return _variant(record, "parameters", task, plan)
    return None


def save_as(record: TaskPlan, rng: random.Random) -> TaskPlan | None:
    """The task followed by saving the document under a given name (native format, so no
    format dialog interrupts the plan)."""
    extension = NATIVE_FORMATS.get(record.app)
    if extension is None:
        return None
    name = f"{rng.choice(FILE_STEMS)}.{extension}"
    task = f"{record.task}, then save the document as **{name}**"
    plan = [
        *record.plan,
        "Choose **File - Save As**.",
        f"Type **{name}** in the **File name** box.",
        "Click **Save**.",
    ]
    return _variant(record, "save_as", task, plan)


def chain(record: TaskPlan, siblings: list[TaskPlan]) -> TaskPlan | None:
    """This procedure, then the next one of the same help page."""
    index = next(i for i, s in enumerate(siblings) if s.task_id == record.task_id)
    if index + 1 >= len(siblings):
        return None
    follow = siblings[index + 1]
    if jaccard(set(record.task.lower().split()), set(follow.task.lower().split())) >= 0.5:
        return None  # two ways of doing the same thing, not two sub-goals
    task = f"{record.task}, then {follow.task[:1].lower()}{follow.task[1:]}"
    return _variant(record, "chain", task, [*record.plan, *follow.plan])


def evolution_problem(source: TaskPlan, evolved: TaskPlan) -> str:
    """Why an evolved record breaks the rules, or "" when it keeps them."""
    extra = len(evolved.task.split()) - len(source.task.split())
    if evolved.task.strip() == source.task.strip():
        return "same task"
    if extra > MAX_EXTRA_WORDS:
        return "too many extra words"
    if not evolved.plan or any(not step.strip() for step in evolved.plan):
        return "empty step"
    if len(evolved.plan) > MAX_EVOLVED_STEPS:
        return "plan too long"
    if evolved.evolution != "chain" and "**" not in evolved.task:
        return "no bold key object"
    return ""


def _variant(source: TaskPlan, rule: str, task: str, plan: list[str]) -> TaskPlan:
    return source.model_copy(
        update={
            "task_id": f"{source.task_id}_{rule}",
            "task": task,
            "plan": plan,
            "evolved_from": source.task_id,
            "evolution": rule,
        }
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


EVOLVE_PROMPT = """You rewrite a task for {app_name} and its plan into a harder variant.
Rules:
- Add at most 20 words to the task: a concrete value, a constraint, or a second step.
- The new plan must still be executable step by step in {app_name}'s user interface.
- Put key objects (values, names, menu entries) in **bold**, in the task and in the plan.
Reply with one JSON object only: {{"task": "...", "plan": ["...", "..."]}}"""


def evolve_with_model(record: TaskPlan, model: TextModel) -> tuple[TaskPlan | None, str]:
    """One variant from a language model, or None with the reason it was rejected."""
    messages = [
        Message(role="system", content=EVOLVE_PROMPT.format(app_name=record.app.title())),
        Message(role="user", content=json.dumps({"task": record.task, "plan": record.plan})),
    ]
    try:
        reply = model.generate(messages, max_new_tokens=512, temperature=0.7).text
    except ModelError as exc:
        return None, f"model error: {exc}"
    parsed = _json_object(reply)
    if parsed is None:
        return None, "reply is not a JSON object"
    task, plan = parsed.get("task"), parsed.get("plan")
    if (
        not isinstance(task, str)
        or not isinstance(plan, list)
        or not all(isinstance(step, str) for step in plan)
    ):
        return None, "reply lacks a task string and a plan list"
    variant = _variant(record, "llm", task.strip(), [s.strip() for s in plan])
    problem = evolution_problem(record, variant)
    return (None, problem) if problem else (variant, "")


def _json_object(text: str) -> dict | None:
    # Chat models wrap JSON in code fences or a sentence; take the outermost braces.
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        value = json.loads(text[start : end + 1])
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None
