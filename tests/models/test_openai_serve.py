"""`openlam serve` and the OpenAI-compatible client, both spoken to by the official `openai`
client: a ScriptedModel behind an in-process server, and the real SmolLM2 behind
`openlam serve` started as a command."""

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

import openai
import pytest

from openlam.models.base import Generation, Message, ModelError
from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
from openlam.models.scripted import ScriptedModel
from openlam.models.serve import ModelServer, serve

ASK = [Message(role="system", content="Be brief."), Message(role="user", content="click OK")]
USER = [{"role": "user", "content": "click OK"}]


def client(url: str, **config) -> OpenAIChatModel:
    return OpenAIChatModel(OpenAIChatConfig(base_url=url, model="scripted", **config))


def official(url: str) -> openai.OpenAI:
    """The official client, as a user of `openlam serve` would make it."""
    return openai.OpenAI(base_url=url, api_key="none", timeout=120, max_retries=0)


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


def test_official_client_plain_streamed_and_models_list():
    with serve(ScriptedModel(["hi there", "hi again"], name="tiny")) as server:
        api = official(server.url)
        plain = api.chat.completions.create(model="tiny", messages=USER, top_p=0.9)
        stream = api.chat.completions.create(
            model="tiny", messages=USER, stream=True, stream_options={"include_usage": True}
        )
        chunks = list(stream)
        models = api.models.list()
    assert plain.object == "chat.completion" and plain.model == "tiny"
    assert plain.choices[0].message.content == "hi there"
    assert plain.choices[0].finish_reason == "stop"
    assert (plain.usage.prompt_tokens, plain.usage.completion_tokens) == (2, 2)
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert len({c.id for c in chunks}) == 1
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "hi again"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage.total_tokens == 4
    assert [m.id for m in models] == ["tiny"]


def test_stream_is_server_sent_events_ending_with_done():
    body = json.dumps({"messages": USER, "stream": True}).encode()
    with serve(ScriptedModel(["ok"])) as server:
        request = urllib.request.Request(server.url + "/chat/completions", data=body)
        with urllib.request.urlopen(request, timeout=10) as response:
            kind = response.headers["Content-Type"]
            events = response.read().decode().split("\n\n")
    assert kind.startswith("text/event-stream")
    assert events[-2:] == ["data: [DONE]", ""]
    assert all(e.startswith("data: {") for e in events[:-2])
    assert "usage" not in json.loads(events[-3].removeprefix("data: "))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "json_invalid|Invalid JSON"),
        (b'{"messages": []}', "messages"),
        (b'{"messages": [{"role": "robot", "content": "x"}]}', "messages.0.role"),
        (b'{"messages": [{"role": "user", "content": "x"}], "n": 2}', "^n: "),
        (b'{"messages": [{"role": "user", "content": "x"}], "max_tokens": 0}', "max_tokens"),
        (b'{"messages": [{"role": "user", "content": "x"}], "stream": "maybe"}', "^stream: "),
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


def test_unknown_path_is_404_and_wrong_method_405_in_openai_shape():
    with serve(ScriptedModel([])) as server:
        status, reply = post(server.url + "/completions", b"{}")
        assert status == 404
        assert reply["error"]["message"] == "Not Found: POST /v1/completions"
        with pytest.raises(openai.APIStatusError) as raised:
            official(server.url).get("/chat/completions", cast_to=object)
    assert raised.value.status_code == 405
    assert raised.value.body["message"] == "Method Not Allowed: GET /v1/chat/completions"


def test_client_reports_a_400_with_the_servers_message():
    with serve(ScriptedModel(["x"])) as server:
        model = client(server.url, extra_body={"n": 3})
        with pytest.raises(ModelError, match="answered HTTP 400: n: Input should be less"):
            model.generate(ASK)


def test_a_failing_model_is_a_500_not_retried_and_the_server_stays_up():
    model = ScriptedModel(["one"])
    with serve(model) as server:
        remote = client(server.url, max_retries=2)
        assert remote.generate(ASK).text == "one"
        with pytest.raises(ModelError, match=r"HTTP 500: ScriptExhaustedError: .*no output left"):
            remote.generate(ASK)
        assert len(model.calls) == 2  # the server said the failure is not worth retrying
        model.outputs.append("two")
        assert remote.generate(ASK).text == "two"


class SlowModel:
    """A TextModel that takes its time and notes how many generations ran at once."""

    name = "slow"

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def generate(self, messages, *, max_new_tokens=256, temperature=0.0, stop=None):
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return Generation(text=messages[-1].content.upper(), total_seconds=self.seconds)


def test_concurrent_requests_wait_their_turn_and_models_answers_meanwhile():
    model = SlowModel(0.5)
    answers: dict[str, str] = {}

    def ask(word: str) -> None:
        answers[word] = client(server.url).generate([Message(role="user", content=word)]).text

    with serve(model) as server:
        api = official(server.url)
        threads = [threading.Thread(target=ask, args=(w,)) for w in ("a", "b", "c")]
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        listed = [m.id for m in api.models.list()]
        answered_meanwhile = len(answers)
        for thread in threads:
            thread.join()
    assert answers == {"a": "A", "b": "B", "c": "C"}
    assert model.most_at_once == 1
    # The queue takes 1.5 s; the listing did not wait for it.
    assert listed == ["slow"] and answered_meanwhile < 3


