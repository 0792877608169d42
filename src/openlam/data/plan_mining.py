"""Task-plan records mined from help procedures, cleaned the way the paper cleans them:
language, length and relevance filters, normalisation, exact and near-duplicate removal.
Every record that is dropped is kept with its reason, so the counts can be reported."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from openlam.data.help_pages import Procedure
from openlam.data.task_phrasing import imperative_task
from openlam.records import Record

# Help module -> the application its procedures run in ("shared" holds what all share).
MODULE_APPS = {
    "swriter": "writer",
    "scalc": "calc",
    "simpress": "impress",
    "sdraw": "draw",
    "smath": "math",
    "schart": "chart",
    "sdatabase": "base",
    "sbasic": "basic",
    "shared": "shared",
}
APP_NAMES = {
    "writer": "Writer",
    "calc": "Calc",
    "impress": "Impress",
    "draw": "Draw",
    "math": "Math",
    "base": "Base",
}
UI_VERBS = re.compile(
    r"\b(choose|click|select|enter|type|press|drag|open|right-click|double-click|check|"
    r"uncheck|mark|set|go to|use|place|position|specify|apply|insert|drop|move|scroll|"
    r"hold|release|highlight|edit|delete|clear|enable|disable)\b",
    re.IGNORECASE,
)
# Tasks that depend on things outside the application: the paper drops these.
ENVIRONMENT = re.compile(
    r"\b(printer|print|server|internet|network|e-?mail|download|extension manager|java|"
    r"certificate|webdav|ftp|scanner|bluetooth|smartphone|macos|windows explorer|"
    r"command line|terminal|registry|jdbc|odbc|mysql|postgresql)\b",
    re.IGNORECASE,
)
# A single step is a plan only when it names where to go: "Choose **Format - Character**".
MENU_PATH = re.compile(r"\*\*[^*]+ - [^*]+\*\*|\*\*[^*]*(Ctrl|Shift|Alt|F\d+)[^*]*\*\*")
SUBJECTIVE = re.compile(r"\b(nice|beautiful|pretty|good-looking|appealing)\b", re.IGNORECASE)
STOPWORDS = {
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
    "you",
    "is",
    "that",
    "this",
    "click",
    "choose",
    "select",
}


class TaskPlan(Record):
    """A task in natural language and the ordered steps that carry it out in the app."""

    task_id: str
    app: str
    task: str
    plan: list[str]
    source: str  # the help page and heading anchor it was mined from
    page_title: str
    evolved_from: str | None = None  # the task_id of the source record of an evolved one
    evolution: str | None = None  # the rule (or "llm") that made it


class Dropped(BaseModel):
    """A candidate that did not make it into the corpus, and why."""

    reason: str
    source: str
    task: str | None
    detail: str = ""


class CleaningConfig(BaseModel):
    """Thresholds of the cleaning filters."""

    min_task_words: int = 2
    max_task_words: int = 20
    max_steps: int = 15
    max_step_words: int = 70
    near_duplicate: float = Field(0.8, description="Jaccard of word trigrams at which to drop")


def mine(
    procedures: list[Procedure], config: CleaningConfig
) -> tuple[list[TaskPlan], list[Dropped]]:
    """Records from procedures in page order, with every dropped candidate and its reason."""
    kept: list[TaskPlan] = []
    dropped: list[Dropped] = []
    counters: dict[str, int] = {}
    for procedure in procedures:
        app = MODULE_APPS.get(procedure.page.split("/")[0], "shared")
        source = f"{procedure.page}#{procedure.heading_id}"
        task = imperative_task(procedure.heading or procedure.page_title, procedure.intro)
        plan = [normalise_step(s) for s in procedure.steps]
        reason = reject_reason(task, plan, app, config)
        if reason:
            dropped.append(Dropped(reason=reason, source=source, task=task))
            continue
        counters[app] = counters.get(app, 0) + 1
        kept.append(
            TaskPlan(
                task_id=f"{app}_{counters[app]:04d}",
                app=app,
                task=task,
                plan=plan,
                source=source,
                page_title=procedure.page_title,
            )
        )
    kept, duplicates = deduplicate(kept, config.near_duplicate)
    return kept, dropped + duplicates


def normalise_step(step: str) -> str:
    """One step as a sentence: whitespace, quotes and the final full stop made uniform."""
    step = step.replace("“", '"').replace("”", '"').replace("’", "'")
    step = re.sub(r"\s+", " ", step).strip()
    step = step[:1].upper() + step[1:]
    if step and step[-1] not in ".:!?":
        step += "."
    return step


def reject_reason(task: str | None, plan: list[str], app: str, config: CleaningConfig) -> str:
    """Why a candidate fails the filters, or "" when it passes."""
    text = " ".join([task or "", *plan])
    if task is None or re.fullmatch(r"\w+ (menu|dialog|tab|window|toolbar)", task, re.I):
        return "no task phrase"  # "Format menu" names a place, not something to do
    if not plan:
        return "empty plan"
    if not looks_english(text):
        return "language"
    n_words = len(task.split())
    if n_words < config.min_task_words:
        return "task too short"
    if n_words > config.max_task_words:
        return "task too long"
    if plan[-1].endswith(":"):
        return "plan continues outside the list"  # "Do one of the following:" + a loose list
    if len(plan) == 1 and not MENU_PATH.search(plan[0]):
        return "plan too short"
    if len(plan) > config.max_steps:
        return "plan too long"
    if any(len(step.split()) > config.max_step_words for step in plan):
        return "step too long"
    if not any(UI_VERBS.search(step) for step in plan):
        return "no UI action in the plan"
    if ENVIRONMENT.search(text):
        return "environment-dependent"
    if SUBJECTIVE.search(task):
        return "subjective"
    if _other_apps(text, app):
        return "needs another application"
    return ""


def looks_english(text: str) -> bool:
    """English prose: mostly Latin letters and at least one common English word."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    latin = sum(c.isascii() for c in letters) / len(letters)
    words = set(re.findall(r"[a-z]+", text.lower()))
    return latin > 0.95 and bool(words & STOPWORDS)


