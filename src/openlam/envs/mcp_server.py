"""`openlam mcp`: the real Writer and Chromium behind openlam's typed action spaces, as an
MCP server that other agents drive (stdio, or streamable HTTP on loopback).

A client opens a document or a page (a workspace), observes the numbered controls and the
document as openlam's agent sees them, acts one call at a time in the app's action syntax
(`click_input(label="3")`), saves and closes. The app's confirmation gate stays in force:
an action it would ask about is put to the user through the client (elicitation) where the
client can ask, and refused with the reason where it cannot.
"""

# No `from __future__ import annotations`: the SDK reads each tool's annotations when it
# registers the tool, and `act`'s name a resolver local to `build_server`.
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Literal

from mcp.server.elicitation import ElicitationResult
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.resolve import Elicit, Resolve
from pydantic import BaseModel, Field

from openlam.actions import ActionParseError
from openlam.envs.workspace import Workspace, WorkspaceError, Workspaces
from openlam.records import Action

WorkspaceId = Annotated[
    str | None, Field(description="the workspace to use; may be left out when only one is open")
]
INSTRUCTIONS = """Drive LibreOffice Writer or a Chromium page one action at a time.
Open a document (open_document) or a page (open_page); each returns the numbered controls and
the document. Then call act with one action in the app's call syntax, for example
click_input(label="12") or set_edit_text(label="3", text="Hello"); list_actions shows them all.
Writer also has document-level actions such as select_text(text="...") and set_font(...).
Save with save, and close the workspace when done."""


class Approval(BaseModel):
    """What the user is asked before a sensitive action."""

    approve: bool = Field(description="run the action")


def build_server(max_workspaces: int = 4) -> MCPServer:
    """The MCP server, with its tools and a fresh set of workspaces."""
    workspaces = Workspaces(max_workspaces)

    @asynccontextmanager
    async def lifespan(server: MCPServer):
        try:
            yield {}
        finally:
            await workspaces.close_all()

    server = MCPServer("openlam", instructions=INSTRUCTIONS, lifespan=lifespan)

    @server.tool()
    async def open_document(
        ctx: Context,
        path: Annotated[str | None, Field(description=".docx or .odt; none: a sample")] = None,
    ) -> str:
        """Open a copy of a Writer document in a new workspace (the file itself changes only
        when saved over); returns the workspace id, its controls and the document."""
        from openlam.run_request import DocumentError, check_document
        from openlam.tasks.apps import WriterApp
        from openlam.tasks.writer.templates import default_template

        document = Path(path).expanduser().resolve() if path else default_template()
        try:
            check_document(document)
        except DocumentError as exc:
            raise ToolError(str(exc)) from exc
        return await _open(ctx, workspaces, "writer", str(document), WriterApp.safety)

    @server.tool()
    async def open_page(ctx: Context, url: Annotated[str, Field(min_length=1)]) -> str:
        """Open a web page (http, https or file) in a new Chromium workspace; only its own
        host (or folder) may be visited. Returns the workspace id, controls and page text."""
        from openlam.run_request import RequestError, WebPage, web_start
        from openlam.tasks.apps import OPEN_WEB_SAFETY

        try:
            web_start(WebPage(url=url))
        except RequestError as exc:
            raise ToolError(str(exc)) from exc
        return await _open(ctx, workspaces, "web", url, OPEN_WEB_SAFETY)

    @server.tool()
    async def observe(ctx: Context, workspace: WorkspaceId = None) -> str:
        """The workspace's numbered controls and document (or page text), read again."""
        space = _get(ctx, workspaces, workspace)
        return space.render(await space.call(space.observe))

    async def user_approval(ctx: Context, action: str, workspace: str | None = None):
        """Runs before `act`: approval is given unless the gate would ask, and then the
        user is asked through the client (elicitation), where the client can ask."""
        space = _get(ctx, workspaces, workspace)
        reason = await space.call(space.gate, await _parsed(space, action))
        if reason is None:
            return Approval(approve=True)
        capabilities = ctx.client_capabilities
        if capabilities is None or capabilities.elicitation is None:
            return Approval(approve=False)
        return Elicit(f"Run {action}? It needs your approval: {reason}.", Approval)

    @server.tool()
    async def act(
        ctx: Context,
        action: Annotated[str, Field(min_length=1, description='e.g. click_input(label="3")')],
        approval: Annotated[ElicitationResult[Approval], Resolve(user_approval)],
        workspace: WorkspaceId = None,
    ) -> str:
        """Carry out one action; returns its result and the controls and document after it.
        Labels are those of the last observation."""
        space = _get(ctx, workspaces, workspace)
        parsed = await _parsed(space, action)
        if not (approval.action == "accept" and approval.data.approve):
            reason = await space.call(space.gate, parsed)
            raise ToolError(f"refused: {reason}; the user did not approve it, nothing was done")
        obs, restarted = await space.call(space.step, parsed)
        text = space.render(obs)
        return f"the application stopped: {restarted}\n\n{text}" if restarted else text

    @server.tool()
    async def save(
        ctx: Context,
        path: Annotated[str, Field(min_length=1, description=".docx, .odt or .pdf")],
        overwrite: bool = False,
        workspace: WorkspaceId = None,
    ) -> str:
        """Save the workspace's document to a file."""
        space = _get(ctx, workspaces, workspace)
        target = Path(path).expanduser().resolve()
        try:
            saved = await space.call(space.save, target, overwrite)
        except WorkspaceError as exc:
            raise ToolError(str(exc)) from exc
        return f"saved {saved}"

    @server.tool()
    async def close(ctx: Context, workspace: WorkspaceId = None) -> str:
        """Close the workspace and its application (unsaved changes are lost)."""
        space = _get(ctx, workspaces, workspace)
        await workspaces.close(space)
        return f"closed {space.id}"

    @server.tool()
    def list_actions(app: Literal["writer", "web"] = "writer") -> str:
        """Every action of an app, with its arguments and examples."""
        from openlam.tasks.apps import app_for

        return app_for(app).action_space().describe()

    return server


async def _open(ctx: Context, workspaces: Workspaces, app, source: str, safety) -> str:
    try:
        space, obs = await workspaces.open(_owner(ctx), app, source, safety)
    except WorkspaceError as exc:
        raise ToolError(str(exc)) from exc
    return space.render(obs)


def _get(ctx: Context, workspaces: Workspaces, workspace_id: str | None) -> Workspace:
    try:
        return workspaces.get(_owner(ctx), workspace_id)
    except WorkspaceError as exc:
        raise ToolError(str(exc)) from exc


def _owner(ctx: Context) -> str | None:
    """Who opened a workspace: the one client of a stdio server, or the HTTP client's MCP
    session; None for HTTP without a session (its workspaces are named by id only)."""
    headers = ctx.headers
    if headers is None:
        return "stdio"
    return headers.get("mcp-session-id")


async def _parsed(space: Workspace, action: str) -> Action:
    try:
        return await space.call(space.parse, action)
    except ActionParseError as exc:
        raise ToolError(f"not an action of {space.app}: {exc}") from exc


def serve(transport: Literal["stdio", "http"], host: str, port: int, max_workspaces: int) -> None:
    """Run the server until the client (stdio) or the process (http) ends."""
    server = build_server(max_workspaces)
    if transport == "stdio":
        server.run("stdio")
    else:
        server.run("streamable-http", host=host, port=port)
