"""The evaluation report: an `EvalReport` written as report.json, report.md and report.html.

The tables follow the paper "Large Action Models" (arXiv 2412.10047): plans as in its Table 2,
offline steps as in Table 3, online tasks as in Table 4, with one column per model. Both the
Markdown and the HTML are rendered from the same `Table` values, so they always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openlam.eval.report_html import render_html
from openlam.eval.results import EvalReport, OfflineRow, OnlineRow, PhaseRow, PlanRow

MISSING = "–"


@dataclass(frozen=True)
class Table:
    """One table as both renderers show it; `best` holds, per row, the cells to set in bold."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    best: tuple[frozenset[int], ...]
    empty: str

    @property
    def id(self) -> str:
        return f"table-{self.key}"


@dataclass(frozen=True)
class Metric:
    """One metric row: the row field it reads, its format, and which way is better."""

    label: str
    field: str
    fmt: str
    higher_is_better: bool


PLAN_METRICS = (
    Metric("Step precision", "step_precision", ".1f", True),
    Metric("Step recall", "step_recall", ".1f", True),
    Metric("Step F1", "step_f1", ".1f", True),
    Metric("Plan success", "plan_success", ".1f", True),
    Metric("s/plan", "seconds_per_plan", ".2f", False),
)
OFFLINE_METRICS = (
    Metric("Parsed", "parsed", ".1f", True),
    Metric("Object Acc", "object_acc", ".1f", True),
    Metric("Operation Acc", "operation_acc", ".1f", True),
    Metric("Args Acc", "args_acc", ".1f", True),
    Metric("Status Acc", "status_acc", ".1f", True),
    Metric("SSR", "ssr", ".1f", True),
    Metric("TSR", "tsr", ".1f", True),
    Metric("s/step", "seconds_per_step", ".2f", False),
)
ONLINE_METRICS = (
    Metric("Task success rate (%)", "success_rate", ".1f", True),
    Metric("Task completion time (s)", "completion_time", ".2f", False),
    Metric("Steps per task", "steps_per_task", ".2f", False),
    Metric("Average step latency (s)", "step_latency", ".2f", False),
    Metric("Median step latency (s)", "step_latency_median", ".2f", False),
    Metric("Application errors", "application_errors", "d", False),
)


def write_report(report: EvalReport, out_dir: Path) -> dict[str, Path]:
    """Write report.json, report.md and report.html into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = build_tables(report)
    paths = {key: out_dir / f"report.{key}" for key in ("json", "md", "html")}
    paths["json"].write_text(report.model_dump_json(indent=1), encoding="utf-8")
    paths["md"].write_text(render_markdown(report, tables), encoding="utf-8")
    paths["html"].write_text(render_html(report, tables), encoding="utf-8")
    return paths


def load_report(path: Path) -> EvalReport:
    """Read a report.json (or the folder holding one) back into an `EvalReport`."""
    path = Path(path)
    if path.is_dir():
        path = path / "report.json"
    return EvalReport.model_validate_json(path.read_text(encoding="utf-8"))


def build_tables(report: EvalReport) -> list[Table]:
    """The report's tables in the order both renderers show them."""
    return [
        training_table(report.training),
        _metric_table("plans", "Plans (Table 2)", report.plans, PLAN_METRICS),
        offline_table(report.offline),
        _metric_table("online", "Online tasks (Table 4)", report.online, ONLINE_METRICS),
        family_table(report.online),
    ]


def training_table(rows: Sequence[PhaseRow]) -> Table:
    """One row per training phase; an Extra column only when some phase has extras."""
    header = ["Phase", "Checkpoint", "Examples", "Steps", "Seconds", "First loss", "Last loss"]
    numeric = [False, False, True, True, True, True, True]
    with_extra = any(r.extra for r in rows)
    if with_extra:
        header.append("Extra")
        numeric.append(False)
    body = []
    for r in rows:
        cells = [r.phase, r.checkpoint, str(r.examples), str(r.steps), f"{r.seconds:.1f}"]
        cells += [_loss(r.first_loss), _loss(r.last_loss)]
        if with_extra:
            cells.append(", ".join(f"{k}={v}" for k, v in r.extra.items()))
        body.append(tuple(cells))
    return Table(
        "training",
        "Training",
        tuple(header),
        tuple(body),
        tuple(numeric),
        tuple(frozenset() for _ in body),
        "Not run: no training phases in this report.",
    )


