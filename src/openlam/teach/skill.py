"""The saved skill: a readable YAML file (JSON also read) of steps a user can edit.

A step names the control it acts on by what it means (a `Target`), never by its label, and
binds some of its arguments to named parameters (`params: {text: username}`: the argument
`text` takes the value of the parameter `username`). Bindings are kept apart from the
arguments on purpose: Writer's key syntax (`{Return}`) already uses braces, so a placeholder
inside an argument could not be told from typed text. The request template, plain prose,
does use `{name}` placeholders (Python's format syntax: `{{` and `}}` are literal braces).
"""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from openlam.actions import ActionParseError, ActionSpace
from openlam.records import SCHEMA_VERSION, Action, Record

NAME_PATTERN = r"^[a-z_][a-z0-9_]*$"
Value = str | int | float | bool
YAML_HEADER = (
    "# An openlam skill (openlam teach). Edit freely: rename a parameter (and its uses in\n"
    "# request_template and steps[].params), write a note on a step, delete a step.\n"
    "# `openlam teach show FILE` checks the file and shows it as a table.\n"
)


class SkillFileError(ValueError):
    """A skill file that cannot be read or does not make sense; the message says where."""


class _Part(BaseModel):
    """A nested part of a skill: strict about unknown fields (the skill carries the version)."""

    model_config = ConfigDict(extra="forbid")


class Target(_Part):
    """A control described by what it is, so that replay can find it again when its label
    and the layout around it change."""

    role: str = Field(description="the control's type (Control.type)")
    name: str
    value: str | None = Field(None, description="its text or value before the action")
    context: str | None = Field(None, description="the named container it belongs to")
    position: int = Field(0, ge=0, description="index among controls of its role and context")
    siblings: int = Field(1, ge=1, description="how many controls share its role and context")
    before: list[str] = Field(default_factory=list, description="names of the controls before")
    after: list[str] = Field(default_factory=list, description="names of the controls after")
    label: str | None = Field(None, description="its label in the demonstration (shown only)")


class Recorded(_Part):
    """What a step did in the demonstration: replay compares its own result with this."""

    ok: bool = True
    message: str = ""
    error: str | None = None
    terminated: bool = False
    reward: float = 0.0


class SkillStep(_Part):
    """One action of the skill."""

    function: str
    target: Target | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    params: dict[str, str] = Field(
        default_factory=dict, description="argument -> parameter whose value it takes"
    )
    note: str | None = Field(None, description="the user's words for this step")
    recorded: Recorded | None = None


class Parameter(_Part):
    """A value the user typed or chose in the demonstration, given anew at each replay."""

    name: str = Field(pattern=NAME_PATTERN)
    example: Value = Field(description="the value in the demonstration")
    required: bool = Field(True, description="if not, `example` is used when none is given")
    description: str = ""


class SkillStart(_Part):
    """Where a skill starts: a web page, a MiniWoB task and seed, or a Writer template."""

    app: Literal["web", "writer"]
    url: str | None = None
    miniwob: str | None = None
    seed: int | None = None
    template: str | None = Field(None, description="a template name or a document path")

    @model_validator(mode="after")
    def _fits_app(self) -> SkillStart:
        if self.app == "web" and (self.url is None) == (self.miniwob is None):
            raise ValueError("a web skill starts at either a url or a miniwob task")
        if self.app == "writer" and (self.url or self.miniwob):
            raise ValueError("a writer skill starts at a template, not a url or miniwob task")
        return self


class Skill(Record):
    """A demonstrated task, parameterised: what `openlam teach replay` plays."""

    name: str = Field(min_length=1)
    start: SkillStart
    request: str = Field(description="the request of the demonstration")
    request_template: str = Field(description="the request with {parameter} placeholders")
    parameters: list[Parameter] = Field(default_factory=list)
    steps: list[SkillStep] = Field(default_factory=list)
    demonstration: str | None = Field(
        None, description="the demonstration's trajectory file, relative to the skill file"
    )

    @model_validator(mode="after")
    def _references_are_known(self) -> Skill:
        names = [p.name for p in self.parameters]
        doubled = sorted({n for n in names if names.count(n) > 1})
        if doubled:
            raise ValueError(f"parameters defined twice: {doubled}")
        for number, step in enumerate(self.steps, start=1):
            for arg, param in step.params.items():
                if param not in names:
                    raise ValueError(f"step {number} uses unknown parameter {param!r}")
                if arg not in step.args:
                    raise ValueError(f"step {number} binds {param!r} to missing argument {arg!r}")
        unknown = sorted(set(template_fields(self.request_template)) - set(names))
        if unknown:
            raise ValueError(f"request_template uses unknown parameters {unknown}")
        return self

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def rename_parameter(skill: Skill, old: str, new: str) -> Skill:
    """The skill with a parameter renamed everywhere it is used (checked again)."""
    if skill.parameter(old) is None:
        raise ValueError(f"no parameter {old!r}")
    data = skill.model_dump()
    for param in data["parameters"]:
        if param["name"] == old:
            param["name"] = new
    for step in data["steps"]:
        step["params"] = {arg: new if p == old else p for arg, p in step["params"].items()}
    pieces = string.Formatter().parse(skill.request_template)
    data["request_template"] = "".join(
        literal.replace("{", "{{").replace("}", "}}")
        + ("" if name is None else f"{{{new if name == old else name}}}")
        for literal, name, _, _ in pieces
    )
    return Skill.model_validate(data)


