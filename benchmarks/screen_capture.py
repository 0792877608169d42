"""What keeping screens costs a step, in the real Writer and Chromium.

The same scripted episode runs with screens `never` and `each`, alternating, in one
environment per app; the figures are the median step time of each mode (the agent loop's wall
time per step, capture included), their ratio, the median capture itself, and what a screen
recorder costs when it takes nothing (mode `never`: the only work capture-off adds).

    .venv/bin/python benchmarks/screen_capture.py [--episodes 6] [--out runs/bench/screens.json]
    .venv/bin/python benchmarks/screen_capture.py --episodes 1   # a quick look
"""

from __future__ import annotations

import argparse
import http.server
import json
import statistics
import tempfile
import threading
import time
from pathlib import Path

from openlam.agent.loop import Agent, AgentConfig
from openlam.envs.screens import ScreenRecorder
from openlam.models.scripted import ScriptedModel

PAGE = b"""<!doctype html><title>Form</title><h1>Sign up</h1>
<label>Name <input id=name></label> <label>City <input id=city></label>
<button onclick="document.querySelector('p').textContent='Thanks'">Send</button><p>-</p>"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def writer_episode(env) -> tuple[list[str], dict]:
    from openlam.tasks.writer.templates import default_template

    words = ["Portsmouth", "Dear", "Harbour", "Yours"]
    return [f'select_text(text="{w}")' for w in words] + ["[FINISH]"], {
        "template": default_template()
    }


def web_episode(env, url: str) -> tuple[list[str], dict]:
    obs, _ = env.reset(options={"url": url})
    name, city = (obs.find(n, "textbox").label for n in ("Name", "City"))
    send = obs.find("Send", "button").label
    outputs = [
        f'set_edit_text(label="{name}", text="Ada")',
        f'set_edit_text(label="{city}", text="Leeds")',
        f'click(label="{send}")',
        f'set_edit_text(label="{name}", text="Grace")',
    ]
    return [*outputs, "[FINISH]"], {"url": url}


def measure(env, episode, episodes: int, folder: Path) -> dict:
    """Median step seconds per mode, their ratio and the median capture."""
    steps: dict[str, list[float]] = {"never": [], "each": []}
    captures: list[float] = []
    for i in range(episodes):
        for mode in ("never", "each") if i % 2 == 0 else ("each", "never"):
            outputs, options = episode(env)
            agent = Agent.for_model(ScriptedModel(outputs), env.actions, AgentConfig(screens=mode))
            times: list[float] = []
            last = [time.perf_counter()]

            def on_step(step, times=times, last=last):
                now = time.perf_counter()
                times.append(now - last[0])
                last[0] = now

            obs, _ = env.reset(options=options)
            last[0] = time.perf_counter()
            trajectory = agent.run_from(
                env, obs, "bench", folder / f"{mode}{i}.jsonl", on_step=on_step
            )
            steps[mode] += times
            captures += [
                s.timings["capture_s"] for s in trajectory.steps if "capture_s" in s.timings
            ]
    never, each = statistics.median(steps["never"]), statistics.median(steps["each"])
    return {
        "steps_per_mode": len(steps["never"]),
        "step_never_s": round(never, 4),
        "step_each_s": round(each, 4),
        "each_over_never": round(each / never, 3),
        "capture_median_s": round(statistics.median(captures), 4),
    }


def recorder_cost_never(n: int = 100_000) -> float:
    """Seconds per step a `never` recorder adds (its check, nothing taken)."""
    recorder = ScreenRecorder(object(), "never", None)
    start = time.perf_counter()
    for i in range(n):
        recorder.before_step(i)
    return (time.perf_counter() - start) / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=6)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    from openlam.envs.web.env import WebEnv
    from openlam.envs.writer.env import WriterEnv

    figures: dict[str, object] = {"never_recorder_s_per_step": recorder_cost_never()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with WriterEnv() as env:
            figures["writer"] = measure(env, writer_episode, args.episodes, folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/"
        try:
            with WebEnv() as env:
                figures["web"] = measure(env, lambda e: web_episode(e, url), args.episodes, folder)
        finally:
            server.shutdown()
    print(json.dumps(figures, indent=1))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
