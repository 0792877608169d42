"""Phase 4b: offline policy optimisation with the clipped PPO objective.

The states are those of failed trajectories (the paper's 1,788). For each batch of states the
policy samples several actions, the reward model scores them, and the policy takes a few
epochs of clipped-ratio steps on those samples, held near the phase-3 model by a KL penalty
whose weight adapts towards a target KL.

Why not TRL: TRL no longer ships a PPO trainer, and its GRPO/RLOO trainers generate online
from a prompt dataset with their own loop. What the paper describes is PPO on a fixed set of
failed states with a learned reward, which is a short loop here. There is no value network:
the baseline of each sample is the mean reward of the other samples of its state (as in
RLOO/GRPO), which spares training a critic of the policy's size on a CPU.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from openlam.train.checkpoint import CheckpointMeta, file_hashes
from openlam.train.config import TrainConfig, fingerprint_fields
from openlam.train.examples import Example, encode
from openlam.train.loop import LoopState, Record, TrainLoop
from openlam.train.modeling import compute, load_policy, target_logprobs, trainable_parameters
from openlam.train.phases import Log, finished, policy_kind, run_fingerprint, save_checkpoint
from openlam.train.sft import optimizer_and_schedule

Scorer = Callable[[list[Example]], list[float]]


class OptimizeConfig(BaseModel):
    """The PPO settings (the paper: lr 1.4e-5, batch 8, 4 PPO epochs, KL target 0.1)."""

    train: TrainConfig = TrainConfig(learning_rate=1e-4, batch_size=8, scheduler="constant")
    states_per_batch: int = Field(4, ge=1)
    samples_per_state: int = Field(4, ge=2, description="actions sampled per state")
    max_new_tokens: int = Field(96, ge=1)
    temperature: float = Field(1.0, gt=0)
    ppo_epochs: int = Field(4, ge=1)
    clip: float = Field(0.2, gt=0)
    kl_coef: float = Field(0.05, ge=0, description="initial weight of the KL penalty")
    kl_target: float | None = Field(0.1, gt=0, description="None keeps kl_coef fixed")
    max_states: int | None = Field(None, ge=1)


class Rollout(BaseModel):
    """Sampled actions for a batch of states, with what the update needs."""

    rows: list[list[int]]
    target_lens: list[int]
    rewards: list[float]
    advantages: list[float]


def sample_actions(
    model: Any, tokenizer: Any, states: list[Example], config: OptimizeConfig
) -> tuple[list[list[int]], list[list[int]]]:
    """(prompt ids, completion ids) of `samples_per_state` sampled answers to each state."""
    import torch

    from openlam.train.modeling import left_padded

    prompts = [encode(s, tokenizer).prompt_ids for s in states]
    device = str(next(model.parameters()).device)
    ids, mask, _ = left_padded(prompts, tokenizer.pad_token_id, device)
    with torch.inference_mode(), compute(model):
        out = model.generate(
            input_ids=ids,
            attention_mask=mask,
            do_sample=True,
            temperature=config.temperature,
            top_k=0,
            top_p=1.0,
            max_new_tokens=config.max_new_tokens,
            num_return_sequences=config.samples_per_state,
            pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id,
        )
    completions = []
    for row in out[:, ids.shape[1] :].tolist():
        cut = row.index(tokenizer.eos_token_id) + 1 if tokenizer.eos_token_id in row else len(row)
        completions.append(row[:cut] or [tokenizer.eos_token_id])
    repeated = [p for p in prompts for _ in range(config.samples_per_state)]
    return repeated, completions


def group_advantages(rewards: list[float], group: int) -> list[float]:
    """Each reward minus the mean of its state's other samples, scaled by the batch spread."""
    import statistics

    out = []
    for start in range(0, len(rewards), group):
        chunk = rewards[start : start + group]
        total = sum(chunk)
        out += [r - (total - r) / (len(chunk) - 1) for r in chunk]
    spread = statistics.pstdev(out)
    return [a / spread for a in out] if spread > 1e-8 else out


