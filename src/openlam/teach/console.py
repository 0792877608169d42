"""The interactive side of teach mode: the recording prompt and the tables people read.

The prompt shows the numbered controls the way the model sees them and takes one action at a
time in the model's call syntax (`click(label="3")`), plus a few commands (`help` lists them).
Input comes from an `ask` function, so tests drive the prompt with a list of lines; the end of
input counts as `done`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openlam.actions import ActionParseError
from openlam.agent.prompt import format_call
from openlam.records import Control, Observation
from openlam.teach.params import identifier
from openlam.teach.recorder import Demonstration, Recorder
from openlam.teach.skill import Skill, describe_step, rename_parameter, template_fields

Ask = Callable[[str], str]  # raises EOFError when input ends

HELP = """Type an action in the call syntax the model uses, for example
  click(label="3")   set_edit_text(label="2", text="Ada")   select_text(text="Portsmouth")
or a command:
  controls [WORDS]  show the controls again (only those whose name, role or context has WORDS)
  page              show the page text or the document
  note TEXT         write a note on the last step (kept in the skill)
  undo              drop the last step (the application is reset and the others done again)
  actions           list the actions of this application
  done              end the demonstration and save it
  abort             quit without saving"""


def record_interactively(recorder: Recorder, ask: Ask, console: Console) -> Demonstration | None:
    """Run the recording prompt until `done` or the end of input; None if the user aborts.
    When the application ends the task (a web form sent), the prompt stays for notes, undo
    and done, and refuses further actions."""
    obs = recorder.begin()
    console.print(f"[bold]request:[/bold] {escape(recorder.request)}")
    console.print(controls_table(obs))
    console.print("[dim]type help for the commands[/dim]")
    told = False
    while True:
        if recorder.over and not told:
            ended = f"{recorder.outcome}, reward {recorder.reward:g}"
            console.print(f"the application ended the task ({ended}): note, undo or done")
        told = recorder.over
        try:
            line = ask(f"step {len(recorder.steps) + 1}> ").strip()
        except EOFError:
            break
        command, _, rest = line.partition(" ")
        if command in ("done", "finish"):
            break
        if command in ("abort", "quit"):
            return None
        if line:
            obs = _command(recorder, command, rest.strip(), line, obs, console)
    return recorder.finish()


def _command(
    recorder: Recorder, command: str, rest: str, line: str, obs: Observation, console: Console
) -> Observation:
    """One line of the prompt; returns the observation now shown."""
    if command in ("help", "?"):
        console.print(HELP, markup=False)
    elif command == "controls":
        console.print(controls_table(obs, rest))
    elif command in ("page", "document"):
        console.print(page_text(obs), markup=False)
    elif command == "actions":
        console.print(recorder.env.actions.describe(), markup=False)
    elif command == "note":
        _try(lambda: recorder.annotate(rest), console, f"note kept on step {len(recorder.steps)}")
    elif command == "undo":
        if not recorder.steps:
            console.print("[red]no step to undo[/red]")
            return obs
        console.print("undoing: the application is reset and the kept steps done again")
        obs = recorder.undo()
        console.print(controls_table(obs))
    else:
        obs = _act(recorder, line, obs, console)
    return obs


def _act(recorder: Recorder, line: str, obs: Observation, console: Console) -> Observation:
    try:
        step = recorder.act(line)
    except ActionParseError as exc:
        console.print(f"[red]not an action: {escape(str(exc))}[/red] (type help)")
        return obs
    call = format_call(step.action)
    if not step.result.ok:
        console.print(
            f"[red]{escape(call)} -> error: {escape(step.result.error or '')}[/red] (not recorded)"
        )
    else:
        console.print(f"[green]recorded step {len(recorder.steps)}[/green]: {escape(call)} -> ok")
    now = recorder.obs
    if _signature(now) != _signature(obs):
        console.print(controls_table(now))
        return now
    changed = [
        c for c, old in zip(now.controls, obs.controls, strict=True) if _state(c) != _state(old)
    ]
    for c in changed:
        console.print(f"  {c.label} {c.name}: {_state(c) or 'cleared'}", markup=False)
    console.print("[dim]the other controls are unchanged (type controls to see them)[/dim]")
    return now


def _try(action: Callable[[], None], console: Console, done: str) -> None:
    try:
        action()
    except ValueError as exc:
        console.print(f"[red]{escape(str(exc))}[/red]")
        return
    console.print(done)


def edit_parameters(skill: Skill, ask: Ask, console: Console) -> Skill:
    """Let the user rename each suggested parameter and edit the request template (Enter
    keeps a suggestion; the end of input keeps all that remain)."""
    console.print(parameters_table(skill))
    try:
        for param in list(skill.parameters):
            skill = _rename(skill, param.name, ask, console)
        skill = _edit_template(skill, ask, console)
    except EOFError:
        pass
    return skill


def _rename(skill: Skill, name: str, ask: Ask, console: Console) -> Skill:
    param = skill.parameter(name)
    while True:
        answer = ask(f"name for {param.example!r} [{name}]: ").strip()
        if not answer or answer == name:
            return skill
        new = identifier(answer)
        if new != answer:
            console.print(f"[red]a name is lower-case words joined by _, e.g. {new}[/red]")
        elif skill.parameter(new) is not None:
            console.print(f"[red]{new} is taken[/red]")
        else:
            return rename_parameter(skill, name, new)


def _edit_template(skill: Skill, ask: Ask, console: Console) -> Skill:
    while True:
        answer = ask(f"request template [{skill.request_template}]: ").strip()
        if not answer:
            return skill
        try:
            unknown = set(template_fields(answer)) - {p.name for p in skill.parameters}
        except ValueError as exc:
            console.print(f"[red]{escape(str(exc))}[/red]")
            continue
        if unknown:
            console.print(f"[red]unknown parameters {sorted(unknown)}[/red]")
            continue
        return skill.model_copy(update={"request_template": answer})


# -- tables ----------------------------------------------------------------------------------


def controls_table(obs: Observation, words: str = "") -> Table:
    """The numbered controls (only those matching `words`, if given)."""
    table = Table("label", "name", "role", "context", "state / value", title=obs.window)
    needle = words.casefold()
    for c in obs.controls:
        if needle and needle not in f"{c.name} {c.type} {c.context or ''}".casefold():
            continue
        table.add_row(*plain(c.label, c.name, c.type, c.context or "", _state(c)))
    return table


def page_text(obs: Observation, limit: int = 60) -> str:
    """The page text or the document's paragraphs, one line each."""
    if obs.document is None:
        return "(no document)"
    lines = [f"[{p.index}] {p.text}" for p in obs.document.paragraphs[:limit]]
    more = len(obs.document.paragraphs) - limit
    return "\n".join(lines + ([f"... {more} more"] if more > 0 else []))


