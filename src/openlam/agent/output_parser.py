"""From model text to an Action, strictly. Anything malformed is a `ModelOutputError` whose
message the agent shows the model at its next step; it never escapes as another exception."""

from __future__ import annotations

import contextlib
import json
import re
from typing import Any

from openlam.actions import ActionParseError, ActionSpace
from openlam.records import Action, Control, Status

MAX_OUTPUT_CHARS = 20_000
STATUS_SUFFIX = re.compile(r"\[(CONTINUE|FINISH|FAIL|CONFIRM)\]\s*$", re.IGNORECASE)
KNOWN_KEYS = {"thought", "control_label", "control_name", "function", "args", "status", "plan"}


class ModelOutputError(ValueError):
    """The model's text is not a valid action; the message says what to fix."""


def parse_model_output(
    text: str, actions: ActionSpace, controls: list[Control], variant: str = "full"
) -> Action:
    """The action in `text` (a call in the `call` variant, else a JSON object), validated
    against the action space and the shown controls."""
    if not isinstance(text, str) or not text.strip():
        raise ModelOutputError("empty output; reply with one action")
    if len(text) > MAX_OUTPUT_CHARS:
        raise ModelOutputError(f"output of {len(text)} characters; keep it short")
    action = _call_action(text, actions) if variant == "call" else _json_action(text, actions)
    if action.control_label is not None and not any(
        c.label == action.control_label for c in controls
    ):
        raise ModelOutputError(f"no control with label {action.control_label!r} in the list")
    return action


def _call_action(text: str, actions: ActionSpace) -> Action:
    """`call`, `call [STATUS]` or `[STATUS]` alone."""
    call, status = text.strip(), Status.CONTINUE
    match = STATUS_SUFFIX.search(call)
    if match:
        call, status = call[: match.start()].strip(), Status(match.group(1).upper())
    if not call:
        if status in (Status.FINISH, Status.FAIL):
            return Action(function="", status=status)
        raise ModelOutputError(f"[{status.value}] needs a call before it")
    try:
        return actions.parse(call, status)
    except ActionParseError as exc:
        raise ModelOutputError(str(exc)) from exc


def _json_action(text: str, actions: ActionSpace) -> Action:
    data = _json_object(text)
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise ModelOutputError(f"unknown keys {sorted(unknown)}; use {sorted(KNOWN_KEYS)}")
    action = Action(
        function=_string(data, "function", ""),
        args=_args(data),
        control_label=_label(data),
        control_name=_optional_string(data, "control_name"),
        status=_status(data),
        thought=_optional_string(data, "thought"),
        plan=_plan(data),
    )
    try:
        return actions.validate(action)
    except ActionParseError as exc:
        raise ModelOutputError(str(exc)) from exc


def action_fields(
    text: str, variant: str = "full", actions: ActionSpace | None = None
) -> dict[str, Any]:
    """The action a text names: its control_label, function, args and status, in any variant,
    so that variants are scored alike. A call must be valid in `actions`; JSON is checked for
    form only. With `actions`, arguments that validate get their defaults filled in (a call or
    object that spells a default out means the same as one that leaves it out). Raises
    ModelOutputError."""
    if variant == "call":
        if actions is None:
            raise ValueError("reading a call needs its action space")
        action = _call_action(text, actions)
    else:
        data = _json_object(text)
        action = Action(
            function=_string(data, "function", ""),
            args=_args(data),
            control_label=_label(data),
            status=_status(data),
        )
        if actions is not None:
            # Left as written where it does not validate: a wrong function is a wrong answer.
            with contextlib.suppress(ActionParseError):
                action = actions.validate(action)
    return {
        "control_label": action.control_label,
        "function": action.function,
        "args": action.args,
        "status": action.status,
    }


def _json_object(text: str) -> dict[str, Any]:
    start = text.find("{")
    if start < 0:
        raise ModelOutputError("no JSON object in the output")
    try:
        data, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise ModelOutputError(f"invalid JSON: {exc.msg} at char {exc.pos}") from exc
    except RecursionError as exc:
        raise ModelOutputError("JSON nested too deeply") from exc
    if not isinstance(data, dict):
        raise ModelOutputError("the output must be a JSON object")
    return data


def _string(data: dict, key: str, default: str) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ModelOutputError(f"{key} must be a string, got {type(value).__name__}")
    return value.strip()


def _optional_string(data: dict, key: str) -> str | None:
    return _string(data, key, "") or None


def _label(data: dict) -> str | None:
    value = data.get("control_label")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ModelOutputError(f"control_label must be a string, got {type(value).__name__}")
    return str(value).strip()


def _args(data: dict) -> dict[str, Any]:
    value = data.get("args", {})
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ModelOutputError(f"args must be an object, got {type(value).__name__}")
    return value


def _status(data: dict) -> Status:
    value = data.get("status", "CONTINUE")
    if not isinstance(value, str) or value.strip().upper() not in Status.__members__:
        raise ModelOutputError(f"status must be one of {list(Status.__members__)}, got {value!r}")
    return Status(value.strip().upper())


def _plan(data: dict) -> list[str]:
    value = data.get("plan", [])
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ModelOutputError("plan must be a list of strings")
    return value
