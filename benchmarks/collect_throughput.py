"""Collection throughput: the same task instances collected with 1 and with 2 Ray workers in one
run, as tasks per minute and their ratio.

    .venv/bin/python benchmarks/collect_throughput.py [--n-per-family 1] [--limit N]

A smoke run (one task, both worker counts): --limit 1 --out /tmp/collect.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from rich.console import Console

from openlam.data.collect import CollectConfig, collect
from openlam.data.execute import ExpertConfig
from openlam.data.instantiate import instantiate_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-per-family", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None, help="only the first N tasks")
    parser.add_argument("--out", type=Path, default=Path("runs/bench/collect"))
    options = parser.parse_args()
    tasks = instantiate_library(options.n_per_family)[: options.limit]
    console = Console()
    figures = {"tasks": len(tasks)}
    for workers in options.workers:
        folder = options.out / f"workers-{workers}"
        shutil.rmtree(folder, ignore_errors=True)
        config = CollectConfig(out_dir=folder, workers=workers, expert=ExpertConfig(kind="oracle"))
        start = time.monotonic()
        results = collect(config, tasks, console)
        minutes = (time.monotonic() - start) / 60
        figures[f"{workers} workers"] = {
            "tasks_per_min": len(results) / minutes,
            "minutes": minutes,
            "succeeded": sum(r.success for r in results),
        }
        console.print(f"{workers} worker(s): {len(results) / minutes:.1f} tasks/min")
        for r in results:
            if not r.success:  # a rate over failed tasks says little: show why they failed
                error = f"; {r.execution_error}" if r.execution_error else ""
                console.print(f"failed {r.id}: {r.reason}{error}", style="red", markup=False)
    base = figures[f"{options.workers[0]} workers"]["tasks_per_min"]
    for workers in options.workers[1:]:
        ratio = figures[f"{workers} workers"]["tasks_per_min"] / base
        figures[f"speed-up {workers} vs {options.workers[0]}"] = ratio
        console.print(f"{workers} vs {options.workers[0]} workers: {ratio:.2f}x")
    (options.out / "throughput.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
