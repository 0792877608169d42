"""Phase 4a: a reward model on the steps of executed tasks.

As in the paper, every step of a successful trajectory is labelled +1 and every step of a
failed one -1; the model is the phase-3 policy's network with a scalar head and a LoRA adapter,
trained by mean squared error on the label. Its score of a (state, action) pair is the head's
output at the last token.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from openlam.agent.prompt import PromptConfig
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.collect import load_results
from openlam.data.samples import sample_split, step_samples
from openlam.models.hf import resolve_device
from openlam.train.checkpoint import (
    CheckpointMeta,
    TrainingError,
    file_hashes,
    policy_variant,
    read_meta,
    resolve_start,
)
from openlam.train.config import LoraSettings, TrainConfig, fingerprint_fields
from openlam.train.examples import Encoded, Example, encode
from openlam.train.loop import LoopState, Record, TrainLoop
from openlam.train.modeling import (
    compute,
    load_tokenizer,
    lora_config,
    precision,
    right_padded,
    with_precision,
)
from openlam.train.phases import Log, finished, run_fingerprint, save_checkpoint
from openlam.train.sft import (
    encode_all,
    micro_batches,
    optimizer_and_schedule,
    optimizer_step,
    subset,
)

REWARD_DEFAULTS = TrainConfig(lora=LoraSettings(r=8, alpha=16), learning_rate=2e-4)


class LabelledStep(BaseModel):
    """A (state, action) pair and its label: +1 from a success, -1 from a failure."""

    example: Example
    label: float = Field(ge=-1, le=1)
    split: str


def labelled_steps(collections: list[Path], variant: str) -> list[LabelledStep]:
    """Every step of every executed task in these collection folders, labelled by outcome."""
    config = PromptConfig(variant=variant)
    out = []
    for folder in collections:
        for result in load_results(folder / "results.jsonl"):
            if not result.trajectory or sample_split(result) is None:
                continue
            trajectory = load_trajectory(folder / "trajectories" / result.trajectory)
            for s in step_samples(trajectory, result, config):
                out.append(
                    LabelledStep(
                        example=Example(id=s.id, messages=s.messages, target=s.target),
                        label=1.0 if result.success else -1.0,
                        split=s.split,
                    )
                )
    return out


def load_reward_model(start: str, config: TrainConfig, adapter: str | None = None) -> Any:
    """The policy at `start` as a scalar-headed model with a new (or saved) LoRA adapter."""
    from peft import PeftModel, get_peft_model
    from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification

    base, policy_adapter = resolve_start(start)
    device = resolve_device(config.device)
    dtype, autocast = precision(config, device)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=1, dtype=dtype, attn_implementation="sdpa"
    )
    if policy_adapter is not None:
        policy = AutoModelForCausalLM.from_pretrained(base, dtype=dtype)
        merged = PeftModel.from_pretrained(policy, policy_adapter).merge_and_unload()
        backbone(model).load_state_dict(backbone(merged).state_dict())
    if adapter is not None:
        model = PeftModel.from_pretrained(model, adapter, is_trainable=False)
    else:
        model = get_peft_model(model, lora_config(config.lora, "SEQ_CLS", model))
    return with_precision(model, autocast).to(device)


def backbone(model: Any) -> Any:
    """The transformer under a task head (model.model for Llama-like models)."""
    return getattr(model, model.base_model_prefix)


def reward_scores(model: Any, rows: list[list[int]], pad_id: int) -> Any:
    """The scalar score of each token sequence, read at its last token (see right_padded)."""
    import torch

    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    device = next(model.parameters()).device
    ids, mask = right_padded(rows, pad_id, str(device))
    last = torch.tensor([len(r) - 1 for r in rows], device=device)
    with compute(model):
        hidden = backbone(inner)(input_ids=ids, attention_mask=mask).last_hidden_state
        scores = inner.score(hidden[torch.arange(len(rows), device=device), last])
    return scores.squeeze(-1).float()


class RewardModel:
    """A trained reward model, loaded for scoring (state, action) pairs."""

    def __init__(self, path: Path, device: str = "auto"):
        meta = read_meta(path)
        if meta is None or meta.kind != "reward":
            raise TrainingError(f"{path} is not an openlam reward model")
        config = TrainConfig(device=device)
        self.model = load_reward_model(meta.start, config, adapter=str(path))
        self.model.eval()
        self.tokenizer = load_tokenizer(str(path))

    def score(self, examples: list[Example]) -> list[float]:
        """The reward of each example's target as the answer to its messages."""
        import torch

        rows = [_ids(encode(e, self.tokenizer)) for e in examples]
        with torch.inference_mode():
            return reward_scores(self.model, rows, self.tokenizer.pad_token_id).tolist()


def _ids(encoded: Encoded) -> list[int]:
    return encoded.prompt_ids + encoded.target_ids


