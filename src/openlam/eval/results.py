"""The records an evaluation writes and the report reads: one row per model for each table
(offline steps, plans, online tasks), and traces of online episodes for the trace viewer.

Rates are percentages (0-100), times are seconds."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from openlam.records import Record, read_jsonl


class OfflineRow(Record):
    """The paper's Table 3 for one model: step metrics on held-out step samples."""

    model: str
    steps: int
    tasks: int
    parsed: float
    object_acc: float
    operation_acc: float
    args_acc: float
    status_acc: float
    ssr: float
    tsr: float
    seconds_per_step: float


class PlanRow(Record):
    """The paper's Table 2 for one model: plans for held-out requests against their references."""

    model: str
    plans: int
    step_precision: float
    step_recall: float
    step_f1: float
    plan_success: float = Field(description="plans whose every reference step is matched")
    seconds_per_plan: float


class FamilyResult(Record):
    tasks: int
    succeeded: int


class OnlineRow(Record):
    """The paper's Table 4 for one model (or the expert): tasks in the real application."""

    model: str
    tasks: int
    succeeded: int
    success_rate: float
    completion_time: float = Field(description="mean seconds per task, execution only")
    steps_per_task: float
    step_latency: float = Field(description="mean seconds per step: model, parse and action")
    step_latency_median: float | None = Field(None, description="the median of the same")
    application_errors: int = 0
    by_family: dict[str, FamilyResult] = Field(default_factory=dict)
    step_latencies: list[float] = Field(default_factory=list, description="every step, for plots")


class TraceStep(Record):
    """One step of an online episode as the trace viewer shows it."""

    index: int
    controls: list[str] = Field(description="the controls the model was shown, one per line")
    model_output: str | None
    action: str | None
    result: str
    seconds: dict[str, float] = Field(default_factory=dict)
    document_before: str
    document_after: str | None
    # The window before and after the step as `data:` URIs (small WebP), where the run kept
    # those screens: the report embeds them and stays one movable file.
    screen_before: str | None = None
    screen_after: str | None = None


class Trace(Record):
    """One online episode: which model, which task, how it ended, and every step."""

    model: str
    task_id: str
    family: str
    request: str
    success: bool
    reason: str
    steps: list[TraceStep]


class PhaseRow(Record):
    """One training phase as the report lists it."""

    phase: str
    checkpoint: str
    examples: int
    steps: int
    seconds: float
    first_loss: float | None = None
    last_loss: float | None = None
    extra: dict[str, float | int | str] = Field(default_factory=dict)


class EvalReport(Record):
    """Everything the report shows; written as report.json beside report.md and report.html."""

    title: str
    created: str
    settings: dict[str, str] = Field(default_factory=dict, description="what was run, in words")
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    training: list[PhaseRow] = Field(default_factory=list)
    offline: list[OfflineRow] = Field(default_factory=list)
    plans: list[PlanRow] = Field(default_factory=list)
    online: list[OnlineRow] = Field(default_factory=list)
    traces: list[Trace] = Field(default_factory=list)


def load_rows(path: Path, model: type[Record]) -> list:
    """Rows of one table from a JSON Lines file; none when the file is not there."""
    return read_jsonl(path, model) if path.exists() else []
