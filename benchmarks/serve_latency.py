"""The cost of serving a model: `openlam run` with `--backend openai` against `openlam serve`,
next to `openlam run` with the model in its own process, on the same MiniWoB++ page.

Both are the real commands as a user types them, with the same model (the untrained default
SmolLM2, or `--model NAME`) on the same page and seed; each step's parts are read from the
trajectory each run writes. Note that the in-process backend decodes under each step's
grammar and a served model cannot be sent one, so the two may generate different numbers of
tokens: the model time per generated token is printed beside the step latencies.

    .venv/bin/python benchmarks/serve_latency.py --task click-button --seeds 3 --max-steps 5

Writes runs/bench/serve_latency.json.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import openai

from openlam.agent.trajectory_log import load_trajectory

OPENLAM = str(Path(sys.executable).parent / "openlam")
# torch's CPU threads in every command started here (run and serve alike): on busy cores one
# thread is several times faster than one per core (see HFConfig.threads).
ENV = os.environ | {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(model: str, port: int) -> subprocess.Popen:
    """`openlam serve` in the background; returns once it answers GET /v1/models."""
    process = subprocess.Popen([OPENLAM, "serve", "--model", model, "--port", str(port)], env=ENV)
    api = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none", max_retries=0)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"openlam serve exited with {process.returncode}")
        try:
            api.models.list()
            return process
        except openai.APIConnectionError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("openlam serve did not come up within 300 s")


def run(backend_args: list[str], options: argparse.Namespace, logs: Path) -> dict:
    """`openlam run` on the page with each seed; the steps' parts from the trajectories."""
    steps, wall = [], 0.0
    for seed in range(options.seed, options.seed + options.seeds):
        log = logs / f"{seed}.jsonl"
        log.unlink(missing_ok=True)
        command = [OPENLAM, "run", "--miniwob", options.task, "--seed", str(seed), "--yes"]
        command += ["--max-steps", str(options.max_steps), "--log", str(log), *backend_args]
        started = time.perf_counter()
        # A failed task exits 1; only a run that could not start (2) spoils the measurement.
        if subprocess.run(command, env=ENV).returncode not in (0, 1):
            raise SystemExit(f"openlam run failed: {' '.join(command)}")
        wall += time.perf_counter() - started
        steps += load_trajectory(log).steps
    step_s = [sum(s.timings.get(k, 0.0) for k in ("filter_s", "prompt_s", "model_s", "execute_s"))
              for s in steps]  # fmt: skip
    model_s = [s.timings.get("model_s", 0.0) for s in steps]
    tokens = [s.timings.get("completion_tokens", 0.0) for s in steps]
    return {
        "steps": len(steps),
        "commands_s": round(wall, 2),
        "step_s_median": statistics.median(step_s),
        "model_s_median": statistics.median(model_s),
        "completion_tokens_median": statistics.median(tokens),
        "model_s_per_token": sum(model_s) / max(1.0, sum(tokens)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", default="click-button", help="A MiniWoB++ task.")
    parser.add_argument("--seed", type=int, default=100000, help="The first held-out seed.")
    parser.add_argument("--seeds", type=int, default=3, help="Pages (seeds) per backend.")
    parser.add_argument("--max-steps", type=int, default=5)
    parser.add_argument("--model", default="base", help="A smollm2 model name (base, web-lam).")
    parser.add_argument("--out", type=Path, default=Path("runs/bench/serve_latency.json"))
    options = parser.parse_args()
    options.out.parent.mkdir(parents=True, exist_ok=True)
    logs = options.out.parent / "serve_latency"
    for name in ("in_process", "served"):
        (logs / name).mkdir(parents=True, exist_ok=True)
    in_process = run(["--model", options.model], options, logs / "in_process")
    port = free_port()
    server = start_server(options.model, port)
    try:
        url = f"http://127.0.0.1:{port}/v1"
        served_name = openai.OpenAI(base_url=url, api_key="none").models.list().data[0].id
        served = run(
            ["--backend", "openai", "--model", served_name, "--base-url", url],
            options,
            logs / "served",
        )
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    results = {"in_process": in_process, "served": served}
    for name, r in results.items():
        print(
            f"{name}: {r['steps']} steps, step median {r['step_s_median']:.3f} s, model median "
            f"{r['model_s_median']:.3f} s, {r['completion_tokens_median']:.0f} tokens median, "
            f"{r['model_s_per_token'] * 1000:.1f} ms per token, commands {r['commands_s']} s"
        )
    for key in ("step_s_median", "model_s_median", "model_s_per_token"):
        ratio = served[key] / in_process[key] if in_process[key] else float("nan")
        results[f"ratio_{key}"] = round(ratio, 3)
        print(f"served / in-process {key}: {ratio:.2f}x")
    options.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {options.out}")


if __name__ == "__main__":
    main()
