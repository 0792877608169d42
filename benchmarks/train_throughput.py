"""Training tokens per second of openlam's phase 2 against TRL's SFTTrainer, on the same model,
the same step samples, the same LoRA adapter and batch size, in the same run.

    .venv/bin/python benchmarks/train_throughput.py [--samples runs/collect/samples/train.jsonl]
        [--n 8] [--batch 2] [--threads N] [--base smollm2]

openlam runs twice: with its defaults (bfloat16 autocast on a CPU that has bfloat16
instructions) and in float32, and the report gives how far their per-step losses differ. TRL
runs twice: with SFTConfig's defaults (only what must match is set: the batch size, the step
count, a max_length that keeps every sample whole, and no reporting), and with the two settings
that matter on a CPU (bf16=False, gradient_checkpointing=False). Both get the same LoRA
adapter (`--top-layers N` places it on the top N layers, on both sides). Tokens are the
non-padding tokens of the samples, prompt and answer, counted once per pass. Writes
runs/bench/train_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from openlam.train.checkpoint import resolve_start
from openlam.train.config import LoraSettings, TrainConfig
from openlam.train.examples import encode, step_examples
from openlam.train.modeling import load_policy, load_tokenizer, lora_config, precision
from openlam.train.sft import train_sft


def openlam_run(examples, config: TrainConfig, model_name: str) -> dict:
    model, tokenizer, _ = load_policy(model_name, config)
    _, autocast = precision(config, "cpu")
    with tempfile.TemporaryDirectory() as out:
        metrics = train_sft(model, tokenizer, examples, config, Path(out), "bench", lambda _: None)
        log = (Path(out) / "log.jsonl").read_text().splitlines()
    # train_sft's own rate, from unrounded seconds (its "seconds" is rounded to 0.01 s).
    return {
        "tokens": metrics["train_tokens"],
        "seconds": metrics["seconds"],
        "tokens_per_second": metrics["tokens_per_second"],
        "bf16_autocast": autocast,
        "losses": [round(json.loads(line)["loss"], 4) for line in log],
    }


def trl_run(examples, config: TrainConfig, model_name: str, cpu_settings: bool) -> dict:
    from datasets import Dataset
    from transformers import AutoModelForCausalLM
    from trl import SFTConfig, SFTTrainer

    base, _ = resolve_start(model_name)
    tokenizer = load_tokenizer(base)
    rows = [
        {
            "prompt": [m.model_dump() for m in e.messages],
            "completion": [{"role": "assistant", "content": e.target}],
        }
        for e in examples
    ]
    extra = {"bf16": False, "gradient_checkpointing": False} if cpu_settings else {}
    with tempfile.TemporaryDirectory() as out:
        args = SFTConfig(
            output_dir=out,
            per_device_train_batch_size=config.batch_size,
            max_steps=len(examples) // config.batch_size,
            max_length=config.max_length,
            report_to="none",
            save_strategy="no",
            use_cpu=config.device == "cpu",
            **extra,
        )
        model = AutoModelForCausalLM.from_pretrained(base, attn_implementation="sdpa")
        lora = lora_config(config.lora, "CAUSAL_LM", model)
        trainer = SFTTrainer(
            model=model,
            args=args,
            train_dataset=Dataset.from_list(rows),
            processing_class=tokenizer,
            peft_config=lora,
        )
        start = time.perf_counter()
        trainer.train()
        seconds = time.perf_counter() - start
    tokens = sum(encode(e, tokenizer).length for e in examples)
    return {"tokens": tokens, "seconds": round(seconds, 2),
            "tokens_per_second": round(tokens / seconds, 1), "bf16": args.bf16,
            "gradient_checkpointing": args.gradient_checkpointing}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=Path("runs/collect/samples/train.jsonl"))
    parser.add_argument("--n", type=int, default=8, help="samples (one pass)")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument(
        "--pack", type=int, default=None, help="also openlam with N examples packed per pass"
    )
    parser.add_argument(
        "--top-layers", type=int, default=None, help="LoRA on the top N layers only (both sides)"
    )
    parser.add_argument("--base", default="smollm2", help="smollm2 or a model directory")
    parser.add_argument("--out", type=Path, default=Path("runs/bench/train_throughput.json"))
    args = parser.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    examples = step_examples(args.samples)
    examples = examples[:: max(1, len(examples) // args.n)][: args.n]
    config = TrainConfig(
        batch_size=args.batch,
        grad_accumulation=1,
        epochs=1,
        device="cpu",
        warmup_ratio=0.0,
        lora=LoraSettings(top_layers=args.top_layers),
    )
    fp32 = config.model_copy(update={"dtype": "float32"})
    runs = {
        "openlam": openlam_run(examples, config, args.base),
        "openlam_fp32": openlam_run(examples, fp32, args.base),
        "trl_default": trl_run(examples, config, args.base, cpu_settings=False),
        "trl_cpu_settings": trl_run(examples, config, args.base, cpu_settings=True),
    }
    if args.pack:
        # The recipe's micro-batches: `pack` examples in one sequence, their shared prompt
        # prefix computed once (the tokens counted are still every example's own).
        packed = config.model_copy(update={"batch_size": args.pack})
        runs["openlam_packed"] = openlam_run(examples, packed, args.base)
    ours = runs["openlam"]["tokens_per_second"]
    losses = zip(runs["openlam"]["losses"], runs["openlam_fp32"]["losses"], strict=True)
    report = {
        "samples": len(examples),
        "batch": args.batch,
        "top_layers": args.top_layers,
        "runs": runs,
        "ratio_vs_trl_default": round(ours / runs["trl_default"]["tokens_per_second"], 2),
        "ratio_vs_trl_cpu_settings": round(ours / runs["trl_cpu_settings"]["tokens_per_second"], 2),
        "ratio_vs_openlam_fp32": round(ours / runs["openlam_fp32"]["tokens_per_second"], 2),
        "packed_ratio_vs_trl_default": round(
            runs["openlam_packed"]["tokens_per_second"] / runs["trl_default"]["tokens_per_second"],
            2,
        )
        if args.pack
        else None,
        # The same samples in the same order from the same start: the losses should agree
        # to bfloat16's precision (about 1e-2 relative).
        "loss_max_relative_diff_vs_fp32": round(max(abs(a - b) / abs(b) for a, b in losses), 4),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