def train_reward(
    collections: list[Path],
    start: str,
    out: Path,
    config: TrainConfig = REWARD_DEFAULTS,
    log: Log = print,
) -> CheckpointMeta:
    """Train the reward model on the labelled steps of the collections' training side."""
    if meta := finished(out, log):
        return meta
    variant = policy_variant(start)
    steps = labelled_steps(collections, variant)
    files = [c / "results.jsonl" for c in collections]
    return train_reward_on(steps, files, start, out, config, log, variant)


def train_reward_on(
    steps: list[LabelledStep],
    data_files: list[Path],
    start: str,
    out: Path,
    config: TrainConfig = REWARD_DEFAULTS,
    log: Log = print,
    variant: str = "compact",
) -> CheckpointMeta:
    """Train the reward model on these labelled steps (their train split; test is scored)."""
    if meta := finished(out, log):
        return meta
    train = [s for s in steps if s.split == "train"]
    if not {s.label for s in train} >= {1.0, -1.0}:
        raise TrainingError("the reward model needs both successful and failed trajectories")
    out.mkdir(parents=True, exist_ok=True)
    data = file_hashes(data_files)
    key = run_fingerprint("reward", start, data, {"config": fingerprint_fields(config)})
    model = load_reward_model(start, config)
    tokenizer = load_tokenizer(resolve_start(start)[1] or resolve_start(start)[0])
    metrics = _fit(model, tokenizer, train, config, out, key, log)
    test = [s for s in steps if s.split == "test"]
    if test:
        metrics["test_sign_accuracy"] = sign_accuracy(model, tokenizer, test, config.batch_size)
    metrics |= {"positive_steps": sum(s.label > 0 for s in train), "test_steps": len(test)}
    metrics["negative_steps"] = sum(s.label < 0 for s in train)
    return save_checkpoint(
        model,
        tokenizer,
        out,
        CheckpointMeta(
            phase="reward",
            kind="reward",
            base_model=resolve_start(start)[0],
            start=start,
            data=data,
            config=config.model_dump(),
            metrics=metrics,
            prompt_variant=variant,
        ),
    )


def _fit(
    model: Any,
    tokenizer: Any,
    steps: list[LabelledStep],
    config: TrainConfig,
    out: Path,
    key: str,
    log: Log,
) -> dict[str, Any]:
    import torch

    torch.manual_seed(config.seed)
    labelled = subset(steps, config)
    encoded, too_long = encode_all([s.example for s in labelled], tokenizer, config.max_length)
    labels = {s.example.id: s.label for s in labelled}
    batches = micro_batches(encoded, config)
    total = math.ceil(len(batches) / config.grad_accumulation)
    total = min(total, config.max_steps or total)
    optimizer, scheduler = optimizer_and_schedule(model, config, total)
    loop = TrainLoop(
        model=model,
        optimizer=optimizer,
        scheduler=scheduler,
        out=out,
        fingerprint=key,
        total=total,
        save_steps=config.save_steps,
        log_steps=config.log_steps,
        describe=lambda r: f"reward step {r['step']}/{total} mse {r['loss']:.4f}",
        log=log,
    )
    accum, pad = config.grad_accumulation, tokenizer.pad_token_id

    def step(index: int, state: LoopState) -> Record:
        group = [[encoded[i] for i in b] for b in batches[index * accum : (index + 1) * accum]]
        loss = _mse(model, group, labels, pad)
        optimizer_step(model, optimizer, scheduler, config.max_grad_norm)
        return {"step": index + 1, "loss": loss, "lr": scheduler.get_last_lr()[0]}

    state = loop.resume({})
    model.train()
    state = loop.run(step, state)
    model.eval()
    first, last = state.first_last("loss")
    return {
        "examples": len(encoded),
        "too_long": too_long,
        "steps": total,
        "seconds": round(state.seconds, 2),
        "first_loss": first,
        "last_loss": last,
    }


def _mse(model: Any, group: list[list[Encoded]], labels: dict[str, float], pad: int) -> float:
    """Forward and backward over the micro-batches of one optimizer step; their mean MSE."""
    import torch

    total = 0.0
    for rows in group:
        scores = reward_scores(model, [_ids(e) for e in rows], pad)
        target = torch.tensor([labels[e.id] for e in rows], device=scores.device)
        loss = torch.nn.functional.mse_loss(scores, target) / len(group)
        loss.backward()
        total += loss.item()
    return total


def sign_accuracy(model: Any, tokenizer: Any, steps: list[LabelledStep], batch: int) -> float:
    """Share of steps whose score has the sign of their label."""
    import torch

    right = 0
    with torch.inference_mode():
        for i in range(0, len(steps), batch):
            chunk = steps[i : i + batch]
            rows = [_ids(encode(s.example, tokenizer)) for s in chunk]
            scores = reward_scores(model, rows, tokenizer.pad_token_id).tolist()
            right += sum((sc > 0) == (s.label > 0) for sc, s in zip(scores, chunk, strict=True))
    return right / len(steps)
