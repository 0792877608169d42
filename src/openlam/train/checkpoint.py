"""Checkpoints: where a phase starts from, what it writes, and how an interrupted one resumes.

A checkpoint is a directory that transformers or PEFT can load as it is (an adapter or a full
model, with the tokenizer) plus meta.json: the phase, the full model under an adapter, the
checkpoint it started from, the data files with their hashes, the config and the metrics.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from openlam.records import Record

if TYPE_CHECKING:
    import torch

META = "meta.json"
RESUME = "resume"
DEFAULT_BASE = "smollm2"


class TrainingError(Exception):
    """A phase cannot start or go on; the message says what to change."""


class CheckpointMeta(Record):
    """What a checkpoint is and how it was made."""

    phase: str
    kind: Literal["adapter", "full", "reward"]
    base_model: str = Field(description="the full model the adapter applies to, or this one")
    start: str = Field(description="the model or checkpoint the phase started from")
    data: dict[str, str] = Field(default_factory=dict, description="data file -> sha256")
    config: dict[str, Any] = Field(default_factory=dict)
    metrics: dict[str, Any] = Field(default_factory=dict)
    prompt_variant: str | None = None
    created: str = Field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S"))


def read_meta(path: Path) -> CheckpointMeta | None:
    """The meta.json of a checkpoint directory, or None for a plain model directory."""
    file = Path(path) / META
    return CheckpointMeta.model_validate_json(file.read_text()) if file.is_file() else None


def policy_variant(start: str) -> str:
    """The prompt variant a checkpoint was trained on (call, what the samples default to,
    for a plain model or anything that is not a checkpoint)."""
    meta = read_meta(_shipped_or_path(start))
    return (meta.prompt_variant if meta else None) or "call"


def _shipped_or_path(start: str) -> Path:
    """A shipped model's folder for its name; any other start as a path."""
    from openlam.models.shipped import SHIPPED, shipped_adapter

    return shipped_adapter(start) if start in SHIPPED else Path(start)


def write_meta(path: Path, meta: CheckpointMeta) -> None:
    """Written last, so a directory with a meta.json is a finished checkpoint."""
    tmp = path / (META + ".tmp")
    tmp.write_text(meta.model_dump_json(indent=2))
    tmp.replace(path / META)


def file_hashes(paths: list[Path]) -> dict[str, str]:
    """sha256 of each data file, keyed by its path as given."""
    out = {}
    for path in paths:
        digest = hashlib.sha256()
        with Path(path).open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        out[str(path)] = digest.hexdigest()
    return out


def resolve_start(start: str) -> tuple[str, str | None]:
    """(full model, adapter directory or None) for the default base model (`smollm2` or
    `base`), a shipped model's name, a hub name or a checkpoint."""
    from openlam.models.shipped import BASE

    if start in (DEFAULT_BASE, BASE):
        return _default_base(), None
    path = _shipped_or_path(start)
    meta = read_meta(path)
    if meta is not None:
        if meta.kind == "reward":
            raise TrainingError(f"{start} is a reward model, not a policy to train or run")
        base = _default_base() if meta.base_model == DEFAULT_BASE else meta.base_model
        return (base, str(path)) if meta.kind == "adapter" else (str(path), None)
    if (path / "adapter_config.json").is_file():
        config = json.loads((path / "adapter_config.json").read_text())
        return config["base_model_name_or_path"], str(path)
    if path.exists() and not (path / "config.json").is_file():
        raise TrainingError(f"{start} is neither a model directory nor an openlam checkpoint")
    return start, None


def _default_base() -> str:
    from openlam.models.smollm2 import ensure_default_model

    return str(ensure_default_model())


def fingerprint(parts: dict[str, Any]) -> str:
    """A stable hash of what a run depends on, to refuse resuming a different run."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def save_resume(
    out: Path,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
    state: dict[str, Any],
) -> None:
    """The trainable weights, the optimizer and the loop state, replaced atomically."""
    import torch

    folder = out / RESUME
    folder.mkdir(parents=True, exist_ok=True)
    trainable = {n: p.detach().cpu() for n, p in model.named_parameters() if p.requires_grad}
    payload = {
        "weights": trainable,
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "state": state,
        "rng": torch.get_rng_state(),
    }
    tmp = folder / "state.pt.tmp"
    torch.save(payload, tmp)
    tmp.replace(folder / "state.pt")


def load_resume(
    out: Path,
    model: torch.nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
    expected: str,
) -> dict[str, Any] | None:
    """Restore a saved resume point into the model and optimizer; its loop state, or None."""
    import torch

    file = out / RESUME / "state.pt"
    if not file.is_file():
        return None
    payload = torch.load(file, map_location="cpu", weights_only=False)
    if payload["state"].get("fingerprint") != expected:
        raise TrainingError(
            f"{out} holds an interrupted run with other data, start or settings; "
            "remove it or choose another output directory"
        )
    params = dict(model.named_parameters())
    with torch.no_grad():
        for name, value in payload["weights"].items():
            params[name].copy_(value.to(params[name].device))
    optimizer.load_state_dict(payload["optimizer"])
    scheduler.load_state_dict(payload["scheduler"])
    torch.set_rng_state(payload["rng"])
    return payload["state"]


def clear_resume(out: Path) -> None:
    """Drop the resume point once the finished checkpoint is written."""
    file = out / RESUME / "state.pt"
    file.unlink(missing_ok=True)
    if (out / RESUME).is_dir():
        (out / RESUME).rmdir()
