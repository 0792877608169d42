"""The demo job: the real Writer driven by a scripted policy on one task, step by step."""

from __future__ import annotations

import time
from pathlib import Path

import docx
from rich.console import Console

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.safety import approve_all
from openlam.agent.scripted import ScriptedPolicy, call, on_control
from openlam.envs.writer.env import WriterEnv
from openlam.records import Step
from openlam.tasks.apps import WriterApp
from openlam.tasks.writer.templates import default_template

REQUEST = "Make the town name 'Portsmouth' bold and set it in 16 pt."
WORD = "Portsmouth"


def demo_policy() -> ScriptedPolicy:
    return ScriptedPolicy(
        [
            call("select_text", text=WORD),
            on_control("click_input", "Bold", "toggle button"),
            on_control("set_edit_text", "Font Size", "text", text="16"),
        ]
    )


def run_demo(out: Path, console: Console) -> bool:
    """Run the demo task; print each step; save the document and the trajectory."""
    out.mkdir(parents=True, exist_ok=True)
    agent = Agent(demo_policy(), AgentConfig(app=WriterApp.title), approve_all)
    console.print(f"[bold]request:[/bold] {REQUEST}")
    with WriterEnv() as env:
        start = time.monotonic()
        trajectory = agent.run(
            env,
            REQUEST,
            out / "trajectory.jsonl",
            task_id="demo",
            options={"template": default_template()},
            template="letter",
            on_step=lambda step: _print_step(console, step),
        )
        console.print(f"episode in {time.monotonic() - start:.1f} s (with the application start)")
        saved = env.save(out / "result.docx")
    ok = _check(saved)
    verdict = "success" if ok else "failure"
    console.print(
        f"[bold]{verdict}[/bold] ({trajectory.outcome}): document {saved}, trajectory in {out}"
    )
    return ok


def _print_step(console: Console, step: Step) -> None:
    action = step.action
    target = f" on [{action.control_label}] {action.control_name}" if action.control_label else ""
    verdict = step.result.message if step.result.ok else f"[red]{step.result.error}[/red]"
    ms = 1000 * step.timings.get("action_s", 0.0)
    console.print(
        f"step {step.index}: {action.function or action.status.value}{target} "
        f"{action.args or ''} -> {verdict} ({ms:.0f} ms)"
    )


def _check(path: Path) -> bool:
    """The end state, read back independently with python-docx."""
    for paragraph in docx.Document(str(path)).paragraphs:
        for run in paragraph.runs:
            if WORD in run.text:
                return bool(run.bold) and run.font.size is not None and run.font.size.pt == 16
    return False
