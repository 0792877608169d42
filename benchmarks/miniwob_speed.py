"""MiniWoB++ episode time: openlam's WebEnv against BrowserGym, same tasks, seeds and workload.

An episode is: reset on (task, seed), which returns the first observation; `--steps` steps,
each scrolling the page down 100 px and returning an observation; then leaving the episode.
BrowserGym runs in its own venv (benchmarks/browsergym_env.sh) as a subprocess
(benchmarks/browsergym_side.py), one per task, alternating with openlam's episodes of that task
so that load on the shared machine falls on both. Both run headless on Debian's Chromium.

openlam is timed twice: with a fresh browser per episode (`WebEnv` made, reset, stepped,
closed: like BrowserGym, whose reset launches a browser) and with one browser kept across
episodes (how openlam runs; each reset opens a fresh context). Playwright itself is started
outside the timings on both sides. MiniWoB pages seed from `Math.seedrandom`; BrowserGym seeds
with `RandomState(seed).randint(0, 1_000_000)`, and openlam is given the same number, so both
sides get the same problem instance (their goals are compared).

The two sides do different work for the same episode, all counted in the raw ratio:
- BrowserGym's reset launches two browsers (the task's and a chat window's); it waits 0.5 s
  before every observation and runs MiniWoB with Playwright's slow_mo of 100 ms per call
  (--bg-slow-mo-ms / --bg-pre-observation-delay-s override both); its observation is a
  screenshot, a full DOM snapshot, the accessibility tree and per-element properties (it marks
  every element with a `bid` first), at a 332x214 viewport zoomed 1.5x.
- openlam's observation is the actionable controls of the accessibility tree (CDP) plus the
  page text, with no screenshot, at 1280x720.
The printed notes give BrowserGym's step time by phase and both observations' sizes.

    bash benchmarks/browsergym_env.sh
    .venv/bin/python benchmarks/miniwob_speed.py --out runs/bench/miniwob_speed.json

Without BrowserGym's venv (or with --no-browsergym) only openlam's side runs, and the output
says why the other side was left out. A smoke run: --tasks click-button --seeds 0 --steps 1.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np

from openlam.envs.web.browser import start_playwright
from openlam.envs.web.env import WebEnv
from openlam.records import Action
from openlam.tasks.web.miniwob import episode_options, task_names, web_env_config

TASKS = [
    "click-button",
    "click-link",
    "click-checkboxes",
    "enter-text",
    "login-user",
    "click-option",
    "click-tab",
    "click-dialog",
    "focus-text",
    "choose-list",
]
SCROLL = Action(function="scroll", args={"direction": "down", "amount": 1})  # 100 px
SIDE = Path(__file__).with_name("browsergym_side.py")
BG_PACKAGES = ["browsergym-core", "browsergym-miniwob", "playwright", "miniwob", "gymnasium"]


def page_seed(seed: int) -> int:
    """The number BrowserGym's MiniWoB task passes to `Math.seedrandom` for `seed`."""
    return int(np.random.RandomState(seed).randint(0, 1_000_000))


def describe(obs) -> dict:
    """What an openlam observation held, in sizes."""
    paragraphs = obs.document.paragraphs if obs.document else []
    return {
        "controls": len(obs.controls),
        "paragraphs": len(paragraphs),
        "text_chars": sum(len(p.text) for p in paragraphs),
    }


def openlam_episode(env: WebEnv, task: str, seed: int, steps: int) -> dict:
    """One episode in `env`; the caller times making and closing the env, if it does."""
    start = time.monotonic()
    obs, info = env.reset(seed=seed, options=episode_options(task, page_seed(seed)))
    reset_s = time.monotonic() - start
    step_s, step_timings, reward = [], [], 0.0
    for _ in range(steps):
        t = time.monotonic()
        obs, reward, terminated, truncated, step_info = env.step(SCROLL)
        step_s.append(time.monotonic() - t)
        step_timings.append(step_info["timings"])
        if not obs.last_result.ok:
            raise RuntimeError(f"scroll failed on {task}: {obs.last_result.error}")
        if terminated or truncated:
            break
    return {
        "task": task,
        "seed": seed,
        "reset_s": reset_s,
        "reset_timings": info["timings"],  # launch_s when it launched Chromium
        "step_s": step_s,
        "step_timings": step_timings,
        "goal": info.get("goal"),
        "reward": reward,
        "observation": describe(obs),
    }


