"""`openlam mcp` driven by the MCP SDK's own client over stdio: Writer and a local web page
through observe/act, the confirmation gate, and a killed soffice."""

import os
import signal
import sys
from pathlib import Path

import anyio
import docx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

pytestmark = [pytest.mark.writer, pytest.mark.web]
FORM = """<html><body><h1>Newsletter</h1><label for=m>E-mail</label><input id=m>
<button onclick="document.body.insertAdjacentHTML('beforeend',
  '<p>Subscribed ' + document.getElementById('m').value + '</p>')">Join</button></body></html>"""


def server() -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=["-m", "openlam.cli", "mcp"])


async def call(client: Client, tool: str, **args) -> str:
    result = await client.call_tool(tool, args)
    text = "\n".join(c.text for c in result.content)
    assert not result.is_error, text
    return text


async def call_error(client: Client, tool: str, **args) -> str:
    result = await client.call_tool(tool, args)
    assert result.is_error
    return "\n".join(c.text for c in result.content)


def label_of(observation: str, name: str, kind: str) -> str:
    for line in observation.splitlines():
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) >= 3 and parts[1] == name and parts[2] == kind:
            return parts[0]
    raise AssertionError(f"no {kind} {name!r} in:\n{observation}")


def bold_runs(path: Path, word: str) -> list[bool]:
    return [bool(r.bold) for p in docx.Document(path).paragraphs for r in p.runs if word in r.text]


def test_a_word_made_bold_through_observe_and_act_is_in_the_saved_file(letter, tmp_path):
    async def scenario():
        async with Client(server()) as client:
            names = {t.name for t in (await client.list_tools()).tools}
            assert {"open_document", "open_page", "observe", "act", "save", "close"} <= names
            opened = await call(client, "open_document", path=str(letter))
            assert "controls:" in opened and "Portsmouth" in opened
            await call(client, "act", action='select_text(text="Portsmouth")')
            seen = await call(client, "observe")
            text = label_of(seen, opened_document_name(seen), "document text")
            # The shortcut acts on the document itself. A click on the Bold toolbar button
            # of a freshly started soffice once left the word as it was (an open defect of
            # the toolbar path, not of the server).
            bold = f'keyboard_input(label="{text}", keys="{{ctrl+b}}")'
            done = await call(client, "act", action=bold)
            assert "last action: ok" in done
            out = tmp_path / "out.docx"
            assert "saved" in await call(client, "save", path=str(out))
            refused = await call_error(client, "save", path=str(out))
            assert "overwrite" in refused
            await call(client, "close")
        return out

    out = anyio.run(scenario)
    assert bold_runs(out, "Portsmouth") == [True]
    assert not any(bold_runs(letter, "Portsmouth"))  # the opened file itself is untouched


def test_a_gated_action_is_refused_when_the_client_cannot_ask(letter):
    async def scenario():
        async with Client(server()) as client:
            opened = await call(client, "open_document", path=str(letter))
            text = label_of(opened, opened_document_name(opened), "document text")
            refused = await call_error(
                client, "act", action=f'keyboard_input(label="{text}", keys="{{ctrl+w}}")'
            )
            assert "refused" in refused and "closes the document" in refused
            assert "controls:" in await call(client, "observe")  # still open
            bad = await call_error(client, "act", action="make it nice")
            assert "not an action" in bad

    anyio.run(scenario)


def opened_document_name(observation: str) -> str:
    for line in observation.splitlines():
        parts = [p.strip() for p in line.split(" | ")]
        if len(parts) >= 3 and parts[2] == "document text":
            return parts[1]
    raise AssertionError(f"no document text control in:\n{observation}")


def test_a_killed_soffice_is_reported_and_restarted_on_the_last_save(letter, tmp_path):
    async def scenario():
        async with Client(server()) as client:
            await call(client, "open_document", path=str(letter))
            await call(client, "act", action='select_text(text="Portsmouth")')
            saved = tmp_path / "saved.docx"
            await call(client, "save", path=str(saved))
            for pid in descendants_named("soffice.bin"):
                os.kill(pid, signal.SIGKILL)
            after = await call(client, "act", action='select_text(text="Portsmouth")')
            assert "the application stopped" in after and str(saved) in after
            again = await call(client, "act", action='select_text(text="Portsmouth")')
            assert "last action: ok" in again

    anyio.run(scenario)


