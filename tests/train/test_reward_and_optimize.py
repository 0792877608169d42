"""Phase 4 on a tiny random model: the reward model fits its labels and every trainable
weight changes; PPO raises the reward of what the policy samples."""

import json

import pytest

from openlam.models.base import Message
from openlam.train.checkpoint import TrainingError
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
    logged = [json.loads(line) for line in (tmp_path / "rm" / "log.jsonl").open()]
    assert [r["step"] for r in logged] == list(range(1, meta.metrics["steps"] + 1))
    assert logged[-1]["loss"] == meta.metrics["last_loss"]
    reloaded = RewardModel(tmp_path / "rm", device="cpu")
    after = dict(reloaded.model.named_parameters())
    assert any("score" in n for n in before)
    unchanged = [n for n in before if (after[n] - before[n]).abs().max() == 0]
    assert not unchanged
    good, bad = reloaded.score([steps[0].example, steps[1].example])
    assert good > 0 > bad


def test_an_interrupted_reward_run_resumes_where_it_stopped(tiny_model, tmp_path):
    import torch

    steps = [labelled(i, i % 2 == 0) for i in range(8)]
    config = TrainConfig(
        lora=LoraSettings(r=8, alpha=16),
        epochs=4,
        batch_size=4,
        grad_accumulation=1,
        device="cpu",
        save_steps=3,
    )

    def train(out, log):
        # The new head and adapter are drawn at load: the same draw for every run.
        torch.manual_seed(0)
        return train_reward_on(steps, [], str(tiny_model), out, config, log)

    def interrupt(line):
        if line.startswith("reward step 4/"):
            raise KeyboardInterrupt

    whole = train(tmp_path / "a", lambda _: None)
    with pytest.raises(KeyboardInterrupt):
        train(tmp_path / "b", interrupt)
    lines = []
    resumed = train(tmp_path / "b", lines.append)
    assert lines[0] == "resuming at step 3 of 8"
    assert resumed.metrics["last_loss"] == pytest.approx(whole.metrics["last_loss"], rel=1e-4)
    assert len((tmp_path / "b" / "log.jsonl").read_text().splitlines()) == 8


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


def test_an_interrupted_ppo_run_resumes_where_it_stopped(tiny_model, tmp_path):
    states = [
        Example(id=str(i), messages=[Message(role="user", content=f"Task {i}")], target="")
        for i in range(8)
    ]
    config = OptimizeConfig(
        train=TrainConfig(batch_size=8, scheduler="constant", device="cpu", save_steps=1),
        states_per_batch=4,
        samples_per_state=2,
        max_new_tokens=4,
        ppo_epochs=1,
    )

    def interrupt(line):
        if line.startswith("batch 2/"):
            raise KeyboardInterrupt

    def score(examples):
        return [float(len(e.target)) for e in examples]

    out = tmp_path / "ppo"
    with pytest.raises(KeyboardInterrupt):
        optimize(states, score, str(tiny_model), out, config, [], interrupt)
    other = config.model_copy(update={"clip": 0.3})
    with pytest.raises(TrainingError, match="interrupted run"):
        optimize(states, score, str(tiny_model), out, other, [], print)
    lines = []
    meta = optimize(states, score, str(tiny_model), out, config, [], lines.append)
    assert lines[0] == "resuming at step 1 of 2"
    assert [json.loads(line)["batch"] for line in (out / "log.jsonl").open()] == [1, 2]
    assert meta.metrics["batches"] == 2 and meta.metrics["last_kl"] is not None
