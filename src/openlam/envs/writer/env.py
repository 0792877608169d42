"""LibreOffice Writer as a gymnasium-style environment.

`reset(seed=, options={"template": path})` opens a fresh copy of a template document;
`step(action)` carries out one action and returns the next observation. A failed action
comes back as `observation.last_result.error`, never as an exception; if the application
dies, the episode ends with `truncated=True` and the next `reset` starts a fresh stack (the
contract of `envs.base.Env`). The environment knows no task and gives no reward: a task
family judges the saved document.
"""

from __future__ import annotations

import contextlib
import json
import select
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openlam.actions import ActionParseError
from openlam.envs.base import ResetInfo, StepInfo
from openlam.envs.episode import episode_end
from openlam.envs.screens import png_bytes
from openlam.envs.writer.actions import writer_action_space
from openlam.envs.writer.stack import DesktopStack, StackConfig
from openlam.records import Action, ActionResult, Control, DocumentState, Observation

APP = "writer"


class DriverError(RuntimeError):
    """The driver failed in a way that is a defect, not an agent's mistake."""


class ActionFailed(Exception):
    """The application refused or could not carry out an action; shown to the agent."""


class AppGone(RuntimeError):
    """The application died or stopped answering; the episode cannot go on."""


@dataclass
class WriterConfig:
    """Settings of a Writer environment."""

    stack: StackConfig = field(default_factory=StackConfig)
    request_timeout_s: float = 60.0
    # Opening a document takes about 2 s; now and then soffice never returns from it (the
    # document is on screen, the call hangs), and the reset restarts the stack sooner.
    load_timeout_s: float = 20.0
    max_steps: int = 30
    open_attempts: int = 3


class DriverClient:
    """The parent side of the driver protocol, with a timeout on every request."""

    def __init__(self, stack: DesktopStack, timeout_s: float):
        self.timeout_s = timeout_s
        argv = [sys.executable, "-m", "openlam.envs.writer.driver"]
        argv += ["--port", str(stack.uno_port)]
        argv += ["--timeout", str(stack.config.start_timeout_s)]
        self.proc = subprocess.Popen(
            argv,
            env=stack.env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(stack.workdir / "driver.log", "wb"),  # noqa: SIM115
            start_new_session=True,
        )
        stack.procs["driver"] = self.proc

    def request(self, op: str, timeout_s: float | None = None, **params: Any) -> dict[str, Any]:
        """Send one request; return its result or raise what its failure means."""
        try:
            self.proc.stdin.write((json.dumps({"op": op, **params}) + "\n").encode())
            self.proc.stdin.flush()
        except BrokenPipeError as exc:
            raise AppGone("the driver process has exited") from exc
        timeout_s = timeout_s or self.timeout_s
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout_s)
        if not ready:
            raise AppGone(f"the application did not answer {op!r} in {timeout_s:.0f} s")
        line = self.proc.stdout.readline()
        if not line:
            raise AppGone("the driver process has exited")
        reply = json.loads(line)
        if reply["ok"]:
            return reply["result"]
        if reply["kind"] == "action_error":
            raise ActionFailed(reply["message"])
        if reply["kind"] == "app_dead":
            raise AppGone(reply["message"])
        raise DriverError(f"{reply['message']}\n{reply.get('traceback', '')}")