def _other_apps(text: str, app: str) -> bool:
    named = {a for a, name in APP_NAMES.items() if re.search(rf"\bLibreOffice {name}\b", text)}
    if app in APP_NAMES:
        return bool(named - {app})
    return len(named) > 1  # a shared procedure may name the one app it is about


def deduplicate(records: list[TaskPlan], threshold: float) -> tuple[list[TaskPlan], list[Dropped]]:
    """Drop exact duplicates, then records whose task and plan nearly repeat an earlier one."""
    kept: list[TaskPlan] = []
    shingles: list[set[tuple[str, ...]]] = []
    seen: dict[str, str] = {}
    dropped: list[Dropped] = []
    for record in records:
        key = _plain(" | ".join([record.task, *record.plan]))
        if key in seen:
            dropped.append(
                Dropped(
                    reason="exact duplicate",
                    source=record.source,
                    task=record.task,
                    detail=f"same as {seen[key]}",
                )
            )
            continue
        grams = trigrams(key)
        twin = next(
            (kept[i] for i, s in enumerate(shingles) if jaccard(grams, s) >= threshold), None
        )
        if twin is not None:
            dropped.append(
                Dropped(
                    reason="near duplicate",
                    source=record.source,
                    task=record.task,
                    detail=f"like {twin.task_id}",
                )
            )
            continue
        seen[key] = record.task_id
        kept.append(record)
        shingles.append(grams)
    return kept, dropped


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def trigrams(text: str) -> set[tuple[str, ...]]:
    """Word trigrams of a text (its words when it has fewer than three)."""
    words = text.split()
    if len(words) < 3:
        return {tuple(words)}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def jaccard(a: set, b: set) -> float:
    """Overlap of two sets: |a & b| / |a | b|."""
    return len(a & b) / len(a | b) if a or b else 1.0
