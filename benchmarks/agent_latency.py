"""Where an agent step's time goes: observation, prompt building, model (prompt and generated
tokens), parsing and execution, for a model on this machine, with the full control list and
with the relevance filter.

    .venv/bin/python benchmarks/agent_latency.py [--steps 3] [--backend smollm2] [--threads N]

The execution time is that of a fixed reference action (select a word), since an untrained
model rarely produces an executable one. Writes runs/bench/agent_latency.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from openlam.agent.control_filter import filter_controls
from openlam.agent.output_parser import ModelOutputError, parse_model_output
from openlam.agent.prompt import PromptConfig, build_messages
from openlam.envs.writer.actions import writer_action_space
from openlam.envs.writer.env import WriterEnv
from openlam.models.config import ModelConfig, load_model
from openlam.tasks.writer.templates import default_template

REQUEST = "Make the word Portsmouth bold"
REFERENCE_ACTION = 'select_text(text="Portsmouth")'


def measure(
    env: WriterEnv, model, max_controls: int | None, variant: str, steps: int, max_new_tokens: int
) -> dict[str, float]:
    """Median seconds per part of a step, and token counts, over `steps` steps."""
    actions, config = (
        writer_action_space(),
        PromptConfig(variant=variant, max_controls=max_controls),
    )
    parts: dict[str, list[float]] = {
        k: []
        for k in (
            "observe_s",
            "prompt_s",
            "model_s",
            "prefill_s",
            "parse_s",
            "execute_s",
            "prompt_tokens",
            "completion_tokens",
            "controls_shown",
            "valid_output",
        )
    }
    env.reset(options={"template": default_template()})
    for _ in range(steps):
        t0 = time.perf_counter()
        obs = env.observe()
        t1 = time.perf_counter()
        shown = filter_controls(obs.controls, REQUEST, [], max_controls)
        messages = build_messages(
            REQUEST,
            shown,
            obs.document,
            [],
            [],
            actions,
            config.model_copy(update={"max_controls": None}),
        )
        t2 = time.perf_counter()
        generation = model.generate(messages, max_new_tokens=max_new_tokens)
        t3 = time.perf_counter()
        try:
            parse_model_output(generation.text, actions, shown)
            parts["valid_output"].append(1.0)
        except ModelOutputError:
            parts["valid_output"].append(0.0)  # an untrained model rarely gives an action
        t4 = time.perf_counter()
        env.step(REFERENCE_ACTION)
        t5 = time.perf_counter()
        for key, value in (
            ("observe_s", t1 - t0),
            ("prompt_s", t2 - t1),
            ("model_s", t3 - t2),
            ("prefill_s", generation.prompt_seconds or 0.0),
            ("parse_s", t4 - t3),
            ("execute_s", t5 - t4),
            ("prompt_tokens", generation.prompt_tokens or 0),
            ("completion_tokens", generation.completion_tokens or 0),
            ("controls_shown", len(shown)),
        ):
            parts[key].append(float(value))
    return {
        k: statistics.mean(v) if k == "valid_output" else statistics.median(v)
        for k, v in parts.items()
    } | {"controls_total": len(obs.controls)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--backend", default="smollm2")
    parser.add_argument("--model", default=None)
    parser.add_argument("--variant", default="compact")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--out", type=Path, default=Path("runs/bench/agent_latency.json"))
    options = parser.parse_args()
    fields = {"backend": options.backend} | ({"model": options.model} if options.model else {})
    start = time.perf_counter()
    model = load_model(ModelConfig(**fields))
    load_s = time.perf_counter() - start
    results = {"model": model.name, "load_s": load_s, "variant": options.variant}
    with WriterEnv() as env:
        for label, keep in (
            ("full control list", None),
            ("filtered to 40", 40),
            ("filtered to 15", 15),
        ):
            results[label] = measure(
                env, model, keep, options.variant, options.steps, options.max_new_tokens
            )
            _print(label, results[label])
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"model {model.name} loaded in {load_s:.1f} s; written to {options.out}")


def _print(label: str, r: dict[str, float]) -> None:
    step = r["observe_s"] + r["prompt_s"] + r["model_s"] + r["parse_s"] + r["execute_s"]
    gen_s = max(r["model_s"] - r["prefill_s"], 1e-9)
    print(
        f"{label}: {r['controls_shown']:.0f}/{r['controls_total']:.0f} controls, "
        f"{r['prompt_tokens']:.0f} prompt tokens -> step {step:.2f} s = "
        f"observe {r['observe_s']:.2f} + prompt {r['prompt_s'] * 1000:.1f} ms + "
        f"model {r['model_s']:.2f} (prefill {r['prefill_s']:.2f}, "
        f"{r['completion_tokens']:.0f} tokens at {r['completion_tokens'] / gen_s:.1f}/s) + "
        f"parse {r['parse_s'] * 1000:.1f} ms + execute {r['execute_s']:.2f}"
    )


if __name__ == "__main__":
    main()
