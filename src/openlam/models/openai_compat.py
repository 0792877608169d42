"""A TextModel on any OpenAI-compatible `/v1/chat/completions` endpoint, through the official
`openai` client.

Works with OpenAI itself, vLLM, Ollama, llama.cpp's server and `openlam serve`. The client
retries what is worth retrying (no connection, 408, 429, 5xx unless the server says not to)
`max_retries` times; every failure left after that (no connection, no answer in time, an
HTTP error, a reply that is not a chat completion) becomes a `ModelError` whose message
names the URL and what went wrong.
"""

from __future__ import annotations

import os
import time
from typing import Any

import openai
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ConfigDict, Field, field_validator

from openlam.models.base import Generation, Message, ModelError

# Fields this client sets itself; extra_body may add to them but not replace them.
_OWN_FIELDS = frozenset({"model", "messages", "max_tokens", "temperature", "stop"})
# The SDK refuses to start without a key; servers without authentication ignore it.
_NO_KEY = "none"


class OpenAIChatConfig(BaseModel):
    """Where the endpoint is and how to call it."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        "http://127.0.0.1:8000/v1",
        description="The API root including /v1, as the OpenAI SDK takes it.",
    )
    model: str = Field(description="The model id the server knows.")
    api_key_env: str | None = Field(
        None,
        description="Name of the environment variable holding the key (sent as Bearer); "
        "OPENAI_API_KEY is not read unless named here.",
    )
    timeout_s: float = Field(120.0, gt=0, description="Per attempt, for the whole reply.")
    max_retries: int = Field(
        2, ge=0, description="Further attempts after a failure worth retrying, with backoff."
    )
    extra_body: dict[str, Any] = Field(
        default_factory=dict, description="Server-specific request fields (top_p, seed, ...)."
    )
    images: bool = Field(
        False, description="The model takes images (`image_url` content parts) with the text."
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
        self.takes_images = config.images
        self.url = config.base_url.rstrip("/") + "/chat/completions"
        self.client = openai.OpenAI(
            base_url=config.base_url,
            api_key=_read_api_key(config.api_key_env) or _NO_KEY,
            timeout=config.timeout_s,
            max_retries=config.max_retries,
        )

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
    ) -> Generation:
        """Send one chat-completions request and read the first choice."""
        start = time.perf_counter()
        try:
            reply = self.client.chat.completions.create(
                model=self.config.model,
                messages=[self._turn(m) for m in messages],  # type: ignore[misc]
                max_tokens=max_new_tokens,
                temperature=temperature,
                stop=stop or openai.omit,
                extra_body=self.config.extra_body or None,
            )
        except openai.APITimeoutError as exc:
            raise ModelError(f"{self.url} did not answer within {self.config.timeout_s} s") from exc
        except openai.APIConnectionError as exc:
            raise ModelError(f"cannot reach {self.url}: {exc.__cause__ or exc}") from exc
        except openai.APIStatusError as exc:
            raise ModelError(
                f"{self.url} answered HTTP {exc.status_code}: {_error_detail(exc)}"
            ) from exc
        return _parse_reply(reply, self.url, time.perf_counter() - start)

    def _turn(self, message: Message) -> dict[str, Any]:
        """A turn as the API takes it: plain text, or text and `image_url` parts."""
        if not message.images:
            return {"role": message.role, "content": message.content}
        if not self.takes_images:
            raise ModelError(f"{self.name} is not set to take images (images: true)")
        parts: list[dict[str, Any]] = [{"type": "text", "text": message.content}]
        parts += [{"type": "image_url", "image_url": {"url": url}} for url in message.images]
        return {"role": message.role, "content": parts}


def _read_api_key(env_var: str | None) -> str | None:
    if env_var is None:
        return None
    key = os.environ.get(env_var)
    if not key:
        raise ModelError(f"the API key variable {env_var} is not set")
    return key


def _parse_reply(reply: ChatCompletion | str, url: str, seconds: float) -> Generation:
    """Read the first choice and the usage of a chat-completions reply.

    The SDK does not validate replies: a body that is not JSON comes back as its text, and
    JSON without the expected fields as a ChatCompletion whose fields are None.
    """
    if not isinstance(reply, ChatCompletion):
        raise ModelError(f"{url} answered with non-JSON: {_preview(str(reply))}")
    if not reply.choices or reply.choices[0].message is None:
        raise ModelError(
            f"{url} answered without choices[0].message.content: {_preview(reply.to_json())}"
        )
    choice = reply.choices[0]
    content = choice.message.content
    if not isinstance(content, str):
        # A null content comes with tool calls or a refusal, neither of which we asked for.
        raise ModelError(f"{url} answered with no text content: {_preview(choice.to_json())}")
    usage = reply.usage
    finish = choice.finish_reason
    return Generation(
        text=content,
        prompt_tokens=None if usage is None else usage.prompt_tokens,
        completion_tokens=None if usage is None else usage.completion_tokens,
        prompt_seconds=None,  # not measurable without streaming
        total_seconds=seconds,
        finish_reason=finish if finish in ("stop", "length") else None,
    )


def _error_detail(exc: openai.APIStatusError) -> str:
    """The server's error message if it sent the usual {"error": {"message": ...}} body."""
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return _preview(exc.response.text)


def _preview(text: str, limit: int = 200) -> str:
    return repr(text[:limit] + ("..." if len(text) > limit else ""))
