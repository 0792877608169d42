"""`openlam teach`: record a demonstration, replay it with new inputs, list, show, export."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

app = typer.Typer(
    help="Teach mode: show a task once, then replay it with new inputs.", no_args_is_help=True
)
console = Console()
SKILL_SUFFIXES = (".yaml", ".yml", ".json")


@app.command("record")
def record(
    app_name: str = typer.Option(..., "--app", help="web or writer."),
    url: str = typer.Option(None, help="web: the page to start at (loopback, file://)."),
    miniwob: str = typer.Option(None, help="web: a MiniWoB++ task, e.g. login-user."),
    seed: int = typer.Option(0, help="web: the MiniWoB page seed."),
    template: str = typer.Option(None, help="writer: a template name or a document path."),
    request: str = typer.Option(None, help="The task in words (MiniWoB: the page's goal)."),
    name: str = typer.Option(None, help="Skill name (default: the task or template)."),
    skills_dir: Path = typer.Option(Path("skills"), "--dir", help="Where skills are saved."),
    headed: bool = typer.Option(False, help="web: show the browser window."),
    yes: bool = typer.Option(False, "--yes", help="Keep the suggested parameter names."),
) -> None:
    """Record a demonstration step by step at a prompt and save it as a skill."""
    from openlam.teach.console import edit_parameters, record_interactively, steps_table
    from openlam.teach.recorder import Recorder, build_skill, save_demonstration
    from openlam.teach.skill import SkillStart, save_skill
    from openlam.teach.start import open_env, place

    try:
        start = SkillStart(
            app=app_name,
            url=url,
            miniwob=miniwob,
            seed=seed if miniwob else None,
            template=template,
        )
    except ValidationError as exc:
        raise typer.BadParameter(_first_error(exc)) from exc
    if request is None and miniwob is None:
        raise typer.BadParameter("--request is needed: the task in words")
    name = name or _slug(place(start))
    path = skills_dir / f"{name}.yaml"
    with open_env(start, headed=headed) as env:
        demo = record_interactively(Recorder(env, start, request), _ask, console)
    if demo is None or not demo.steps:
        console.print("nothing saved" + (" (no step recorded)" if demo else " (aborted)"))
        raise typer.Exit(1)
    demo_file = f"{name}.demo.jsonl"
    skill = build_skill(demo, name, demonstration_file=demo_file)
    if not yes:
        skill = edit_parameters(skill, _ask, console)
    save_demonstration(demo, skills_dir / demo_file, task_id=f"teach/{name}")
    save_skill(skill, path)
    console.print(steps_table(skill))
    params = " ".join(f"--param {p.name}=..." for p in skill.parameters if p.required)
    console.print(f"saved {path} (demonstration: {skills_dir / demo_file})")
    console.print(f"replay: openlam teach replay {path} {params}".rstrip())


@app.command("replay")
def replay_command(
    skill_file: Path = typer.Argument(..., help="A skill file (.yaml or .json)."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, repeatable."),
    request: str = typer.Option(None, help="Read parameter values from a request."),
    from_goal: bool = typer.Option(False, help="MiniWoB: read them from the page's goal."),
    seed: int = typer.Option(None, help="web: another MiniWoB page seed."),
    url: str = typer.Option(None, help="web: start at another address."),
    template: str = typer.Option(None, help="writer: another template or document."),
    model: str = typer.Option("smollm2", help="Fallback model: smollm2, a checkpoint, ..."),
    model_config: Path = typer.Option(None, help="Fallback model as a ModelConfig YAML/JSON."),
    no_fallback: bool = typer.Option(False, "--no-fallback", help="Stop instead of the agent."),
    threshold: float = typer.Option(0.6, help="Lowest target score that counts as found."),
    max_agent_steps: int = typer.Option(10, help="The fallback agent's step limit."),
    out: Path = typer.Option(None, help="Run folder (default runs/teach/NAME-TIME)."),
    save: Path = typer.Option(None, help="writer: save the document here afterwards."),
    headed: bool = typer.Option(False, help="web: show the browser window."),
) -> None:
    """Replay a skill without a model; the agent takes over where the replay is lost."""
    from openlam.agent.loop import AgentConfig
    from openlam.teach.params import params_from_request
    from openlam.teach.replay import ReplayConfig, replay
    from openlam.teach.skill import resolve_values
    from openlam.teach.start import open_env, reset_options
    from openlam.teach.target import MatchConfig

    skill = _load(skill_file)
    given = _pairs(param)
    if request is not None:
        given = {**_from_request(skill, request, params_from_request), **given}
    overrides = {"seed": seed, "url": url, "template": template}
    start = skill.start.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    config = ReplayConfig(
        match=MatchConfig(threshold=threshold),
        fallback=not no_fallback,
        model=_model_config(model, model_config),
        agent=AgentConfig(max_steps=max_agent_steps),
    )
    out = out or Path("runs/teach") / f"{skill.name}-{time.strftime('%Y%m%d-%H%M%S')}"
    if not from_goal:
        _check_values(skill, given, resolve_values)
    with open_env(start, headed=headed) as env:
        obs, info = env.reset(options=reset_options(start))
        if from_goal:
            given = {**_from_request(skill, info.get("goal") or "", params_from_request), **given}
            _check_values(skill, given, resolve_values)
        console.print(f"[bold]replaying {escape(skill.name)}[/bold] with {escape(str(given))}")
        report = replay(env, obs, skill, given, out, config, say=_say)
        if save is not None and start.app == "writer":
            env.save(save.resolve(), ext=save.suffix.lstrip(".") or "docx")
            console.print(f"saved {save}")
    _summarise(report, out)
    good = report.success if report.success is not None else report.stopped is None
    raise typer.Exit(0 if good else 1)


@app.command("list")
def list_command(
    skills_dir: Path = typer.Option(Path("skills"), "--dir", help="The skills folder."),
) -> None:
    """List the skills in a folder."""
    from openlam.teach.console import plain
    from openlam.teach.skill import SkillFileError, load_skill

    if not skills_dir.is_dir():
        console.print(f"[red]no skills folder {escape(str(skills_dir))}[/red]")
        raise typer.Exit(1)
    files = sorted(p for p in skills_dir.glob("*") if p.suffix in SKILL_SUFFIXES)
    table = Table("file", "name", "app", "steps", "parameters", "request template")
    for path in files:
        try:
            skill = load_skill(path)
        except SkillFileError as exc:
            table.add_row(escape(path.name), "[red]invalid[/red]", "", "", "", escape(str(exc)))
            continue
        params = ", ".join(p.name for p in skill.parameters)
        steps = str(len(skill.steps))
        cells = (path.name, skill.name, skill.start.app, steps, params, skill.request_template)
        table.add_row(*plain(*cells))
    console.print(table)
    console.print(f"{len(files)} skill file(s) in {skills_dir}")


@app.command("show")
def show_command(skill_file: Path = typer.Argument(..., help="A skill file.")) -> None:
    """Show a skill's steps, targets, parameters and notes (and check the file)."""
    from openlam.teach.console import parameters_table, skill_header, steps_table

    skill = _load(skill_file)
    console.print(skill_header(skill))
    console.print(parameters_table(skill))
    console.print(steps_table(skill))


