"""Nothing outlives its owner: the reaper's watchdog kills what an owner started when the
owner dies, however it dies (here: SIGKILL, which `atexit` never sees)."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from openlam.envs.lifetime import MARK, Reaper

# An owner that starts a registered `sleep` and a marked one whose parent exits at once (an
# orphan that no tree walk finds), prints their PIDs, and waits to be killed.
SLEEPERS = """
import json, os, subprocess, sys, time
from openlam.envs.lifetime import Reaper
reaper = Reaper()
registered = subprocess.Popen(["sleep", "60"], start_new_session=True)
reaper.watch(registered.pid)
orphan = subprocess.run(
    ["sh", "-c", "sleep 61 >/dev/null 2>&1 & echo $!"],
    env=reaper.mark(dict(os.environ)), capture_output=True, text=True, check=True,
    start_new_session=True,
).stdout
print(json.dumps([registered.pid, int(orphan), reaper.pid]), flush=True)
if sys.argv[1] == "release":
    reaper.release()
    print("released", flush=True)
time.sleep(120)
"""

WRITER_OWNER = """
import time
from openlam.envs.writer.env import WriterEnv
env = WriterEnv()
env.reset()
print("ready", flush=True)
time.sleep(300)
"""

WEB_OWNER = """
import time
from openlam.envs.web.env import WebEnv
env = WebEnv()
env.reset(options={"url": "data:text/html,<title>Owner</title>alive"})
print(env.chromium.reaper.token, flush=True)
time.sleep(300)
"""


def _stat(pid: int) -> list[str] | None:
    """The fields after the command name, or None when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None


def alive(pid: int) -> bool:
    """Running, not a zombie (PID 1 here does not reap orphans: a zombie counts as dead)."""
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def owned_by(owner: int) -> dict[int, str]:
    """The owner's descendants, and every process in a session one of them is in: the
    stack's helpers each lead a session, and what they start outside their own tree (a
    D-Bus-activated service, Chromium's crash handler) stays in that session. By PID, with
    the command name."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            table[int(entry.name)] = (int(fields[1]), int(fields[3]), fields[0])
    tree, todo = {owner}, [owner]
    while todo:
        parent = todo.pop()
        children = [pid for pid, (ppid, _, _) in table.items() if ppid == parent]
        tree.update(children)
        todo.extend(children)
    sessions = {table[pid][1] for pid in tree if pid in table}
    found = tree | {pid for pid, (_, sid, _) in table.items() if sid in sessions}
    return {pid: _comm(pid) for pid in found if pid in table and table[pid][2] != "Z"}


def marked(token: str) -> dict[int, str]:
    """Processes started with the reaper's mark in their environment, which every exec'd
    descendant inherits: Chromium's crash handlers leave its session and its tree."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            environ = (entry / "environ").read_bytes() if entry.name.isdigit() else b""
        except OSError:  # it ended while we looked
            continue
        if f"{MARK}={token}".encode() in environ.split(b"\0") and alive(int(entry.name)):
            found[int(entry.name)] = _comm(int(entry.name))
    return found


def survivors(pids, timeout_s: float) -> dict[int, str]:
    """Those still alive after up to timeout_s, with their command names."""
    deadline = time.monotonic() + timeout_s
    while (left := [p for p in pids if alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    return {pid: _comm(pid) for pid in left}


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


@contextlib.contextmanager
def _owner(script: str, *args: str) -> Iterator[subprocess.Popen]:
    """An owner process in a group of its own; killed whole on the way out, so that a failed
    test leaves it to its reaper too."""
    owner = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        yield owner
    finally:
        _kill_group(owner)


def _kill_group(owner: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # killed by the test already
        os.killpg(owner.pid, signal.SIGKILL)
    owner.wait()


def test_a_sigkilled_owner_takes_its_registered_and_marked_processes_along():
    with _owner(SLEEPERS, "kill") as owner:
        registered, orphan, watchdog = json.loads(owner.stdout.readline())
        assert alive(registered) and alive(orphan)
        os.kill(owner.pid, signal.SIGKILL)  # the owner alone, as the OOM killer does
        assert survivors([registered, orphan, watchdog], timeout_s=5) == {}


def test_a_released_watchdog_exits_and_kills_nothing():
    with _owner(SLEEPERS, "release") as owner:
        registered, orphan, watchdog = json.loads(owner.stdout.readline())
        released = owner.stdout.readline().strip()
    try:
        assert released == "released"
        assert survivors([watchdog], timeout_s=5) == {}
        time.sleep(0.5)  # the owner is dead: a watchdog still there would have struck
        assert alive(registered) and alive(orphan)
    finally:
        for pid in (registered, orphan):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.writer
def test_a_killed_writer_owner_leaves_no_process_of_its_stack():
    with _owner(WRITER_OWNER) as owner:
        assert owner.stdout.readline().strip() == "ready"
        stack = owned_by(owner.pid)
        assert {"Xvfb", "dbus-daemon", "openbox", "oosplash", "soffice.bin"} <= set(stack.values())
        assert "at-spi-bus-laun" in stack.values()  # activated by D-Bus, outside its tree
    assert survivors(stack, timeout_s=10) == {}


@pytest.mark.web
def test_a_killed_web_owner_leaves_no_chromium_nor_playwright_driver():
    with _owner(WEB_OWNER) as owner:
        token = owner.stdout.readline().strip()
        browser = owned_by(owner.pid) | marked(token)
        assert {"chromium", "chrome_crashpad"} <= set(browser.values())
        assert any(name.startswith("node") for name in browser.values())
    assert survivors(browser, timeout_s=10) == {}


def test_an_oom_killed_ray_worker_takes_its_processes_along():
    import ray

    @ray.remote
    class Owner:
        def start(self) -> tuple[int, int, int]:
            self.reaper = Reaper()
            self.sleeper = subprocess.Popen(["sleep", "60"], start_new_session=True)
            self.reaper.watch(self.sleeper.pid)
            return os.getpid(), self.sleeper.pid, self.reaper.pid

    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        worker, sleeper, watchdog = ray.get(Owner.remote().start.remote())
        assert alive(sleeper)
        os.kill(worker, signal.SIGKILL)  # what Ray's memory monitor and the kernel's do
        assert survivors([sleeper, watchdog], timeout_s=5) == {}
    finally:
        ray.shutdown()
