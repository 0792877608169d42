"""Phases 1 and 2, and what every phase shares: starting, fingerprinting, finishing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from openlam.records import read_jsonl
from openlam.train.checkpoint import (
    META,
    CheckpointMeta,
    TrainingError,
    clear_resume,
    file_hashes,
    fingerprint,
    read_meta,
    write_meta,
)
from openlam.train.config import TrainConfig, fingerprint_fields
from openlam.train.examples import Example, plan_examples, step_examples
from openlam.train.modeling import load_policy
from openlam.train.sft import train_sft

Log = Callable[[str], None]


def finished(out: Path, log: Log) -> CheckpointMeta | None:
    """The meta of a phase already finished in `out` (it is then not trained again)."""
    meta = read_meta(out)
    if meta is not None:
        log(f"{out} is a finished {meta.phase} checkpoint; remove it to train again")
    return meta


def run_fingerprint(phase: str, start: str, data: dict[str, str], extra: dict) -> str:
    """What a resume point must match: the phase, its start (and that start's own meta), the
    data and the settings."""
    start_meta = Path(start) / META
    parts = {"phase": phase, "start": start, "data": data, **extra}
    if start_meta.is_file():
        parts["start_meta"] = file_hashes([start_meta])[str(start_meta)]
    return fingerprint(parts)


def save_checkpoint(model: Any, tokenizer: Any, out: Path, meta: CheckpointMeta) -> CheckpointMeta:
    """The model or adapter and the tokenizer, then meta.json; the resume point goes."""
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    write_meta(out, meta)
    clear_resume(out)
    return meta


def policy_kind(model: Any) -> str:
    """adapter for a PEFT model, full otherwise."""
    from peft import PeftModel

    return "adapter" if isinstance(model, PeftModel) else "full"


def run_sft_phase(
    phase: str,
    start: str,
    examples: list[Example],
    data_files: list[Path],
    config: TrainConfig,
    out: Path,
    log: Log = print,
    prompt_variant: str | None = None,
    extra_metrics: dict | None = None,
) -> CheckpointMeta:
    """Fine-tune `start` on the examples and write the checkpoint to `out`."""
    if meta := finished(out, log):
        return meta
    if not examples:
        raise TrainingError(f"phase {phase}: no training examples in {data_files}")
    out.mkdir(parents=True, exist_ok=True)
    data = file_hashes(data_files)
    model, tokenizer, base = load_policy(start, config)
    key = run_fingerprint(phase, start, data, {"config": fingerprint_fields(config)})
    metrics = train_sft(model, tokenizer, examples, config, out, key, log)
    kind = policy_kind(model)
    return save_checkpoint(
        model,
        tokenizer,
        out,
        CheckpointMeta(
            phase=phase,
            kind=kind,
            base_model=base if kind == "adapter" else str(out),
            start=start,
            data=data,
            config=config.model_dump(),
            metrics=metrics | (extra_metrics or {}),
            prompt_variant=prompt_variant,
        ),
    )


def train_plan(
    corpus: Path, start: str, out: Path, config: TrainConfig, log: Log = print
) -> CheckpointMeta:
    """Phase 1 (LAM1): SFT on the training split of the task-plan corpus."""
    return run_sft_phase("plan", start, plan_examples(corpus), [corpus], config, out, log)


def samples_variant(path: Path) -> str:
    """The prompt variant the step samples were written in (one per file)."""
    from openlam.data.samples import StepSample

    variants = {s.variant for s in read_jsonl(path, StepSample)}
    if len(variants) != 1:
        raise TrainingError(f"{path} mixes prompt variants {sorted(variants)}")
    return variants.pop()


def train_imitate(
    samples: Path, start: str, out: Path, config: TrainConfig, log: Log = print
) -> CheckpointMeta:
    """Phase 2 (LAM2): imitation of the expert's successful steps, from phase 1."""
    return run_sft_phase(
        "imitate",
        start,
        step_examples(samples),
        [samples],
        config,
        out,
        log,
        prompt_variant=samples_variant(samples),
    )
