"""BrowserGym's side of benchmarks/miniwob_speed.py: time MiniWoB++ episodes in BrowserGym.

Runs inside the BrowserGym venv made by benchmarks/browsergym_env.sh (it imports nothing from
openlam). For each (task, seed): `gym.make("browsergym/miniwob.<task>")`, `reset(seed=seed)`
(which returns the first observation), `--steps` steps that each scroll the page down 100 px
and return an observation, then `close()`. Each phase is timed with a monotonic clock; one JSON
object per episode goes to stdout:

    {"task", "seed", "make_s", "reset_s", "step_s": [...], "step_phases": [...], "close_s",
     "total_s",
     "goal", "reward", "success", "observation": {what the last observation held}}

`total_s` covers make + reset + steps + close. Environment defaults are BrowserGym's own (headless,
slow_mo 100 ms for MiniWoB, 0.5 s pre-observation delay) unless --slow-mo-ms or
--pre-observation-delay-s say otherwise.

    /work/bgvenv/bin/python benchmarks/browsergym_side.py --tasks click-button enter-text \
        --seeds 0 1 --steps 5

PLAYWRIGHT_BROWSERS_PATH and MINIWOB_URL default to the venv's ms-playwright folder and its
miniwob wheel's pages, as browsergym_env.sh sets them up.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

SCROLL_PX = 100


def set_default_paths() -> None:
    """Point playwright at the venv's Chromium link and BrowserGym at the miniwob pages."""
    os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", str(Path(sys.prefix) / "ms-playwright"))
    if "MINIWOB_URL" not in os.environ:
        import miniwob

        pages = Path(miniwob.__file__).parent / "html" / "miniwob"
        os.environ["MINIWOB_URL"] = pages.as_uri() + "/"


def describe(obs: dict) -> dict:
    """What an observation held, in sizes."""
    return {
        "keys": sorted(obs),
        "screenshot_shape": list(obs["screenshot"].shape),
        "dom_nodes": len(obs["dom_object"]["documents"][0]["nodes"]["nodeName"]),
        "axtree_nodes": len(obs["axtree_object"]["nodes"]),
        "last_action_error": obs["last_action_error"],
    }


def phases(info: dict) -> dict:
    """Where a step's time went, from the timestamps BrowserGym puts in its info."""

    def span(name: str) -> float:
        return info[f"{name}_stop"] - info[f"{name}_start"]

    return {
        "action_s": info["action_exec_stop"] - info["action_exec_start"],
        "wait_s": span("wait_for_page_loading"),  # includes the pre-observation delay
        "validate_s": span("validation"),
        "observe_s": span("get_observation"),  # DOM snapshot, AX tree, screenshot
    }


def run_episode(task: str, seed: int, steps: int, env_kwargs: dict) -> dict:
    import gymnasium as gym

    start = time.monotonic()
    env = gym.make(f"browsergym/miniwob.{task}", headless=True, **env_kwargs)
    make_s = time.monotonic() - start
    try:
        t = time.monotonic()
        obs, info = env.reset(seed=seed)
        reset_s = time.monotonic() - t
        # BrowserGym divides scroll amounts by the page's zoom (1.5 for MiniWoB), as if they
        # were screenshot pixels; scale up so the wheel moves the page 100 CSS px.
        scale = getattr(env.unwrapped.page, "_bgym_scale_factor", 1.0)
        action = f"scroll(0, {SCROLL_PX * scale:g})"
        step_s, step_phases, reward = [], [], 0.0
        for _ in range(steps):
            t = time.monotonic()
            obs, reward, terminated, truncated, info = env.step(action)
            step_s.append(time.monotonic() - t)
            step_phases.append(phases(info))
            if obs["last_action_error"]:
                raise RuntimeError(f"{action} failed: {obs['last_action_error']}")
            if terminated or truncated:
                break
    finally:
        t = time.monotonic()
        env.close()
        close_s = time.monotonic() - t
    return {
        "task": task,
        "seed": seed,
        "make_s": make_s,
        "reset_s": reset_s,
        "step_s": step_s,
        "step_phases": step_phases,
        "close_s": close_s,
        "total_s": time.monotonic() - start,
        "goal": obs["goal"],
        "reward": float(reward),
        "success": bool(info["task_info"].get("RAW_REWARD_GLOBAL", 0) > 0),
        "action": action,
        "observation": describe(obs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", nargs="+", required=True, help="MiniWoB names: click-button")
    parser.add_argument("--seeds", nargs="+", type=int, required=True)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--slow-mo-ms", type=int, help="override the task's slow_mo (100 ms)")
    parser.add_argument("--pre-observation-delay-s", type=float, help="override the 0.5 s wait")
    args = parser.parse_args()

    set_default_paths()
    import browsergym.miniwob  # noqa: F401  (registers the browsergym/miniwob.* ids)
    from browsergym.core import _get_global_playwright

    _get_global_playwright()  # start Playwright outside the timings, as the openlam side does

    env_kwargs = {}
    if args.slow_mo_ms is not None:
        env_kwargs["slow_mo"] = args.slow_mo_ms
    if args.pre_observation_delay_s is not None:
        env_kwargs["pre_observation_delay"] = args.pre_observation_delay_s
    for task in args.tasks:
        for seed in args.seeds:
            record = run_episode(task, seed, args.steps, env_kwargs)
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