def offline_table(rows: Sequence[OfflineRow]) -> Table:
    """Table 3, led by a line giving each model's steps and tasks."""
    lead = ("Steps / tasks", *(f"{r.steps} / {r.tasks}" for r in rows))
    return _metric_table("offline", "Offline steps (Table 3)", rows, OFFLINE_METRICS, lead)


def family_table(rows: Sequence[OnlineRow]) -> Table:
    """Online tasks by family: one row per family, cells "succeeded/tasks" per model."""
    families = sorted({f for r in rows for f in r.by_family})
    body, best = [], []
    for family in families:
        results = [r.by_family.get(family) for r in rows]
        cells = [f"{x.succeeded}/{x.tasks}" if x else MISSING for x in results]
        rates = [x.succeeded / x.tasks if x and x.tasks else None for x in results]
        body.append((family, *cells))
        best.append(_best(rates, higher_is_better=True))
    return Table(
        "family",
        "Online tasks by family",
        ("Family", *(r.model for r in rows)),
        tuple(body),
        (False, *(True for _ in rows)),
        tuple(best),
        "Not run: no online results by family.",
    )


def _metric_table(
    key: str,
    title: str,
    rows: Sequence[PlanRow | OfflineRow | OnlineRow],
    metrics: Sequence[Metric],
    lead: tuple[str, ...] | None = None,
) -> Table:
    """Rows are metrics and columns are models, as in the paper's tables."""
    body = [lead] if lead and rows else []
    best: list[frozenset[int]] = [frozenset() for _ in body]
    for m in metrics:
        values = [getattr(r, m.field) for r in rows]
        cells = [MISSING if v is None else format(v, m.fmt) for v in values]
        body.append((m.label, *cells))
        # Compare what is shown, so two cells that read the same are both bold or neither.
        shown = [None if c == MISSING else float(c) for c in cells]
        best.append(_best(shown, m.higher_is_better))
    return Table(
        key,
        title,
        ("Metric", *(r.model for r in rows)),
        tuple(body) if rows else (),
        (False, *(True for _ in rows)),
        tuple(best) if rows else (),
        f"Not run: no {title.split(' (')[0].lower()} results in this report.",
    )


def _best(values: Sequence[float | None], higher_is_better: bool) -> frozenset[int]:
    """Cell indices (1 = first model) of the best value; none when there is nothing to rank."""
    known = [v for v in values if v is not None]
    if len(set(known)) < 2:
        return frozenset()
    target = max(known) if higher_is_better else min(known)
    return frozenset(i + 1 for i, v in enumerate(values) if v == target)


def _loss(value: float | None) -> str:
    return MISSING if value is None else f"{value:.4f}"


def render_markdown(report: EvalReport, tables: Sequence[Table] | None = None) -> str:
    """The report as Markdown: title, settings, stage times, then every table."""
    parts = [f"# {report.title}", f"Created {report.created}."]
    if report.settings:
        settings = "\n".join(f"- **{k}**: {_md_cell(v)}" for k, v in report.settings.items())
        parts += ["## Settings", settings]
    if report.stage_seconds:
        total = sum(report.stage_seconds.values())
        times = [f"- {k}: {v:.1f} s" for k, v in report.stage_seconds.items()]
        parts += ["## Stage times", "\n".join([*times, f"- total: {total:.1f} s"])]
    for table in tables if tables is not None else build_tables(report):
        parts += [f"## {table.title}", _md_table(table) if table.rows else table.empty]
    return "\n\n".join(parts) + "\n"


def _md_table(table: Table) -> str:
    align = ["---:" if n else "---" for n in table.numeric]
    lines = [_md_row(table.header), _md_row(align)]
    for row, best in zip(table.rows, table.best, strict=True):
        lines.append(_md_row([f"**{c}**" if i in best else c for i, c in enumerate(row)]))
    return "\n".join(lines)


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(c) for c in cells) + " |"


def _md_cell(text: str) -> str:
    # A pipe or a newline inside a cell would break the table's layout.
    return text.replace("|", "\\|").replace("\n", " ")