def ppo_loss(new: Any, old: Any, ref: Any, mask: Any, adv: Any, clip: float, beta: float):
    """The clipped surrogate plus beta times a KL estimate, averaged over action tokens;
    returns (loss, kl)."""
    import torch

    ratio = torch.exp(new - old)
    surrogate = torch.maximum(-adv * ratio, -adv * ratio.clamp(1 - clip, 1 + clip))
    # k3 estimator of KL(policy || reference): non-negative, low variance.
    log_ratio = ref - new
    kl = torch.exp(log_ratio) - log_ratio - 1
    n = mask.sum()
    kl_mean = (kl * mask).sum() / n
    return (surrogate * mask).sum() / n + beta * kl_mean, kl_mean


def optimize(
    states: list[Example],
    scorer: Scorer,
    start: str,
    out: Path,
    config: OptimizeConfig,
    data_files: list[Path],
    log: Log = print,
) -> CheckpointMeta:
    """Run PPO from the policy at `start` over the states; write the checkpoint to `out`."""
    import torch

    if meta := finished(out, log):
        return meta
    out.mkdir(parents=True, exist_ok=True)
    tc = config.train
    states = states[: config.max_states]
    policy, tokenizer, base = load_policy(start, tc)
    reference, _, _ = load_policy(start, tc, trainable=False)
    batches = [
        states[i : i + config.states_per_batch]
        for i in range(0, len(states), config.states_per_batch)
    ]
    optimizer, scheduler = optimizer_and_schedule(policy, tc, len(batches))
    data = file_hashes(data_files)
    key = run_fingerprint("optimize", start, data, {"config": config.model_dump(mode="json")})
    key = run_fingerprint(key, start, data, {"train": fingerprint_fields(tc)})
    loop = TrainLoop(
        model=policy,
        optimizer=optimizer,
        scheduler=scheduler,
        out=out,
        fingerprint=key,
        total=len(batches),
        save_steps=tc.save_steps,
        log_steps=tc.log_steps,
        describe=lambda r: (
            f"batch {r['batch']}/{len(batches)} reward {r['reward']:.3f} "
            f"kl {r['kl']:.4f} beta {r['beta']:.4f}"
        ),
        log=log,
    )

    def step(index: int, state: LoopState) -> Record:
        rollout = _rollout(policy, tokenizer, batches[index], scorer, config)
        record = _update(policy, reference, tokenizer, rollout, optimizer, config, state.extra)
        scheduler.step()
        return record | {"batch": index + 1}

    state = loop.resume({"beta": config.kl_coef})
    # Seeded by the batch, so the samples of a resumed run depend only on where it resumed.
    torch.manual_seed(tc.seed + state.step)
    state = loop.run(step, state)
    metrics = _metrics(state, len(states), len(batches), config.ppo_epochs)
    return save_optimized(policy, tokenizer, out, start, base, config, data, metrics)


def save_optimized(
    policy: Any,
    tokenizer: Any,
    out: Path,
    start: str,
    base: str,
    config: OptimizeConfig,
    data: dict[str, str],
    metrics: dict[str, Any],
) -> CheckpointMeta:
    """The phase-4 checkpoint (an adapter on `base`, or a full model) with its meta."""
    kind = policy_kind(policy)
    return save_checkpoint(
        policy,
        tokenizer,
        out,
        CheckpointMeta(
            phase="optimize",
            kind=kind,
            base_model=base if kind == "adapter" else str(out),
            start=start,
            data=data,
            config=config.model_dump(mode="json"),
            metrics=metrics,
        ),
    )


def _metrics(state: LoopState, states: int, batches: int, ppo_epochs: int) -> dict[str, Any]:
    first, last = state.first_last("reward")
    return {
        "states": states,
        "batches": batches,
        "steps": batches * ppo_epochs,
        "seconds": round(state.seconds, 2),
        "first_reward": first,
        "last_reward": last,
        "last_kl": state.first_last("kl")[1],
        "surrogate_fell": sum(h["loss_last"] < h["loss_first"] for h in state.history),
    }