def descendants_named(name: str) -> list[int]:
    """Processes called `name` that this test process started, however deep."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = (int(fields[1]), (entry / "comm").read_text().strip())
            except OSError:
                continue
    found = []
    for pid, (_, comm) in parents.items():
        ancestor = pid
        while ancestor in parents and ancestor != os.getpid():
            ancestor = parents[ancestor][0]
        if ancestor == os.getpid() and comm == name:
            found.append(pid)
    assert found, f"no {name} under this test"
    return found


def test_a_local_page_is_filled_and_submitted(tmp_path):
    page = tmp_path / "join.html"
    page.write_text(FORM)

    async def scenario():
        async with Client(server()) as client:
            opened = await call(client, "open_page", url=page.as_uri())
            box = label_of(opened, "E-mail", "textbox")
            await call(
                client, "act", action=f'set_edit_text(label="{box}", text="ada@example.org")'
            )
            seen = await call(client, "observe")
            after = await call(
                client, "act", action=f'click(label="{label_of(seen, "Join", "button")}")'
            )
            assert "Subscribed ada@example.org" in after
            nothing = await call_error(client, "save", path=str(tmp_path / "x.docx"))
            assert "nothing to save" in nothing

    anyio.run(scenario)


SEND = """<html><body><label for=t>Message</label><input id=t>
<button onclick="document.body.insertAdjacentHTML('beforeend', '<p>Sent</p>')">Send</button>
</body></html>"""


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_a_gated_click_is_put_to_the_user_through_elicitation(tmp_path, answer):
    from mcp_types import ElicitResult

    page = tmp_path / "send.html"
    page.write_text(SEND)
    asked = []

    async def ask_user(context, params):
        asked.append(params.message)
        return ElicitResult(
            action=answer, content={"approve": True} if answer == "accept" else None
        )

    async def scenario():
        async with Client(server(), elicitation_callback=ask_user) as client:
            opened = await call(client, "open_page", url=page.as_uri())
            result = await client.call_tool(
                "act", {"action": f'click(label="{label_of(opened, "Send", "button")}")'}
            )
            return result.is_error, "\n".join(c.text for c in result.content)

    is_error, text = anyio.run(scenario)
    assert asked and "Send" in asked[0] and "approval" in asked[0]
    if answer == "accept":
        assert not is_error and "Sent" in text
    else:
        assert is_error and "refused" in text


def test_streamable_http_serves_each_session_its_own_workspace(tmp_path):
    import socket
    import subprocess
    import time

    page = tmp_path / "join.html"
    page.write_text(FORM)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "openlam.cli", "mcp", "--http", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
            time.sleep(0.2)

        async def one_client(email: str) -> str:
            async with Client(f"http://127.0.0.1:{port}/mcp") as client:
                opened = await call(client, "open_page", url=page.as_uri())
                workspace = opened.split()[1]  # "workspace w1-... (web: ...)"
                box = label_of(opened, "E-mail", "textbox")
                action = f'set_edit_text(label="{box}", text="{email}")'
                await call(client, "act", action=action, workspace=workspace)
                button = label_of(opened, "Join", "button")
                done = await call(
                    client, "act", action=f'click(label="{button}")', workspace=workspace
                )
                await call(client, "close", workspace=workspace)
                return done

        async def both():
            async with anyio.create_task_group() as group:
                results = {}

                async def run(email):
                    results[email] = await one_client(email)

                for email in ("ada@example.org", "alan@example.org"):
                    group.start_soon(run, email)
            return results

        results = anyio.run(both)
        assert "Subscribed ada@example.org" in results["ada@example.org"]
        assert "alan" not in results["ada@example.org"]
        assert "Subscribed alan@example.org" in results["alan@example.org"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
