"""An in-memory stand-in for the Writer environment, for tests of code above the env (the
agent loop, parsers, data plumbing) that should not pay for a real application.

It keeps the same contract as WriterEnv (reset/step, Observation, errors as results,
terminated vs truncated) with a handful of controls and a paragraph list. It is never the
environment an experiment reports on.
"""

from __future__ import annotations

from typing import Any

from openlam.actions import ActionParseError
from openlam.envs.writer.actions import writer_action_space
from openlam.records import (
    Action,
    ActionResult,
    Control,
    DocumentState,
    Observation,
    Paragraph,
    Status,
)

CONTROLS = [
    ("1", "Document", "document text"),
    ("2", "Bold", "toggle button"),
    ("3", "Italic", "toggle button"),
    ("4", "Underline", "toggle button"),
    ("5", "Font Size", "text"),
    ("6", "Font Name", "text"),
    ("7", "Center Horizontally", "toggle button"),
    ("8", "Save", "push button"),
    ("9", "Close Document", "push button"),
]


class FakeWriterEnv:
    """A few toggles and boxes over a list of paragraphs; every step is counted."""

    def __init__(self, paragraphs: list[str] | None = None, max_steps: int = 30):
        self.initial = paragraphs or ["Quarterly report", "Sales rose in the spring."]
        self.max_steps = max_steps
        self.actions = writer_action_space()
        self.reset_count = 0

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        self.paragraphs = list(self.initial)
        self.checked: set[str] = set()
        self.values = {"Font Size": "12", "Font Name": "Liberation Serif"}
        self.steps, self.answer, self.reset_count = 0, None, self.reset_count + 1
        return self._observe(None), {"template": str((options or {}).get("template"))}

    def step(self, action: Action | str):
        self.steps += 1
        try:
            action = (
                self.actions.parse(action)
                if isinstance(action, str)
                else self.actions.validate(action)
            )
            result = self._execute(action)
        except ActionParseError as exc:
            action, result = None, ActionResult(ok=False, error=str(exc))
        terminated = action is not None and action.status in (Status.FINISH, Status.FAIL)
        truncated = not terminated and self.steps >= self.max_steps
        info: dict[str, Any] = {"timings": {"observe_s": 0.0}}
        if truncated:
            info["truncated_reason"] = f"step limit {self.max_steps} reached"
        return self._observe(result), 0.0, terminated, truncated, info

    def _execute(self, action: Action) -> ActionResult:
        if not action.function:
            return ActionResult(ok=True, message=f"status {action.status.value}")
        if action.function == "summary":
            self.answer = action.args["text"]
            return ActionResult(ok=True, message="answer recorded", output=self.answer)
        if action.control_label is not None:
            names = {label: name for label, name, _ in CONTROLS}
            name = names.get(action.control_label)
            if name is None:
                return ActionResult(ok=False, error=f"no control with label {action.control_label}")
            if action.function == "click_input":
                self.checked ^= {name}
            elif action.function == "set_edit_text" and name in self.values:
                self.values[name] = action.args["text"]
        return ActionResult(ok=True, message=f"{action.function} done")

    def _observe(self, result: ActionResult | None) -> Observation:
        controls = []
        for label, name, kind in CONTROLS:
            state = ["checked"] if name in self.checked else []
            controls.append(
                Control(label=label, name=name, type=kind, state=state, value=self.values.get(name))
            )
        paragraphs = [
            Paragraph(index=i, style="Default Paragraph Style", alignment="left", text=text)
            for i, text in enumerate(self.paragraphs)
        ]
        return Observation(
            app="writer",
            window="fake - LibreOffice Writer",
            controls=controls,
            document=DocumentState(title="fake", paragraphs=paragraphs, tables=[]),
            last_result=result,
        )
