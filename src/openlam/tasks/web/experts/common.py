"""What every MiniWoB solution is built from: finding a control of the observation, the
actions on it, and reading the utterance and the page text."""

from __future__ import annotations

import re
from collections.abc import Callable

from openlam.agent.scripted import Rule
from openlam.records import Action, Control, Observation

Solution = Callable[[str], list[Rule]]


class NoTarget(LookupError):
    """The observation has no control the solution can act on."""


# -- finding controls ----------------------------------------------------------------------


def find(
    obs: Observation,
    *,
    name: str | None = None,
    types: tuple[str, ...] = (),
    near: str | None = None,
    nth: int = 0,
    after: str | None = None,
) -> Control:
    """The `nth` control with this exact name, of one of these types, whose name taken from
    the text before it is `near`, listed after the control named `after`."""
    controls = obs.controls
    if after is not None:
        start = next((i for i, c in enumerate(controls) if c.name.startswith(after)), None)
        if start is None:
            raise NoTarget(f"no control named {after!r}")
        controls = controls[start + 1 :]
    found = [
        c
        for c in controls
        if (name is None or c.name == name)
        and (not types or c.type in types)
        and (near is None or c.name.strip("()").lower() == near.lower())
    ]
    if len(found) <= nth:
        raise NoTarget(f"no control {name or near or types!r} (#{nth + 1}) in the observation")
    return found[nth]


def act(function: str, control: Control, **args) -> Action:
    return Action(
        function=function, args=args, control_label=control.label, control_name=control.name
    )


def click(**where) -> Rule:
    return lambda obs: act("click", find(obs, **where))


def fill(text: str | Callable[[Observation], str], **where) -> Rule:
    def rule(obs: Observation) -> Action:
        value = text(obs) if callable(text) else text
        where.setdefault("types", TEXT_TYPES)
        return act("set_edit_text", find(obs, **where), text=value)

    return rule


TEXT_TYPES = ("textbox", "searchbox", "combobox", "Date", "InputTime")
SUBMIT = click(name="Submit", types=("button",))


def ordinal(text: str) -> int:
    """The 0-based position an ordinal like "3rd" names."""
    return int(re.match(r"\d+", text).group()) - 1


def page_lines(obs: Observation) -> list[str]:
    return [p.text for p in obs.document.paragraphs] if obs.document else []


def quoted(utterance: str) -> list[str]:
    return re.findall(r'"([^"]*)"', utterance)


def listed(text: str) -> list[str]:
    """ "a, b and c" -> [a, b, c]; "nothing" -> []."""
    text = text.strip()
    if text == "nothing":
        return []
    return [w.strip() for w in re.split(r",\s*|\s+and\s+", text) if w.strip()]
