"""The recipe's last step: put a trained adapter into the package as a shipped model.

A model ships with its held-out online result, and replaces the shipped one only when that
result is better on the same protocol (as many held-out tasks or more). What ships: the
adapter's config and weights (at most MAX_WEIGHTS_MB), meta.json with the base model
written as `smollm2` (found on any machine), the result and the data hashes, and a model
card generated from them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openlam.eval.results import OnlineRow
from openlam.models.shipped import SHIPPED, is_shipped, lam_dir
from openlam.records import read_jsonl
from openlam.train.checkpoint import DEFAULT_BASE, TrainingError, read_meta, write_meta

MAX_WEIGHTS_MB = 25.0
WEIGHTS = "adapter_model.safetensors"
# The figures of a training phase the card lists, where the phase recorded them.
PHASE_FIGURES = ("examples", "steps", "seconds", "tokens_per_second", "first_loss", "last_loss")
# Below this held-out success a family is listed as one the model cannot do.
WEAK_FAMILY = 0.5


def ship(checkpoint: Path, name: str, online: Path, row: str, requests: Path | None = None) -> Path:
    """Copy the adapter at `checkpoint` into the package as `name`, with the result `row`
    of the online evaluation file `online` (and of `requests`, an online evaluation on
    hand-written requests, when given); returns the package folder."""
    meta = read_meta(checkpoint)
    if meta is None or meta.kind != "adapter":
        raise TrainingError(f"{checkpoint} is not an adapter checkpoint of openlam")
    from openlam.models.smollm2 import default_model_dir

    if meta.base_model not in (DEFAULT_BASE, str(default_model_dir())):
        raise TrainingError(f"a shipped model adapts the default base, not {meta.base_model}")
    result = _row(online, row)
    weights_mb = (checkpoint / WEIGHTS).stat().st_size / 1e6
    if weights_mb > MAX_WEIGHTS_MB:
        raise TrainingError(
            f"{weights_mb:.1f} MB of weights; a shipped adapter has at most {MAX_WEIGHTS_MB:g}"
        )
    _check_better(name, result)
    folder = lam_dir(name)
    folder.mkdir(parents=True, exist_ok=True)
    for file in ("adapter_config.json", WEIGHTS):
        shutil.copyfile(checkpoint / file, folder / file)
    heldout = result.model_dump(exclude={"step_latencies", "schema_version"})
    on_requests = _row(requests, row) if requests is not None else None
    chain = lineage(checkpoint)
    shipped = meta.model_copy(
        update={
            "base_model": DEFAULT_BASE,
            "data": {f: h for m in chain for f, h in m.data.items()},
            "metrics": {
                **meta.metrics,
                "heldout_online": heldout,
                **({"requests_online": _summary(on_requests)} if on_requests is not None else {}),
                "phases": {m.phase: m.metrics for m in reversed(chain)},
            },
        }
    )
    card = model_card(name, shipped, result, weights_mb, on_requests)
    (folder / "README.md").write_text(card)
    write_meta(folder, shipped)
    return folder


def lineage(checkpoint: Path) -> list:
    """The checkpoint's meta and those of the checkpoints it started from, newest first."""
    chain, seen = [], set()
    folder: Path | None = checkpoint
    while folder is not None and folder.resolve() not in seen:
        meta = read_meta(folder)
        if meta is None:
            break
        seen.add(folder.resolve())
        chain.append(meta)
        folder = Path(meta.start) if (Path(meta.start) / "meta.json").is_file() else None
    return chain


def _row(online: Path, name: str) -> OnlineRow:
    rows = {r.model: r for r in read_jsonl(online, OnlineRow)}
    if name not in rows:
        raise TrainingError(f"{online} has no row {name!r}; rows: {', '.join(rows)}")
    return rows[name]


def _check_better(name: str, result: OnlineRow) -> None:
    if not is_shipped(name):
        return
    old = read_meta(lam_dir(name))
    before = (old.metrics.get("heldout_online") or {}) if old else {}
    if result.tasks < before.get("tasks", 0):
        raise TrainingError(
            f"evaluated on {result.tasks} held-out tasks, fewer than the shipped model's "
            f"{before['tasks']}: evaluate on the same protocol"
        )
    if result.success_rate <= before.get("success_rate", -1.0):
        raise TrainingError(
            f"held-out success {result.success_rate:.1f}% is not better than the shipped "
            f"{name}'s {before['success_rate']:.1f}%; it stays"
        )


def _summary(row: OnlineRow) -> dict:
    return row.model_dump(exclude={"step_latencies", "schema_version", "by_family"})


def model_card(
    name: str, meta, result: OnlineRow, weights_mb: float, requests: OnlineRow | None = None
) -> str:
    """The model card: what it is, what it was trained on, its held-out result, its limits."""
    app = SHIPPED[name][1]
    weak = sorted(
        f for f, r in result.by_family.items() if r.tasks and r.succeeded / r.tasks < WEAK_FAMILY
    )
    lines = [
        f"# {name}",
        "",
        f"A Large Action Model for {app}: a LoRA adapter ({weights_mb:.1f} MB) on "
        "SmolLM2-135M-Instruct, trained by openlam's own recipe from openlam's own data. "
        f"It is the default model of `openlam run` and `openlam serve`; `--model base` gives "
        "the untrained model.",
        "",
        "## Training",
        "",
        "- phases: " + ", ".join(meta.metrics.get("phases", {}) or [meta.phase]),
        *[_phase_line(phase, m) for phase, m in meta.metrics.get("phases", {}).items()],
        f"- prompt variant: {meta.prompt_variant or 'call'}",
        "- data files (sha256):",
        *[f"  - `{Path(file).name}`: `{digest[:16]}`" for file, digest in meta.data.items()],
        "",
        "## Held-out evaluation",
        "",
        f"Online, in the real application, on {result.tasks} held-out tasks (test templates "
        "and test phrasings, never seen in training):",
        "",
        "| success | steps per task | step latency | completion time |",
        "|---|---|---|---|",
        f"| {result.success_rate:.1f}% ({result.succeeded}/{result.tasks}) | "
        f"{result.steps_per_task:.1f} | {result.step_latency:.2f} s | "
        f"{result.completion_time:.1f} s |",
        *_requests_lines(requests),
        "",
        "By family (succeeded / tasks):",
        "",
        "| family | succeeded |",
        "|---|---|",
        *[f"| `{f}` | {r.succeeded}/{r.tasks} |" for f, r in sorted(result.by_family.items())],
        "",
        "## What it cannot do",
        "",
        f"- act in any application but {app}, or take requests far from its task families;",
        f"- the families below {WEAK_FAMILY:.0%} held-out success: "
        + (", ".join(f"`{f}`" for f in weak) if weak else "none"),
        "",
    ]
    return "\n".join(lines)


def _phase_line(phase: str, metrics: dict) -> str:
    parts = [f"{k.replace('_', ' ')} {metrics[k]}" for k in PHASE_FIGURES if k in metrics]
    return f"  - {phase}: " + (", ".join(parts) or "(no figures recorded)")


def _requests_lines(row: OnlineRow | None) -> list[str]:
    if row is None:
        return []
    return [
        "",
        f"On {row.tasks} separately written requests (people's own wording, on the same "
        f"held-out documents): {row.success_rate:.1f}% ({row.succeeded}/{row.tasks}).",
    ]
