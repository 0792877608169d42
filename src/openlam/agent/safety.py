"""The confirmation gate: which actions need the user's approval, and who gives it.

Sensitive: overwriting an existing file, closing a document or the application (which may
lose unsaved work), anything on the deny lists, and any action the model itself marks CONFIRM.
Interactively the user is asked; in batch runs the default answer is no.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from openlam.records import Action, Observation, Status

Confirmer = Callable[[Action, str], bool]
CLOSE_KEYS = re.compile(r"\{(alt\+f4|ctrl\+q|ctrl\+w|ctrl\+f4)\}", re.IGNORECASE)


class SafetyConfig(BaseModel):
    """What counts as sensitive beyond the built-in rules."""

    deny_functions: list[str] = Field(default_factory=list)
    deny_control_names: list[str] = Field(
        default_factory=list, description="each application brings its own (`TaskApp.safety`)"
    )


def sensitive_reason(action: Action, obs: Observation, config: SafetyConfig) -> str | None:
    """Why this action needs approval, or None when it may run unasked."""
    if action.status == Status.CONFIRM:
        return "the model asked for confirmation"
    if action.function in config.deny_functions:
        return f"{action.function} is on the deny list"
    if action.function == "save_as" and Path(action.args.get("path", "")).expanduser().exists():
        return f"it overwrites the existing file {action.args['path']}"
    if action.function == "keyboard_input" and CLOSE_KEYS.search(action.args.get("keys", "")):
        return "it closes the document or the application, and unsaved work may be lost"
    control = obs.control(action.control_label) if action.control_label else None
    if control is not None and control.name in config.deny_control_names:
        return f"it clicks {control.name!r}, which is on the deny list"
    return None


def refuse_all(action: Action, reason: str) -> bool:
    """The batch default: never approve."""
    return False


def approve_all(action: Action, reason: str) -> bool:
    """For runs where the user approved everything up front (--yes)."""
    return True


def ask_user(action: Action, reason: str) -> bool:
    """Ask on the terminal."""
    answer = input(
        f"The next action needs your approval because {reason}.\n"
        f"  {action.function} {action.args} on {action.control_name or '-'}\n"
        "Run it? [y/N] "
    )
    return answer.strip().lower() in ("y", "yes")
