"""What decides the next action: a policy. The agent loop drives every policy the same way, a
model (`ModelPolicy`) or plain code (`agent.scripted.ScriptedPolicy`, the experts of the
dataflow, a teach-mode skill handing over), so every trajectory is written step by step alike.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Protocol

from openlam.actions import ActionSpace
from openlam.agent.grammar import MAX_ANSWER_TOKENS, action_grammar
from openlam.agent.output_parser import ModelOutputError, parse_model_output
from openlam.agent.prompt import PromptConfig, step_messages
from openlam.models.base import Message, TextModel
from openlam.records import Action, Observation, Shown, Step


@dataclass(frozen=True)
class StepContext:
    """Everything a policy may look at for one step; the loop records it in the Step."""

    request: str
    observation: Observation
    shown: Shown
    before: list[Step]
    app: str
    screen: str | None = None  # the window with the shown labels marked, as a data: URI


@dataclass
class Decision:
    """A policy's answer: an action, or (from a model) text that is not one, with why."""

    action: Action | None
    output: str | None = None
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


class Policy(Protocol):
    """Chooses the next action from a step's context."""

    name: str

    def act(self, context: StepContext) -> Decision: ...


SCREEN_NOTE = "The image is the window now; each control's label is drawn on it in red."


class ModelPolicy:
    """A text model prompted with `step_messages`; in the `call` variant, decoded under the
    step's grammar when the backend takes one (`accepts_grammar`)."""

    def __init__(
        self,
        model: TextModel,
        actions: ActionSpace,
        prompt: PromptConfig,
        *,
        max_new_tokens: int = 64,
        temperature: float = 0.0,
        constrained: bool = True,
    ):
        self.model, self.actions, self.prompt = model, actions, prompt
        self.max_new_tokens, self.temperature = max_new_tokens, temperature
        self.constrained = constrained
        self.name = model.name

    def messages(self, context: StepContext) -> list[Message]:
        """The prompt of this step, exactly as training renders it from the record; with
        the screen in the prompt, the last turn carries the marked window too."""
        messages = step_messages(
            context.request,
            context.before,
            context.observation,
            context.shown,
            self.actions,
            self.prompt,
            context.app,
        )
        if context.screen is None:
            return messages
        last = messages[-1]
        content = last.content + "\n\n" + SCREEN_NOTE
        return [
            *messages[:-1],
            last.model_copy(update={"content": content, "images": [context.screen]}),
        ]

    def grammar(self, context: StepContext) -> str | None:
        """The step's grammar, or None where decoding is not constrained."""
        if not (self.constrained and self.prompt.variant == "call"):
            return None
        if not getattr(self.model, "accepts_grammar", False):
            return None
        syntax = getattr(self.model, "grammar_syntax", "lark")
        return action_grammar(
            self.actions,
            context.shown.of(context.observation),
            context.observation.document,
            syntax,
        )

    def act(self, context: StepContext) -> Decision:
        start = time.perf_counter()
        messages = self.messages(context)
        grammar = self.grammar(context)
        timings = {"prompt_s": time.perf_counter() - start}
        limit, extra = self.max_new_tokens, {}
        if grammar is not None:
            # The grammar ends every answer; a lower limit could only cut one in half.
            limit, extra = max(limit, MAX_ANSWER_TOKENS), {"grammar": grammar}
        generation = self.model.generate(
            messages, max_new_tokens=limit, temperature=self.temperature, **extra
        )
        timings.update(
            model_s=generation.total_seconds,
            prefill_s=generation.prompt_seconds or 0.0,
            prompt_tokens=float(generation.prompt_tokens or 0),
            completion_tokens=float(generation.completion_tokens or 0),
        )
        try:
            action = parse_model_output(
                generation.text,
                self.actions,
                context.shown.of(context.observation),
                self.prompt.variant,
            )
        except ModelOutputError as exc:
            return Decision(None, generation.text, str(exc), timings)
        return Decision(action, generation.text, None, timings)
