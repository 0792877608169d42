"""Benchmark of the Writer environment against the raw calls it wraps.

Prints medians of cold start, reset, observation and per-action times, and in the same
run the raw AT-SPI tree read and the raw UNO/AT-SPI calls each one wraps, measured in a
separate process bound to the same stack with no environment in between, as ratios.

    .venv/bin/python benchmarks/writer_env.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from openlam.envs.writer.env import WriterEnv
from openlam.tasks.writer.templates import default_template

WORD = "Portsmouth"


def median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def measure_env(repeat: int) -> tuple[dict[str, float], WriterEnv]:
    env = WriterEnv()
    template = default_template()
    start = time.monotonic()
    env.reset(options={"template": template})
    out = {"cold_start": 1000 * (time.monotonic() - start)}
    resets, observes, actions = (
        [],
        [],
        {k: [] for k in ("select_text", "click Bold", "set_edit_text Font Size", "insert_table")},
    )
    for _ in range(repeat):
        start = time.monotonic()
        obs, _ = env.reset(options={"template": template})
        resets.append(time.monotonic() - start)
        start = time.monotonic()
        obs = env.observe()
        observes.append(time.monotonic() - start)
        steps = [
            ("select_text", f'select_text(text="{WORD}")'),
            (
                "click Bold",
                lambda o: f'click_input(label="{o.find("Bold", "toggle button").label}")',
            ),
            (
                "set_edit_text Font Size",
                lambda o: f'set_edit_text(label="{o.find("Font Size", "text").label}", text="14")',
            ),
            ("insert_table", "insert_table(rows=2, columns=2)"),
        ]
        for name, action in steps:
            text = action(obs) if callable(action) else action
            obs, _, _, _, info = env.step(text)
            assert obs.last_result.ok, obs.last_result.error
            actions[name].append(info["timings"]["action_s"])
    out["reset"] = median_ms(resets)
    out["observation"] = median_ms(observes)
    for name, samples in actions.items():
        out[name] = median_ms(samples)
    return out, env


def measure_raw(env: WriterEnv, repeat: int) -> dict[str, float]:
    argv = [sys.executable, __file__, "--raw", "--port", str(env.stack.uno_port)]
    argv += ["--repeat", str(repeat)]
    result = subprocess.run(argv, env=env.stack.env(), capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def raw_child(port: int, repeat: int) -> None:
    """Bare calls on the stack: the AT-SPI walk, UNO reads and the calls actions wrap."""
    import warnings

    warnings.filterwarnings("ignore")
    from openlam.envs.writer import controls, document

    ctx, desktop = document.connect(port, 30)
    doc = desktop.getCurrentComponent()
    app = controls.application()
    found = controls.collect(app)
    bold = next(f.accessible for f in found if f.name == "Bold")
    size = next(f.accessible for f in found if f.name == "Font Size" and f.role == "text")
    samples: dict[str, list[float]] = {
        k: []
        for k in (
            "atspi_tree",
            "uno_document",
            "select_text",
            "click Bold",
            "set_edit_text Font Size",
            "insert_table",
        )
    }

    def timed(name, fn):
        start = time.monotonic()
        fn()
        samples[name].append(time.monotonic() - start)

    def select():
        search = doc.createSearchDescriptor()
        search.SearchString = WORD
        doc.getCurrentController().select(doc.findAll(search).getByIndex(0))

    def set_size():
        size.get_editable_text_iface().set_text_contents("14")
        size.get_component_iface().grab_focus()
        size.get_action_iface().do_action(0)

    def table():
        t = doc.createInstance("com.sun.star.text.TextTable")
        t.initialize(2, 2)
        cursor = doc.getCurrentController().getViewCursor()
        cursor.getText().insertTextContent(cursor, t, False)

    for _ in range(repeat):
        timed("atspi_tree", lambda: controls.raw_walk(app))
        timed("uno_document", lambda: document.state(doc))
        timed("select_text", select)
        timed("click Bold", lambda: bold.get_action_iface().do_action(0))
        timed("set_edit_text Font Size", set_size)
        timed("insert_table", table)
    print(json.dumps({k: median_ms(v) for k, v in samples.items()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--raw", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.raw:
        raw_child(options.port, options.repeat)
        return
    ours, env = measure_env(options.repeat)
    try:
        env.reset(options={"template": default_template()})
        raw = measure_raw(env, options.repeat)
    finally:
        env.close()
    raw["observation"] = raw["atspi_tree"] + raw["uno_document"]
    print(f"Writer environment, medians of {options.repeat} ({Path(sys.executable).name})")
    print(f"{'':28}{'openlam ms':>12}{'raw ms':>10}{'ratio':>8}")
    for name in ("cold_start", "reset"):
        print(f"{name:28}{ours[name]:12.1f}{'':>10}{'':>8}")
    for name in (
        "observation",
        "select_text",
        "click Bold",
        "set_edit_text Font Size",
        "insert_table",
    ):
        print(f"{name:28}{ours[name]:12.1f}{raw[name]:10.1f}{ours[name] / raw[name]:8.2f}")
    print(f"{'  of which AT-SPI tree':28}{'':12}{raw['atspi_tree']:10.1f}")
    print(f"{'  of which UNO document':28}{'':12}{raw['uno_document']:10.1f}")


if __name__ == "__main__":
    main()
