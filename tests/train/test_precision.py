"""Training precision and LoRA placement: bfloat16 autocast where the CPU has bfloat16
instructions gives the float32 loss, and an adapter on the top layers stops gradients there."""

import pytest

from openlam.models import hf
from openlam.train import modeling
from openlam.train.config import LoraSettings, TrainConfig
from openlam.train.examples import encode, plan_examples
from openlam.train.modeling import load_policy, precision, target_logprobs


def test_bf16_is_chosen_from_the_cpu_flags(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text("processor: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 amx_tile\n")
    assert hf.cpu_has_bf16(info)
    info.write_text("processor: 0\nflags\t\t: fpu sse2 avx2\n")
    assert not hf.cpu_has_bf16(info)
    assert not hf.cpu_has_bf16(tmp_path / "missing")


def test_auto_precision_follows_the_cpu_and_an_explicit_dtype_wins(monkeypatch):
    import torch

    monkeypatch.setattr(modeling, "cpu_has_bf16", lambda: True)
    assert precision(TrainConfig(), "cpu") == (torch.bfloat16, True)
    assert precision(TrainConfig(dtype="float32"), "cpu") == (torch.float32, False)
    monkeypatch.setattr(modeling, "cpu_has_bf16", lambda: False)
    assert precision(TrainConfig(), "cpu") == (torch.float32, False)


def _loss(model, tokenizer, examples) -> float:
    import torch

    total = 0.0
    with torch.no_grad():
        for e in examples:
            logprobs, mask = target_logprobs(
                model, [e.prompt_ids + e.target_ids], [len(e.target_ids)], tokenizer.pad_token_id
            )
            total += float(-(logprobs * mask).sum() / mask.sum())
    return total / len(examples)


@pytest.mark.parametrize("full", [False, True])
def test_bf16_autocast_gives_the_float32_loss(tiny_model, plan_corpus, monkeypatch, full):
    import torch

    monkeypatch.setattr(modeling, "cpu_has_bf16", lambda: True)
    mixed, tokenizer, _ = load_policy(str(tiny_model), TrainConfig(device="cpu", full=full))
    exact, _, _ = load_policy(
        str(tiny_model), TrainConfig(device="cpu", dtype="float32", full=full)
    )
    trained = [p for p in mixed.parameters() if p.requires_grad]
    frozen = [p for p in mixed.parameters() if not p.requires_grad]
    assert trained and all(p.dtype == torch.float32 for p in trained)
    assert all(p.dtype == torch.bfloat16 for p in frozen)
    examples = [encode(e, tokenizer) for e in plan_examples(plan_corpus)]
    assert _loss(mixed, tokenizer, examples) == pytest.approx(
        _loss(exact, tokenizer, examples), rel=0.02
    )


def test_an_adapter_on_the_top_layers_leaves_the_lower_ones_without_gradients(
    tiny_model, plan_corpus
):
    config = TrainConfig(device="cpu", dtype="float32", lora=LoraSettings(top_layers=1))
    model, tokenizer, _ = load_policy(str(tiny_model), config)
    adapted = {
        n.split(".layers.")[1].split(".")[0] for n, _ in model.named_parameters() if "lora_" in n
    }
    assert adapted == {"1"}  # the tiny model has layers 0 and 1
    e = encode(plan_examples(plan_corpus)[0], tokenizer)
    logprobs, mask = target_logprobs(
        model, [e.prompt_ids + e.target_ids], [len(e.target_ids)], tokenizer.pad_token_id
    )
    (-(logprobs * mask).sum()).backward()
    assert all(p.grad is not None for p in model.parameters() if p.requires_grad)


def test_top_layers_beyond_the_model_adapt_every_layer(tiny_model):
    config = TrainConfig(device="cpu", dtype="float32", lora=LoraSettings(top_layers=99))
    model, _, _ = load_policy(str(tiny_model), config)
    layers = {
        n.split(".layers.")[1].split(".")[0] for n, _ in model.named_parameters() if "lora_" in n
    }
    assert layers == {"0", "1"}
