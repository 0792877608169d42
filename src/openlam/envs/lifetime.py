"""Processes that die with their owner, however the owner dies.

An environment starts helpers (Xvfb, D-Bus, soffice, Chromium ...) in sessions of their own,
so a kill of the owner's process group does not reach them, and `atexit` never runs when the
owner is SIGKILLed or OOM-killed. A `Reaper` is a tiny watchdog process, in a session of its
own, reading a pipe whose write end only the owner holds (it is close-on-exec, so no child
inherits it). The kernel closes that end when the owner dies, by any means; at that EOF the
watchdog kills what the owner registered, and exits. A normal close tells it to exit quietly.

The watchdog kills, for each registered PID: the process, the members of its process group
when it leads one (each helper is started with a session of its own), and every descendant.
It also kills every process whose environment carries the reaper's mark (`mark()`): a
grandchild whose parent died is reparented and drops out of any tree walk, but keeps the
environment it was started with.

Why not the kernel's parent-death signal (PR_SET_PDEATHSIG): it fires when the *thread*
that started the child exits, not the process, so an env built in a worker thread would lose
its processes when that thread ended; it needs `preexec_fn`, which is unsafe in a threaded
owner (Playwright and Ray run threads); and it is cleared for grandchildren (soffice.bin,
Chromium's helpers, services D-Bus activates), which need the watchdog anyway.

A process that forks without exec (multiprocessing's "fork") copies the write end and keeps
the watchdog waiting until that copy is gone too; exec'd children are fine.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MARK = "OPENLAM_REAPER"
# SIGTERM first, so that soffice and Chromium can end their helpers themselves.
GRACE_S = 2.0
# A process stuck in the kernel (state D) ignores even SIGKILL: give up rather than spin.
GIVE_UP_S = 5.0
_DONE = "done"


class Reaper:
    """The owner's side: start the watchdog, register PIDs, release it on a normal close."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "openlam.envs.lifetime", self.token],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # a kill of the owner's process group must miss it
            text=True,
        )

    @property
    def pid(self) -> int:
        """The watchdog's PID."""
        return self._proc.pid

    def mark(self, env: dict[str, str]) -> dict[str, str]:
        """`env` plus the mark that makes the watchdog kill whatever is started with it."""
        return {**env, MARK: self.token}

    def watch(self, *pids: int) -> None:
        """Have the watchdog kill these processes (their groups, their descendants) if the
        owner dies."""
        self._send("".join(f"{pid}\n" for pid in pids))

    def release(self) -> None:
        """Let the watchdog exit without killing anything (the owner stopped its processes)."""
        if self._proc.stdin.closed:
            return
        # A broken pipe means it has exited already: there is nothing left to let go.
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.write(f"{_DONE}\n")
            self._proc.stdin.flush()
        with contextlib.suppress(BrokenPipeError):
            self._proc.stdin.close()
        self._proc.wait(timeout=10)

    def _send(self, text: str) -> None:
        try:
            self._proc.stdin.write(text)
            self._proc.stdin.flush()
        except BrokenPipeError as exc:
            raise RuntimeError(f"the reaper {self.pid} has exited") from exc


def descendants(pid: int) -> set[int]:
    """Every process whose parent chain leads to pid."""
    return _descendants(_table(), {pid})


def family(pids: Iterable[int]) -> set[int]:
    """The processes, the members of the process groups they lead, and all their
    descendants: what stopping them must reach (a D-Bus-activated service is reparented to
    PID 1 but stays in the daemon's group)."""
    table = _table()
    roots = set(pids)
    roots |= {p.pid for p in table.values() if p.pgrp in roots}
    return roots | _descendants(table, roots)


# -- the watchdog's side ------------------------------------------------------------------


@dataclass(frozen=True)
class _Proc:
    pid: int
    ppid: int
    pgrp: int
    zombie: bool
    start: int  # clock ticks after boot: with the PID, an identity that survives PID reuse


def guard(token: str, lines: Iterable[str]) -> None:
    """Collect PIDs from `lines` until they end; unless released, kill what they name."""
    watched: dict[int, int] = {}
    for line in lines:
        if line.strip() == _DONE:
            return
        proc = _read(int(line))
        if proc is not None:  # None: it is gone already
            watched[proc.pid] = proc.start
    reap(watched, token)


def reap(watched: dict[int, int], token: str) -> None:
    """SIGTERM every victim, SIGKILL those alive after `GRACE_S`; look again each round, as a
    dying process may still start one."""
    victims: dict[int, int] = {}
    termed: set[int] = set()
    kill_after = time.monotonic() + GRACE_S
    while time.monotonic() < kill_after + GIVE_UP_S:
        table = _table()
        victims.update(_victims(table, watched, token))
        alive = {pid for pid, start in victims.items() if _alive(table.get(pid), start)}
        if not alive:
            return
        late = time.monotonic() > kill_after
        for pid in alive if late else alive - termed:
            with contextlib.suppress(ProcessLookupError):  # it ended just now
                os.kill(pid, signal.SIGKILL if late else signal.SIGTERM)
        termed |= alive
        time.sleep(0.1)


def _victims(table: dict[int, _Proc], watched: dict[int, int], token: str) -> dict[int, int]:
    roots = {pid for pid, start in watched.items() if _alive(table.get(pid), start)}
    roots |= {p.pid for p in table.values() if _in_watched_group(table, watched, p)}
    roots |= {p.pid for p in table.values() if not p.zombie and _marked(p.pid, token)}
    found = roots | _descendants(table, roots)
    found.discard(os.getpid())
    return {pid: table[pid].start for pid in found}


def _in_watched_group(table: dict[int, _Proc], watched: dict[int, int], proc: _Proc) -> bool:
    """Whether proc's group is led by a watched process. The leader may have died already:
    its PID cannot be reused while the group has members."""
    if proc.pgrp not in watched:
        return False
    leader = table.get(proc.pgrp)
    return leader is None or leader.start == watched[proc.pgrp]


def _descendants(table: dict[int, _Proc], roots: set[int]) -> set[int]:
    children: dict[int, list[int]] = {}
    for proc in table.values():
        children.setdefault(proc.ppid, []).append(proc.pid)
    found: set[int] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(proc: _Proc | None, start: int) -> bool:
    return proc is not None and proc.start == start and not proc.zombie


def _marked(pid: int, token: str) -> bool:
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # it ended, or belongs to someone we may not read
        return False
    return f"{MARK}={token}".encode() in environ.split(b"\0")


def _table() -> dict[int, _Proc]:
    """Every process, read from /proc."""
    procs = (_read(int(entry.name)) for entry in Path("/proc").iterdir() if entry.name.isdigit())
    return {proc.pid: proc for proc in procs if proc is not None}


def _read(pid: int) -> _Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # it has ended
        return None
    # The command name may hold spaces and parentheses; the fields after it do not.
    fields = stat.rpartition(")")[2].split()
    return _Proc(pid, int(fields[1]), int(fields[2]), fields[0] == "Z", int(fields[19]))


def main() -> None:
    """The watchdog: `python -m openlam.envs.lifetime TOKEN`, PIDs one a line on stdin."""
    # Its own session already keeps terminal signals away; SIGINT could still come by PID.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    guard(sys.argv[1], sys.stdin)


if __name__ == "__main__":
    main()
