"""The phase-1 corpus end to end: read the help pages, mine and clean task-plan records, evolve
them, and write JSON Lines plus a stats summary.

Output folder:
    mined.jsonl     records mined from the help (TaskPlan)
    evolved.jsonl   harder variants, each linked to its source by `evolved_from`
    plans.jsonl     both together: the phase-1 training file
    dropped.jsonl   every candidate that was dropped, with its reason
    stats.json      counts by app, source page, steps per plan, drop reasons, evolution rules
Each record file loads with `datasets.load_dataset("json", data_files=...)`; load mined and
evolved records together through plans.jsonl (as two splits, mined.jsonl's all-null
`evolved_from` column would not cast to evolved.jsonl's strings).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from openlam.data.help_pages import iter_pages, parse_page
from openlam.data.plan_evolution import evolve_offline, evolve_with_model
from openlam.data.plan_mining import CleaningConfig, Dropped, TaskPlan, mine
from openlam.models.base import TextModel
from openlam.records import write_jsonl

DEFAULT_HELP_ROOT = Path("/usr/share/libreoffice/help/en-US/text")
# Duplicates keep their first occurrence: Writer, the first application, reads first.
MODULE_ORDER = [
    "swriter",
    "shared",
    "scalc",
    "simpress",
    "sdraw",
    "smath",
    "schart",
    "sdatabase",
    "sbasic",
]


class PlanCorpusConfig(BaseModel):
    """Where the help is, which modules to read, how to clean and how to evolve."""

    help_root: Path = DEFAULT_HELP_ROOT
    modules: list[str] | None = Field(None, description="help modules, e.g. swriter; all if None")
    out_dir: Path = Path("runs/plans")
    cleaning: CleaningConfig = CleaningConfig()
    evolve: Literal["offline", "llm", "none"] = "offline"
    llm_max_records: int | None = Field(None, description="evolve at most this many with the LLM")
    seed: int = 0


class PlanCorpus(BaseModel):
    """What one run produced."""

    mined: list[TaskPlan]
    evolved: list[TaskPlan]
    dropped: list[Dropped]
    pages: int

    def stats(self) -> dict:
        """Counts for the summary: by app, source page, plan length, drop reason, rule."""
        return {
            "pages_read": self.pages,
            "mined": len(self.mined),
            "evolved": len(self.evolved),
            "dropped": len(self.dropped),
            "mined_by_app": dict(Counter(r.app for r in self.mined).most_common()),
            "evolved_by_app": dict(Counter(r.app for r in self.evolved).most_common()),
            "evolved_by_rule": dict(Counter(r.evolution for r in self.evolved).most_common()),
            "drop_reasons": dict(Counter(d.reason for d in self.dropped).most_common()),
            "steps_per_plan": dict(sorted(Counter(len(r.plan) for r in self.mined).items())),
            "records_by_page": dict(
                Counter(r.source.split("#")[0] for r in self.mined).most_common()
            ),
        }


def build_corpus(config: PlanCorpusConfig, model: TextModel | None = None) -> PlanCorpus:
    """Mine, clean and evolve; `model` is needed only when `config.evolve == "llm"`."""
    pages = sorted(
        iter_pages(config.help_root, config.modules),
        key=lambda p: _module_rank(p.relative_to(config.help_root).parts[0]),
    )
    procedures = [p for page in pages for p in parse_page(page, config.help_root)]
    mined, dropped = mine(procedures, config.cleaning)
    if config.evolve == "offline":
        evolved = evolve_offline(mined, seed=config.seed)
    elif config.evolve == "llm":
        if model is None:
            raise ValueError("evolve='llm' needs a model (an OpenAI-compatible endpoint)")
        evolved, rejected = _evolve_llm(mined[: config.llm_max_records], model)
        dropped += rejected
    else:
        evolved = []
    return PlanCorpus(mined=mined, evolved=evolved, dropped=dropped, pages=len(pages))


def _module_rank(module: str) -> int:
    return MODULE_ORDER.index(module) if module in MODULE_ORDER else len(MODULE_ORDER)


def _evolve_llm(records: list[TaskPlan], model: TextModel) -> tuple[list[TaskPlan], list[Dropped]]:
    evolved, rejected = [], []
    for record in records:
        variant, problem = evolve_with_model(record, model)
        if variant is None:
            rejected.append(
                Dropped(
                    reason=f"evolution: {problem.split(':')[0]}",
                    source=record.task_id,
                    task=record.task,
                    detail=problem,
                )
            )
        else:
            evolved.append(variant)
    return evolved, rejected


def write_corpus(corpus: PlanCorpus, out_dir: Path) -> dict:
    """Write the record files and stats.json; returns the stats."""
    write_jsonl(out_dir / "mined.jsonl", corpus.mined)
    write_jsonl(out_dir / "evolved.jsonl", corpus.evolved)
    write_jsonl(out_dir / "plans.jsonl", corpus.mined + corpus.evolved)
    write_jsonl(out_dir / "dropped.jsonl", corpus.dropped)
    stats = corpus.stats()
    (out_dir / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats
