"""The real default model on the CPU: conversion into the cache, generation, serving."""

import json
import subprocess

import pytest

from openlam.models.base import Message, ModelError
from openlam.models.config import ModelConfig, load_model
from openlam.models.hf import HFConfig, HFModel, generate_chat
from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
from openlam.models.serve import serve
from openlam.models.smollm2 import META_NAME, MODEL_NAME, ensure_default_model, gguf_path

pytestmark = pytest.mark.smollm2

COLORS = [Message(role="user", content="Name three colors.")]


def test_conversion_is_cached_with_its_meta(smollm2_dir):
    assert smollm2_dir.name == MODEL_NAME
    assert {"model.safetensors", "config.json", "tokenizer.json", META_NAME} <= {
        p.name for p in smollm2_dir.iterdir()
    }
    meta = json.loads((smollm2_dir / META_NAME).read_text())
    assert meta["source_name"] == gguf_path().name
    assert meta["source_size"] == gguf_path().stat().st_size
    assert len(meta["source_sha256"]) == 64
    assert meta["transformers_version"].startswith("5.")
    assert ensure_default_model() == smollm2_dir  # the second call reuses it
    assert not list(smollm2_dir.parent.glob(f".{MODEL_NAME}.tmp-*"))


def test_conversions_abandoned_by_dead_processes_are_removed(smollm2_dir):
    probe = subprocess.Popen(["true"])
    probe.wait()
    abandoned = smollm2_dir.parent / f".{MODEL_NAME}.tmp-{probe.pid}-abc"
    abandoned.mkdir()
    (abandoned / "model.safetensors").write_bytes(b"half")
    ensure_default_model()
    assert not abandoned.exists()


def test_greedy_generation_is_repeatable_and_honours_stop_strings(smollm2):
    first = smollm2.generate(COLORS, max_new_tokens=8)
    assert first.text.strip()
    assert first.prompt_tokens > 10
    assert 0 < first.completion_tokens <= 8
    assert 0 < first.prompt_seconds < first.total_seconds
    # Stop in the middle of what greedy decoding said: the same prefix, without the stop.
    stop = first.text[len(first.text) // 2 :][:2]
    cut = smollm2.generate(COLORS, max_new_tokens=8, stop=[stop])
    assert cut.text == first.text[: first.text.index(stop)]
    assert cut.finish_reason == "stop"


def test_length_limit_is_reported(smollm2):
    generation = smollm2.generate(COLORS, max_new_tokens=2)
    assert generation.completion_tokens == 2
    assert generation.finish_reason == "length"


def test_openai_client_through_serve_matches_direct_generation(smollm2):
    direct = smollm2.generate(COLORS, max_new_tokens=5)
    with serve(smollm2) as server:
        config = OpenAIChatConfig(base_url=server.url, model=smollm2.name)
        remote = OpenAIChatModel(config).generate(COLORS, max_new_tokens=5)
    assert remote.text == direct.text
    assert (remote.prompt_tokens, remote.completion_tokens) == (
        direct.prompt_tokens,
        direct.completion_tokens,
    )


def test_lora_adapter_is_loaded_on_top_of_the_default_model(smollm2, smollm2_dir, tmp_path):
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(smollm2_dir, dtype=torch.float32)
    # Random B matrices (not PEFT's zeros) so the adapter visibly changes the output.
    lora = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(base, lora).save_pretrained(tmp_path / "adapter")

    tuned = load_model(ModelConfig(backend="smollm2", adapter=str(tmp_path / "adapter")))
    assert not isinstance(tuned.model, PeftModel)  # folded into the weights
    assert tuned.name == f"{MODEL_NAME}+adapter"
    unmerged = HFModel(
        HFConfig(model=str(smollm2_dir), adapter=str(tmp_path / "adapter"), merge_adapter=False)
    )
    assert isinstance(unmerged.model, PeftModel)
    ids = torch.tensor([[1, 4093, 198, 5820]])
    with torch.inference_mode():
        logits = tuned.model(ids).logits
        assert torch.allclose(logits, unmerged.model(ids).logits, atol=1e-4)
        assert not torch.allclose(logits, smollm2.model(ids).logits)
    assert tuned.generate(COLORS, max_new_tokens=2).completion_tokens == 2


def test_hf_backend_names_what_is_wrong_with_a_directory(tmp_path):
    with pytest.raises(ModelError, match=r"has no config\.json: not a transformers checkpoint"):
        HFModel(HFConfig(model=str(tmp_path), device="cpu"))
    with pytest.raises(ModelError, match=r"has no adapter_config\.json: not a PEFT adapter"):
        load_model(ModelConfig(backend="smollm2", adapter=str(tmp_path), device="cpu"))


def test_cached_system_message_gives_the_same_outputs(smollm2):
    system = Message(role="system", content="You name colours. Answer with one word.")
    # The last two share most of their user message with the one before: read from the cache.
    asks = ["The sky is", "Grass is", "Snow is", "Snow is white. Grass is", "Snow is white. Sky:"]
    for ask in asks:
        messages = [system, Message(role="user", content=ask)]
        cached = smollm2.generate(messages, max_new_tokens=6)
        full = generate_chat(smollm2.model, smollm2.tokenizer, messages, max_new_tokens=6)
        assert cached.text == full.text
        assert cached.prompt_tokens == full.prompt_tokens
    assert list(smollm2.prefix_cache._entries)[-1] == system.content  # the most recent
    # Without a system message of its own, and with the last prompt forgotten, a prompt
    # reuses nothing.
    smollm2.prefix_cache._last = None
    ids = smollm2.tokenizer.apply_chat_template(
        [m.model_dump() for m in COLORS],
        add_generation_prompt=True,
        return_tensors="pt",
        return_dict=True,
    )["input_ids"]
    assert smollm2.prefix_cache.for_prompt(COLORS, ids) is None
