"""`openlam pipeline`: the lifecycle as a list of stages, each reading the files of the ones
before it and skipped when its output is up to date (see `stages`)."""

from __future__ import annotations

import time
from pathlib import Path

from rich.console import Console

from openlam.pipeline.config import PipelineConfig
from openlam.pipeline.stages import Stage, run_stage, stage_seconds

PHASES = ("plan", "imitate", "explore", "reward", "optimize")
POLICY_NAMES = {
    "plan": "LAM1 (plan)",
    "imitate": "LAM2 (imitate)",
    "explore": "LAM3 (explore)",
    "optimize": "LAM4 (optimize)",
}


class Layout:
    """Where each stage of one run writes."""

    def __init__(self, out: Path):
        self.out = out
        self.plans = out / "plans"
        self.collect = out / "collect"
        self.samples = out / "collect" / "samples"
        self.train = out / "train"
        self.eval = out / "eval"
        self.report = out / "report"

    def phase(self, name: str) -> Path:
        return self.train / name

    def attempts(self) -> list[Path]:
        """The exploration's collections (one per attempt), for the reward model."""
        return sorted((self.phase("explore") / "explore").glob("attempt-*"))


def run_pipeline(config: PipelineConfig, console: Console) -> Path:
    """Run every stage that is not up to date; return the report's HTML path."""
    layout = Layout(config.out)
    start = time.monotonic()
    # Stage names in brackets would read as rich markup.
    log = lambda message: console.print(message, markup=False, highlight=False)  # noqa: E731
    planned = stages(config, layout, console)
    for stage in planned:
        run_stage(stage, log)
    from openlam.pipeline.report_stage import write_pipeline_report

    paths = write_pipeline_report(config, layout, stage_times(planned), time.monotonic() - start)
    console.print(f"report: {paths['html']} (and {paths['md'].name})")
    return paths["html"]


def stages(config: PipelineConfig, layout: Layout, console: Console) -> list[Stage]:
    """The stages in order, each with its settings and input files."""
    from openlam.pipeline import steps

    c, s = config, steps
    phases = s.phases_of(c)
    train = [
        Stage(
            f"train {phase}",
            layout.phase(phase),
            lambda phase=phase: s.train_phase(phase, c, layout, console),
            s.phase_settings(phase, c),
            s.phase_inputs(phase, c, layout),
        )
        for phase in phases
    ]
    policies = [layout.phase(p) / "meta.json" for p in POLICY_NAMES if p in phases]
    samples = [layout.samples / "test.jsonl"]
    writer = c.app == "writer"
    plans = Stage(
        "plans", layout.plans, lambda: s.mine_plans(c, layout, console), c.plans.model_dump()
    )
    return [
        *([plans] if writer else []),
        Stage(
            "collect",
            layout.collect,
            lambda: s.collect_expert(c, layout, console),
            c.collect.model_dump(),
        ),
        *train,
        Stage(
            "eval offline",
            layout.eval / "offline",
            lambda: s.eval_offline(c, layout, console),
            s.eval_settings(c),
            policies + samples,
        ),
        *(
            [
                Stage(
                    "eval plans",
                    layout.eval / "plans",
                    lambda: s.eval_plans(c, layout),
                    s.eval_settings(c),
                    [layout.phase("plan") / "meta.json", layout.plans / "plans.jsonl"],
                )
            ]
            if writer
            else []
        ),
        Stage(
            "eval online",
            layout.eval / "online",
            lambda: s.eval_online(c, layout, console),
            s.eval_settings(c),
            policies,
        ),
        *(
            [
                Stage(
                    "eval requests",
                    layout.eval / "requests",
                    lambda: s.eval_online(c, layout, console, requests=True),
                    s.eval_settings(c),
                    [*policies, c.eval.online_requests],
                )
            ]
            if c.eval.online_requests is not None and writer
            else []
        ),
    ]


def stage_times(done: list[Stage]) -> dict[str, float]:
    """Seconds of every finished stage, from their stamps."""
    return {s.name: t for s in done if (t := stage_seconds(s.out)) is not None}
