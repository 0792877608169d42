"""Supervised fine-tuning with the loss on the target tokens only (phases 1, 2 and 3).

A plain torch loop rather than a Trainer: examples are grouped by length so batches carry
little padding, only the target positions reach the output layer, and a resume point holds
just the trainable weights and the optimizer.
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

from openlam.train.config import TrainConfig
from openlam.train.examples import Encoded, Example, encode
from openlam.train.loop import Log, LoopState, Record, TrainLoop
from openlam.train.modeling import target_logprobs, trainable_parameters
from openlam.train.packing import packed_target_logprobs


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


def optimizer_step(model: Any, optimizer: Any, scheduler: Any, max_grad_norm: float) -> None:
    """Clip the accumulated gradients, step the optimizer and the schedule, clear them."""
    import torch

    torch.nn.utils.clip_grad_norm_(trainable_parameters(model), max_grad_norm)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)


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
    loop = TrainLoop(
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        out=out,
        fingerprint=run_fingerprint,
        total=total_steps,
        save_steps=config.save_steps,
        log_steps=config.log_steps,
        describe=lambda r: f"step {r['step']}/{total_steps} loss {r['loss']:.4f}",
        log=log,
    )
    accum, pad = config.grad_accumulation, tokenizer.pad_token_id

    def step(index: int, state: LoopState) -> Record:
        group = [[encoded[i] for i in b] for b in batches[index * accum : (index + 1) * accum]]
        loss = _accumulate(model, group, pad if not config.pack else None, state.extra)
        optimizer_step(model, optimizer, scheduler, config.max_grad_norm)
        lr = scheduler.get_last_lr()[0]
        return {"step": index + 1, "loss": loss, "lr": lr, "tokens": state.extra["tokens"]}

    state = loop.resume({"tokens": 0, "target_tokens": 0})
    model.train()
    state = loop.run(step, state)
    model.eval()
    return _metrics(state, len(encoded), too_long, total_steps)


def _accumulate(model: Any, group: list[list[Encoded]], pad: int | None, counts: dict) -> float:
    """Forward and backward over the micro-batches of one optimizer step; the mean loss per
    target token. Each micro-batch is one packed sequence, or padded rows given `pad`."""
    n_target = sum(len(e.target_ids) for batch in group for e in batch)
    total = 0.0
    for batch in group:
        if pad is None:
            loss = -packed_target_logprobs(model, batch).sum() / n_target
        else:
            logprobs, mask = target_logprobs(
                model,
                [e.prompt_ids + e.target_ids for e in batch],
                [len(e.target_ids) for e in batch],
                pad,
            )
            loss = -(logprobs * mask).sum() / n_target
        loss.backward()
        total += loss.item()
        counts["tokens"] += sum(e.length for e in batch)
        counts["target_tokens"] += sum(len(e.target_ids) for e in batch)
    return total


def _metrics(state: LoopState, examples: int, too_long: int, steps: int) -> dict[str, Any]:
    first, last = state.first_last("loss")
    tokens = state.extra["tokens"]
    return {
        "examples": examples,
        "too_long": too_long,
        "steps": steps,
        "train_tokens": tokens,
        "target_tokens": state.extra["target_tokens"],
        "seconds": round(state.seconds, 2),
        "tokens_per_second": round(tokens / max(state.seconds, 1e-9), 1),
        "first_loss": first,
        "last_loss": last,
    }
