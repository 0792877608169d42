"""The OpenAI-compatible client against our own server, with a ScriptedModel behind it."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from openlam.models.base import Message, ModelError
from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
from openlam.models.scripted import ScriptedModel
from openlam.models.serve import ModelServer, serve

ASK = [Message(role="system", content="Be brief."), Message(role="user", content="click OK")]


def client(url: str, **config) -> OpenAIChatModel:
    return OpenAIChatModel(OpenAIChatConfig(base_url=url, model="scripted", **config))


def post(url: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_round_trip_through_the_server():
    model = ScriptedModel(["click(label=3) and done"])
    with serve(model) as server:
        generation = client(server.url).generate(
            ASK, max_new_tokens=7, temperature=0.5, stop=[" and"]
        )
    assert generation.text == "click(label=3)"
    assert generation.prompt_tokens == 4
    assert generation.completion_tokens == 1
    assert generation.finish_reason == "stop"
    assert generation.total_seconds > 0
    assert model.calls == [ASK]
    assert model.settings == [{"max_new_tokens": 7, "temperature": 0.5, "stop": [" and"]}]


def test_reply_has_the_openai_shape_and_models_lists_the_model():
    with serve(ScriptedModel(["hi"], name="tiny")) as server:
        body = json.dumps(
            {
                "model": "tiny",
                "messages": [{"role": "user", "content": "x"}],
                "stop": "never",
                "top_p": 0.9,
            }
        ).encode()
        status, reply = post(server.url + "/chat/completions", body)
        with urllib.request.urlopen(server.url + "/models", timeout=10) as response:
            models = json.loads(response.read())
    assert status == 200
    assert reply["object"] == "chat.completion"
    assert reply["model"] == "tiny"
    assert reply["choices"] == [
        {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
    ]
    assert reply["usage"] == {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    assert [m["id"] for m in models["data"]] == ["tiny"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "json_invalid|Invalid JSON"),
        (b'{"messages": []}', "messages"),
        (b'{"messages": [{"role": "robot", "content": "x"}]}', "messages.0.role"),
        (b'{"messages": [{"role": "user", "content": "x"}], "n": 2}', "^n: "),
        (b'{"messages": [{"role": "user", "content": "x"}], "stream": true}', "stream"),
        (b'{"messages": [{"role": "user", "content": "x"}], "max_tokens": 0}', "max_tokens"),
    ],
)
def test_malformed_requests_get_400_with_a_json_error(body, message):
    model = ScriptedModel(["unused"])
    with serve(model) as server:
        status, reply = post(server.url + "/chat/completions", body)
    assert status == 400
    assert reply["error"]["type"] == "invalid_request_error"
    assert re.search(message, reply["error"]["message"])
    assert model.calls == []


def test_unknown_path_is_404():
    with serve(ScriptedModel([])) as server:
        status, reply = post(server.url + "/completions", b"{}")
    assert status == 404
    assert "no such path" in reply["error"]["message"]


def test_client_reports_a_400_with_the_servers_message():
    with serve(ScriptedModel(["x"])) as server:
        model = client(server.url, extra_body={"n": 3})
        with pytest.raises(ModelError, match="answered HTTP 400: n: Input should be less"):
            model.generate(ASK)


def test_a_failing_model_is_a_500_and_the_server_stays_up():
    model = ScriptedModel(["one"])
    with serve(model) as server:
        remote = client(server.url)
        assert remote.generate(ASK).text == "one"
        with pytest.raises(ModelError, match=r"HTTP 500: ScriptExhaustedError: .*no output left"):
            remote.generate(ASK)
        model.outputs.append("two")
        assert remote.generate(ASK).text == "two"


def test_server_down_is_a_model_error():
    server = ModelServer(ScriptedModel([]))
    url = server.url
    server.close()
    refused = r"cannot reach http://127\.0\.0\.1:\d+/v1/chat/completions: .*Connection refused"
    with pytest.raises(ModelError, match=refused):
        client(url).generate(ASK)


# A server that answers what no chat-completions server should, to check the client's errors.
BAD_REPLIES = {
    "/text/v1/chat/completions": b"<html>gateway error</html>",
    "/nochoices/v1/chat/completions": b'{"object": "chat.completion", "choices": []}',
    "/nullcontent/v1/chat/completions": (
        b'{"choices": [{"message": {"role": "assistant", "content": null}}]}'
    ),
}


class _BadHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.path.startswith("/slow/"):
            time.sleep(1.5)
        if self.path.startswith("/echo/"):
            auth = self.headers.get("Authorization", "")
            body = json.dumps({"choices": [{"message": {"content": auth}}]}).encode()
        else:
            body = BAD_REPLIES.get(self.path, b"{}")
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # keep pytest output clean


@contextmanager
def bad_server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _BadHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("text", "answered with non-JSON: '<html>gateway error</html>'"),
        ("nochoices", "without choices\\[0\\].message.content"),
        ("nullcontent", "no text content"),
    ],
)
def test_replies_that_are_not_chat_completions_are_model_errors(prefix, message):
    with bad_server() as root, pytest.raises(ModelError, match=message):
        client(f"{root}/{prefix}/v1").generate(ASK)


def test_timeout_is_a_model_error():
    with bad_server() as root, pytest.raises(ModelError, match=r"did not answer within 0\.3 s"):
        client(f"{root}/slow/v1", timeout_s=0.3).generate(ASK)


def test_api_key_is_read_from_the_named_variable(monkeypatch):
    monkeypatch.setenv("OPENLAM_TEST_KEY", "sk-test")
    with bad_server() as root:
        generation = client(f"{root}/echo/v1", api_key_env="OPENLAM_TEST_KEY").generate(ASK)
    assert generation.text == "Bearer sk-test"
    assert generation.prompt_tokens is None
    monkeypatch.delenv("OPENLAM_TEST_KEY")
    with pytest.raises(ModelError, match="OPENLAM_TEST_KEY is not set"):
        client(f"{root}/echo/v1", api_key_env="OPENLAM_TEST_KEY")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"openlam serve exited: {process.communicate()}")
        try:
            with urllib.request.urlopen(url + "/models", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"openlam serve did not come up at {url}")


def test_cli_serve_proxies_an_openai_endpoint():
    """`openlam serve --backend openai` in a real process, in front of a scripted server."""
    upstream_model = ScriptedModel(["from upstream"])
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1"
    openlam = Path(sys.executable).parent / "openlam"
    with serve(upstream_model) as upstream:
        process = subprocess.Popen(
            [
                str(openlam),
                "serve",
                "--backend",
                "openai",
                "--model",
                "scripted",
                "--base-url",
                upstream.url,
                "--port",
                str(port),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        try:
            _wait_until_up(url, process)
            assert client(url).generate(ASK, max_new_tokens=9).text == "from upstream"
        finally:
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=30)
    assert f"serving scripted at {url}" in out, err
    assert upstream_model.settings[0]["max_new_tokens"] == 9
