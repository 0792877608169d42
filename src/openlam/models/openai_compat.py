"""A client for any OpenAI-compatible `/v1/chat/completions` endpoint, standard library only.

Works with OpenAI itself, vLLM, Ollama, llama.cpp's server and `openlam serve`. Every
failure (no connection, an HTTP error, a reply that is not a chat completion) becomes a
`ModelError` whose message names the URL and what went wrong.
"""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.error
import urllib.request
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from openlam.models.base import Generation, Message, ModelError

# Fields this client sets itself; extra_body may add to them but not replace them.
_OWN_FIELDS = frozenset({"model", "messages", "max_tokens", "temperature", "stop"})


class OpenAIChatConfig(BaseModel):
    """Where the endpoint is and how to call it."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        "http://127.0.0.1:8000/v1",
        description="The API root including /v1, as the OpenAI SDK takes it.",
    )
    model: str = Field(description="The model id the server knows.")
    api_key_env: str | None = Field(
        None, description="Name of the environment variable holding the key (sent as Bearer)."
    )
    timeout_s: float = Field(120.0, gt=0)
    extra_body: dict[str, Any] = Field(
        default_factory=dict, description="Server-specific request fields (top_p, seed, ...)."
    )

    @field_validator("extra_body")
    @classmethod
    def _no_overrides(cls, value: dict[str, Any]) -> dict[str, Any]:
        clash = sorted(_OWN_FIELDS & value.keys())
        if clash:
            raise ValueError(f"extra_body may not set {clash}; they come from generate()")
        return value


class OpenAIChatModel:
    """A TextModel backed by a remote chat-completions endpoint."""

    def __init__(self, config: OpenAIChatConfig):
        self.config = config
        self.name = config.model
        self.url = config.base_url.rstrip("/") + "/chat/completions"
        self._api_key = _read_api_key(config.api_key_env)

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
    ) -> Generation:
        """Send one chat-completions request and read the first choice."""
        body: dict[str, Any] = {
            "model": self.config.model,
            "messages": [m.model_dump() for m in messages],
            "max_tokens": max_new_tokens,
            "temperature": temperature,
            **self.config.extra_body,
        }
        if stop:
            body["stop"] = stop
        start = time.perf_counter()
        reply = self._post(body)
        return _parse_reply(reply, self.url, time.perf_counter() - start)

    def _post(self, body: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        request = urllib.request.Request(
            self.url, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise ModelError(
                f"{self.url} answered HTTP {exc.code}: {_error_detail(exc.read())}"
            ) from exc
        except urllib.error.URLError as exc:
            raise ModelError(f"cannot reach {self.url}: {exc.reason}") from exc
        except TimeoutError as exc:
            raise ModelError(f"{self.url} did not answer within {self.config.timeout_s} s") from exc
        except (ConnectionError, http.client.HTTPException) as exc:
            # urllib wraps failures to connect, not a connection dropped mid-reply.
            raise ModelError(f"{self.url} dropped the connection: {exc!r}") from exc
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise ModelError(f"{self.url} answered with non-JSON: {_preview(raw)}") from exc


def _read_api_key(env_var: str | None) -> str | None:
    if env_var is None:
        return None
    key = os.environ.get(env_var)
    if not key:
        raise ModelError(f"the API key variable {env_var} is not set")
    return key


def _parse_reply(reply: Any, url: str, seconds: float) -> Generation:
    """Read the first choice and the usage of a chat-completions reply."""
    try:
        choice = reply["choices"][0]
        content = choice["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise ModelError(
            f"{url} answered without choices[0].message.content: {_preview(json.dumps(reply))}"
        ) from exc
    if not isinstance(content, str):
        # A null content comes with tool calls or a refusal, neither of which we asked for.
        raise ModelError(f"{url} answered with no text content: {_preview(json.dumps(choice))}")
    usage = reply.get("usage") or {}
    finish = choice.get("finish_reason")
    return Generation(
        text=content,
        prompt_tokens=usage.get("prompt_tokens"),
        completion_tokens=usage.get("completion_tokens"),
        prompt_seconds=None,  # not measurable without streaming
        total_seconds=seconds,
        finish_reason=finish if finish in ("stop", "length") else None,
    )


def _error_detail(raw: bytes) -> str:
    """The server's error message if it sent the usual {"error": {"message": ...}} body."""
    try:
        error = json.loads(raw)["error"]
        return str(error["message"] if isinstance(error, dict) else error)
    except (ValueError, KeyError, TypeError):
        return _preview(raw)


def _preview(raw: bytes | str, limit: int = 200) -> str:
    text = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
    return repr(text[:limit] + ("..." if len(text) > limit else ""))
