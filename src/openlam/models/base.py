"""The contract every model backend keeps: chat messages in, a `Generation` out."""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

Role = Literal["system", "user", "assistant"]
FinishReason = Literal["stop", "length"]


class ModelError(RuntimeError):
    """A backend could not produce a generation: unreachable endpoint, bad reply, bad weights."""


class Message(BaseModel):
    """One chat turn."""

    model_config = ConfigDict(extra="forbid")

    role: Role
    content: str
    images: list[str] = Field(
        default_factory=list,
        description="images that go with this turn (data: URIs or URLs); only a backend that "
        "takes images accepts a turn with some",
    )


class Generation(BaseModel):
    """What a model produced for one request, with its cost."""

    model_config = ConfigDict(extra="forbid")

    text: str
    prompt_tokens: int | None = Field(None, description="None when the backend does not say.")
    completion_tokens: int | None = Field(None, description="None when the backend does not say.")
    prompt_seconds: float | None = Field(
        None, description="Time to the first generated token (prefill); None if not measured."
    )
    total_seconds: float
    finish_reason: FinishReason | None = Field(
        None, description="stop: end of turn or a stop string; length: max_new_tokens reached."
    )


@runtime_checkable
class TextModel(Protocol):
    """A chat model. Backends provide these two members; nothing else is required."""

    name: str

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
    ) -> Generation:
        """Continue the conversation with one assistant turn (greedy when temperature is 0)."""
        ...


def takes_images(model: TextModel) -> bool:
    """Whether a model takes images with the text (an endpoint set to, `images: true`)."""
    return bool(getattr(model, "takes_images", False))


def text_turns(messages: list[Message], backend: str) -> list[dict[str, str]]:
    """The turns as role and text for a backend that reads text only; a turn with images is
    an error there, never dropped in silence."""
    if any(m.images for m in messages):
        raise ModelError(f"{backend} reads text only; this conversation carries images")
    return [{"role": m.role, "content": m.content} for m in messages]


def cut_at_stop(text: str, stop: list[str] | None) -> tuple[str, bool]:
    """Cut `text` before the earliest stop string, as OpenAI does; say whether one was found."""
    positions = [i for s in stop or [] if s and (i := text.find(s)) >= 0]
    if not positions:
        return text, False
    return text[: min(positions)], True
