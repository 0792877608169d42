"""A trajectory written as it happens: a start line, one line per step, an end line.

Each line is flushed when written, so a process killed mid-task leaves every finished step on
disk; `load_trajectory` reads such a file back with the outcome "interrupted".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from openlam.records import Record, Step, Trajectory


class TrajectoryStart(Record):
    kind: Literal["start"] = "start"
    id: str
    app: str
    request: str
    template: str | None = None
    info: dict[str, Any] = Field(default_factory=dict)


class TrajectoryEnd(Record):
    kind: Literal["end"] = "end"
    outcome: str
    info: dict[str, Any] = Field(default_factory=dict)


class TrajectoryWriter:
    """Appends the lines of one trajectory to a file, flushing each one."""

    def __init__(self, path: Path, start: TrajectoryStart):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._file = path.open("w", encoding="utf-8")
        self._write(start)

    def step(self, step: Step) -> None:
        self._write(step)

    def end(self, outcome: str, info: dict[str, Any]) -> None:
        self._write(TrajectoryEnd(outcome=outcome, info=info))
        self._file.close()

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def _write(self, record: Record) -> None:
        self._file.write(record.model_dump_json() + "\n")
        self._file.flush()


def load_trajectory(path: Path) -> Trajectory:
    """Read a trajectory file back; a missing end means the run was interrupted, and a torn
    last line (the process died while writing it) is left out."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines = lines[:-1]
    if not lines:
        raise ValueError(f"{path}: no trajectory start line")
    start = TrajectoryStart.model_validate_json(lines[0])
    trajectory = Trajectory(
        id=start.id,
        app=start.app,
        request=start.request,
        template=start.template,
        outcome="interrupted",
        info=start.info,
    )
    for number, line in enumerate(lines[1:], start=2):
        data = json.loads(line)
        if data.get("kind") == "end":
            end = TrajectoryEnd.model_validate(data)
            trajectory.outcome, trajectory.info = end.outcome, {**trajectory.info, **end.info}
        else:
            try:
                trajectory.steps.append(Step.model_validate(data))
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: not a step: {exc}") from exc
    return trajectory
