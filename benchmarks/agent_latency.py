"""Where an agent step's time goes, on held-out Writer tasks in the real Writer: for each
configuration (prompt variant, adapter, constrained decoding or not), the agent runs the same
held-out instances (test templates, test phrasings) and every step's parts are read from its
record: filter, prompt, model (prefill and decoding), execute (the action and the observation
after it), with prompt and answer tokens. Prints medians and p90s, the share of invalid
outputs and of outputs that named an unshown label or text the document does not hold, and
the ratios of the first configuration against the others.

    .venv/bin/python benchmarks/agent_latency.py --tasks 10 --threads 2
        --run call:runs/fmt/call/imitate:constrained --run compact:runs/fmt/compact/imitate
    .venv/bin/python benchmarks/agent_latency.py --smoke

A run is VARIANT:MODEL[:constrained], MODEL as `openlam eval` takes it (`smollm2` for the
untrained base, a training checkpoint).
Writes runs/bench/agent_latency.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from openlam.agent.loop import AgentConfig
from openlam.agent.policy import ModelPolicy
from openlam.agent.prompt import PromptConfig
from openlam.envs.writer.actions import writer_action_space
from openlam.envs.writer.env import WriterEnv
from openlam.eval.models import model_config_for
from openlam.models.config import load_model
from openlam.records import Step
from openlam.tasks.episode import run_episode
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES

PARTS = ("filter_s", "prompt_s", "model_s", "prefill_s", "execute_s", "observe_s")


def held_out(n: int, seed: int) -> list:
    """n held-out instances of n families drawn at random (test templates, test phrasings)."""
    families = list(registry.families())
    random.Random(seed).shuffle(families)
    return [
        registry.sample(family, 1, seed=seed, split="test", template_names=list(TEST_TEMPLATES))[0]
        for family in families[:n]
    ]


def run_config(spec: str, instances: list, env: WriterEnv, threads: int, max_steps: int) -> dict:
    """Run the agent of one configuration on every instance; summarise its steps."""
    variant, _, rest = spec.partition(":")
    model_spec, _, flag = rest.partition(":")
    model = load_model(model_config_for(model_spec or "smollm2", "cpu", threads))
    config = AgentConfig(
        prompt=PromptConfig(variant=variant),
        max_steps=max_steps,
        max_new_tokens=64 if variant == "call" else 160,
        constrained=flag == "constrained",
    )
    steps, successes = [], 0
    for instance in instances:
        policy = ModelPolicy(
            model,
            writer_action_space(),
            config.prompt,
            max_new_tokens=config.max_new_tokens,
            constrained=config.constrained,
        )
        result = run_episode(env, instance, policy, None, config, trusted=False)
        steps += result.trajectory.steps
        successes += result.success
    return {"spec": spec, "tasks": len(instances), "succeeded": successes, **summary(steps)}


def summary(steps: list[Step]) -> dict:
    """Medians and p90s of each part and of the whole step; token counts; output validity."""
    rows = [_parts(s) for s in steps]
    out: dict = {"steps": len(steps)}
    for key in (*PARTS, "step_s", "prompt_tokens", "completion_tokens"):
        values = sorted(r[key] for r in rows)
        out[key] = {"median": statistics.median(values), "p90": _p90(values)}
    errors = [s.result.error or "" for s in steps]
    out["invalid_outputs"] = sum(s.action is None for s in steps)
    out["unshown_label"] = sum("no control with label" in e for e in errors)
    out["absent_text"] = sum(
        s.action is not None and s.action.function == "select_text" and not s.result.ok
        for s in steps
    )
    return out


def _parts(step: Step) -> dict[str, float]:
    t = step.timings
    row = {k: t.get(k, 0.0) for k in PARTS}
    row["step_s"] = sum(t.get(k, 0.0) for k in ("filter_s", "prompt_s", "model_s", "execute_s"))
    row["prompt_tokens"] = t.get("prompt_tokens", 0.0)
    row["completion_tokens"] = t.get("completion_tokens", 0.0)
    return row


def _p90(values: list[float]) -> float:
    return values[min(len(values) - 1, int(0.9 * len(values)))] if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", action="append", help="VARIANT:MODEL[:constrained]")
    parser.add_argument("--tasks", type=int, default=10)
    parser.add_argument("--max-steps", type=int, default=6)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--smoke", action="store_true", help="one task, two steps, the base model constrained"
    )
    parser.add_argument("--out", type=Path, default=Path("runs/bench/agent_latency.json"))
    options = parser.parse_args()
    runs = options.run or ["call:smollm2:constrained", "compact:smollm2"]
    if options.smoke:
        options.tasks, options.max_steps, runs = 1, 2, ["call:smollm2:constrained"]
    instances = held_out(options.tasks, options.seed)
    results = []
    with WriterEnv() as env:
        for spec in runs:
            start = time.perf_counter()
            results.append(run_config(spec, instances, env, options.threads, options.max_steps))
            results[-1]["wall_s"] = time.perf_counter() - start
            _print(results[-1])
    _print_ratios(results)
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {options.out}")


def _print(r: dict) -> None:
    med = lambda k: r[k]["median"]  # noqa: E731
    p90 = lambda k: r[k]["p90"]  # noqa: E731
    print(
        f"{r['spec']}: {r['succeeded']}/{r['tasks']} tasks, {r['steps']} steps; "
        f"step median {med('step_s'):.2f} s (p90 {p90('step_s'):.2f}) = "
        f"filter {med('filter_s') * 1000:.1f} ms + prompt {med('prompt_s') * 1000:.1f} ms + "
        f"model {med('model_s'):.2f} (p90 {p90('model_s'):.2f}) + "
        f"execute {med('execute_s'):.2f} (observe {med('observe_s'):.2f}); "
        f"tokens {med('prompt_tokens'):.0f} in (p90 {p90('prompt_tokens'):.0f}), "
        f"{med('completion_tokens'):.0f} out (p90 {p90('completion_tokens'):.0f}); "
        f"invalid {r['invalid_outputs']}, unshown label {r['unshown_label']}, "
        f"select_text errors {r['absent_text']}"
    )


def _print_ratios(results: list[dict]) -> None:
    first = results[0]
    for other in results[1:]:
        for key in ("step_s", "model_s", "prompt_tokens", "completion_tokens"):
            a, b = first[key]["median"], other[key]["median"]
            ratio = b / a if a else float("nan")
            print(f"{other['spec']} / {first['spec']} median {key}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
