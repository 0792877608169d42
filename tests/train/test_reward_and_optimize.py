"""Phase 4 on a tiny random model: the reward model fits its labels and every trainable
weight changes; PPO raises the reward of what the policy samples."""

import json

from openlam.models.base import Message
from openlam.train.config import LoraSettings, TrainConfig
from openlam.train.examples import Example
from openlam.train.modeling import load_policy
from openlam.train.optimize import OptimizeConfig, group_advantages, optimize
from openlam.train.reward import LabelledStep, RewardModel, load_reward_model, train_reward_on


def labelled(i: int, good: bool, split: str = "train") -> LabelledStep:
    target = json.dumps({"function": "click_input", "control_label": "1" if good else "7"})
    messages = [Message(role="user", content=f"Make word {i} bold")]
    return LabelledStep(
        example=Example(id=f"{i}{good}", messages=messages, target=target),
        label=1.0 if good else -1.0,
        split=split,
    )


def test_reward_model_fits_labels_and_every_trainable_weight_changes(tiny_model, tmp_path):
    steps = [labelled(i, i % 2 == 0) for i in range(8)]
    steps += [labelled(i, i % 2 == 0, "test") for i in range(8, 12)]
    config = TrainConfig(
        lora=LoraSettings(r=8, alpha=16),
        learning_rate=5e-3,
        epochs=25,
        batch_size=4,
        grad_accumulation=1,
        device="cpu",
        warmup_ratio=0.0,
    )
    model = load_reward_model(str(tiny_model), config)
    before = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
    del model
    meta = train_reward_on(steps, [], str(tiny_model), tmp_path / "rm", config, log=lambda _: None)
    assert meta.kind == "reward"
    assert meta.metrics["last_loss"] < 0.5 * meta.metrics["first_loss"]
    assert meta.metrics["positive_steps"] == 4 and meta.metrics["test_steps"] == 4
    assert meta.metrics["test_sign_accuracy"] == 1.0
    reloaded = RewardModel(tmp_path / "rm", device="cpu")
    after = dict(reloaded.model.named_parameters())
    assert any("score" in n for n in before)
    unchanged = [n for n in before if (after[n] - before[n]).abs().max() == 0]
    assert not unchanged
    good, bad = reloaded.score([steps[0].example, steps[1].example])
    assert good > 0 > bad


def test_advantages_compare_samples_of_the_same_state():
    adv = group_advantages([1.0, 0.0, 5.0, 5.0], group=2)
    assert adv[0] > 0 > adv[1] and adv[2] == adv[3] == 0


def test_ppo_raises_the_reward_and_changes_every_trainable_weight(tiny_model, tmp_path):
    states = [
        Example(id=str(i), messages=[Message(role="user", content=f"Task {i}")], target="")
        for i in range(24)
    ]

    def shorter_is_better(examples):
        # A reward the policy can reach quickly: end the answer early.
        return [-len(e.target) / 40 for e in examples]

    config = OptimizeConfig(
        train=TrainConfig(learning_rate=2e-2, batch_size=16, scheduler="constant", device="cpu"),
        states_per_batch=4,
        samples_per_state=4,
        max_new_tokens=12,
        ppo_epochs=3,
    )
    policy, _, _ = load_policy(str(tiny_model), config.train)
    before = {n: p.detach().clone() for n, p in policy.named_parameters() if p.requires_grad}
    meta = optimize(
        states, shorter_is_better, str(tiny_model), tmp_path / "ppo", config, [], lambda _: None
    )
    history = [json.loads(line) for line in (tmp_path / "ppo" / "log.jsonl").open()]
    assert len(history) == 6
    first, last = history[0]["reward"], sum(h["reward"] for h in history[-2:]) / 2
    assert last > first
    assert meta.metrics["surrogate_fell"] >= 4
    assert history[-1]["kl"] > 0
    trained, _, _ = load_policy(str(tmp_path / "ppo"), config.train, trainable=False)
    after = dict(trained.named_parameters())
    unchanged = [n for n in before if (after[n] - before[n]).abs().max() == 0]
    assert not unchanged
