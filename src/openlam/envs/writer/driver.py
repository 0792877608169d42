"""The driver process: owns the UNO connection and the AT-SPI client of one stack.

AT-SPI binds a process to one accessibility bus, so each environment talks to its own
stack through a driver process started with that stack's display and D-Bus session. The
protocol is one JSON object per line on stdin/stdout; replies are
`{"ok": true, "result": ...}` or `{"ok": false, "kind": ..., "message": ...}` where kind is
`action_error` (shown to the agent), `app_dead` (the application went away) or `internal`.

Run as `python -m openlam.envs.writer.driver --port N` with the stack's environment.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openlam.envs.writer import api, controls, document
from openlam.envs.writer.events import UiEvents, UiThread, load_stretch

UI_FUNCTIONS = {"click_input", "set_edit_text", "keyboard_input", "wheel_mouse_input"}
API_FUNCTIONS = {
    "select_text": document.select_text,
    "select_paragraph": document.select_paragraph,
    "select_table": document.select_table,
    "insert_table": document.insert_table,
    "set_font": document.set_font,
    "replace_all": api.replace_all,
    "format_text": api.format_text,
    "format_paragraph": api.format_paragraph,
    "select_cells": api.select_cells,
    "insert_field": api.insert_field,
    "insert_image": api.insert_image,
    "insert_hyperlink": api.insert_hyperlink,
    "insert_comment": api.insert_comment,
    "insert_break": api.insert_break,
}
# Clicks and keys only ask soffice to act, so their wait starts with waiting for it to react.
# An edit is checked by the action itself, and a scroll at the end of the view changes
# nothing: waiting for a reaction to those would only wait out the limit.
NO_REACTION_NEEDED = {"set_edit_text", "wheel_mouse_input"}
# How long a dialog may take to be built after it settled, and how often it is re-read.
BUILD_MAX_S = 3.0
BUILD_RECHECK_S = 0.15
ELLIPSES = ("...", "\u2026")


class AppDead(Exception):
    """The application or its accessibility bus stopped answering."""


class Driver:
    """Carries out the requests of one environment on its own soffice."""

    def __init__(self, port: int, timeout_s: float):
        self.port, self.timeout_s = port, timeout_s
        self.display = os.environ.get("DISPLAY", "")
        self.ctx = self.desktop = self.doc = self.app = self.toolkit = None
        self.events: UiEvents | None = None
        self.found: list[controls.Found] = []

    # -- requests ----------------------------------------------------------------------

    def hello(self) -> dict[str, Any]:
        start = time.monotonic()
        self.ctx, self.desktop = document.connect(self.port, self.timeout_s)
        ctx = self.ctx
        self.toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
        self.events = UiEvents()
        return {"connect_s": time.monotonic() - start}

    def load(self, path: str) -> dict[str, Any]:
        start = time.monotonic()
        if self.doc is not None:
            document.close_all(self.desktop, keep=self.doc)
        closed = time.monotonic()
        reuse = self.doc
        self.doc = self._pumping(
            lambda: document.on_main_thread(
                self.ctx, lambda: document.load(self.desktop, Path(path), reuse=reuse)
            )
        )
        loaded = time.monotonic()
        self.found = []
        self._wait_for_window()
        timings = {"close_s": closed - start, "load_s": loaded - closed}
        timings["window_s"] = time.monotonic() - loaded
        return {"title": self.doc.getTitle(), "timings": timings}

    def observe(self) -> dict[str, Any]:
        self._need_doc()
        # What soffice announced since the action settled; dispatched now, not at the next
        # action, so that the action's time is its own.
        self.events.pump()
        start = time.monotonic()
        self.found = controls.collect(self._app())
        if not self.found:  # between two windows (see `_until_built`): wait for the next one
            self._until_built()
            self.found = controls.collect(self._app())
        controls_s = time.monotonic() - start
        items = [
            {
                "label": str(i),
                "name": f.name,
                "type": f.role,
                "state": f.states,
                "value": f.value,
                "context": f.context or None,
            }
            for i, f in enumerate(self.found, start=1)
        ]
        start = time.monotonic()
        state = document.state(self.doc)
        return {
            "window": self.doc.getTitle(),
            "controls": items,
            "document": state,
            "timings": {"controls_s": controls_s, "document_s": time.monotonic() - start},
        }

    def boxes(self, labels: list[str]) -> dict[str, list[int]]:
        """Where the controls of the last observation are on the display, by label; a
        control with no visible extent (or a label it does not have) is left out."""
        out = {}
        known = {str(i) for i in range(1, len(self.found) + 1)}
        for label in (label for label in labels if label in known):
            box = controls.screen_box(self._control(label))
            if box is not None:
                out[label] = list(box)
        return out

    def act(self, function: str, args: dict[str, Any], label: str | None) -> dict[str, Any]:
        self._need_doc()
        if function in UI_FUNCTIONS:
            control = self._control(label)
            self.events.mark()
            message = self._ui_action(function, args, control)
            settled_by = self.events.settle(
                time.monotonic(),
                need_reaction=function not in NO_REACTION_NEEDED,
                # A command whose name ends in an ellipsis opens a dialog (a UI convention
                # soffice keeps): on a loaded machine the menu can close and the bus fall
                # quiet well before the dialog is announced.
                expect_window=function == "click_input" and control.name.endswith(ELLIPSES),
            )
            if settled_by.startswith("window:"):
                self._until_built()
            # What ended the wait (a window, quiet, the limit): for debugging a wait that
            # ended too soon. The environment reads only the message.
            return {"message": message, "settled_by": settled_by}
        message = self._api_action(function, args)
        self._idle()
        return {"message": message}

    def save(self, path: str, ext: str) -> dict[str, Any]:
        self._need_doc()
        document.store(self.doc, Path(path), ext)
        return {"path": path}

    # -- actions -----------------------------------------------------------------------

    def _ui_action(self, function: str, args: dict[str, Any], control: controls.Found) -> str:
        controls.still_there(control)
        if function == "click_input":
            controls.click(control, self.display, args["button"], args["double"])
            return f"clicked {control.name!r}"
        if function == "set_edit_text":
            controls.set_text(control, args["text"], self.events)
            return f"set {control.name!r} to {args['text']!r}"
        if function == "keyboard_input":
            controls.parse_keys(args["keys"])  # reject bad keys before touching the focus
            if control.role == "document text":
                # AT-SPI grab_focus on the document moves its caret to the start; giving
                # the document window the focus keeps the selection where it is.
                self.doc.getCurrentController().getFrame().getComponentWindow().setFocus()
            else:
                controls.focus(control)
            controls.send_keys(self.display, args["keys"])
            return f"typed {args['keys']!r} into {control.name!r}"
        controls.wheel(control, self.display, args["wheel_dist"])
        return f"scrolled {control.name!r} by {args['wheel_dist']}"

    def _api_action(self, function: str, args: dict[str, Any]) -> str:
        if function == "save_as":
            # A relative path would land wherever soffice was started: refuse it.
            if not Path(args["path"]).expanduser().is_absolute():
                raise document.DocumentError(
                    f"save_as needs an absolute path such as /tmp/out.docx, not {args['path']!r}"
                )
            document.store(self.doc, Path(args["path"]), args["ext"])
            return f"saved to {args['path']}"
        if document.text_view(self.doc) is None:
            raise document.DocumentError(
                f"{function} needs the document's text view, and the window shows another "
                "view (such as the print preview): close that view first"
            )
        if function not in API_FUNCTIONS:
            raise controls.ControlError(f"unknown function {function!r}")
        return API_FUNCTIONS[function](self.doc, **args)

    def _control(self, label: str | None) -> controls.Found:
        if not self.found:
            raise controls.ControlError("no observation yet: there are no labels to act on")
        try:
            index = int(label or "")
        except ValueError:
            index = 0
        if not 1 <= index <= len(self.found):
            raise controls.ControlError(
                f"no control with label {label!r}; labels run from 1 to {len(self.found)}"
            )
        return self.found[index - 1]

    # -- waiting -----------------------------------------------------------------------

    def _app(self):
        if self.app is None:
            app = controls.application()
            if app is None:
                raise AppDead("soffice is not on the accessibility bus")
            self._use_app(app)
        return self.app

    def _use_app(self, app) -> None:
        self.app = app
        self.events.ui_thread = UiThread(app.get_process_id())

    def _need_doc(self) -> None:
        if self.doc is None:
            raise controls.ControlError("no document is open; reset the environment")

    def _wait_for_window(self) -> None:
        """Block until the document window shows its toolbars in the accessibility tree."""
        # Half the request timeout, so that the environment hears why rather than nothing.
        deadline = time.monotonic() + self.timeout_s / 2
        seen: list = []
        while time.monotonic() < deadline:
            app = controls.application()
            if app is not None:
                self._use_app(app)
                seen = controls.top_windows(app)
                if any(f.name == "Bold" for f in controls.collect(app)):
                    controls.activate_window(self.display, self.doc.getTitle())
                    return
            # A poll, but one that dispatches the load's thousands of events as they come.
            self.events.pass_time(0.1)
        raise AppDead(f"the Writer window did not appear with its toolbars; windows: {seen}")

    def _pumping(self, call: Callable[[], Any]) -> Any:
        """Make a UNO call on a thread while this one dispatches the accessibility events it
        sets off. Opening a document sends thousands; left unread, now and then soffice
        never returns from the load."""
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = call()
            except BaseException as exc:  # handed to the caller below
                outcome["error"] = exc

        thread = threading.Thread(target=run, name="uno-call", daemon=True)
        thread.start()
        while thread.is_alive():
            self.events.pass_time(0.05)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _until_built(self) -> None:
        """Wait until two reads of the controls, a moment apart, find as many, and some. A
        dialog fills in its tab pages after it is announced, and on a loaded machine, or the
        first time soffice builds it, the bus can fall quiet before the last page is there;
        between the menu closing and the dialog taking the focus, no window is active and a
        read finds no controls at all."""
        deadline = time.monotonic() + BUILD_MAX_S * load_stretch()
        count = len(controls.collect(self._app()))
        while time.monotonic() < deadline:
            self.events.pass_time(BUILD_RECHECK_S)
            again = len(controls.collect(self._app()))
            if again == count > 0:
                return
            count = again

    def _idle(self) -> None:
        """Let soffice finish what an API call queued (toolbar updates, layout)."""
        self.toolkit.processEventsToIdle()


def _dead(exc: BaseException) -> bool:
    """Whether an exception means the application (not the request) is gone."""
    # pyuno names its exception classes in full ("com.sun.star.lang.DisposedException").
    name = type(exc).__name__.rsplit(".", 1)[-1]
    text = str(exc)
    return (
        isinstance(exc, AppDead | ConnectionError | BrokenPipeError)
        or name in {"DisposedException", "NoConnectException"}
        or (name == "RuntimeException" and "disposed" in text.lower())
        or (name == "Error" and ("ServiceUnknown" in text or "NoReply" in text))
        # The accessibility bus gave up waiting (25 s) for the application: it is not
        # answering, which the environment treats like a hung application.
        # (PyGObject's GLib.GError is named "Error".)
        or (name in ("Error", "GError") and "timeout from dbind" in text)
    )


def serve(driver: Driver, requests, replies) -> None:
    """Answer requests until stdin closes or a `quit` request arrives."""
    for line in requests:
        request = json.loads(line)
        op = request.pop("op")
        if op == "quit":
            return
        try:
            reply = {"ok": True, "result": getattr(driver, op)(**request)}
        except (controls.ControlError, document.DocumentError) as exc:
            reply = {"ok": False, "kind": "action_error", "message": str(exc)}
        except Exception as exc:
            kind = "app_dead" if _dead(exc) else "internal"
            reply = {
                "ok": False,
                "kind": kind,
                "message": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(),
            }
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=60.0)
    options = parser.parse_args()
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    # Libraries may print to stdout; keep the protocol on a private copy of it.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(Driver(options.port, options.timeout), sys.stdin, replies)


if __name__ == "__main__":
    main()
