"""The one prompt format, shared by training and inference.

Input (the paper's step input): the request, the document canvas, the available controls
(after the relevance filter), the previous actions with their results, and the previous plan.
Output: one JSON object. The full variant carries `thought, control_label, control_name,
function, args, status, plan`; the compact one drops thought and plan for speed; the ReAct one
is the full variant whose history also shows the previous thoughts.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field

from openlam.actions import ActionSpace
from openlam.agent.control_filter import filter_controls
from openlam.models.base import Message
from openlam.records import Action, ActionResult, Control, DocumentState

Variant = Literal["full", "compact", "react"]
FIELDS = {
    "full": ("thought", "control_label", "control_name", "function", "args", "status", "plan"),
    "react": ("thought", "control_label", "control_name", "function", "args", "status", "plan"),
    "compact": ("control_label", "function", "args", "status"),
}


class PromptConfig(BaseModel):
    """How much of the observation goes into the prompt."""

    variant: Variant = "full"
    max_controls: int | None = Field(40, description="relevance filter size; None keeps all")
    max_paragraphs: int = 30
    paragraph_chars: int = 100
    max_history: int = 8


class HistoryItem(BaseModel):
    """A previous step as the model sees it again."""

    action: Action | None
    output: str  # the model text when it could not be parsed, else the call
    result: ActionResult


def system_prompt(app: str, actions: ActionSpace, variant: Variant) -> str:
    """The fixed part: the role, the actions and the reply format."""
    keys = ", ".join(f'"{k}"' for k in FIELDS[variant])
    return (
        f"You operate {app} for a user. Each turn you see the request, the document, the "
        "controls you can act on (label | name | type | state) and your previous actions. "
        "Choose the next action.\n\nActions:\n"
        f"{actions.describe()}\n\n"
        f"Reply with one JSON object with the keys {keys}. status is CONTINUE while work "
        "remains, FINISH when the request is done (function may then be empty), FAIL if it "
        "cannot be done, CONFIRM before an action the user should approve."
    )


def build_messages(
    request: str,
    controls: list[Control],
    document: DocumentState | None,
    history: list[HistoryItem],
    plan: list[str],
    actions: ActionSpace,
    config: PromptConfig,
    app: str = "LibreOffice Writer",
) -> list[Message]:
    """System and user messages for one step, with the control list already filtered."""
    shown = filter_controls(controls, request, plan, config.max_controls)
    parts = [f"Request: {request}"]
    if document is not None:
        parts.append("Document:\n" + render_document(document, config))
    parts.append("Controls:\n" + render_controls(shown))
    if history:
        parts.append(
            "Previous actions:\n" + render_history(history[-config.max_history :], config.variant)
        )
    if plan and config.variant != "compact":
        parts.append("Previous plan:\n" + "\n".join(f"- {s}" for s in plan))
    return [
        Message(role="system", content=system_prompt(app, actions, config.variant)),
        Message(role="user", content="\n\n".join(parts)),
    ]


def render_controls(controls: list[Control]) -> str:
    """One line per control: label | name | type | state or value."""
    lines = []
    for c in controls:
        extra = " ".join([*c.state, *([f"value={c.value[:40]!r}"] if c.value is not None else [])])
        lines.append(f"{c.label} | {c.name[:60]} | {c.type}" + (f" | {extra}" if extra else ""))
    return "\n".join(lines) or "(none)"


def render_document(doc: DocumentState, config: PromptConfig) -> str:
    """Paragraphs with their index and style, tables by size, and the selection."""
    lines = [f"title: {doc.title}"]
    for p in doc.paragraphs[: config.max_paragraphs]:
        text = (
            p.text
            if len(p.text) <= config.paragraph_chars
            else p.text[: config.paragraph_chars] + "..."
        )
        lines.append(f"[{p.index}] {p.style}: {text}")
    if len(doc.paragraphs) > config.max_paragraphs:
        lines.append(f"... {len(doc.paragraphs) - config.max_paragraphs} more paragraphs")
    lines += [f"table {t.index + 1}: {t.rows}x{t.columns}" for t in doc.tables]
    if doc.selection is not None and doc.selection.text:
        lines.append(f"selection: {doc.selection.text[:80]!r}")
    return "\n".join(lines)


def render_history(history: list[HistoryItem], variant: Variant) -> str:
    """Previous steps with their results; ReAct also repeats the thoughts."""
    lines = []
    for i, item in enumerate(history, start=1):
        if variant == "react" and item.action is not None and item.action.thought:
            lines.append(f"{i}. thought: {item.action.thought}")
        outcome = "ok" if item.result.ok else f"error: {item.result.error}"
        detail = item.result.output or item.result.message
        lines.append(
            f"{i}. {item.output[:200]} -> {outcome}"
            + (f" ({detail[:120]})" if detail and item.result.ok else "")
        )
    return "\n".join(lines)


def format_call(action: Action) -> str:
    """An action as a call, e.g. click_input(label="12"), for the history and for logs."""
    args = dict(action.args)
    if action.control_label is not None:
        args = {"label": action.control_label, **args}
    inner = ", ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in args.items())
    call = f"{action.function}({inner})" if action.function else ""
    return f"{call} [{action.status.value}]".strip()


def format_output(action: Action, variant: Variant) -> str:
    """The text a model should produce for this action: the training target."""
    full = {
        "thought": action.thought or "",
        "control_label": action.control_label,
        "control_name": action.control_name,
        "function": action.function,
        "args": action.args,
        "status": action.status.value,
        "plan": action.plan,
    }
    return json.dumps({k: full[k] for k in FIELDS[variant]}, ensure_ascii=False)
