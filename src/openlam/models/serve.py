"""Serve any TextModel over an OpenAI-compatible HTTP API, standard library only.

POST /v1/chat/completions and GET /v1/models, enough for OpenAI clients, evaluation
harnesses and `OpenAIChatModel`. Requests are answered one at a time: a model in this
process has no batching, and running two generations at once on the CPU only makes both
slower. It listens on loopback unless told otherwise; there is no authentication.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from openlam.models.base import Generation, Message, TextModel

log = logging.getLogger(__name__)

CHAT_PATH = "/v1/chat/completions"
MODELS_PATH = "/v1/models"
MAX_BODY_BYTES = 10 * 1024 * 1024


class ChatRequest(BaseModel):
    """The part of an OpenAI chat-completions request this server understands."""

    # Clients send many optional fields (top_p, user, ...); ignoring them is what other
    # OpenAI-compatible servers do, and rejecting them would break those clients.
    model_config = ConfigDict(extra="ignore")

    model: str | None = None
    messages: list[Message] = Field(min_length=1)
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    temperature: float = Field(0.0, ge=0, description="Greedy by default, unlike OpenAI's 1.")
    stop: str | list[str] | None = None
    n: int = Field(1, ge=1, le=1, description="One choice per request only.")
    stream: bool = Field(False, description="Streaming is not supported.")

    def stop_list(self) -> list[str] | None:
        return [self.stop] if isinstance(self.stop, str) else self.stop


class RequestError(Exception):
    """A request this server refuses, with the HTTP status to answer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class ModelServer:
    """An HTTP server bound to a port, answering with one model. Start it with `start()`
    (a background thread) or `serve_forever()` (blocking); `close()` frees the port."""

    def __init__(
        self,
        model: TextModel,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        default_max_tokens: int = 256,
    ):
        self.model = model
        self.default_max_tokens = default_max_tokens  # when a request sets no max_tokens
        self.lock = threading.Lock()
        self.httpd = _HTTPServer((host, port), self)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The API root (with /v1), as OpenAIChatConfig.base_url takes it."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> ModelServer:
        """Serve in a daemon thread and return at once."""
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self.httpd.serve_forever()

    def close(self) -> None:
        """Stop serving and free the port."""
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join()
            self.thread = None
        self.httpd.server_close()

    def complete(self, request: ChatRequest) -> dict[str, Any]:
        """Answer one chat-completions request with the model, in the OpenAI reply shape."""
        if request.stream:
            raise RequestError(400, "stream=true is not supported by this server")
        max_tokens = request.max_completion_tokens or request.max_tokens
        with self.lock:
            generation = self.model.generate(
                request.messages,
                max_new_tokens=max_tokens or self.default_max_tokens,
                temperature=request.temperature,
                stop=request.stop_list(),
            )
        return completion_body(self.model.name, generation)

    def models(self) -> dict[str, Any]:
        """The GET /v1/models reply: the one model served."""
        entry = {"id": self.model.name, "object": "model", "created": 0, "owned_by": "openlam"}
        return {"object": "list", "data": [entry]}


def completion_body(model_name: str, generation: Generation) -> dict[str, Any]:
    """A Generation in the OpenAI chat.completion shape."""
    body: dict[str, Any] = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model_name,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": generation.text},
                "finish_reason": generation.finish_reason or "stop",
            }
        ],
    }
    if generation.prompt_tokens is not None and generation.completion_tokens is not None:
        body["usage"] = {
            "prompt_tokens": generation.prompt_tokens,
            "completion_tokens": generation.completion_tokens,
            "total_tokens": generation.prompt_tokens + generation.completion_tokens,
        }
    return body


class _HTTPServer(ThreadingHTTPServer):
    """The stdlib server, carrying the ModelServer its handlers answer for."""

    daemon_threads = True  # a hung client must not keep the process alive

    def __init__(self, address: tuple[str, int], model_server: ModelServer):
        super().__init__(address, _Handler)
        self.model_server = model_server


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "openlam"

    @property
    def model_server(self) -> ModelServer:
        return self.server.model_server

    def do_GET(self) -> None:
        if self.path.rstrip("/") == MODELS_PATH:
            self._send(200, self.model_server.models())
        else:
            self._send_error(404, f"no such path: GET {self.path}")

    def do_POST(self) -> None:
        if self.path.rstrip("/") != CHAT_PATH:
            self._send_error(404, f"no such path: POST {self.path}")
            return
        try:
            self._send(200, self.model_server.complete(self._read_request()))
        except RequestError as exc:
            self._send_error(exc.status, str(exc))
        except Exception as exc:
            # The client gets the failure as a 500 and the traceback goes to the log;
            # the server stays up for the next request.
            log.exception("generation failed")
            self._send_error(500, f"{type(exc).__name__}: {exc}", "server_error")

    def _read_request(self) -> ChatRequest:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError as exc:
            raise RequestError(400, "Content-Length is not a number") from exc
        if length <= 0 or length > MAX_BODY_BYTES:
            raise RequestError(400, f"a JSON body of 1 to {MAX_BODY_BYTES} bytes is required")
        raw = self.rfile.read(length)
        try:
            return ChatRequest.model_validate_json(raw)
        except ValidationError as exc:
            raise RequestError(400, _describe(exc)) from exc

    def _send_error(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        self._send(status, {"error": {"message": message, "type": kind, "code": status}})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)


def _describe(exc: ValidationError) -> str:
    """Pydantic's errors in one line, e.g. `messages.0.role: Input should be ...`."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "body"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


@contextmanager
def serve(model: TextModel, host: str = "127.0.0.1", port: int = 0) -> Iterator[ModelServer]:
    """Serve `model` in a background thread for the duration of a with-block.

    Port 0 takes a free port; read it back from `server.url`.
    """
    server = ModelServer(model, host, port).start()
    try:
        yield server
    finally:
        server.close()


def serve_forever(model: TextModel, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `model` in this thread until interrupted (Ctrl-C), then free the port."""
    server = ModelServer(model, host, port)
    log.info("serving %s at %s", model.name, server.url)
    try:
        server.serve_forever()
    finally:
        server.close()
