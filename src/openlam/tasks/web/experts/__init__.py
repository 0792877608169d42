"""Known-good scripted solutions of MiniWoB++ tasks: the web expert.

Each solution reads the task's utterance (and, where the task asks for it, the page text of
the observation) and acts only through the web environment's public actions on the controls
the agent also sees, so its trajectories are imitation data for the model. A module per kind
of task holds its solutions and their `SOLUTIONS` table; this package joins the tables.
"""

from __future__ import annotations

from openlam.agent.scripted import Rule
from openlam.tasks.web.experts import basic, shapes, sites, widgets
from openlam.tasks.web.experts.common import Solution, quoted

__all__ = ["SOLUTIONS", "Solution", "quoted", "solution"]

SOLUTIONS: dict[str, Solution] = {
    **basic.SOLUTIONS,
    **shapes.SOLUTIONS,
    **sites.SOLUTIONS,
    **widgets.SOLUTIONS,
}


def solution(task: str, utterance: str) -> list[Rule]:
    """The known-good solution of a task for this utterance."""
    try:
        solve = SOLUTIONS[task]
    except KeyError:
        raise KeyError(f"no scripted solution for MiniWoB task {task!r}") from None
    return solve(utterance)