def parameters_table(skill: Skill) -> Table:
    table = Table("parameter", "example", "required", "where", title="parameters")
    for p in skill.parameters:
        required = "yes" if p.required else "no"
        table.add_row(*plain(p.name, repr(p.example), required, p.description))
    return table


def steps_table(skill: Skill) -> Table:
    """The steps with their targets, parameters and notes."""
    table = Table("#", "step", "target (role, name, context, position)", "params", "note")
    for number, step in enumerate(skill.steps, start=1):
        target = step.target
        where = ""
        if target is not None:
            where = f'{target.role} "{target.name}"'
            where += f" in {target.context}" if target.context else ""
            where += f", {target.position + 1} of {target.siblings}"
        params = ", ".join(f"{arg}={p}" for arg, p in step.params.items())
        what = describe_step(step.model_copy(update={"note": None}))
        table.add_row(*plain(str(number), what, where, params, step.note or ""))
    return table


def skill_header(skill: Skill) -> str:
    start = skill.start
    where = start.miniwob and f"MiniWoB {start.miniwob} (seed {start.seed})"
    where = where or start.url or f"template {start.template or 'letter'}"
    return (
        f"[bold]{escape(skill.name)}[/bold] ({start.app}: {escape(where)})\n"
        f"request:  {escape(skill.request)}\n"
        f"template: {escape(skill.request_template)}"
    )


def plain(*cells: str) -> list[str]:
    """Cells shown as written: a control named "[row]" is no rich markup."""
    return [escape(cell) for cell in cells]


def _signature(obs: Observation) -> list[tuple[str, str, str]]:
    return [(c.label, c.name, c.type) for c in obs.controls]


def _state(control: Control) -> str:
    return ", ".join(control.state) + (f" = {control.value!r}" if control.value is not None else "")
