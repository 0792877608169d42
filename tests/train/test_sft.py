"""Phases 1 and 2 on a tiny random model: the loss falls, every trainable weight moves, the
checkpoint loads, and an interrupted run resumes."""

import json

import pytest

from openlam.models.base import Message
from openlam.records import write_jsonl
from openlam.train.checkpoint import read_meta, resolve_start
from openlam.train.config import TrainConfig
from openlam.train.examples import Example, encode, plan_examples
from openlam.train.modeling import load_policy
from openlam.train.phases import train_imitate, train_plan
from openlam.train.sft import micro_batches, train_sft

FAST = TrainConfig(
    learning_rate=5e-3, epochs=30, batch_size=2, grad_accumulation=1, device="cpu", warmup_ratio=0.0
)


def snapshot(model):
    return {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}


def test_target_tokens_follow_the_prompt_and_end_the_turn(tiny_model):
    from openlam.train.modeling import load_tokenizer

    tokenizer = load_tokenizer(str(tiny_model))
    messages = [Message(role="user", content="Make text bold")]
    encoded = encode(Example(id="a", messages=messages, target="1. Select the text."), tokenizer)
    assert tokenizer.decode(encoded.target_ids) == "1. Select the text.<|im_end|>\n"
    assert tokenizer.decode(encoded.prompt_ids).endswith("<|im_start|>assistant\n")


@pytest.mark.parametrize("full", [False, True])
def test_loss_falls_and_every_trainable_weight_changes(tiny_model, plan_corpus, tmp_path, full):
    config = FAST.model_copy(update={"full": full})
    model, tokenizer, _ = load_policy(str(tiny_model), config)
    before = snapshot(model)
    metrics = train_sft(model, tokenizer, plan_examples(plan_corpus), config, tmp_path, "k")
    assert metrics["last_loss"] < 0.5 * metrics["first_loss"]
    after = snapshot(model)
    unchanged = [n for n in before if (after[n] - before[n]).abs().max() == 0]
    assert not unchanged
    n_lora = sum("lora_" in n for n in before)
    assert n_lora == 0 if full else n_lora == len(before)


def test_plan_then_imitate_chain_through_checkpoints(tiny_model, plan_corpus, tmp_path):
    plan = train_plan(plan_corpus, str(tiny_model), tmp_path / "plan", FAST, log=lambda _: None)
    assert plan.kind == "adapter" and plan.metrics["last_loss"] < plan.metrics["first_loss"]
    assert (tmp_path / "plan" / "adapter_config.json").is_file()
    assert resolve_start(str(tmp_path / "plan")) == (str(tiny_model), str(tmp_path / "plan"))
    samples = tmp_path / "train.jsonl"
    write_jsonl(samples, [step_sample(i) for i in range(6)])
    meta = train_imitate(samples, str(tmp_path / "plan"), tmp_path / "imitate", FAST, log=print)
    assert meta.prompt_variant == "compact" and str(samples) in meta.data
    assert read_meta(tmp_path / "imitate").start == str(tmp_path / "plan")
    # A finished phase is not trained again.
    again = train_imitate(samples, str(tmp_path / "plan"), tmp_path / "imitate", FAST, log=print)
    assert again.created == meta.created


def test_an_interrupted_run_resumes_where_it_stopped(tiny_model, plan_corpus, tmp_path):
    examples = plan_examples(plan_corpus)
    config = FAST.model_copy(update={"epochs": 4, "save_steps": 3})
    model, tokenizer, _ = load_policy(str(tiny_model), config)
    whole = train_sft(model, tokenizer, examples, config, tmp_path / "a", "k")

    def interrupt(line):
        if line.startswith("step 4/"):
            raise KeyboardInterrupt

    model, tokenizer, _ = load_policy(str(tiny_model), config)
    with pytest.raises(KeyboardInterrupt):
        train_sft(model, tokenizer, examples, config, tmp_path / "b", "k", interrupt)
    assert (tmp_path / "b" / "resume" / "state.pt").is_file()  # saved at step 3
    model, tokenizer, _ = load_policy(str(tiny_model), config)
    lines = []
    resumed = train_sft(model, tokenizer, examples, config, tmp_path / "b", "k", lines.append)
    assert lines[0] == "resuming at step 3 of 8"
    assert resumed["last_loss"] == pytest.approx(whole["last_loss"], rel=1e-4)


def test_batches_cover_each_example_once_per_epoch(tiny_model, plan_corpus):
    from openlam.train.modeling import load_tokenizer

    tokenizer = load_tokenizer(str(tiny_model))
    encoded = [encode(e, tokenizer) for e in plan_examples(plan_corpus)] * 5
    batches = micro_batches(encoded, TrainConfig(batch_size=3, epochs=2))
    seen = sorted(i for b in batches for i in b)
    assert seen == sorted(list(range(20)) * 2)


def step_sample(i: int):
    from openlam.data.samples import StepSample

    target = json.dumps({"control_label": str(i % 3), "function": "click_input"})
    return StepSample(
        id=f"s{i}",
        task_id=f"t{i}",
        family="writer/bold-word-v1",
        template="letter",
        split="train",
        step=0,
        messages=[Message(role="user", content=f"Make word {i} bold")],
        target=target,
        variant="compact",
        expert="oracle",
    )
