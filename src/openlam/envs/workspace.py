"""A workspace: one application environment, opened on a document or a page, that another
program drives one action at a time (the MCP server's unit of state).

Each workspace owns a thread of its own and runs every call to its environment there:
Playwright's sync API serves only the thread that started it, and one thread per workspace
also keeps two clients from interleaving actions on one application. Actions pass the app's
confirmation gate; an application that dies is restarted on the workspace's last saved
state, and the caller is told what was lost.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from openlam.agent.prompt import PromptConfig, render_controls, render_document
from openlam.agent.safety import SafetyConfig, sensitive_reason
from openlam.records import Action, Observation

T = TypeVar("T")
App = Literal["writer", "web"]
# A session, not a batch job: the env's step limit is only a guard against a runaway client.
MAX_STEPS = 100_000
DOCUMENT_VIEW = PromptConfig(max_paragraphs=60, paragraph_chars=200)


class WorkspaceError(ValueError):
    """A request the workspace cannot carry out: unknown workspace, bad path, wrong app."""


@dataclass
class Workspace:
    """One environment on its own thread, and where it started from."""

    id: str
    app: App
    source: str  # the document (last saved, else the one opened) or the page address
    safety: SafetyConfig
    env: Any = None
    last: Observation | None = None  # what the client saw last: its labels are the live ones
    executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="workspace")
    )

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(*args)` on the workspace's own thread."""
        return await asyncio.wrap_future(self.executor.submit(fn, *args))

    def open(self) -> Observation:
        """Start the environment and open the source (on the workspace's thread)."""
        self.env, options = _new_env(self.app, self.source)
        self.last, _ = self.env.reset(options=options)
        return self.last

    def observe(self) -> Observation:
        self.last = self.env.observe()
        return self.last

    def gate(self, action: Action) -> str | None:
        """Why the action needs the user's approval, or None."""
        return sensitive_reason(action, self.last, self.safety)

    def parse(self, text: str) -> Action:
        return self.env.actions.parse(text.strip())

    def step(self, action: Action) -> tuple[Observation, str | None]:
        """Carry out one action; when the application died, restart it on the source and
        say so (the second value)."""
        obs, _, _, truncated, info = self.env.step(action)
        if not truncated:
            self.last = obs
            return obs, None
        reason = info.get("truncated_reason", "the application stopped")
        self.env.close()
        obs = self.open()
        lost = "changes since it was last saved" if self.app == "writer" else "the page's state"
        return obs, f"{reason}; a fresh one was started on {self.source} ({lost} are lost)"

    def save(self, path: Path, overwrite: bool) -> Path:
        if self.app != "writer":
            raise WorkspaceError("a web page has nothing to save")
        ext = path.suffix.lower().lstrip(".")
        if ext not in ("docx", "odt", "pdf"):
            raise WorkspaceError(f"save as .docx, .odt or .pdf, not {path.name!r}")
        if path.exists() and not overwrite:
            raise WorkspaceError(f"{path} exists: pass overwrite=true to replace it")
        self.env.save(path, ext=ext)
        if ext != "pdf":  # a restart reopens the last document saved, not an export
            self.source = str(path)
        return path

    def close(self) -> None:
        if self.env is not None:
            self.env.close()

    def render(self, obs: Observation) -> str:
        """The observation as the agent sees it: numbered controls, then the document."""
        where = f"workspace {self.id} ({self.app}: {self.source})"
        lines = [where, "", "controls:", render_controls(obs.controls)]
        if obs.document is not None:
            lines += ["", "document:", render_document(obs.document, DOCUMENT_VIEW)]
        result = obs.last_result
        if result is not None and (result.message or result.error):
            lines += ["", f"last action: {'ok' if result.ok else 'error'}: "
                          f"{result.error or result.message}"]  # fmt: skip
        return "\n".join(lines)


def _new_env(app: App, source: str) -> tuple[Any, dict[str, Any]]:
    if app == "writer":
        from openlam.envs.writer.env import WriterConfig, WriterEnv

        return WriterEnv(WriterConfig(max_steps=MAX_STEPS)), {"template": source}
    from openlam.envs.web.env import WebEnv
    from openlam.run_request import WebPage, web_start

    env_config, options, _ = web_start(WebPage(url=source))
    return WebEnv(env_config.model_copy(update={"max_steps": MAX_STEPS})), options


class Workspaces:
    """The open workspaces, each owned by the client session that opened it."""

    def __init__(self, max_open: int = 4):
        self.max_open = max_open
        self._open: dict[str, tuple[str | None, Workspace]] = {}
        self._numbers = itertools.count(1)

    async def open(self, owner: str | None, app: App, source: str, safety: SafetyConfig):
        if len(self._open) >= self.max_open:
            raise WorkspaceError(f"{self.max_open} workspaces are open: close one first")
        # Numbered for people, with a random part so that no client can guess another's.
        workspace_id = f"w{next(self._numbers)}-{secrets.token_hex(3)}"
        workspace = Workspace(workspace_id, app, source, safety)
        try:
            obs = await workspace.call(workspace.open)
        except BaseException:
            await workspace.call(workspace.close)
            workspace.executor.shutdown()
            raise
        self._open[workspace_id] = (owner, workspace)
        return workspace, obs

    def get(self, owner: str | None, workspace_id: str | None) -> Workspace:
        """The workspace by id, or the owner's only one when no id is given."""
        mine = {k: w for k, (o, w) in self._open.items() if o == owner}
        if workspace_id is None:
            if owner is not None and len(mine) == 1:
                return next(iter(mine.values()))
            raise WorkspaceError(
                f"say which workspace (open: {', '.join(mine) or 'none'})"
                if mine
                else "no workspace is open: open a document or a page first"
            )
        found = self._open.get(workspace_id)
        if found is None:
            raise WorkspaceError(f"no open workspace {workspace_id!r}")
        return found[1]

    async def close(self, workspace: Workspace) -> None:
        self._open.pop(workspace.id, None)
        await workspace.call(workspace.close)
        workspace.executor.shutdown()

    async def close_all(self) -> None:
        for _, workspace in list(self._open.values()):
            await self.close(workspace)
