"""Supervised fine-tuning with the loss on the target tokens only (phases 1, 2 and 3).

A plain torch loop rather than a Trainer: examples are grouped by length so batches carry
little padding, only the target positions reach the output layer, and a resume point holds
just the trainable weights and the optimizer.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openlam.train.checkpoint import load_resume, save_resume
from openlam.train.config import TrainConfig
from openlam.train.examples import Encoded, Example, encode
from openlam.train.modeling import target_logprobs, trainable_parameters

Log = Callable[[str], None]


def encode_all(
    examples: list[Example], tokenizer: Any, max_length: int
) -> tuple[list[Encoded], int]:
    """Encoded examples that fit max_length, and how many did not."""
    encoded = [encode(e, tokenizer) for e in examples]
    kept = [e for e in encoded if e.length <= max_length]
    return kept, len(encoded) - len(kept)


def subset(examples: list, config: TrainConfig) -> list:
    """All examples, or `limit` of them drawn at random (seeded), in their file order."""
    if config.limit is None or config.limit >= len(examples):
        return list(examples)
    chosen = sorted(random.Random(config.seed).sample(range(len(examples)), config.limit))
    return [examples[i] for i in chosen]


def micro_batches(encoded: list[Encoded], config: TrainConfig) -> list[list[int]]:
    """Indices of every micro-batch of the run, in order, epoch after epoch.

    Each epoch shuffles, sorts windows of 16 batches by length (so a batch holds examples of
    similar length), then shuffles the batches. Seeded, so a resumed run sees the same order.
    """
    size = config.batch_size
    per_epoch = math.ceil(len(encoded) / size)
    total = math.ceil(per_epoch * config.epochs)
    out: list[list[int]] = []
    epoch = 0
    while len(out) < total:
        rng = random.Random(config.seed + epoch)
        order = list(range(len(encoded)))
        rng.shuffle(order)
        window = size * 16
        batches = []
        for start in range(0, len(order), window):
            chunk = sorted(order[start : start + window], key=lambda i: encoded[i].length)
            batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
        rng.shuffle(batches)
        out += batches
        epoch += 1
    return out[:total]


def optimizer_and_schedule(model: Any, config: TrainConfig, total_steps: int) -> tuple[Any, Any]:
    """AdamW on the trainable weights with warmup and the configured decay."""
    import torch
    from transformers import get_scheduler

    optimizer = torch.optim.AdamW(
        trainable_parameters(model), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    scheduler = get_scheduler(
        config.scheduler,
        optimizer,
        num_warmup_steps=int(config.warmup_ratio * total_steps),
        num_training_steps=total_steps,
    )
    return optimizer, scheduler


def train_sft(
    model: Any,
    tokenizer: Any,
    examples: list[Example],
    config: TrainConfig,
    out: Path,
    run_fingerprint: str,
    log: Log = print,
) -> dict[str, Any]:
    """Train on the examples; write log.jsonl and resume points under `out`; return metrics."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(config.seed)
    encoded, too_long = encode_all(subset(examples, config), tokenizer, config.max_length)
    if not encoded:
        raise ValueError(f"no example fits max_length={config.max_length} ({too_long} too long)")
    batches = micro_batches(encoded, config)
    total_steps = math.ceil(len(batches) / config.grad_accumulation)
    if config.max_steps is not None:
        total_steps = min(total_steps, config.max_steps)
        batches = batches[: total_steps * config.grad_accumulation]
    optimizer, scheduler = optimizer_and_schedule(model, config, total_steps)
    state = load_resume(out, model, optimizer, scheduler, run_fingerprint) or {
        "step": 0,
        "tokens": 0,
        "target_tokens": 0,
        "seconds": 0.0,
        "losses": [],
    }
    state["fingerprint"] = run_fingerprint
    if state["step"]:
        log(f"resuming at step {state['step']} of {total_steps}")
    model.train()
    started = time.perf_counter() - state["seconds"]
    pad = tokenizer.pad_token_id
    with (out / "log.jsonl").open("a", encoding="utf-8") as sink:
        for step in range(state["step"], total_steps):
            group = batches[step * config.grad_accumulation : (step + 1) * config.grad_accumulation]
            loss = _accumulate(model, [[encoded[i] for i in b] for b in group], pad, state)
            torch.nn.utils.clip_grad_norm_(trainable_parameters(model), config.max_grad_norm)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            state["step"] = step + 1
            state["losses"].append(loss)
            state["seconds"] = time.perf_counter() - started
            if state["step"] % config.log_steps == 0 or state["step"] == total_steps:
                record = {"step": state["step"], "loss": loss, "lr": scheduler.get_last_lr()[0]}
                record |= {"tokens": state["tokens"], "seconds": round(state["seconds"], 2)}
                sink.write(json.dumps(record) + "\n")
                sink.flush()
                log(f"step {state['step']}/{total_steps} loss {loss:.4f}")
            if state["step"] % config.save_steps == 0 and state["step"] < total_steps:
                save_resume(out, model, optimizer, scheduler, state)
    model.eval()
    return _metrics(state, len(encoded), too_long, total_steps)


def _accumulate(model: Any, group: list[list[Encoded]], pad: int, state: dict) -> float:
    """Forward and backward over the micro-batches of one optimizer step; the mean loss per
    target token."""
    n_target = sum(len(e.target_ids) for batch in group for e in batch)
    total = 0.0
    for batch in group:
        logprobs, mask = target_logprobs(
            model,
            [e.prompt_ids + e.target_ids for e in batch],
            [len(e.target_ids) for e in batch],
            pad,
        )
        loss = -(logprobs * mask).sum() / n_target
        loss.backward()
        total += loss.item()
        state["tokens"] += sum(e.length for e in batch)
        state["target_tokens"] += sum(len(e.target_ids) for e in batch)
    return total


def _metrics(state: dict, examples: int, too_long: int, steps: int) -> dict[str, Any]:
    losses = state["losses"]
    return {
        "examples": examples,
        "too_long": too_long,
        "steps": steps,
        "train_tokens": state["tokens"],
        "target_tokens": state["target_tokens"],
        "seconds": round(state["seconds"], 2),
        "tokens_per_second": round(state["tokens"] / max(state["seconds"], 1e-9), 1),
        "first_loss": losses[0] if losses else None,
        "last_loss": losses[-1] if losses else None,
    }