def run_openlam(task: str, seeds: list[int], steps: int, playwright, shared: WebEnv) -> dict:
    fresh = []
    for seed in seeds:
        start = time.monotonic()
        env = WebEnv(web_env_config(), playwright=playwright)
        try:
            record = openlam_episode(env, task, seed, steps)
        finally:
            t = time.monotonic()
            env.close()
            close_s = time.monotonic() - t
        fresh.append(record | {"close_s": close_s, "total_s": time.monotonic() - start})
    kept = []
    for seed in seeds:
        start = time.monotonic()
        record = openlam_episode(shared, task, seed, steps)
        kept.append(record | {"total_s": time.monotonic() - start})
    return {"openlam_fresh": fresh, "openlam_shared": kept}


class ChildFailed(RuntimeError):
    """A child process exited non-zero; the message carries its stderr."""


def run_child(command: list[str]) -> str:
    """The child's stdout. A failure raises with the child's stderr (its own traceback);
    on success the stderr is passed on to ours."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise ChildFailed(
            f"{' '.join(command)} exited with {done.returncode}; its stderr:\n{done.stderr}"
        )
    sys.stderr.write(done.stderr)
    return done.stdout


def browsergym_missing(python: str) -> str | None:
    """Why BrowserGym's side cannot run with `python`, or None when it can."""
    if not Path(python).is_file():
        return f"no Python at {python} (make the venv with: bash benchmarks/browsergym_env.sh)"
    done = subprocess.run(
        [python, "-c", "import browsergym.miniwob"], capture_output=True, text=True
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
        return f"{python} cannot import browsergym.miniwob: {last}"
    return None


def run_browsergym(python: str, task: str, seeds: list[int], steps: int, extra: list[str]):
    command = [python, str(SIDE), "--tasks", task, "--seeds", *map(str, seeds)]
    command += ["--steps", str(steps), *extra]
    return [json.loads(line) for line in run_child(command).splitlines()]


def bg_versions(python: str) -> dict:
    code = (
        "import json, importlib.metadata as m; "
        f"print(json.dumps({{p: m.version(p) for p in {BG_PACKAGES!r}}}))"
    )
    return json.loads(run_child([python, "-c", code]))


def mean_total(episodes: list[dict]) -> float:
    return statistics.mean(e["total_s"] for e in episodes)


def summarize(episodes: dict[str, list[dict]], tasks: list[str]) -> dict:
    rows = {}
    for task in tasks:
        rows[task] = {
            side: mean_total([e for e in runs if e["task"] == task])
            for side, runs in episodes.items()
        }
    overall = {side: mean_total(runs) for side, runs in episodes.items()}
    return {"per_task": rows, "overall": overall}


def print_table(summary: dict, episodes: dict[str, list[dict]]) -> None:
    """Mean episode seconds per task; the ratios only when BrowserGym's side ran."""
    peer = "browsergym" in episodes
    head = f"{'task':<18}" + (f"{'BrowserGym s':>13}" if peer else "")
    for title in ("openlam s", "openlam kept s"):
        head += f"{title:>{len(title) + 2}}" + (f"{'ratio':>7}" if peer else "")
    print(head)
    print("-" * len(head))
    rows = [*summary["per_task"].items(), ("ALL (mean)", summary["overall"])]
    for task, means in rows:
        line = f"{task:<18}" + (f"{means['browsergym']:>13.2f}" if peer else "")
        for title, side in (("openlam s", "openlam_fresh"), ("openlam kept s", "openlam_shared")):
            line += f"{means[side]:>{len(title) + 2}.2f}"
            if peer:
                line += f"{means['browsergym'] / means[side]:>7.1f}"
        print(line)
    if peer:
        print(
            "\nratio = BrowserGym / openlam mean episode seconds; 'openlam s' launches a "
            "browser per episode as BrowserGym does, 'openlam kept' reuses one."
        )
    for side, runs in episodes.items():
        resets = statistics.median(e["reset_s"] for e in runs)
        steps = statistics.median(s for e in runs for s in e["step_s"])
        print(f"{side:<15} median reset {resets:.3f} s, median step {steps:.3f} s")
    if peer:
        bg_phases = [p for e in episodes["browsergym"] for p in e["step_phases"]]
        medians = {k: round(statistics.median(p[k] for p in bg_phases), 3) for k in bg_phases[0]}
        print("BrowserGym step, median seconds by phase:", json.dumps(medians))
    for side in [s for s in ("browsergym", "openlam_fresh") if s in episodes]:
        print(f"{side} observation (last step):", json.dumps(episodes[side][0]["observation"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", nargs="+", default=TASKS)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2, 3, 4])
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--browsergym-python", default="/work/bgvenv/bin/python")
    parser.add_argument("--no-browsergym", action="store_true", help="openlam's side only")
    parser.add_argument("--bg-slow-mo-ms", type=int, help="override BrowserGym's 100 ms slow_mo")
    parser.add_argument(
        "--bg-pre-observation-delay-s",
        type=float,
        help="override BrowserGym's 0.5 s wait before each observation",
    )
    parser.add_argument("--out", type=Path, default=Path("runs/bench/miniwob_speed.json"))
    args = parser.parse_args()

    unknown = sorted(set(args.tasks) - set(task_names()))
    if unknown:
        raise SystemExit(f"not MiniWoB tasks: {unknown}")
    extra = []
    if args.bg_slow_mo_ms is not None:
        extra += ["--slow-mo-ms", str(args.bg_slow_mo_ms)]
    if args.bg_pre_observation_delay_s is not None:
        extra += ["--pre-observation-delay-s", str(args.bg_pre_observation_delay_s)]

    if args.no_browsergym:
        skipped = "--no-browsergym was given"
    else:
        skipped = browsergym_missing(args.browsergym_python)
    if skipped:
        print(f"BrowserGym side skipped, openlam's side only: {skipped}", flush=True)
    load_before = os.getloadavg()
    episodes = {"openlam_fresh": [], "openlam_shared": []}
    if not skipped:
        episodes = {"browsergym": [], **episodes}
    playwright = start_playwright()
    shared = WebEnv(web_env_config(), playwright=playwright)
    try:
        shared.reset(options=episode_options(args.tasks[0], 0))  # launch outside the timings
        for task in args.tasks:
            print(f"{task} ...", file=sys.stderr, flush=True)
            if not skipped:
                episodes["browsergym"] += run_browsergym(
                    args.browsergym_python, task, args.seeds, args.steps, extra
                )
            for side, runs in run_openlam(task, args.seeds, args.steps, playwright, shared).items():
                episodes[side] += runs
    finally:
        shared.close()
        playwright.stop()

    goals = {(e["task"], e["seed"]): e["goal"] for e in episodes.get("browsergym", [])}
    mismatched = [
        (e["task"], e["seed"])
        for e in episodes["openlam_fresh"]
        if goals and goals[e["task"], e["seed"]] != e["goal"]
    ]
    summary = summarize(episodes, args.tasks)
    load = {"before": load_before, "after": os.getloadavg()}
    print_table(summary, episodes)
    print(f"load average (1, 5, 15 min) before {load['before']}, after {load['after']}")
    if skipped:
        print(f"BrowserGym side skipped: {skipped}")
    else:
        print(
            f"goals identical on both sides: {len(goals) - len(mismatched)}/{len(goals)}"
            + (f" (differ: {mismatched})" if mismatched else "")
        )

    result = {
        "settings": {
            "tasks": args.tasks,
            "seeds": args.seeds,
            "steps": args.steps,
            "browsergym_extra_args": extra,
        },
        "browsergym_skipped": skipped,
        "versions": {
            "browsergym_venv": None if skipped else bg_versions(args.browsergym_python),
            "openlam_playwright": version("playwright"),
        },
        "summary": summary,
        "load_average": load,
        "goal_mismatches": mismatched,
        "episodes": episodes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