def _rollout(
    policy: Any, tokenizer: Any, states: list[Example], scorer: Scorer, config: OptimizeConfig
) -> Rollout:
    policy.eval()
    prompts, completions = sample_actions(policy, tokenizer, states, config)
    texts = [tokenizer.decode(c, skip_special_tokens=True) for c in completions]
    repeated = [s for s in states for _ in range(config.samples_per_state)]
    rewards = scorer(
        [
            Example(id=s.id, messages=s.messages, target=t)
            for s, t in zip(repeated, texts, strict=True)
        ]
    )
    return Rollout(
        rows=[p + c for p, c in zip(prompts, completions, strict=True)],
        target_lens=[len(c) for c in completions],
        rewards=rewards,
        advantages=group_advantages(rewards, config.samples_per_state),
    )


def _update(
    policy: Any,
    reference: Any,
    tokenizer: Any,
    rollout: Rollout,
    optimizer: Any,
    config: OptimizeConfig,
    carried: dict,
) -> dict[str, float]:
    """PPO epochs over one rollout; adapts the KL weight kept in `carried`; returns what to
    log."""
    import torch

    pad, size = tokenizer.pad_token_id, config.train.batch_size
    chunks = [range(i, min(i + size, len(rollout.rows))) for i in range(0, len(rollout.rows), size)]
    # no_grad, not inference_mode: these tensors enter the loss that is differentiated.
    with torch.no_grad():
        fixed = [
            (
                target_logprobs(policy, _pick(rollout.rows, c), _pick(rollout.target_lens, c), pad)[
                    0
                ],
                target_logprobs(
                    reference, _pick(rollout.rows, c), _pick(rollout.target_lens, c), pad
                )[0],
            )
            for c in chunks
        ]
    policy.train()
    losses, kls = [], []
    for _ in range(config.ppo_epochs):
        epoch_loss = 0.0
        for chunk, (old, ref) in zip(chunks, fixed, strict=True):
            new, mask = target_logprobs(
                policy, _pick(rollout.rows, chunk), _pick(rollout.target_lens, chunk), pad
            )
            adv = torch.tensor(_pick(rollout.advantages, chunk), device=new.device).unsqueeze(1)
            loss, kl = ppo_loss(new, old, ref, mask, adv, config.clip, carried["beta"])
            (loss / len(chunks)).backward()
            epoch_loss += loss.item() / len(chunks)
            kls.append(kl.item())
        torch.nn.utils.clip_grad_norm_(trainable_parameters(policy), config.train.max_grad_norm)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(epoch_loss)
    policy.eval()
    kl = sum(kls[-len(chunks) :]) / len(chunks)
    if config.kl_target is not None:
        # Proportional control of the KL weight, clipped as in Ziegler et al. (2019).
        error = max(-0.2, min(0.2, kl / config.kl_target - 1))
        carried["beta"] *= 1 + 0.5 * error
    return {
        "reward": sum(rollout.rewards) / len(rollout.rewards),
        "kl": kl,
        "beta": carried["beta"],
        "loss_first": losses[0],
        "loss_last": losses[-1],
    }


def _pick(values: list, indices: range) -> list:
    return [values[i] for i in indices]


def train_optimize(
    collection: Path,
    reward_model: Path,
    start: str,
    out: Path,
    config: OptimizeConfig,
    log: Log = print,
) -> CheckpointMeta:
    """Phase 4b from files: the training-side failed states of a collection, scored by the
    reward model at `reward_model`, optimized from the policy at `start`."""
    from openlam.train.checkpoint import policy_variant
    from openlam.train.reward import RewardModel, labelled_steps

    if meta := finished(out, log):
        return meta
    failed = [
        s.example
        for s in labelled_steps([collection], policy_variant(start))
        if s.label < 0 and s.split == "train"
    ]
    scorer = RewardModel(reward_model, device=config.train.device).score
    files = [collection / "results.jsonl", reward_model / "meta.json"]
    return optimize(failed, scorer, start, out, config, files, log)
