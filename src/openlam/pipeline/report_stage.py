"""The pipeline's last stage: gather what the stages wrote into one EvalReport and render it.
Always run: it only reads files, and a report must show the run as it is now."""

from __future__ import annotations

import time
from pathlib import Path

from openlam.eval.report import write_report
from openlam.eval.results import (
    EvalReport,
    OfflineRow,
    OnlineRow,
    PhaseRow,
    PlanRow,
    Trace,
    load_rows,
)
from openlam.pipeline.config import PipelineConfig
from openlam.pipeline.run import PHASES, Layout
from openlam.train.checkpoint import read_meta


def write_pipeline_report(
    config: PipelineConfig, layout: Layout, times: dict[str, float], seconds: float
) -> dict:
    """report.json, report.md and report.html under <out>/report."""
    e = layout.eval
    report = EvalReport(
        title=config.title,
        created=time.strftime("%Y-%m-%d %H:%M"),
        settings=_settings(config, seconds),
        stage_seconds=times,
        training=training_rows(layout),
        offline=load_rows(e / "offline" / "offline.jsonl", OfflineRow),
        plans=load_rows(e / "plans" / "plans.jsonl", PlanRow),
        online=load_rows(e / "online" / "online.jsonl", OnlineRow),
        traces=load_rows(e / "online" / "traces.jsonl", Trace),
    )
    return write_report(report, layout.report)


def training_rows(layout: Layout) -> list[PhaseRow]:
    """One row per finished phase, from its meta.json."""
    rows = []
    for phase in PHASES:
        meta = read_meta(layout.phase(phase))
        if meta is None:
            continue
        m = meta.metrics
        extra = {
            k: v
            for k, v in m.items()
            if isinstance(v, int | float | str)
            and k not in ("examples", "steps", "seconds", "first_loss", "last_loss")
        }
        rows.append(
            PhaseRow(
                phase=phase,
                checkpoint=str(layout.phase(phase)),
                examples=int(m.get("examples", m.get("states", 0))),
                steps=int(m.get("steps", 0)),
                seconds=float(m.get("seconds", 0.0)),
                first_loss=m.get("first_loss"),
                last_loss=m.get("last_loss"),
                extra=extra,
            )
        )
    return rows


def _settings(config: PipelineConfig, seconds: float) -> dict[str, str]:
    t, c, e = config.train, config.collect, config.eval
    return {
        "base model": t.base,
        "device": t.device,
        "expert": c.expert,
        "collection": f"{config.app}: {c.per_family} instances per family, "
        f"{config.workers} worker(s)",
        "offline eval": f"{e.offline_steps or 'all'} held-out steps (whole tasks)",
        "online eval": f"{e.online_per_family} held-out instance(s) per family, "
        f"at most {e.online_max_steps} steps",
        "this run": f"{seconds:.0f} s (stages already up to date were skipped)",
        "output": str(Path(config.out)),
    }