def test_server_down_is_a_model_error():
    server = ModelServer(ScriptedModel([]))
    url = server.url
    server.close()
    refused = r"cannot reach http://127\.0\.0\.1:\d+/v1/chat/completions: .*refused"
    with pytest.raises(ModelError, match=refused):
        client(url, max_retries=0).generate(ASK)


# A server that answers what no chat-completions server should, to check the client's errors.
BAD_REPLIES = {
    "/text/v1/chat/completions": b"<html>gateway error</html>",
    "/nochoices/v1/chat/completions": b'{"object": "chat.completion", "choices": []}',
    "/nullcontent/v1/chat/completions": (
        b'{"choices": [{"message": {"role": "assistant", "content": null}}]}'
    ),
}


class _BadHandler(BaseHTTPRequestHandler):
    flaky_calls = 0

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        status = 200
        if self.path.startswith("/slow/"):
            time.sleep(1.5)
        if self.path.startswith("/echo/"):
            auth = self.headers.get("Authorization", "")
            body = json.dumps({"choices": [{"message": {"content": auth}}]}).encode()
        elif self.path.startswith("/flaky/"):
            # Busy once, then fine: what a client's retries are for.
            _BadHandler.flaky_calls += 1
            status = 503 if _BadHandler.flaky_calls == 1 else 200
            body = json.dumps({"choices": [{"message": {"content": "second try"}}]}).encode()
        else:
            body = BAD_REPLIES.get(self.path, b"{}")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Retry-After", "0")
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
        client(f"{root}/slow/v1", timeout_s=0.3, max_retries=0).generate(ASK)


def test_a_busy_server_is_retried():
    _BadHandler.flaky_calls = 0
    with bad_server() as root:
        assert client(f"{root}/flaky/v1", max_retries=1).generate(ASK).text == "second try"
        _BadHandler.flaky_calls = 0
        with pytest.raises(ModelError, match="answered HTTP 503"):
            client(f"{root}/flaky/v1", max_retries=0).generate(ASK)


def test_api_key_is_read_from_the_named_variable_and_only_from_it(monkeypatch):
    monkeypatch.setenv("OPENLAM_TEST_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-not-for-this-server")
    with bad_server() as root:
        generation = client(f"{root}/echo/v1", api_key_env="OPENLAM_TEST_KEY").generate(ASK)
        unnamed = client(f"{root}/echo/v1").generate(ASK)
    assert generation.text == "Bearer sk-test"
    assert generation.prompt_tokens is None
    assert unnamed.text == "Bearer none"
    monkeypatch.delenv("OPENLAM_TEST_KEY")
    with pytest.raises(ModelError, match="OPENLAM_TEST_KEY is not set"):
        client(f"{root}/echo/v1", api_key_env="OPENLAM_TEST_KEY")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def openlam_serve(*args: str, limit_s: float = 240):
    """`openlam serve ARGS` as a command on a free port; yields its API root, stops it with
    Ctrl-C (SIGINT) and returns its (stdout, stderr) in the list it yielded with."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1"
    command = [str(Path(sys.executable).parent / "openlam"), "serve", *args, "--port", str(port)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    output: list[str] = []
    try:
        _wait_until_up(url, process, limit_s)
        yield url, output
    finally:
        process.send_signal(signal.SIGINT)
        output.extend(process.communicate(timeout=60))


def _wait_until_up(url: str, process: subprocess.Popen, limit_s: float) -> None:
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
    with serve(upstream_model) as upstream:
        args = ["--backend", "openai", "--model", "scripted", "--base-url", upstream.url]
        with openlam_serve(*args, limit_s=60) as (url, output):
            assert client(url).generate(ASK, max_new_tokens=9).text == "from upstream"
    out, err = output
    assert f"serving scripted at {url}" in out, err
    assert "stopped" in out, err
    assert upstream_model.settings[0]["max_new_tokens"] == 9


QUESTIONS = ["What is the capital of France?", "Name a colour of the sky."]


@pytest.mark.smollm2
def test_official_openai_client_against_openlam_serve_with_smollm2(smollm2_dir):
    """The real default model behind `openlam serve`: plain and streamed completions agree,
    models.list names it, and two clients asking at once each get their own answer."""

    def ask(api: openai.OpenAI, question: str) -> str:
        reply = api.chat.completions.create(
            model="any",
            messages=[{"role": "user", "content": question}],
            max_tokens=8,
            temperature=0,
        )
        return reply.choices[0].message.content

    with openlam_serve("--threads", "1") as (url, output):
        api = official(url)
        models = [m.id for m in api.models.list()]
        alone = [ask(api, q) for q in QUESTIONS]
        stream = api.chat.completions.create(
            model="any",
            messages=[{"role": "user", "content": QUESTIONS[0]}],
            max_tokens=8,
            temperature=0,
            stream=True,
        )
        streamed = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        together: dict[str, str] = {}

        def ask_in_thread(question: str) -> None:
            together[question] = ask(official(url), question)

        threads = [threading.Thread(target=ask_in_thread, args=(q,)) for q in QUESTIONS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    out, err = output
    assert models == ["smollm2-135m-instruct"]
    assert all(alone) and alone[0] != alone[1]
    assert streamed == alone[0]
    assert together == dict(zip(QUESTIONS, alone, strict=True))
    # Quiet unless --verbose: no transformers loading chatter, no access log.
    assert "Loading weights" not in err and "LOAD REPORT" not in err, err
    assert "/v1/chat/completions" not in err, err
