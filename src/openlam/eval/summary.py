"""Success over repeated episodes, per task and overall, from recorded results.

MiniWoB++ scores are reported this way (BrowserGym's protocol): every task is run on several
held-out seeds, and the score is the mean success over all episodes, with its standard error.
The results file of a run still in progress can be read: a torn last line is left out, and the
file is never written to.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from openlam.data.execute import TaskResult
from openlam.records import Record, read_jsonl


class TaskScore(Record):
    """One task (family) over its episodes."""

    family: str
    episodes: int
    succeeded: int


class Summary(Record):
    """A group of tasks over their episodes: success rate in percent, with its standard error
    over episodes."""

    group: str
    tasks: int
    episodes: int
    succeeded: int
    success_rate: float
    std_error: float
    steps_per_episode: float
    by_task: list[TaskScore]


def read_results(path: Path) -> list[TaskResult]:
    """The results recorded so far; a last line without its newline (a write in progress)
    is left out, and an invalid complete line is an error naming it."""
    return read_jsonl(path, TaskResult, complete_lines_only=True)


def summarize(group: str, results: Iterable[TaskResult]) -> Summary:
    """Success over every episode of the results, and per task."""
    results = list(results)
    if not results:
        raise ValueError(f"no results in group {group!r}")
    seen: set[str] = set()
    for result in results:
        if result.id in seen:
            raise ValueError(f"episode {result.id} is recorded twice")
        seen.add(result.id)
    by_task: dict[str, list[TaskResult]] = defaultdict(list)
    for result in results:
        by_task[result.family].append(result)
    succeeded = sum(r.success for r in results)
    rate = succeeded / len(results)
    return Summary(
        group=group,
        tasks=len(by_task),
        episodes=len(results),
        succeeded=succeeded,
        success_rate=round(100 * rate, 1),
        std_error=round(100 * math.sqrt(rate * (1 - rate) / len(results)), 1),
        steps_per_episode=round(statistics.mean(r.steps for r in results), 2),
        by_task=[
            TaskScore(family=f, episodes=len(rs), succeeded=sum(r.success for r in rs))
            for f, rs in sorted(by_task.items())
        ],
    )


def summarize_groups(
    results: list[TaskResult], groups: dict[str, set[str]] | None = None
) -> list[Summary]:
    """The summary of all results, then of each named group of families that has any."""
    out = [summarize("all", results)]
    for name, families in (groups or {}).items():
        members = [r for r in results if r.family in families]
        if members:
            out.append(summarize(name, members))
    return out


def miniwob_groups(results: list[TaskResult]) -> dict[str, set[str]]:
    """For web results: the MiniWoB tasks with a scripted expert (whose trajectories a model
    trains on) and the others (which it never saw done)."""
    from openlam.tasks.web.experts import SOLUTIONS

    families = {r.family for r in results if r.app == "web"}
    with_expert = {f for f in families if f.removeprefix("miniwob/") in SOLUTIONS}
    return {"with a scripted expert": with_expert, "without one": families - with_expert}