class WriterEnv:
    """A real LibreOffice Writer behind the reset/step contract."""

    app = APP

    def __init__(self, config: WriterConfig | None = None):
        self.config = config or WriterConfig()
        self.actions = writer_action_space()
        self.stack: DesktopStack | None = None
        self.driver: DriverClient | None = None
        self.steps = 0
        self.last_obs: Observation | None = None
        self.episode_doc: Path | None = None
        self.episodes = 0
        self.answer: str | None = None
        self.timings: dict[str, float] = {}

    # -- gymnasium contract ------------------------------------------------------------

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, ResetInfo]:
        """Open a fresh copy of `options["template"]`; restart the stack if it died. Raises
        `AppGone` when the application cannot open it in `open_attempts` fresh stacks."""
        options = options or {}
        template = Path(options.get("template") or _default_template())
        if not template.is_file():
            raise FileNotFoundError(f"template {template} does not exist")
        start = time.monotonic()
        restarted = self._ensure_stack()
        for attempt in range(1, self.config.open_attempts + 1):
            try:
                loaded = self._open(template)
                break
            except AppGone:
                # soffice now and then dies or hangs while opening a document; a fresh
                # stack gets the next try, and a hung one never reaches the next reset.
                self.stack.stop()
                if attempt == self.config.open_attempts:
                    raise
                self._restart_stack()
                restarted = True
        self.steps, self.answer = 0, None
        load_s = time.monotonic() - start
        obs = self._observe(None)
        info: ResetInfo = {"template": str(template), "seed": seed, "restarted": restarted}
        info["timings"] = {"reset_s": load_s, **loaded["timings"], **self.timings}
        return obs, info

    def step(self, action: Action | str) -> tuple[Observation, float, bool, bool, StepInfo]:
        """Carry out one action; errors come back in `obs.last_result`, a dead application
        as `truncated=True` (on this and every further step until `reset`)."""
        if self.driver is None or self.last_obs is None:
            raise RuntimeError("call reset() before step()")
        self.steps += 1
        info: StepInfo = {}
        if not self.stack.app_alive():
            return self._truncate(f"the application stack died: {self._dead_parts()}", info)
        start = time.monotonic()
        try:
            action = self._parse(action)
            result = self._execute(action)
        except ActionParseError as exc:
            action, result = None, ActionResult(ok=False, error=str(exc))
        except (AppGone, DriverError) as exc:
            return self._truncate_if_dead(exc, info)
        info["timings"] = {"action_s": time.monotonic() - start}
        try:
            obs = self._observe(result)
        except (AppGone, DriverError) as exc:
            return self._truncate_if_dead(exc, info)
        info["timings"].update(self.timings)
        terminated, truncated = episode_end(action, self.steps, self.config.max_steps, info)
        info["action"] = action
        return obs, 0.0, terminated, truncated, info

    def observe(self) -> Observation:
        """The current state read again, without acting (keeps the last action's result);
        once the application has died, the last observation (its error says why, when a
        step or this reading saw it die)."""
        if self.last_obs is None:
            raise RuntimeError("call reset() before observe()")
        if not self.stack.app_alive():
            return self.last_obs
        try:
            return self._observe(self.last_obs.last_result)
        except (AppGone, DriverError) as exc:
            return self._truncate_if_dead(exc, {})[0]

    def close(self) -> None:
        """Stop the stack and every process it started."""
        if self.driver is not None and self.driver.proc.poll() is None:
            with contextlib.suppress(BrokenPipeError):
                self.driver.proc.stdin.close()
        if self.stack is not None:
            self.stack.stop()
        self.stack, self.driver, self.last_obs = None, None, None

    def __enter__(self) -> WriterEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- beyond the contract -----------------------------------------------------------

    def save(self, path: Path, ext: str = "docx") -> Path:
        """Write the current document to a file (the end state a checker reads)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.request("save", path=str(path.resolve()), ext=ext)
        return path

    def screenshot(self) -> bytes:
        """The application's own display as PNG: its window and any dialog open over it."""
        from PIL import ImageGrab

        if self.stack is None or not self.stack.app_alive():
            raise AppGone("the application is not running: no screen to take")
        return png_bytes(ImageGrab.grab(xdisplay=self.stack.display))

    def control_boxes(self, labels: list[str]) -> dict[str, tuple[int, int, int, int]]:
        """Where the last observation's controls are in the screenshot (x, y, width,
        height), by label; one not visible on the display is left out."""
        reply = self.driver.request("boxes", labels=labels)
        return {label: tuple(box) for label, box in reply.items()}

    # -- internals ---------------------------------------------------------------------

    def _open(self, template: Path) -> dict[str, Any]:
        """Copy the template into the stack's folder and open the copy."""
        previous = self.episode_doc
        # A new name each episode: reloading a file of the same name into the window that
        # shows it can stop soffice on a question about the open copy.
        self.episodes += 1
        self.episode_doc = self.stack.workdir / f"episode{self.episodes}{template.suffix}"
        shutil.copyfile(template, self.episode_doc)
        loaded = self.driver.request(
            "load", timeout_s=self.config.load_timeout_s, path=str(self.episode_doc)
        )
        if previous is not None:
            previous.unlink(missing_ok=True)
        return loaded

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
        try:
            reply = self.driver.request(
                "act", function=action.function, args=action.args, label=action.control_label
            )
        except ActionFailed as exc:
            return ActionResult(ok=False, error=str(exc))
        return ActionResult(ok=True, message=reply["message"])

    def _observe(self, result: ActionResult | None) -> Observation:
        start = time.monotonic()
        reply = self.driver.request("observe")
        self.timings = {"observe_s": time.monotonic() - start, **reply["timings"]}
        self.last_obs = Observation(
            app=APP,
            window=reply["window"],
            controls=[Control(**c) for c in reply["controls"]],
            document=DocumentState(**reply["document"]),
            last_result=result,
        )
        return self.last_obs

    def _truncate_if_dead(self, exc: Exception, info: StepInfo):
        """A dead application ends the episode; a driver defect with a live one is a bug."""
        if isinstance(exc, DriverError) and self._stays_alive(grace_s=3.0):
            raise exc
        return self._truncate(str(exc).splitlines()[0], info)

    def _stays_alive(self, grace_s: float) -> bool:
        """Whether the application is still alive after a grace period. A killed soffice can
        fail a UNO call ("illegal object given") a moment before its process is gone."""
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline:
            if not self.stack.app_alive():
                return False
            time.sleep(0.1)
        return self.stack.app_alive()

    def _truncate(self, reason: str, info: StepInfo):
        # Whatever is left of the stack is stopped now; the next reset starts a fresh one.
        self.stack.stop()
        result = ActionResult(ok=False, error=reason)
        self.last_obs = self.last_obs.model_copy(update={"last_result": result})
        info["truncated_reason"] = reason
        return self.last_obs, 0.0, False, True, info

    def _ensure_stack(self) -> bool:
        if self.stack is not None and self.stack.app_alive():
            return False
        self._restart_stack()
        return True

    def _restart_stack(self) -> None:
        if self.stack is not None:
            self.stack.stop()
        self.stack = DesktopStack(self.config.stack)
        start = time.monotonic()
        self.stack.start()
        self.driver = DriverClient(self.stack, self.config.request_timeout_s)
        self.driver.request("hello", timeout_s=self.config.stack.start_timeout_s)
        self.timings = {"cold_start_s": time.monotonic() - start}

    def _dead_parts(self) -> str:
        dead = [name for name, up in self.stack.alive().items() if not up]
        return ", ".join(dead or ["soffice.bin"])


def _default_template() -> Path:
    from openlam.tasks.writer.templates import default_template

    return default_template()
