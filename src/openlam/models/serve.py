"""Serve any TextModel over an OpenAI-compatible HTTP API: a Starlette app run by uvicorn.

POST /v1/chat/completions (plain, or streamed as server-sent events the way OpenAI streams)
and GET /v1/models, enough for the official `openai` client, evaluation harnesses and
`OpenAIChatModel`. Generations run one at a time, in arrival order: a model in this process
has no batching, keeps state between calls (its prompt cache), and two generations at once
on the CPU only make both slower. It listens on loopback unless told otherwise; there is no
authentication.
"""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from openlam.models.base import Generation, Message, TextModel

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 10 * 1024 * 1024


class StreamOptions(BaseModel):
    """OpenAI's `stream_options`: with include_usage, a last chunk carries the token counts."""

    model_config = ConfigDict(extra="ignore")

    include_usage: bool = False


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
    stream: bool = False
    stream_options: StreamOptions | None = None

    def stop_list(self) -> list[str] | None:
        return [self.stop] if isinstance(self.stop, str) else self.stop


def build_app(model: TextModel, *, default_max_tokens: int = 256) -> Starlette:
    """The ASGI app answering for `model`; `default_max_tokens` applies when a request sets
    no max_tokens."""
    # One lock, taken in arrival order (asyncio's locks are fair): requests queue for the
    # model while the event loop stays free to accept and answer others (GET /v1/models).
    turn = asyncio.Lock()

    async def chat_completions(request: Request) -> Response:
        chat = await _read_chat_request(request)
        max_tokens = chat.max_completion_tokens or chat.max_tokens or default_max_tokens
        async with turn:
            try:
                generation = await run_in_threadpool(
                    model.generate,
                    chat.messages,
                    max_new_tokens=max_tokens,
                    temperature=chat.temperature,
                    stop=chat.stop_list(),
                )
            except Exception as exc:
                # The client gets the failure as a 500 and the traceback goes to the log;
                # the server stays up for the next request.
                log.exception("generation failed")
                return _error(500, f"{type(exc).__name__}: {exc}", "server_error")
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        if not chat.stream:
            return JSONResponse(completion_body(model.name, generation, completion_id))
        usage = chat.stream_options is not None and chat.stream_options.include_usage
        chunks = completion_chunks(model.name, generation, completion_id, usage=usage)
        return StreamingResponse(_sse(chunks), media_type="text/event-stream")

    async def models(request: Request) -> Response:
        entry = {"id": model.name, "object": "model", "created": 0, "owned_by": "openlam"}
        return JSONResponse({"object": "list", "data": [entry]})

    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail
        if exc.status_code in (404, 405):  # Starlette's own, which do not say what was asked
            message = f"{exc.detail}: {request.method} {request.url.path}"
        return _error(exc.status_code, message)

    return Starlette(
        routes=[
            Route("/v1/chat/completions", chat_completions, methods=["POST"]),
            Route("/v1/models", models, methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error},
        max_body_size=MAX_BODY_BYTES,
    )


async def _read_chat_request(request: Request) -> ChatRequest:
    """The validated request; a bad one raises an HTTPException with the reason."""
    body = await request.body()
    try:
        return ChatRequest.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(400, _describe(exc)) from exc


def completion_body(model_name: str, generation: Generation, completion_id: str) -> dict[str, Any]:
    """A Generation in the OpenAI chat.completion shape."""
    body: dict[str, Any] = {
        "id": completion_id,
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
    if (usage := _usage(generation)) is not None:
        body["usage"] = usage
    return body


def completion_chunks(
    model_name: str, generation: Generation, completion_id: str, *, usage: bool
) -> list[dict[str, Any]]:
    """A Generation as the chat.completion.chunk objects OpenAI streams: the role, the text,
    the finish reason and, when asked for, the usage in a chunk without choices."""
    created = int(time.time())

    def chunk(choices: list[dict[str, Any]]) -> dict[str, Any]:
        head = {"id": completion_id, "object": "chat.completion.chunk", "created": created}
        return {**head, "model": model_name, "choices": choices}

    def choice(delta: dict[str, str], finish: str | None = None) -> dict[str, Any]:
        return {"index": 0, "delta": delta, "finish_reason": finish}

    chunks = [
        chunk([choice({"role": "assistant", "content": ""})]),
        chunk([choice({"content": generation.text})]),
        chunk([choice({}, generation.finish_reason or "stop")]),
    ]
    if usage:
        chunks.append({**chunk([]), "usage": _usage(generation)})
    return chunks


async def _sse(chunks: list[dict[str, Any]]):
    """Server-sent events, one per chunk, closed by OpenAI's `[DONE]` sentinel."""
    for chunk in chunks:
        yield f"data: {json.dumps(chunk)}\n\n"
    yield "data: [DONE]\n\n"


def _usage(generation: Generation) -> dict[str, int] | None:
    if generation.prompt_tokens is None or generation.completion_tokens is None:
        return None
    return {
        "prompt_tokens": generation.prompt_tokens,
        "completion_tokens": generation.completion_tokens,
        "total_tokens": generation.prompt_tokens + generation.completion_tokens,
    }


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    """OpenAI's error shape. A failed generation is not worth retrying: the same request
    would fail the same way, so clients of the openai SDK are told not to."""
    body = {"error": {"message": message, "type": kind, "param": None, "code": status}}
    return JSONResponse(body, status_code=status, headers={"x-should-retry": "false"})


def _describe(exc: ValidationError) -> str:
    """Pydantic's errors in one line, e.g. `messages.0.role: Input should be ...`."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "body"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


class ModelServer:
    """uvicorn serving one model on a socket bound at construction (port 0: a free one).
    Start it with `start()` (a background thread) or `serve_forever()` (blocking, stopped by
    Ctrl-C); `close()` frees the port."""

    def __init__(
        self,
        model: TextModel,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        default_max_tokens: int = 256,
        verbose: bool = False,
    ):
        self.model = model
        self.socket = socket.create_server((host, port))
        config = uvicorn.Config(
            build_app(model, default_max_tokens=default_max_tokens),
            log_level="info" if verbose else "warning",
            access_log=verbose,
            # A second Ctrl-C stops at once; the first lets a running generation finish.
            timeout_graceful_shutdown=30,
        )
        self.uvicorn = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The API root (with /v1), as OpenAIChatConfig.base_url takes it."""
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> ModelServer:
        """Serve in a daemon thread; return once the server accepts requests."""
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        while not self.uvicorn.started:
            if not self.thread.is_alive():
                raise RuntimeError(f"the server at {self.url} failed to start")
            time.sleep(0.01)
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until `close()`, or Ctrl-C in the main thread (which uvicorn
        turns into a graceful shutdown, then raises KeyboardInterrupt again)."""
        self.uvicorn.run(sockets=[self.socket])

    def close(self) -> None:
        """Stop serving and free the port."""
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        self.socket.close()


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