# -- filling in parameters -------------------------------------------------------------------


def resolve_values(skill: Skill, given: dict[str, Value]) -> dict[str, Value]:
    """The value of every parameter: the given ones, examples for optional ones left out.
    Unknown or missing parameters are an error that names them."""
    known = {p.name for p in skill.parameters}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ValueError(f"unknown parameters {unknown}; {skill.name} has {sorted(known)}")
    missing = [p.name for p in skill.parameters if p.required and p.name not in given]
    if missing:
        raise ValueError(f"missing parameters {missing} (give them as --param NAME=VALUE)")
    return {p.name: given.get(p.name, p.example) for p in skill.parameters}


def template_fields(template: str) -> list[str]:
    """The parameter names a request template uses, in order; ValueError if it is not a
    plain `{name}` template."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as exc:
        hint = "write literal braces as {{ and }}"
        raise ValueError(f"request_template: {exc} ({hint})") from exc
    names = []
    for _, name, spec, conversion in pieces:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"request_template: write a placeholder as {{name}}, not {{{name}}}")
        names.append(name)
    return names


def fill_request(template: str, values: dict[str, Value]) -> str:
    """The request template with its placeholders replaced by the values."""
    return template.format_map({k: value_text(v) for k, v in values.items()})


def value_text(value: Value) -> str:
    """A value as it would read in a request (16.0 -> "16")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def step_action(step: SkillStep, values: dict[str, Value], label: str | None = None) -> Action:
    """The action a step stands for with these parameter values, on the control `label`."""
    args = {**step.args, **{arg: values[param] for arg, param in step.params.items()}}
    name = step.target.name if step.target else None
    return Action(function=step.function, args=args, control_label=label, control_name=name)


def describe_step(step: SkillStep, values: dict[str, Value] | None = None) -> str:
    """The step in words, for people and for the agent that takes over a replay."""
    action = step_action(step, values or {p: f"{{{p}}}" for p in step.params.values()})
    args = action.args
    where = f'the {step.target.role} "{step.target.name}"' if step.target else "the document"
    phrases = {
        "click": f"click {where}",
        "click_input": f"click {where}",
        "set_edit_text": f'set {where} to "{args.get("text")}"',
        "select_option": f'choose "{args.get("value")}" in {where}',
        "press": f"press {args.get('keys')} in {where}",
        "keyboard_input": f'type "{args.get("keys")}" in {where}',
        "select_text": f'select the text "{args.get("text")}"',
    }
    text = phrases.get(step.function)
    if text is None:
        shown = ", ".join(f"{k}={v!r}" for k, v in args.items())
        text = f"{step.function}({shown})" + (f" on {where}" if step.target else "")
    return f"{text} ({step.note})" if step.note else text


# -- files -----------------------------------------------------------------------------------


def save_skill(skill: Skill, path: Path) -> Path:
    """Write the skill as YAML (or JSON for a .json path)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = skill.model_dump(mode="json")
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)
        path.write_text(YAML_HEADER + text, encoding="utf-8")
    return path


def load_skill(path: Path, actions: ActionSpace | None = None) -> Skill:
    """Read and check a skill file: its form, its parameter references and, against the
    app's action space (`actions`, default: the skill's app), every step's action."""
    data = _read_data(path)
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise SkillFileError(
            f"{path}: schema_version {version!r} is not supported (this openlam reads "
            f"{SCHEMA_VERSION})"
        )
    try:
        skill = Skill.model_validate(data)
    except ValidationError as exc:
        raise SkillFileError(f"{path}: {_errors(exc)}") from exc
    check_actions(skill, actions or action_space(skill.start.app), path)
    return skill


def check_actions(skill: Skill, actions: ActionSpace, path: Path | str = "skill") -> None:
    """Every step must be a valid action of the app, with a target where it needs one."""
    for number, step in enumerate(skill.steps, start=1):
        label = "target" if step.target else None
        try:
            examples = {p.name: p.example for p in skill.parameters}
            actions.validate(step_action(step, examples, label))
        except ActionParseError as exc:
            raise SkillFileError(f"{path}: step {number}: {exc}") from exc


def action_space(app: str) -> ActionSpace:
    """The action space of an app ("web" or "writer")."""
    if app == "web":
        from openlam.envs.web.actions import web_action_space

        return web_action_space()
    from openlam.envs.writer.actions import writer_action_space

    return writer_action_space()


def _read_data(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SkillFileError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise SkillFileError(f"{path}: not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    except yaml.YAMLError as exc:
        raise SkillFileError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise SkillFileError(f"{path}: a skill file holds a mapping (name, start, steps, ...)")
    return data


def _errors(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)
