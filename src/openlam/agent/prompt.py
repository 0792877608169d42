"""The one prompt format, shared by training and inference.

A step's prompt is built by `step_messages` from records only: the request, the observation,
what the step's `Shown` record says the policy was shown (the controls the filter kept, the
plan in force) and the steps before it. The agent loop and the training samples call it with
the same records, so a sample's prompt is the prompt the model received, byte for byte.

Variants:
- `call` (the default, made for a small model on a CPU): a short system message (cached
  between steps), the relevant paragraphs, one short line per control, the previous calls;
  the answer is one call such as `click_input(label="56")`, followed by ` [FINISH]` when it
  ends the task, or `[FINISH]` / `[FAIL]` alone. A grammar can force it (`agent/grammar.py`).
- `full`: the paper's format, one JSON object with thought, control, function, args, status
  and plan; `compact` drops thought and plan; `react` is full with the previous thoughts.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field

from openlam.actions import ActionSpace
from openlam.agent.control_filter import words
from openlam.models.base import Message
from openlam.records import Action, ActionResult, Control, DocumentState, Observation, Shown, Step

Variant = Literal["call", "full", "compact", "react"]
JSON_FIELDS = {
    "full": ("thought", "control_label", "control_name", "function", "args", "status", "plan"),
    "react": ("thought", "control_label", "control_name", "function", "args", "status", "plan"),
    "compact": ("control_label", "function", "args", "status"),
}


class PromptConfig(BaseModel):
    """How much of the observation goes into the prompt, and in which format."""

    variant: Variant = "call"
    max_controls: int | None = Field(24, description="relevance filter size; None keeps all")
    max_paragraphs: int = Field(8, description="the paragraphs most related to the request")
    paragraph_chars: int = 60
    max_history: int = 6
    screen: bool = Field(
        False,
        description="the user turn also carries the window with the shown controls' labels "
        "drawn on it (set-of-marks), for a model that takes images",
    )


class HistoryItem(BaseModel):
    """A previous step as the model sees it again."""

    action: Action | None
    output: str  # the model text when it could not be parsed, else the call
    result: ActionResult


def history_items(steps: list[Step]) -> list[HistoryItem]:
    """Previous steps as the prompt shows them: the call, or the unparsable text."""
    return [
        HistoryItem(
            action=s.action,
            output=format_call(s.action) if s.action else (s.model_output or "")[:200],
            result=s.result,
        )
        for s in steps
    ]


def step_messages(
    request: str,
    before: list[Step],
    observation: Observation,
    shown: Shown,
    actions: ActionSpace,
    config: PromptConfig,
    app: str,
) -> list[Message]:
    """System and user messages for one step, from records only (see the module doc)."""
    controls = shown.of(observation)
    history = history_items(before)[-config.max_history :]
    if config.variant == "call":
        document = observation.document
        return _call_messages(request, document, controls, history, actions, config, app)
    parts = [f"Request: {request}"]
    if observation.document is not None:
        parts.append("Document:\n" + render_document(observation.document, config))
    parts.append("Controls:\n" + render_controls(controls))
    if history:
        parts.append("Previous actions:\n" + render_history(history, config.variant))
    if shown.plan and config.variant != "compact":
        parts.append("Previous plan:\n" + "\n".join(f"- {s}" for s in shown.plan))
    return [
        Message(role="system", content=system_prompt(app, actions, config.variant)),
        Message(role="user", content="\n\n".join(parts)),
    ]


def system_prompt(app: str, actions: ActionSpace, variant: Variant) -> str:
    """The fixed part: the role, the actions and the reply format."""
    if variant == "call":
        return (
            f"You operate {app} for a user. Answer with the next action as one call. Add "
            "[FINISH] after the call that completes the request, or answer [FINISH] alone "
            "when it is done; [FAIL] if it cannot be done.\nActions:\n"
            + "\n".join(f"{s.signature()}: {s.summary}" for s in actions.specs.values())
        )
    keys = ", ".join(f'"{k}"' for k in JSON_FIELDS[variant])
    return (
        f"You operate {app} for a user. Each turn you see the request, the document, the "
        "controls you can act on (label | name | type | state) and your previous actions. "
        "Choose the next action.\n\nActions:\n"
        f"{actions.describe()}\n\n"
        f"Reply with one JSON object with the keys {keys}. status is CONTINUE while work "
        "remains, FINISH when the request is done (function may then be empty), FAIL if it "
        "cannot be done, CONFIRM before an action the user should approve."
    )


def _call_messages(
    request: str,
    document: DocumentState | None,
    controls: list[Control],
    history: list[HistoryItem],
    actions: ActionSpace,
    config: PromptConfig,
    app: str,
) -> list[Message]:
    # What changes least comes first, so the next step's prompt shares a long prefix with
    # this one and the backend's prompt cache reads only the rest.
    parts = [f"Request: {request}"]
    if document is not None:
        parts.append("Document:\n" + render_document(document, config, request, selection=False))
    parts.append("Controls:\n" + "\n".join(_control_line(c) for c in controls))
    if document is not None and document.selection is not None and document.selection.text:
        parts.append(f"Selection: {document.selection.text[:80]!r}")
    if history:
        parts.append("Done:\n" + "\n".join(_history_line(h, actions) for h in history))
    return [
        Message(role="system", content=system_prompt(app, actions, "call")),
        Message(role="user", content="\n".join(parts)),
    ]


# Control types in a word: a control line costs about four tokens instead of six.
SHORT_TYPES = {
    "push button": "button",
    "toggle button": "toggle",
    "document text": "document",
    "menu item": "item",
    "check menu item": "item",
    "radio menu item": "item",
    "combo box": "combo",
    "spin button": "spin",
    "check box": "check",
    "radio button": "radio",
    "page tab": "tab",
    "list item": "item",
    "text": "edit",
}


def _control_line(c: Control) -> str:
    extra = [*c.state, *([repr(c.value[:30])] if c.value else []), *_drawn(c)]
    return " ".join([c.label, c.name[:40], SHORT_TYPES.get(c.type, c.type), *extra])


def _history_line(item: HistoryItem, actions: ActionSpace) -> str:
    said = item.output if item.action is None else format_output(item.action, "call", actions)
    outcome = "ok" if item.result.ok else f"error: {(item.result.error or '')[:100]}"
    return f"{said[:160]} -> {outcome}"


def _drawn(c: Control) -> list[str]:
    """The colour and place of a shape on a web page: "red @40,60 20x20" (x, y, width,
    height); nothing for a control without them."""
    words = [c.color] if c.color else []
    if c.box is not None:
        x, y, width, height = c.box
        words.append(f"@{x},{y} {width}x{height}")
    return words


def render_controls(controls: list[Control]) -> str:
    """One line per control: label | name | type | state or value."""
    lines = []
    for c in controls:
        value = [f"value={c.value[:40]!r}"] if c.value is not None else []
        extra = " ".join([*c.state, *value, *_drawn(c)])
        lines.append(f"{c.label} | {c.name[:60]} | {c.type}" + (f" | {extra}" if extra else ""))
    return "\n".join(lines) or "(none)"


def render_document(
    doc: DocumentState, config: PromptConfig, request: str | None = None, selection: bool = True
) -> str:
    """Paragraphs with their index and style (with a request: the ones most related to it),
    tables by size, and the selection."""
    kept = relevant_paragraphs(doc, request, config.max_paragraphs)
    lines = [f"title: {doc.title}"]
    for p in kept:
        text = p.text
        if len(text) > config.paragraph_chars:
            text = text[: config.paragraph_chars] + "..."
        lines.append(f"[{p.index}] {p.style}: {text}")
    if len(doc.paragraphs) > len(kept):
        lines.append(f"... {len(doc.paragraphs) - len(kept)} more paragraphs")
    lines += [f"table {t.index + 1}: {t.rows}x{t.columns}" for t in doc.tables]
    if selection and doc.selection is not None and doc.selection.text:
        lines.append(f"selection: {doc.selection.text[:80]!r}")
    return "\n".join(lines)


def relevant_paragraphs(doc: DocumentState, request: str | None, keep: int) -> list:
    """The first `keep` paragraphs, or with a request the `keep` sharing most words with it,
    in document order."""
    paragraphs = doc.paragraphs
    if request is None or len(paragraphs) <= keep:
        return paragraphs[:keep]
    query = words(request)
    ranked = sorted(
        range(len(paragraphs)), key=lambda i: (-len(words(paragraphs[i].text) & query), i)
    )
    chosen = set(ranked[:keep])
    return [p for i, p in enumerate(paragraphs) if i in chosen]


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


def format_output(action: Action, variant: Variant, actions: ActionSpace) -> str:
    """The text a model should produce for this action: the training target."""
    if variant == "call":
        call = actions.call_text(action)
        status = "" if action.status.value == "CONTINUE" else f"[{action.status.value}]"
        return " ".join(part for part in (call, status) if part)
    full = {
        "thought": action.thought or "",
        "control_label": action.control_label,
        "control_name": action.control_name,
        "function": action.function,
        "args": action.args,
        "status": action.status.value,
        "plan": action.plan,
    }
    return json.dumps({k: full[k] for k in JSON_FIELDS[variant]}, ensure_ascii=False)
