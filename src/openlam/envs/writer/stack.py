"""One isolated desktop stack per Writer environment.

Xvfb (its own display), openbox (without a window manager the Writer window stays 1x26 px
and the accessibility tree has no toolbars), a private D-Bus session (which also carries the
AT-SPI bus it activates), and soffice with its own profile and UNO port. Every process is
started in its own session and stopped by PID, together with whatever it spawned. A reaper
(`openlam.envs.lifetime`) kills them all should the owner die without stopping them, even by
SIGKILL, which neither `atexit` nor a kill of the owner's process group would cover.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from openlam.envs.lifetime import Reaper, family

# The wrapper, not soffice.bin: a fresh profile makes soffice.bin exit with code 81 and
# expect its launcher (oosplash) to start it again.
SOFFICE = "/usr/lib/libreoffice/program/soffice"

# Settings a fresh profile would otherwise prompt for or do in the background.
_PROFILE_SETTINGS = {
    ("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay"): ("boolean", "false"),
    ("/org.openoffice.Office.Common/Misc", "FirstRun"): ("boolean", "false"),
    # Each episode opens a fresh copy; lock files would only ask questions in dialogs.
    ("/org.openoffice.Office.Common/Misc", "UseLocking"): ("boolean", "false"),
    ("/org.openoffice.Setup/Office", "ooSetupLastVersion"): ("string", "7.4"),
    ("/org.openoffice.Office.Recovery/AutoSave", "Enabled"): ("boolean", "false"),
    ("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled"): ("boolean", "false"),
    ("/org.openoffice.Office.Common/Save/Document", "WarnAlienFormat"): ("boolean", "false"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel"): ("int", "3"),
    ("/org.openoffice.Office.UI/Infobar/Enabled", "WhatsNew"): ("boolean", "false"),
}


class StackError(RuntimeError):
    """A process of the stack failed to start or stopped answering."""


@dataclass
class StackConfig:
    """How the desktop stack is started."""

    width: int = 1280
    height: int = 1024
    start_timeout_s: float = 60.0
    soffice: str = SOFFICE
    keep_workdir: bool = False


@dataclass
class DesktopStack:
    """Xvfb + openbox + D-Bus + soffice, owned by one environment."""

    config: StackConfig = field(default_factory=StackConfig)
    workdir: Path | None = None
    display: str | None = None
    dbus_address: str | None = None
    uno_port: int | None = None
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    reaper: Reaper | None = None

    def start(self) -> None:
        """Start every process; on any failure, stop what was started and raise."""
        self.workdir = Path(tempfile.mkdtemp(prefix="openlam-writer-"))
        atexit.register(self.stop)
        self.reaper = Reaper()
        try:
            self._start_xvfb()
            self._start_dbus()
            self._spawn("openbox", ["openbox", "--sm-disable"])
            self._start_soffice()
        except BaseException:
            self.stop()
            raise

    def env(self) -> dict[str, str]:
        """The environment a process needs to reach this stack's display and buses. It
        carries the reaper's mark: whatever is started with it dies with the owner."""
        env = dict(os.environ)
        for key in (
            "DBUS_SESSION_BUS_ADDRESS",
            "AT_SPI_BUS_ADDRESS",
            "WAYLAND_DISPLAY",
            "NO_AT_BRIDGE",
        ):
            env.pop(key, None)
        env.update(
            DISPLAY=self.display or "",
            DBUS_SESSION_BUS_ADDRESS=self.dbus_address or "",
            SAL_USE_VCLPLUGIN="gtk3",
            XDG_RUNTIME_DIR=str(self.workdir / "run"),
        )
        return self.reaper.mark(env)

    def alive(self) -> dict[str, bool]:
        return {name: proc.poll() is None for name, proc in self.procs.items()}

    def all_alive(self) -> bool:
        return bool(self.procs) and all(self.alive().values())

    def app_pid(self) -> int | None:
        """PID of soffice.bin, the process that owns the windows (a child of the launcher)."""
        launcher = self.procs.get("soffice")
        if launcher is None:
            return None
        for pid in sorted(family([launcher.pid])):
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            name, _, rest = stat.partition("(")[2].rpartition(")")
            if name == "soffice.bin" and rest.split()[0] != "Z":
                return pid
        return None

    def app_alive(self) -> bool:
        """Every process up, soffice.bin included (it can die under a live launcher)."""
        return self.all_alive() and self.app_pid() is not None

    def stop(self) -> None:
        """Kill every process of the stack and whatever they spawned; remove the workdir."""
        for pid in family(proc.pid for proc in self.procs.values()):
            _kill(pid)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                _kill(proc.pid)
        self.procs.clear()
        if self.reaper is not None:
            self.reaper.release()
            self.reaper = None
        atexit.unregister(self.stop)
        if self.workdir and not self.config.keep_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir = None

    # -- starting each part -------------------------------------------------------------

    def _spawn(self, name: str, argv: list[str], **kwargs) -> subprocess.Popen:
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - lives as long as proc
        proc = subprocess.Popen(
            argv,
            env=kwargs.pop("env", self.env()),
            stdout=kwargs.pop("stdout", log),
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            **kwargs,
        )
        log.close()
        self.procs[name] = proc
        self.reaper.watch(proc.pid)
        return proc

    def _start_xvfb(self) -> None:
        (self.workdir / "run").mkdir(mode=0o700)
        read_fd, write_fd = os.pipe()
        screen = f"{self.config.width}x{self.config.height}x24"
        argv = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", screen, "-nolisten", "tcp"]
        self._spawn("xvfb", argv, env=self.reaper.mark(dict(os.environ)), pass_fds=(write_fd,))
        os.close(write_fd)
        number = _read_line(read_fd, self.config.start_timeout_s, "Xvfb display number")
        self.display = f":{number}"

    def _start_dbus(self) -> None:
        read_fd, write_fd = os.pipe()
        argv = ["dbus-daemon", "--session", "--nofork", f"--print-address={write_fd}"]
        self._spawn("dbus", argv, pass_fds=(write_fd,))
        os.close(write_fd)
        self.dbus_address = _read_line(read_fd, self.config.start_timeout_s, "D-Bus address")

    def _start_soffice(self) -> None:
        profile = self.workdir / "profile"
        _write_profile(profile)
        self._initialise_profile(profile)
        self.uno_port = _free_port()
        argv = [
            self.config.soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--nodefault",
            "--nofirststartwizard",
            f"--accept=socket,host=127.0.0.1,port={self.uno_port};urp;",
        ]
        self._spawn("soffice", argv)

    def _initialise_profile(self, profile: Path) -> None:
        """Run soffice once to finish the new profile.

        On a fresh profile soffice.bin exits with code 81 after setting it up and its
        launcher starts it again; a UNO connection made to the first run is dropped, and a
        document load sent at that moment can hang. Doing that once here avoids the race.
        """
        argv = [
            self.config.soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--terminate_after_init",
        ]
        try:
            subprocess.run(
                argv,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=self.config.start_timeout_s,
                check=True,
            )
        except subprocess.TimeoutExpired as exc:
            raise StackError("soffice did not finish setting up its profile") from exc
        except subprocess.CalledProcessError as exc:
            detail = exc.stderr[-300:]
            raise StackError(f"soffice failed to set up its profile: {detail!r}") from exc


def _write_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True)
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f'<value xsi:type="xs:{kind}">{value}</value></prop></item>'
        if kind != "string"
        else f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse">'
        f"<value>{value}</value></prop></item>"
        for (path, name), (kind, value) in _PROFILE_SETTINGS.items()
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n",
        encoding="utf-8",
    )


def _read_line(fd: int, timeout_s: float, what: str) -> str:
    deadline = time.monotonic() + timeout_s
    data = b""
    try:
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise StackError(f"timed out waiting for the {what}")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(fd, 256)
            if not chunk:
                raise StackError(f"the process exited before printing the {what}")
            data += chunk
    finally:
        os.close(fd)
    return data.decode().strip()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
