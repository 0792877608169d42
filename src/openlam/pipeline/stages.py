"""Make-like stages: a stage runs when its output is missing or out of date, and is skipped
otherwise.

A stage's fingerprint is a hash of its settings and of the content of its input files. When it
finishes, the fingerprint is written to `<out>/.stage.json`. Next time, a matching stamp skips
the stage; a different one means the output is stale, and it is removed before the stage runs
again. With no stamp (an interrupted first run) the stage runs over what is there, and the
stage's own resume logic (collection results, training resume points) picks up from it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STAMP = ".stage.json"


@dataclass
class Stage:
    """One step of the pipeline: its output folder, what it depends on, and how to run it."""

    name: str
    out: Path
    run: Callable[[], Any]
    settings: dict[str, Any] = field(default_factory=dict)
    inputs: list[Path] = field(default_factory=list)


def file_digest(path: Path) -> str:
    """sha256 of a file, or of a folder's files (by relative path), or "missing"."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    if path.is_dir():
        digest = hashlib.sha256()
        for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name != STAMP):
            digest.update(str(f.relative_to(path)).encode())
            digest.update(hashlib.sha256(f.read_bytes()).digest())
        return digest.hexdigest()
    return "missing"


def fingerprint(stage: Stage) -> str:
    """What the stage's output depends on."""
    parts = {
        "settings": stage.settings,
        "inputs": {str(p): file_digest(p) for p in stage.inputs},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def up_to_date(stage: Stage) -> bool:
    stamp = stage.out / STAMP
    if not stamp.is_file():
        return False
    return json.loads(stamp.read_text())["fingerprint"] == fingerprint(stage)


def run_stage(stage: Stage, log: Callable[[str], None]) -> float | None:
    """Run the stage unless it is up to date; returns its seconds, None when skipped."""
    if up_to_date(stage):
        log(f"[{stage.name}] up to date, skipped ({stage.out})")
        return None
    if (stage.out / STAMP).is_file():
        log(f"[{stage.name}] inputs or settings changed: removing {stage.out}")
        shutil.rmtree(stage.out)
    log(f"[{stage.name}] running")
    start = time.monotonic()
    stage.run()
    seconds = round(time.monotonic() - start, 1)
    stage.out.mkdir(parents=True, exist_ok=True)
    # The fingerprint is taken after the run: a stage that reads its own earlier output
    # (a resumed collection) is stamped with the inputs it finished from.
    stamp = {"fingerprint": fingerprint(stage), "seconds": seconds, "finished": _now()}
    (stage.out / STAMP).write_text(json.dumps(stamp, indent=1))
    log(f"[{stage.name}] done in {seconds:.0f} s")
    return seconds


def stage_seconds(out: Path) -> float | None:
    """The seconds a finished stage took, from its stamp."""
    stamp = out / STAMP
    return json.loads(stamp.read_text())["seconds"] if stamp.is_file() else None


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")
