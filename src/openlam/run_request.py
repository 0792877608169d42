"""`openlam run`: one user request carried out by the agent on a user's document in the real
Writer, each step shown as it happens."""

from __future__ import annotations

import zipfile
from pathlib import Path

from rich.console import Console

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.prompt import format_call
from openlam.agent.safety import Confirmer
from openlam.envs.writer.actions import writer_action_space
from openlam.envs.writer.env import WriterEnv
from openlam.models.base import TextModel
from openlam.records import Step, Trajectory
from openlam.tasks.apps import WriterApp, agent_config_for


def run_request(
    request: str,
    doc: Path,
    out: Path | None,
    model: TextModel,
    log: Path,
    config: AgentConfig,
    confirm: Confirmer,
    console: Console,
) -> Trajectory:
    """Open `doc`, let the agent act on `request` step by step, save the result to `out`."""
    check_document(doc)
    config = agent_config_for(WriterApp(), config)
    agent = Agent.for_model(model, writer_action_space(), config, confirm)
    console.print(f"[bold]request:[/bold] {request}\n[dim]model {model.name}, document {doc}[/dim]")
    with WriterEnv() as env:
        trajectory = agent.run(
            env,
            request,
            log,
            task_id="run",
            options={"template": doc},
            on_step=lambda step: show_step(step, console),
        )
        if out is not None:
            env.save(out.resolve(), ext=out.suffix.lstrip(".") or "docx")
            console.print(f"saved {out}")
    console.print(
        f"[bold]{trajectory.outcome}[/bold] after {len(trajectory.steps)} steps; "
        f"trajectory in {log}"
    )
    return trajectory


class DocumentError(ValueError):
    """The document cannot be opened: missing, or not what its name says."""


def check_document(doc: Path) -> None:
    """Refuse a missing file or a broken .docx/.odt before the application sees it (a broken
    package can take soffice down while it loads)."""
    if not doc.is_file():
        raise DocumentError(f"no document at {doc}")
    if doc.suffix.lower() in (".docx", ".odt") and not zipfile.is_zipfile(doc):
        raise DocumentError(f"{doc} is not a valid {doc.suffix} file (not a zip package)")


def show_step(step: Step, console: Console) -> None:
    """One step as a line or two: the action, its result and where the time went."""
    controls = step.observation.controls
    shown = step.shown.controls if step.shown is not None else controls
    t = step.timings
    what = format_call(step.action) if step.action else f"unparsable: {step.model_output!r:.80}"
    result = "ok" if step.result.ok else f"[red]{step.result.error}[/red]"
    console.print(
        f"[cyan]step {step.index + 1}[/cyan] {len(shown)}/{len(controls)} controls | {what}\n"
        f"    -> {result} | model {t.get('model_s', 0):.2f} s "
        f"({t.get('prompt_tokens', 0):.0f} in, {t.get('completion_tokens', 0):.0f} out), "
        f"execute {t.get('execute_s', 0):.2f} s",
        markup=True,
        highlight=False,
    )
    if step.action and step.action.thought:
        console.print(f"    thought: {step.action.thought[:160]}", markup=False)
