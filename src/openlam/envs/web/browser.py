"""One Chromium process with a temporary profile of its own, and the means to end it.

Playwright launches Debian's Chromium (never `playwright install`: its download does not run
here). The browser's PID is kept so that a watchdog can kill a browser that stops answering,
and so that closing can wait for every helper process before the profile is removed.

Playwright starts Chromium detached, in a session of its own (its crash handlers each in
another), out of reach of a kill of the owner's process group. Chromium does end when its
pipe to a dead Playwright driver closes; not to depend on that, a reaper
(`openlam.envs.lifetime`) kills the browser, its helpers and the driver when the owner dies.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from time import monotonic, sleep

from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from openlam.envs.lifetime import Reaper, descendants

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


class BrowserGone(RuntimeError):
    """Chromium died, crashed or stopped answering; the episode cannot go on."""


def start_playwright() -> Playwright:
    """Start Playwright's sync API, saying what to do when this thread cannot have one."""
    try:
        return sync_playwright().start()
    except PlaywrightError as exc:
        raise RuntimeError(
            "Playwright's sync API cannot start in this thread: it already runs an asyncio loop "
            "or another sync Playwright (another WebEnv? share it: WebEnv(playwright=...))"
        ) from exc


class Chromium:
    """A launched Chromium: `browser` for contexts, `launcher` for its own default context."""

    def __init__(
        self, playwright: Playwright, executable: Path, *, headless: bool, extra_args: list[str]
    ):
        if not executable.is_file():
            raise FileNotFoundError(
                f"no Chromium at {executable}: install Debian's chromium package "
                "(`playwright install` downloads a browser that does not run here)"
            )
        self._profile_dir = tempfile.TemporaryDirectory(prefix="openlam-chromium-")
        self.profile = Path(self._profile_dir.name)
        self.dead: str | None = None  # why it is gone, when we know better than "exited"
        self.reaper = Reaper()
        try:
            # A persistent context is the only launch that takes our own profile folder.
            self.launcher: BrowserContext = playwright.chromium.launch_persistent_context(
                self.profile,
                executable_path=str(executable),
                headless=headless,
                args=[*CHROMIUM_ARGS, *extra_args],
                env=self.reaper.mark(dict(os.environ)),  # every helper inherits the mark
            )
        except BaseException:
            self.reaper.release()
            self._profile_dir.cleanup()
            raise
        self.browser: Browser = self.launcher.browser
        self.pid = _browser_pid(self.browser)
        self.reaper.watch(self.pid, *_playwright_drivers())

    def gone(self) -> str | None:
        """Why the browser can no longer be used, or None while it can."""
        if self.dead:
            return self.dead
        return None if self.browser.is_connected() else "Chromium has exited"

    def kill(self, reason: str) -> None:
        """Kill the browser now (its helpers follow); callable from any thread."""
        self.dead = reason
        with contextlib.suppress(ProcessLookupError):  # it died on its own meanwhile
            os.kill(self.pid, signal.SIGKILL)

    @contextlib.contextmanager
    def watchdog(self, limit_s: float) -> Iterator[None]:
        """Kill the browser if the block overruns: Playwright's evaluate and CDP calls take
        no timeout, and a page stuck in a script would otherwise hang the caller for good."""
        reason = f"Chromium gave no answer in {limit_s} s"
        timer = threading.Timer(limit_s, self.kill, args=(reason,))
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def close(self) -> None:
        """Close the browser, wait for all its processes, and remove the profile."""
        if self.browser.is_connected():
            self.launcher.close()
        # A killed browser's helpers live on for a moment, still writing to the profile.
        _end_processes(self.profile, timeout_s=5.0)
        self.reaper.release()
        self._profile_dir.cleanup()


def profile_processes(profile: Path) -> list[int]:
    """Live processes whose command line names this profile folder: Chromium and every
    helper it started. A zombie has an empty command line, so it is not counted (PID 1 on
    these machines does not reap orphans)."""
    needle = str(profile).encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # it ended while we looked
            continue
        if needle in cmdline:
            pids.append(int(entry.name))
    return pids


def _browser_pid(browser: Browser) -> int:
    session = browser.new_browser_cdp_session()
    processes = session.send("SystemInfo.getProcessInfo")["processInfo"]
    session.detach()
    return next(p["id"] for p in processes if p["type"] == "browser")


def _playwright_drivers() -> list[int]:
    """This process's Playwright drivers (`node cli.js run-driver`, one per sync Playwright):
    the driver that launched this browser is among them."""
    pids = []
    for pid in descendants(os.getpid()):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:  # it ended while we looked
            continue
        if b"run-driver" in argv:
            pids.append(pid)
    return pids


def _end_processes(profile: Path, timeout_s: float) -> None:
    """Wait for the profile's processes to end; kill, by PID, any that outlive the timeout."""
    deadline = monotonic() + timeout_s
    while (pids := profile_processes(profile)) and monotonic() < deadline:
        sleep(0.05)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):  # it ended just now
            os.kill(pid, signal.SIGKILL)
    while profile_processes(profile) and monotonic() < deadline + 1.0:
        sleep(0.05)
