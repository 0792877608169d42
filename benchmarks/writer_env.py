"""Benchmark of the Writer environment against the raw calls it wraps.

Prints medians of cold start, reset, observation and per-action times, next to the raw
AT-SPI tree read and the raw UNO/AT-SPI call each action wraps, measured in a separate
process bound to the same stack with no environment in between; the ratio column says how
many times the raw call each environment figure costs.

    .venv/bin/python benchmarks/writer_env.py [--repeat 15] [--raw-repeat 30]
    .venv/bin/python benchmarks/writer_env.py --smoke   # one round of each, seconds
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from openlam.envs.writer.env import WriterEnv
from openlam.tasks.writer.templates import default_template

WORD = "Portsmouth"
RESULT = "RESULT "  # prefixes the child's one line of figures on stdout
RAW_TIMEOUT_S = 300


def median_ms(samples: list[float]) -> float | None:
    return 1000 * statistics.median(samples) if samples else None


# -- the environment -------------------------------------------------------------------


def _on(function: str, name: str | None, role: str, **args: str):
    """An action on the control with this name (any, if None) and role, by its label in the
    observation before it: labels move as the UI changes."""

    def build(obs) -> str | None:
        matches = (c for c in obs.controls if c.type == role and name in (None, c.name))
        control = next(matches, None)
        if control is None:
            return None
        extra = "".join(f', {k}="{v}"' for k, v in args.items())
        return f'{function}(label="{control.label}"{extra})'

    return build


# The environment's steps of one round, by the name of the raw call that stands for each.
STEPS: dict[str, Callable[[object], str | None]] = {
    "select_text": lambda obs: f'select_text(text="{WORD}")',
    "click Bold": _on("click_input", "Bold", "toggle button"),
    "set_edit_text Font Size": _on("set_edit_text", "Font Size", "text", text="14"),
    "keyboard_input End": _on("keyboard_input", None, "document text", keys="{End}"),
    "insert_table": lambda obs: "insert_table(rows=2, columns=2)",
}


def measure_env(env: WriterEnv, repeat: int, notes: list[str]) -> dict[str, float | None]:
    """Cold start, then `repeat` rounds of reset, observe and one of each action."""
    template = default_template()
    start = time.monotonic()
    env.reset(options={"template": template})
    out: dict[str, float | None] = {"cold_start": 1000 * (time.monotonic() - start)}
    samples: dict[str, list[float]] = {k: [] for k in ("reset", "observation", *STEPS)}
    for _ in range(repeat):
        start = time.monotonic()
        _, info = env.reset(options={"template": template})
        samples["reset"].append(time.monotonic() - start)
        if info["restarted"]:
            # soffice now and then hangs opening a document; the reset then waits out its
            # request timeout and starts a fresh stack, which this figure includes.
            notes.append("reset: the stack was restarted")
        start = time.monotonic()
        obs = env.observe()
        samples["observation"].append(time.monotonic() - start)
        for name, build in STEPS.items():
            obs = _step(env, obs, name, build(obs), samples[name], notes)
    return out | {name: median_ms(values) for name, values in samples.items()}


def _step(env: WriterEnv, obs, name: str, action: str | None, samples, notes):
    """One step, timed; a failed one is counted and left out of the figures."""
    if action is None:
        notes.append(f"{name}: its control is not in the observation")
        return obs
    new, _, _, truncated, info = env.step(action)
    if truncated or not new.last_result.ok:
        notes.append(f"{name}: {new.last_result.error}")
        return new
    samples.append(info["timings"]["action_s"])
    return new


# -- the raw calls, in a child bound to the same stack ---------------------------------


def measure_raw(env: WriterEnv, repeat: int) -> dict[str, float | None]:
    """Run the raw child on the env's stack; its stderr is shown whenever it fails."""
    argv = [sys.executable, __file__, "--raw", "--port", str(env.stack.uno_port)]
    argv += ["--doc", str(env.episode_doc), "--raw-repeat", str(repeat)]
    try:
        done = subprocess.run(
            argv, env=env.stack.env(), capture_output=True, text=True, timeout=RAW_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"the raw child hung for {RAW_TIMEOUT_S} s\n{_text(exc.stderr)}") from exc
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not lines:
        raise SystemExit(
            f"the raw child failed (exit {done.returncode})\n--- stderr\n{done.stderr}"
            f"\n--- stdout\n{done.stdout[-2000:]}"
        )
    return json.loads(lines[-1].removeprefix(RESULT))


def _text(data: bytes | str | None) -> str:
    return data.decode(errors="replace") if isinstance(data, bytes) else (data or "")


