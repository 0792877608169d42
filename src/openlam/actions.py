"""Action spaces built from typed Python functions.

An application declares its actions as plain functions with type hints and a docstring
with `Examples:`. From those declarations an `ActionSpace` generates the text the model is
shown and a strict parser. Model text is parsed with `ast` into literals only: it is never
executed.
"""

from __future__ import annotations

import ast
import inspect
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from openlam.records import Action, Status

LABEL_ARG = "label"


@dataclass(frozen=True)
class Grounded:
    """Marks an argument that must name something the observation holds, so that constrained
    decoding can allow only those values: `text` (a stretch of document text), `paragraph` (a
    paragraph index) or `table` (a table number, from 1)."""

    kind: str


DOCUMENT_TEXT = Grounded("text")
PARAGRAPH_INDEX = Grounded("paragraph")
TABLE_NUMBER = Grounded("table")


class ActionParseError(ValueError):
    """The text or record is not a valid action of this space; the message says why."""


@dataclass(frozen=True)
class ActionSpec:
    """One action: its name, what it does, its examples and a model of its arguments."""

    name: str
    summary: str
    examples: tuple[str, ...]
    args_model: type[BaseModel]
    needs_control: bool

    def signature(self) -> str:
        fields = self.args_model.model_fields
        parts = []
        for name, field in fields.items():
            annotation = getattr(field.annotation, "__name__", None) or str(field.annotation)
            annotation = annotation.replace("typing.", "")
            default = "" if field.is_required() else f"={field.default!r}"
            parts.append(f"{name}: {annotation}{default}")
        label = [f"{LABEL_ARG}: str"] if self.needs_control else []
        return f"{self.name}({', '.join(label + parts)})"


def spec_from_function(fn: Callable[..., Any]) -> ActionSpec:
    """Build an ActionSpec from a declaration function's signature and docstring."""
    sig = inspect.signature(fn, eval_str=True)
    fields: dict[str, Any] = {}
    needs_control = False
    for name, param in sig.parameters.items():
        if name == LABEL_ARG:
            needs_control = True
            continue
        default = ... if param.default is inspect.Parameter.empty else param.default
        fields[name] = (param.annotation, default)
    model = create_model(
        f"{fn.__name__}_args", __config__=ConfigDict(extra="forbid", strict=False), **fields
    )
    doc = inspect.getdoc(fn) or ""
    summary, _, rest = doc.partition("Examples:")
    examples = tuple(line.strip() for line in rest.splitlines() if line.strip())
    return ActionSpec(
        name=fn.__name__,
        summary=" ".join(summary.split()),
        examples=examples,
        args_model=model,
        needs_control=needs_control,
    )


class ActionSpace:
    """The set of actions an application accepts, with the prompt text and the parser."""

    def __init__(self, functions: list[Callable[..., Any]]):
        specs = [spec_from_function(fn) for fn in functions]
        self.specs: dict[str, ActionSpec] = {s.name: s for s in specs}

    def describe(self) -> str:
        """The action list as the model is shown it: signature, summary, examples."""
        blocks = []
        for spec in self.specs.values():
            lines = [f"- {spec.signature()}: {spec.summary}"]
            lines += [f"    e.g. {example}" for example in spec.examples]
            blocks.append("\n".join(lines))
        return "\n".join(blocks)

    def validate(self, action: Action) -> Action:
        """Check an action against its spec and return it with coerced arguments."""
        if not action.function:
            if action.status in (Status.FINISH, Status.FAIL) and not action.args:
                return action  # a status alone: the task is over
            raise ActionParseError("no function given; only FINISH or FAIL may stand alone")
        spec = self.specs.get(action.function)
        if spec is None:
            known = ", ".join(self.specs)
            raise ActionParseError(f"unknown function {action.function!r}; known: {known}")
        if spec.needs_control and not action.control_label:
            raise ActionParseError(f"{spec.name} needs a control label ({LABEL_ARG}=...)")
        if not spec.needs_control and action.control_label:
            raise ActionParseError(f"{spec.name} takes no control label")
        try:
            args = spec.args_model.model_validate(action.args)
        except ValidationError as exc:
            raise ActionParseError(f"bad arguments for {spec.name}: {_short(exc)}") from exc
        return action.model_copy(update={"args": args.model_dump()})

    def call_text(self, action: Action) -> str:
        """The action as the shortest call that parses back to it: label first, then the
        arguments that differ from their defaults, in declaration order."""
        if not action.function:
            return ""
        spec = self.specs[action.function]
        parts = [f"{LABEL_ARG}={literal(action.control_label)}"] if spec.needs_control else []
        for name, field in spec.args_model.model_fields.items():
            if name in action.args and (field.is_required() or action.args[name] != field.default):
                parts.append(f"{name}={literal(action.args[name])}")
        return f"{action.function}({', '.join(parts)})"

    def parse(self, text: str, status: Status = Status.CONTINUE) -> Action:
        """Parse a call such as `click_input(label="12")` or a JSON action object."""
        text = text.strip()
        if not text:
            raise ActionParseError("empty action")
        if text.startswith("{"):
            return self.validate(_action_from_json(text))
        function, kwargs = _parse_call(text)
        label = kwargs.pop(LABEL_ARG, None)
        if label is not None and not isinstance(label, str | int):
            raise ActionParseError(f"{LABEL_ARG} must be a string, got {type(label).__name__}")
        action = Action(
            function=function,
            args=kwargs,
            control_label=None if label is None else str(label),
            status=status,
        )
        return self.validate(action)


def literal(value: Any) -> str:
    """A Python literal for a value of an action argument; strings in double quotes, escaped
    as JSON does (which `ast.literal_eval` reads back the same)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)
    raise ActionParseError(f"not a literal argument value: {value!r}")


def _action_from_json(text: str) -> Action:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ActionParseError(f"invalid JSON: {exc.msg} at char {exc.pos}") from exc
    if not isinstance(data, dict):
        raise ActionParseError("a JSON action must be an object")
    if "control_label" in data and data["control_label"] is not None:
        data["control_label"] = str(data["control_label"])
    try:
        return Action.model_validate(data)
    except ValidationError as exc:
        raise ActionParseError(f"invalid action object: {_short(exc)}") from exc


def _parse_call(text: str) -> tuple[str, dict[str, Any]]:
    try:
        with warnings.catch_warnings():
            # Model text full of stray backslashes is not worth a warning per step.
            warnings.simplefilter("ignore")
            tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ActionParseError(f"not a function call: {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:
        raise ActionParseError(f"not a function call: {exc}") from exc
    call = tree.body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        raise ActionParseError('expected a single call such as click_input(label="3")')
    if call.args:
        raise ActionParseError('arguments must be given by name, e.g. label="3"')
    kwargs: dict[str, Any] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            raise ActionParseError("**kwargs is not allowed")
        try:
            kwargs[keyword.arg] = ast.literal_eval(keyword.value)
        except (ValueError, SyntaxError, RecursionError) as exc:
            raise ActionParseError(f"argument {keyword.arg} is not a literal value") from exc
    return call.func.id, kwargs


def _short(exc: ValidationError) -> str:
    errors = exc.errors()
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in errors[:3])
