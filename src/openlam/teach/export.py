"""Demonstrations as task-action data: a collection folder `openlam data samples` reads.

The folder has the dataflow's layout: `results.jsonl` (one `TaskResult` per demonstration)
and `trajectories/` (the demonstrations' trajectory files, in the agent's format), so
`openlam data samples --collection DIR` cuts them into imitation samples like any expert's.
A demonstration counts as a success when the user ended it, or the application ended it with
a reward of 1; one the page judged a failure is exported and left out of the samples.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Literal

from openlam.agent.trajectory_log import load_trajectory
from openlam.data.execute import TaskResult, trajectory_name
from openlam.records import Trajectory, write_jsonl
from openlam.tasks.apps import app_for
from openlam.teach.skill import Skill, SkillFileError, load_skill
from openlam.teach.start import place

SplitChoice = Literal["auto", "train", "test"]


def export_demonstrations(
    skill_paths: list[Path], out_dir: Path, split: SplitChoice = "auto"
) -> list[TaskResult]:
    """Write the demonstrations of these skills into a collection folder."""
    results = []
    folder = out_dir / "trajectories"
    folder.mkdir(parents=True, exist_ok=True)
    for path in skill_paths:
        skill = load_skill(path)
        if skill.demonstration is None:
            raise SkillFileError(f"{path}: the skill has no recorded demonstration")
        source = path.parent / skill.demonstration
        trajectory = load_trajectory(source)
        task_id = f"teach/{skill.name}"
        shutil.copyfile(source, folder / trajectory_name(task_id))
        results.append(_result(skill, trajectory, task_id, split))
    write_jsonl(out_dir / "results.jsonl", results)
    return results


def _result(skill: Skill, trajectory: Trajectory, task_id: str, split: SplitChoice) -> TaskResult:
    reward = float(trajectory.info.get("reward") or 0.0)
    success = trajectory.outcome == "finished" or (
        trajectory.outcome == "task over" and reward >= 1.0
    )
    template = place(skill.start)
    return TaskResult(
        id=task_id,
        app=skill.start.app,
        family=f"teach/{skill.name}",
        template=template,
        split=_split(skill.start.app, template, split),
        phrasing=0,
        request=trajectory.request,
        source="teach",
        expert="demonstration",
        success=success,
        reason=f"demonstration {trajectory.outcome}, reward {reward:g}",
        steps=len(trajectory.steps),
        attempts=1,
        seconds={"record_s": float(trajectory.info.get("seconds") or 0.0)},
        trajectory=trajectory_name(task_id),
    )


def _split(app: str, template: str, split: SplitChoice) -> str:
    """auto: the split the app's rule puts this template in (Writer holds some templates
    out for testing; a demonstration on one of those is test data)."""
    if split != "auto":
        return split
    return "train" if app_for(app).held_out(template, "train") == "train" else "test"
