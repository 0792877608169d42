"""Waiting on Writer's AT-SPI events instead of the clock (runs inside the driver process).

soffice announces what it does on the accessibility bus: a dialog's `window:create`, a menu's
`selected` state, a toggle's `checked`, focus moves, controls shown and hidden. The driver
has no GLib main loop running, so libatspi only queues these events on the default main
context; `UiEvents` dispatches them while the driver waits, and a wait ends as soon as the
state an action caused is there rather than after a fixed sleep.

Some of soffice's work says nothing on the bus while it runs: building a dialog or a sidebar
deck takes tens of milliseconds of silence on an idle machine and hundreds on a loaded one.
So a quiet bus counts only while soffice's UI thread is quiet as well, which the kernel's
scheduler statistics tell without asking soffice anything.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# What soffice sends while it reacts to input. soffice only sends the types someone listens
# to, so bulky ones that say nothing about settling (bounds, visible data) are left out.
EVENT_TYPES = (
    "window:",
    "focus:",
    "object:state-changed",
    "object:children-changed",
    "object:text-changed",
    "object:text-caret-moved",
)
# A window that appears or takes over (a dialog, a message box) is the state the action
# caused. The document frame's activation is not: it also comes when the driver focuses
# the document before typing, ahead of what the keys do.
OPENED = {"window:create", "window:activate"}
# The quiet period that ends a wait scales with how long soffice took to react at all: a
# loaded machine stretches both the reaction and the gaps between the bursts that follow it.
QUIET_MIN_S = 0.03
QUIET_MAX_S = 0.5
# The share of a quiet period that soffice's UI thread may spend running or waiting to run
# and still count as idle (its timers and cursor blink take a few per cent).
BUSY_SHARE = 0.25
# How long a click or key may go without any reaction before it counts as having none.
REACT_MAX_S = 1.0
SETTLE_MAX_S = 3.0
# A predicate wait re-checks at least this often, for changes soffice does not announce.
RECHECK_S = 0.1
# The limits above hold on a machine with a core to spare. With more runnable processes
# than cores, soffice, the bus and the driver all wait their turn, and a dialog that opens
# in 0.3 s can take several: the limits stretch with the run queue, up to this factor.
MAX_STRETCH = 8.0


def load_stretch() -> float:
    """How much longer than on an idle machine soffice may take now: the 1-minute load
    average per usable core, at least 1 and at most MAX_STRETCH."""
    cores = len(os.sched_getaffinity(0))
    return min(max(os.getloadavg()[0] / cores, 1.0), MAX_STRETCH)


class UiEvents:
    """The application's events since the last `mark()`, dispatched on demand."""

    def __init__(self) -> None:
        self.context = GLib.MainContext.default()
        self.ui_thread = UiThread(None)
        self._listener = Atspi.EventListener.new(self._on_event)
        for kind in EVENT_TYPES:
            self._listener.register(kind)
        self.count, self.first, self.last, self.opened = 0, None, None, None
        self.window_at: float | None = None

    def mark(self) -> None:
        """Dispatch what is queued and forget it: later events belong to the next action."""
        self.pump()
        self.count, self.first, self.last, self.opened = 0, None, None, None
        self.window_at = None

    def pump(self) -> None:
        """Dispatch every event already received, without waiting for more."""
        while self.context.iteration(False):
            pass

    def wait(self, deadline: float) -> None:
        """Block until at least one event has been dispatched or the deadline has passed."""
        delay_ms = max(0, round((deadline - time.monotonic()) * 1000))
        timer = GLib.timeout_source_new(delay_ms)
        timer.set_callback(lambda *_: True)
        timer.attach(self.context)
        try:
            self.context.iteration(True)
        finally:
            timer.destroy()
        self.pump()

    def pass_time(self, seconds: float) -> None:
        """Dispatch events as they come for a while, so that none pile up meanwhile."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.wait(end)

    def wait_for(self, check: Callable[[], bool], timeout_s: float) -> bool:
        """Re-check `check` as events arrive until it holds; False at the timeout."""
        deadline = time.monotonic() + timeout_s
        while not check():
            now = time.monotonic()
            if now >= deadline:
                return False
            self.wait(min(deadline, now + RECHECK_S))
        return True

    def settle(self, acted_at: float, need_reaction: bool, expect_window: bool = False) -> str:
        """Wait until the UI has settled after an action that returned at `acted_at`.

        It has settled when a menu opened, or when the bus and soffice's UI thread have both
        been quiet for a quiet period. A window that opened is waited on until it is quiet as
        well: soffice announces a dialog before it has built its tab pages, and a heavy one
        (Paragraph, Page Style, an index) fills in its controls for a while after, so ending
        at the window would observe a dialog with half its controls. A click or key that set
        off nothing yet is given up to REACT_MAX_S to react (soffice runs most commands from
        its own event queue, after the accessible call has returned); an edit, already
        checked by the action, is not. With `expect_window`, quiet does not end the wait
        before a window has opened. Each limit stretches with the load (`load_stretch`).
        Returns what ended the wait.
        """
        stretch = load_stretch()
        end = acted_at + SETTLE_MAX_S * stretch
        sample = self.ui_thread.sample()
        while True:
            self.pump()
            if self.opened and not self.opened.startswith("window:"):
                return self.opened
            if self.opened and self.window_at is not None:
                end = max(end, self.window_at + SETTLE_MAX_S * stretch)
            now, before, sample = time.monotonic(), sample, self.ui_thread.sample()
            if now >= end:
                return f"{self.opened}, limit" if self.opened else "limit"
            quiet_at = self._quiet_deadline(acted_at, need_reaction, stretch)
            if expect_window and self.window_at is None and now >= quiet_at:
                self.wait(end)  # quiet without the window: the next event or the limit
                continue
            if now >= quiet_at:
                if not sample.busy_since(before):
                    return self.opened or ("quiet" if self.count else "no events")
                self.last = now  # working without a word: the quiet period starts over
                quiet_at = self._quiet_deadline(acted_at, need_reaction, stretch)
            self.wait(min(quiet_at, end))

    def _quiet_deadline(self, acted_at: float, need_reaction: bool, stretch: float) -> float:
        if self.last is None:
            return acted_at + (REACT_MAX_S * stretch if need_reaction else QUIET_MIN_S)
        latency = max((self.first or self.last) - acted_at, 0.0)
        return self.last + min(max(latency, QUIET_MIN_S), QUIET_MAX_S)

    def _on_event(self, event: Atspi.Event) -> None:
        now = time.monotonic()
        self.count += 1
        self.first = self.first or now
        self.last = now
        if _window_opened(event):
            self.window_at = self.window_at or now
            self.opened = self.opened or event.type
        elif _menu_opened(event):
            self.opened = self.opened or event.type


class Sample(NamedTuple):
    """When, and how long soffice's UI thread had run or waited to run by then."""

    at: float
    claimed_s: float

    def busy_since(self, before: Sample) -> bool:
        return self.claimed_s - before.claimed_s > BUSY_SHARE * (self.at - before.at)


class UiThread:
    """soffice's main thread, where VCL does all UI work, seen through /proc."""

    def __init__(self, pid: int | None):
        self.pid = pid

    def sample(self) -> Sample:
        """Its CPU time plus its time runnable but not running; 0 when it cannot be read,
        which turns the check off rather than waiting on a process that is gone."""
        now = time.monotonic()
        if self.pid is None:
            return Sample(now, 0.0)
        try:
            fields = Path(f"/proc/{self.pid}/task/{self.pid}/schedstat").read_text().split()
        except OSError:
            return Sample(now, 0.0)
        return Sample(now, (int(fields[0]) + int(fields[1])) / 1e9)


def _window_opened(event: Atspi.Event) -> bool:
    if event.type not in OPENED:
        return False
    return _role(event.source) not in (None, Atspi.Role.FRAME)


def _menu_opened(event: Atspi.Event) -> bool:
    """A menu became selected: it has opened and lists its items."""
    if event.type != "object:state-changed:selected" or not event.detail1:
        return False
    return _role(event.source) == Atspi.Role.MENU


def _role(node: Atspi.Accessible | None) -> Atspi.Role | None:
    try:
        return node.get_role() if node is not None else None
    except GLib.Error:  # it closed again before it could be asked
        return None