def raw_child(port: int, doc_path: Path, repeat: int) -> None:
    """Bare calls on the stack: the AT-SPI walk, UNO reads and the calls actions wrap."""
    import warnings

    warnings.filterwarnings("ignore")
    from openlam.envs.writer import controls, document

    _, desktop = document.connect(port, 30)
    doc = _document(desktop, doc_path)
    app, found = _app_with_toolbars(controls)
    bold = _accessible(found, "Bold", "toggle button")
    size = _accessible(found, "Font Size", "text")
    window = doc.getCurrentController().getFrame().getComponentWindow()
    display = os.environ.get("DISPLAY", "")
    calls: dict[str, Callable[[], object]] = {
        "atspi_tree": lambda: controls.raw_walk(app),
        "uno_document": lambda: document.state(doc),
        "select_text": lambda: _select(doc),
        "click Bold": lambda: bold.get_action_iface().do_action(0),
        "set_edit_text Font Size": lambda: _set_size(size),
        "keyboard_input End": lambda: _key(window, controls, display, "End"),
        "insert_table": lambda: _table(doc),
    }
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            start = time.monotonic()
            call()
            samples[name].append(time.monotonic() - start)
    figures = {name: median_ms(values) for name, values in samples.items()}
    print(RESULT + json.dumps(figures), flush=True)


def _document(desktop, path: Path):
    """The environment's document, by its URL: the current component is whichever frame
    happens to be active, and can be none at all on a display nobody looks at."""
    url = path.resolve().as_uri()
    components = desktop.getComponents().createEnumeration()
    while components.hasMoreElements():
        component = components.nextElement()
        get_url = getattr(component, "getURL", None)  # the Start Center, say, has none
        if get_url is not None and get_url() == url:
            return component
    raise RuntimeError(f"no open document has the URL {url}")


def _app_with_toolbars(controls, timeout_s: float = 30.0):
    """The application and its controls, once the toolbars are in the tree."""
    deadline = time.monotonic() + timeout_s
    while True:
        app = controls.application()
        found = controls.collect(app) if app is not None else []
        if any(f.name == "Bold" for f in found) or time.monotonic() > deadline:
            return app, found
        time.sleep(0.2)


def _accessible(found, name: str, role: str):
    for control in found:
        if control.name == name and control.role == role:
            return control.accessible
    seen = sorted({f"{f.name} ({f.role})" for f in found})[:40]
    raise RuntimeError(f"no {role} named {name!r} among the controls; some of them: {seen}")


def _select(doc) -> None:
    search = doc.createSearchDescriptor()
    search.SearchString = WORD
    found = doc.findAll(search)
    if found.getCount() == 0:
        raise RuntimeError(f"{WORD!r} is not in the document")
    doc.getCurrentController().select(found.getByIndex(0))


def _set_size(size) -> None:
    size.get_editable_text_iface().set_text_contents("14")
    size.get_component_iface().grab_focus()
    size.get_action_iface().do_action(0)


def _key(window, controls, display: str, key: str) -> None:
    window.setFocus()
    controls.send_keys(display, "{" + key + "}")


def _table(doc) -> None:
    table = doc.createInstance("com.sun.star.text.TextTable")
    table.initialize(2, 2)
    cursor = doc.getCurrentController().getViewCursor()
    cursor.getText().insertTextContent(cursor, table, False)


# -- the report ------------------------------------------------------------------------


def report(ours: dict, raw: dict, repeat: int, raw_repeat: int, notes: list[str]) -> None:
    raw["observation"] = _sum(raw.get("atspi_tree"), raw.get("uno_document"))
    print(f"Writer environment: medians of {repeat} rounds; raw calls: of {raw_repeat}")
    print(f"{'':28}{'openlam ms':>12}{'raw ms':>10}{'x raw':>9}")
    for name in ("cold_start", "reset"):
        print(f"{name:28}{_ms(ours.get(name)):>12}")
    for name in ("observation", *STEPS):
        mine, bare = ours.get(name), raw.get(name)
        ratio = f"{mine / bare:9.1f}" if mine is not None and bare else f"{'-':>9}"
        print(f"{name:28}{_ms(mine):>12}{_ms(bare):>10}{ratio}")
    print(f"{'  of which AT-SPI tree':28}{'':12}{_ms(raw.get('atspi_tree')):>10}")
    print(f"{'  of which UNO document':28}{'':12}{_ms(raw.get('uno_document')):>10}")
    for note in notes:
        print(f"note: {note}")


def _sum(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="rounds through the environment")
    parser.add_argument("--raw-repeat", type=int, default=30, help="rounds of raw calls")
    parser.add_argument("--smoke", action="store_true", help="one round of each: a quick check")
    parser.add_argument("--raw", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--doc", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.smoke:
        options.repeat, options.raw_repeat = 1, 1
    if options.raw:
        raw_child(options.port, options.doc, options.raw_repeat)  # a failure's traceback
        return  # goes to stderr, which the parent shows
    notes: list[str] = []
    with WriterEnv() as env:
        ours = measure_env(env, options.repeat, notes)
        # A fresh copy for the raw calls: the rounds above made it bold, bigger and tabled.
        env.reset(options={"template": default_template()})
        raw = measure_raw(env, options.raw_repeat)
    report(ours, raw, options.repeat, options.raw_repeat, notes)


if __name__ == "__main__":
    main()
