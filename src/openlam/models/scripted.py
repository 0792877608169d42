"""A model that replays scripted outputs, so tests can run real code without a real model."""

from __future__ import annotations

import time
from collections.abc import Sequence

from openlam.models.base import Generation, Message, ModelError, cut_at_stop


class ScriptExhaustedError(ModelError):
    """A ScriptedModel was asked for more outputs than it was given."""


class ScriptedModel:
    """Returns its outputs in order, one per call, and records every request it was given.

    Token counts are whitespace-separated words: a stand-in so that usage can be checked
    end to end, not a real tokenizer. Stop strings are honoured like a real backend would;
    `max_new_tokens` and `temperature` are recorded but do not change the output.
    """

    def __init__(
        self,
        outputs: Sequence[str],
        *,
        cycle: bool = False,
        name: str = "scripted",
        accepts_grammar: bool = False,
    ):
        if cycle and not outputs:
            raise ValueError("a cycling ScriptedModel needs at least one output")
        self.outputs = list(outputs)
        self.cycle = cycle
        self.name = name
        self.accepts_grammar = accepts_grammar  # then the agent sends each step's grammar
        self.position = 0
        self.calls: list[list[Message]] = []
        self.settings: list[dict] = []

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
        grammar: str | None = None,
    ) -> Generation:
        """Return the next scripted output (cut at a stop string); a grammar is recorded,
        not enforced."""
        start = time.perf_counter()
        self.calls.append(list(messages))
        settings = {"max_new_tokens": max_new_tokens, "temperature": temperature, "stop": stop}
        self.settings.append(settings | ({"grammar": grammar} if grammar is not None else {}))
        text, _ = cut_at_stop(self._next_output(), stop)
        return Generation(
            text=text,
            prompt_tokens=sum(len(m.content.split()) for m in messages),
            completion_tokens=len(text.split()),
            prompt_seconds=None,
            total_seconds=time.perf_counter() - start,
            finish_reason="stop",
        )

    def _next_output(self) -> str:
        if self.position >= len(self.outputs):
            if not self.cycle:
                raise ScriptExhaustedError(
                    f"ScriptedModel {self.name!r} has no output left: all {len(self.outputs)} "
                    f"were used (call {len(self.calls)})"
                )
            self.position = 0
        output = self.outputs[self.position]
        self.position += 1
        return output
