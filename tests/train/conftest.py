"""A tiny random causal LM with a real tokenizer and chat template, built in the test."""

import json
from pathlib import Path

import pytest

from openlam.data.plan_mining import TaskPlan
from openlam.records import write_jsonl
from openlam.train.examples import plan_split

CHATML = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def build_tiny_model(folder: Path, texts: list[str], vocab_size: int = 400) -> Path:
    """A 2-layer Llama with a byte-level BPE tokenizer trained on `texts`."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=1, special_tokens=SPECIAL)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer,
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        chat_template=CHATML,
    )
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=8192,
        # Wide enough initial weights that an adapter on a 32-wide model can move the output.
        initializer_range=0.2,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
    )
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


PLANS = [
    ("Insert a table", ["Choose **Table - Insert Table**.", "Enter the size.", "Click **OK**."]),
    ("Make text bold", ["Select the text.", "Click **Bold** on the toolbar."]),
    ("Center a paragraph", ["Click in the paragraph.", "Choose **Format - Align - Center**."]),
    ("Add a page break", ["Click where the page should end.", "Press Ctrl+Enter."]),
]


@pytest.fixture(scope="session")
def plan_corpus(tmp_path_factory) -> Path:
    """A few task-plan records in the corpus format, all on the training side."""
    path = tmp_path_factory.mktemp("plans") / "plans.jsonl"
    records = []
    for i, (task, plan) in enumerate(PLANS):
        record = TaskPlan(
            task_id=f"writer_{i}", app="writer", task=task, plan=plan, source="", page_title=task
        )
        n = 0
        while record.source == "" or plan_split(record) != "train":
            record.source, n = f"swriter/p{i}-{n}.html#h1", n + 1
        records.append(record)
    write_jsonl(path, records)
    return path


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    """The tiny model, its tokenizer trained on plan and step text."""
    texts = [t + " " + " ".join(p) for t, p in PLANS] * 4
    texts += [json.dumps({"function": "click_input", "control_label": str(i)}) for i in range(20)]
    return build_tiny_model(tmp_path_factory.mktemp("tiny"), texts)
