"""Phase 4 on TRL's GRPOTrainer: the same failed states, reward model and settings as
`optimize.optimize`, for comparing the two on the same data (`benchmarks/phase4_trl.py`).

The settings map one to one: samples per state -> num_generations, PPO epochs ->
num_iterations, clip -> epsilon, the KL weight -> beta (TRL keeps it fixed: it has no
adaptive KL), advantages against the group mean scaled by the batch spread ->
scale_rewards="batch", the loss averaged over every action token of the batch ->
loss_type="bnpo". TRL's own baseline includes the sample itself (RLOO leaves it out), which
only scales the advantages by (G-1)/G before the batch spread divides it away. The policy
keeps training its phase-3 adapter, and TRL copies that adapter as the reference.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from openlam.train.checkpoint import CheckpointMeta, file_hashes
from openlam.train.examples import Example
from openlam.train.modeling import load_policy
from openlam.train.optimize import OptimizeConfig, Scorer, save_optimized
from openlam.train.phases import Log, finished, policy_kind


def grpo_config(config: OptimizeConfig, out: Path, batches: int) -> Any:
    """TRL's GRPOConfig for these settings: one optimizer step per batch of states."""
    from trl import GRPOConfig

    tc = config.train
    return GRPOConfig(
        output_dir=str(out / "trl"),
        per_device_train_batch_size=config.states_per_batch * config.samples_per_state,
        gradient_accumulation_steps=1,
        num_generations=config.samples_per_state,
        num_iterations=config.ppo_epochs,
        epsilon=config.clip,
        beta=config.kl_coef,
        loss_type="bnpo",
        scale_rewards="batch",
        temperature=config.temperature,
        max_completion_length=config.max_new_tokens,
        learning_rate=tc.learning_rate,
        lr_scheduler_type=tc.scheduler,
        max_grad_norm=tc.max_grad_norm,
        max_steps=batches * config.ppo_epochs,
        seed=tc.seed,
        use_cpu=tc.device == "cpu",
        bf16=False,
        gradient_checkpointing=False,
        save_strategy="no",
        report_to="none",
        logging_steps=1,
    )


def optimize_with_trl(
    states: list[Example],
    scorer: Scorer,
    start: str,
    out: Path,
    config: OptimizeConfig,
    data_files: list[Path],
    log: Log = print,
) -> CheckpointMeta:
    """Phase 4 from the policy at `start` over the states with TRL's GRPOTrainer."""
    from datasets import Dataset
    from trl import GRPOTrainer

    if meta := finished(out, log):
        return meta
    out.mkdir(parents=True, exist_ok=True)
    states = states[: config.max_states]
    policy, tokenizer, base = load_policy(start, config.train)
    by_prompt = {_key(s.messages): s for s in states}
    rows = [{"prompt": [m.model_dump() for m in s.messages]} for s in states]

    def reward(prompts: list, completions: list, **_: Any) -> list[float]:
        examples = [
            Example(
                id=by_prompt[_key(p)].id,
                messages=by_prompt[_key(p)].messages,
                target=c[0]["content"],
            )
            for p, c in zip(prompts, completions, strict=True)
        ]
        return scorer(examples)

    batches = -(-len(states) // config.states_per_batch)
    trainer = GRPOTrainer(
        model=policy,
        reward_funcs=reward,
        args=grpo_config(config, out, batches),
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
    )
    started = time.perf_counter()
    trainer.train()
    history = [h for h in trainer.state.log_history if "reward" in h]
    metrics = {
        "trainer": "trl-grpo",
        "states": len(states),
        "batches": batches,
        "seconds": round(time.perf_counter() - started, 2),
        "first_reward": history[0]["reward"] if history else None,
        "last_reward": history[-1]["reward"] if history else None,
        "last_kl": history[-1].get("kl") if history else None,
    }
    model = trainer.model
    if policy_kind(model) == "adapter" and "ref" in model.peft_config:
        model.delete_adapter("ref")  # TRL's frozen copy of the start, not part of the result
    data = file_hashes(data_files)
    return save_optimized(model, tokenizer, out, start, base, config, data, metrics)


def _key(messages: list) -> str:
    """A prompt's identity, from our messages or TRL's dicts."""
    return "\n".join(
        f"{m['role'] if isinstance(m, dict) else m.role}:"
        f"{m['content'] if isinstance(m, dict) else m.content}"
        for m in messages
    )
