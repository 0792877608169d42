"""An in-memory stand-in for the Writer environment, for tests of code above the env (the
agent loop, parsers, data plumbing) that should not pay for a real application.

It keeps the contract of `envs.base.Env` (reset/step/observe/close, errors as results,
terminated vs truncated, a dead application truncating) with a handful of controls and a
paragraph list; `kill()` plays the application dying. It is never the environment an
experiment reports on.
"""

from __future__ import annotations

from typing import Any

from openlam.actions import ActionParseError
from openlam.envs.base import ResetInfo, StepInfo
from openlam.envs.episode import episode_end
from openlam.envs.screens import png_bytes
from openlam.envs.writer.actions import writer_action_space
from openlam.records import (
    Action,
    ActionResult,
    Control,
    DocumentState,
    Observation,
    Paragraph,
)

SCREEN_SIZE = (320, 240)
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

    app = "writer"

    def __init__(self, paragraphs: list[str] | None = None, max_steps: int = 30):
        self.initial = paragraphs or ["Quarterly report", "Sales rose in the spring."]
        self.max_steps = max_steps
        self.actions = writer_action_space()
        self.reset_count = 0
        self.dead: str | None = None  # why the "application" died, until the next reset
        self.last_obs: Observation | None = None

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, ResetInfo]:
        """Start over from the initial paragraphs; "restart" after `kill()`."""
        self.paragraphs = list(self.initial)
        self.checked: set[str] = set()
        self.values = {"Font Size": "12", "Font Name": "Liberation Serif"}
        self.steps, self.answer, self.reset_count = 0, None, self.reset_count + 1
        info: ResetInfo = {"seed": seed, "restarted": self.dead is not None, "timings": {}}
        if (options or {}).get("template"):
            info["template"] = str(options["template"])
        self.dead = None
        return self._observe(None), info

    def step(self, action: Action | str) -> tuple[Observation, float, bool, bool, StepInfo]:
        """Carry out one action; errors come back in `obs.last_result`."""
        self.steps += 1
        if self.dead:
            obs = self.last_obs.model_copy(
                update={"last_result": ActionResult(ok=False, error=self.dead)}
            )
            self.last_obs = obs
            return obs, 0.0, False, True, {"truncated_reason": self.dead}
        try:
            action = self._parse(action)
            result = self._execute(action)
        except ActionParseError as exc:
            action, result = None, ActionResult(ok=False, error=str(exc))
        info: StepInfo = {"timings": {"observe_s": 0.0}, "action": action}
        terminated, truncated = episode_end(action, self.steps, self.max_steps, info)
        return self._observe(result), 0.0, terminated, truncated, info

    def observe(self) -> Observation:
        """The current state again, with the last action's result."""
        return self.last_obs

    def screenshot(self) -> bytes:
        """A small picture of the paragraphs and the checked toggles, as PNG."""
        from PIL import Image, ImageDraw

        if self.dead:
            raise RuntimeError(self.dead)
        image = Image.new("RGB", SCREEN_SIZE, "white")
        draw = ImageDraw.Draw(image)
        draw.text((8, 8), " ".join(sorted(self.checked)) or "-", fill="navy")
        for i, text in enumerate(self.paragraphs[:20]):
            draw.text((8, 32 + 16 * i), text[:60], fill="black")
        return png_bytes(image)

    def control_boxes(self, labels: list[str]) -> dict[str, tuple[int, int, int, int]]:
        """The controls as a column of buttons down the picture's right side."""
        known = {label for label, _, _ in CONTROLS}
        return {label: (240, 8 + 24 * int(label), 72, 20) for label in labels if label in known}

    def kill(self, reason: str = "the fake application was killed") -> None:
        """Play the application dying: steps truncate until the next reset."""
        self.dead = reason

    def close(self) -> None:
        """Nothing runs; forget the episode."""
        self.last_obs = None

    def __enter__(self) -> FakeWriterEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _parse(self, action: Action | str) -> Action:
        if isinstance(action, str):
            return self.actions.parse(action)
        return self.actions.validate(action)

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
        self.last_obs = Observation(
            app=self.app,
            window="fake - LibreOffice Writer",
            controls=controls,
            document=DocumentState(title="fake", paragraphs=paragraphs, tables=[]),
            last_result=result,
        )
        return self.last_obs
