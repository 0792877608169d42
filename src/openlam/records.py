"""Records shared by every stage of the lifecycle.

Each record carries a schema version so that files written by one release can be read,
or rejected with a clear message, by another. Records are written as JSON Lines.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

T = TypeVar("T", bound=BaseModel)


class Record(BaseModel):
    """Base of every persisted record: strict about unknown fields, versioned."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = SCHEMA_VERSION


class Status(StrEnum):
    """What the model says about the task after an action (the paper's statuses)."""

    CONTINUE = "CONTINUE"
    FINISH = "FINISH"
    FAIL = "FAIL"
    CONFIRM = "CONFIRM"


class Control(Record):
    """One actionable control of the application, as the model sees it."""

    label: str
    name: str
    type: str
    state: list[str] = Field(default_factory=list)
    value: str | None = None
    context: str | None = None
    # Of a shape or a box drawn on a web page: where it is (x, y, width, height in CSS pixels
    # from the page's top-left corner) and its fill or background colour.
    box: tuple[int, int, int, int] | None = None
    color: str | None = None


class Run(Record):
    """A stretch of text with one set of character attributes."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strikethrough: bool = False
    font: str | None = None
    size: float | None = None
    color: str | None = None
    highlight: str | None = None


class Paragraph(Record):
    index: int
    style: str
    alignment: str
    text: str
    runs: list[Run] = Field(default_factory=list)
    list_kind: str | None = None


class Table(Record):
    index: int
    name: str
    rows: int
    columns: int
    cells: list[list[str]]


class Selection(Record):
    text: str
    in_table: str | None = None


class DocumentState(Record):
    """The document canvas as read through the application's API."""

    title: str
    paragraphs: list[Paragraph]
    tables: list[Table]
    selection: Selection | None = None
    page: dict[str, Any] = Field(default_factory=dict)


class ActionResult(Record):
    """What happened when an action ran: ok, or an error the agent can act on."""

    ok: bool
    message: str = ""
    error: str | None = None
    output: str | None = None


class Observation(Record):
    """What the agent sees before choosing an action."""

    app: str
    window: str
    controls: list[Control]
    document: DocumentState | None = None
    last_result: ActionResult | None = None

    def control(self, label: str) -> Control | None:
        return next((c for c in self.controls if c.label == label), None)

    def find(self, name: str, type: str | None = None) -> Control | None:
        """First control with this name (and type), for scripted policies and tests."""
        return next(
            (c for c in self.controls if c.name == name and (type is None or c.type == type)),
            None,
        )


class Action(Record):
    """One step of the model's output: a function call on a control plus a status."""

    function: str
    args: dict[str, Any] = Field(default_factory=dict)
    control_label: str | None = None
    control_name: str | None = None
    status: Status = Status.CONTINUE
    thought: str | None = None
    plan: list[str] = Field(default_factory=list)


class Shown(Record):
    """What a policy was shown at a step beyond the observation: the labels of the controls
    the relevance filter kept, and the plan in force. A prompt is rebuilt from this record, the
    observation and the steps before it, byte for byte as the model received it."""

    controls: list[str]
    plan: list[str] = Field(default_factory=list)

    def of(self, obs: Observation) -> list[Control]:
        """The shown controls of the observation, in the order shown."""
        by_label = {c.label: c for c in obs.controls}
        return [by_label[label] for label in self.controls if label in by_label]


class Step(Record):
    index: int
    observation: Observation
    shown: Shown | None = None
    action: Action | None
    result: ActionResult
    reward: float = 0.0
    terminated: bool = False
    truncated: bool = False
    timings: dict[str, float] = Field(default_factory=dict)
    model_output: str | None = None
    # The window as this step's action found it: an image file, its path relative to the
    # trajectory file's folder (kept only when the run's screen setting asks for it).
    screen: str | None = None


class Trajectory(Record):
    """A whole episode: the request, every step, and how it ended."""

    id: str
    app: str
    request: str
    template: str | None = None
    steps: list[Step] = Field(default_factory=list)
    outcome: str | None = None
    info: dict[str, Any] = Field(default_factory=dict)


def write_jsonl(path: Path, records: list[BaseModel], *, append: bool = False) -> None:
    """Write records as JSON Lines, flushed so a crash keeps every complete line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a" if append else "w", encoding="utf-8") as f:
        for record in records:
            f.write(record.model_dump_json() + "\n")
        f.flush()


def read_jsonl(path: Path, model: type[T], *, complete_lines_only: bool = False) -> list[T]:
    """Read JSON Lines into records, naming the line of any invalid record.
    `complete_lines_only`: leave out a last line without its newline, as a file that another
    process is still writing has (the file itself is not touched)."""
    out: list[T] = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip() or (complete_lines_only and not line.endswith("\n")):
                continue
            try:
                out.append(model.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValueError) as exc:
                raise ValueError(f"{path}:{number}: not a valid {model.__name__}: {exc}") from exc
    return out


def step_record(
    index: int,
    before: Observation,
    action: Action | None,
    stepped: tuple,
    shown: Shown | None = None,
) -> Step:
    """A Step from the observation before an action and what `env.step` returned for it
    (outside the agent loop: a person's demonstration, a skill's replay)."""
    obs, reward, terminated, truncated, info = stepped
    return Step(
        index=index,
        observation=before,
        shown=shown,
        action=action,
        result=obs.last_result,
        reward=reward,
        terminated=terminated,
        truncated=truncated,
        timings=info.get("timings", {}),
    )