@app.command("export")
def export_command(
    skill_files: list[Path] = typer.Argument(..., help="Skill files whose demonstrations go."),
    out: Path = typer.Option(..., help="A collection folder for `openlam data samples`."),
    split: str = typer.Option("auto", help="auto (the app's rule), train or test."),
) -> None:
    """Write demonstrations as a collection folder (results.jsonl + trajectories/)."""
    from openlam.teach.export import export_demonstrations
    from openlam.teach.skill import SkillFileError

    if split not in ("auto", "train", "test"):
        raise typer.BadParameter("--split is auto, train or test")
    try:
        results = export_demonstrations(skill_files, out, split)
    except (SkillFileError, OSError, ValueError) as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    for r in results:
        console.print(f"{r.id}: {r.steps} steps, {r.split}, success {r.success}")
    console.print(f"written to {out}/; samples: openlam data samples --collection {out}")


# -- helpers ---------------------------------------------------------------------------------


def _ask(prompt: str) -> str:
    return console.input(prompt)


def _say(line: str) -> None:
    console.print(line, markup=False, highlight=False)


def _load(path: Path):
    from openlam.teach.skill import SkillFileError, load_skill

    try:
        return load_skill(path)
    except SkillFileError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{item!r}: write a parameter as NAME=VALUE")
        pairs[name.strip()] = value
    return pairs


def _check_values(skill, given: dict[str, str], resolve) -> None:
    try:
        resolve(skill, given)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _from_request(skill, request: str, parse) -> dict[str, str]:
    values = parse(skill.request_template, request)
    if values is None:
        raise typer.BadParameter(
            f"the request {request!r} does not have the skill's form {skill.request_template!r}"
        )
    return values


def _model_config(spec: str, path: Path | None):
    from openlam.eval.models import model_config_for
    from openlam.models.config import ModelConfig

    if path is None:
        return model_config_for(spec)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    try:
        return ModelConfig.model_validate(data)
    except ValidationError as exc:
        raise typer.BadParameter(f"{path}: {_first_error(exc)}") from exc


def _summarise(report, out: Path) -> None:
    from openlam.teach.console import plain

    table = Table("#", "step", "found", "score", "label", "result", "s")
    for s in report.steps:
        score = "" if s.score is None else f"{s.score:.2f}"
        label = f"{s.label_then} -> {s.label_now}" if s.label_then else ""
        result = "-" if s.ok is None else "ok" if s.ok else f"error: {s.error}"
        seconds = f"{s.find_s + s.execute_s:.2f}"
        table.add_row(*plain(str(s.step), s.description, s.found_by, score, label, result, seconds))
    console.print(table)
    if report.fallback is not None:
        f = report.fallback
        console.print(
            f"[yellow]the agent ({escape(f.model)}) took over at step {f.step}: "
            f"{escape(f.reason)}; "
            f"it ended with {f.outcome} after {f.steps} steps[/yellow]"
        )
    if report.stopped is not None:
        console.print(f"[red]error: {escape(report.stopped)} (fallback off)[/red]")
    verdict = "" if report.success is None else f", success {report.success}"
    console.print(f"outcome {report.outcome}{verdict}; {report.seconds:.1f} s; report in {out}/")


def _slug(text: str) -> str:
    from openlam.teach.params import identifier

    return identifier(Path(text).stem.replace(".", " ")).replace("_", "-") or "skill"


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return error["msg"].removeprefix("Value error, ")
