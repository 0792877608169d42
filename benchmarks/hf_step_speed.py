"""Time per agent step of a transformers model on the CPU: the adapter left unmerged with a
full prefill each step (the baseline), the adapter merged, and merged with the system
message's keys and values kept between steps (the defaults).

The prompts are real step prompts from a samples file; the three models take turns prompt
by prompt, so that the machine's other work falls on all three alike. Greedy outputs must be
identical across the three; the script fails if they are not.

    .venv/bin/python benchmarks/hf_step_speed.py --samples runs/web/collect/samples/train.jsonl \
        --adapter runs/web/imitate-all --n 40 --out runs/bench/hf_step_speed.json

--base names another base model than SmolLM2-135M-Instruct (the one the adapter was trained
on); the test suite's smoke run gives a tiny random model, its adapter and `--n 2`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from openlam.models.base import Message
from openlam.models.hf import HFConfig, HFModel
from openlam.models.smollm2 import ensure_default_model

VARIANTS = {
    "unmerged, full prefill": {"merge_adapter": False, "prefix_cache": False},
    "merged, full prefill": {"merge_adapter": True, "prefix_cache": False},
    "merged, system message cached": {"merge_adapter": True, "prefix_cache": True},
}


def load_prompts(path: Path, n: int, seed: int) -> list[list[Message]]:
    """`n` step prompts drawn at random (seeded) from a samples file."""
    lines = path.read_text().splitlines()
    picked = random.Random(seed).sample(lines, min(n, len(lines)))
    return [[Message(**m) for m in json.loads(line)["messages"]] for line in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--base", help="the adapter's base model (default: SmolLM2-135M)")
    parser.add_argument("--n", type=int, default=40)
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("runs/bench/hf_step_speed.json"))
    args = parser.parse_args()

    base = args.base or str(ensure_default_model())
    models = {
        name: HFModel(
            HFConfig(model=base, adapter=args.adapter, device="cpu", threads=args.threads, **fields)
        )
        for name, fields in VARIANTS.items()
    }
    prompts = load_prompts(args.samples, args.n, args.seed)
    seconds: dict[str, list[float]] = {name: [] for name in models}
    prompt_tokens: list[int] = []
    for i, messages in enumerate(prompts):
        texts = set()
        for name, model in models.items():
            started = time.perf_counter()
            out = model.generate(messages, max_new_tokens=args.max_new_tokens)
            seconds[name].append(time.perf_counter() - started)
            texts.add(out.text)
        prompt_tokens.append(out.prompt_tokens)
        if len(texts) != 1:
            raise SystemExit(f"prompt {i}: the variants disagree: {sorted(texts)}")
        print(i, out.prompt_tokens, {k: round(v[-1], 2) for k, v in seconds.items()}, flush=True)

    baseline = statistics.mean(seconds["unmerged, full prefill"])
    report = {
        "prompts": len(prompts),
        "threads": args.threads,
        "prompt_tokens_mean": round(statistics.mean(prompt_tokens), 1),
        "outputs_identical": True,
        "variants": {
            name: {
                "mean_s": round(statistics.mean(s), 3),
                "median_s": round(statistics.median(s), 3),
                "speedup_vs_baseline": round(baseline / statistics.mean(s), 2),
            }
            for name, s in seconds.items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
