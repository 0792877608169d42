"""`openlam run`: one user request carried out by the agent, each step shown as it happens:
on a user's document in the real Writer, or on a web page (an address or a MiniWoB++ task)
in the real Chromium."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pydantic import BaseModel, Field, model_validator
from rich.console import Console

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.prompt import format_call
from openlam.agent.safety import Confirmer, SafetyConfig
from openlam.models.base import TextModel
from openlam.records import Step, Trajectory
from openlam.tasks.apps import OPEN_WEB_SAFETY, WebApp, WriterApp, agent_config_for


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
    from openlam.envs.writer.actions import writer_action_space
    from openlam.envs.writer.env import WriterEnv

    check_request(request)
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


class WebPage(BaseModel):
    """Where a web run starts: an address, or a MiniWoB++ task page at a seed."""

    url: str | None = None
    miniwob: str | None = None
    seed: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _one_start(self) -> WebPage:
        if (self.url is None) == (self.miniwob is None):
            raise ValueError("give either an address (--url) or a MiniWoB task (--miniwob)")
        return self


def run_web_request(
    request: str | None,
    page: WebPage,
    model: TextModel,
    log: Path,
    config: AgentConfig,
    confirm: Confirmer,
    console: Console,
) -> Trajectory:
    """Open the page in Chromium and let the agent act on `request` step by step. A MiniWoB
    task states its own request, and its page says whether it was solved."""
    from openlam.envs.web.actions import web_action_space
    from openlam.envs.web.env import WebEnv

    if page.miniwob is not None and request is not None:
        raise RequestError("a MiniWoB task states its own request: give none with --miniwob")
    env_config, options, safety = web_start(page)
    if "safety" not in config.model_fields_set:
        config = config.model_copy(update={"safety": safety})
    config = agent_config_for(WebApp(), config)
    agent = Agent.for_model(model, web_action_space(), config, confirm)
    with WebEnv(env_config) as env:
        obs, info = env.reset(options=options)
        request = check_request(request if page.miniwob is None else info["goal"])
        where = page.url or f"MiniWoB {page.miniwob} (seed {page.seed})"
        console.print(
            f"[bold]request:[/bold] {request}\n[dim]model {model.name}, page {where}[/dim]"
        )
        trajectory = agent.run_from(
            env, obs, request, log, task_id="run", on_step=lambda step: show_step(step, console)
        )
        if page.miniwob is not None:
            task = options["task"]
            verdict = "solved" if task.reward(env) > 0 else "not solved"
            console.print(f"the page says: {verdict} ({task.reason or 'nothing submitted'})")
    console.print(
        f"[bold]{trajectory.outcome}[/bold] after {len(trajectory.steps)} steps; "
        f"trajectory in {log}"
    )
    return trajectory


def web_start(page: WebPage) -> tuple[Any, dict[str, Any], SafetyConfig]:
    """The env config, reset options and confirmation gate of a web run."""
    from openlam.envs.web.env import WebEnvConfig
    from openlam.tasks.web import miniwob

    if page.miniwob is not None:
        if page.miniwob not in miniwob.task_names():
            raise RequestError(
                f"no MiniWoB task {page.miniwob!r} (see: openlam tasks list --app web)"
            )
        options = miniwob.episode_options(page.miniwob, page.seed)
        return miniwob.web_env_config(), options, WebApp.safety
    parts = urlsplit(page.url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        if not path.is_file():
            raise RequestError(f"no page at {path}")
        env_config = WebEnvConfig(file_roots=[path.parent])
    elif parts.scheme in ("http", "https") and parts.hostname:
        env_config = WebEnvConfig(allow=[parts.hostname])
    else:
        raise RequestError(f"not a web address: {page.url!r} (http, https or file)")
    return env_config, {"url": page.url}, OPEN_WEB_SAFETY


class RequestError(ValueError):
    """The request cannot be run as given: blank, or not matching where it starts."""


def check_request(request: str | None) -> str:
    """The request, refused when it is empty or blank (a model run on nothing is no answer)."""
    if request is None or not request.strip():
        raise RequestError('the request is empty: say what to do, e.g. "Make the title bold"')
    return request.strip()


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
