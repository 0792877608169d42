"""A GGUF model run by llama-cpp-python, optionally constrained by a grammar.

llama-cpp-python is an optional extra (`pip install 'openlam[llamacpp]'`, which compiles
llama.cpp, ~6 min on 2 cores); it is imported only when this backend is built. A grammar
(GBNF text or a JSON schema) forces every generation to parse, which is the cheapest way
to get well-formed actions out of a small model.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openlam.models.base import Generation, Message, ModelError, text_turns


class LlamaCppConfig(BaseModel):
    """Which GGUF to run and how to constrain it."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="Path of a .gguf file.")
    grammar: str | None = Field(None, description="A GBNF grammar every output must match.")
    json_schema: dict[str, Any] | None = Field(
        None, description="A JSON schema every output must match (bound numbers in it)."
    )
    n_ctx: int = Field(4096, gt=0, description="Context window in tokens.")
    n_threads: int | None = Field(None, description="CPU threads (default: llama.cpp's choice).")
    n_gpu_layers: int = Field(0, description="Layers offloaded to a GPU; -1 for all.")
    seed: int = 0
    name: str | None = None

    @model_validator(mode="after")
    def _one_constraint(self) -> LlamaCppConfig:
        if self.grammar is not None and self.json_schema is not None:
            raise ValueError("give a grammar or a json_schema, not both")
        return self


def import_llama_cpp() -> Any:
    """The llama_cpp module, or a ModelError that says how to install it."""
    try:
        import llama_cpp
    except ImportError as exc:
        raise ModelError(
            "the llamacpp backend needs llama-cpp-python: pip install 'openlam[llamacpp]' "
            f"(it compiles llama.cpp, ~6 min on 2 cores); import failed: {exc}"
        ) from exc
    return llama_cpp


class LlamaCppModel:
    """A TextModel running a GGUF file in-process with llama.cpp; it takes a step's grammar
    in GBNF (`accepts_grammar`), which replaces the configured one for that call."""

    accepts_grammar = True
    grammar_syntax = "gbnf"

    def __init__(self, config: LlamaCppConfig):
        llama_cpp = import_llama_cpp()
        if not Path(config.model).is_file():
            raise ModelError(f"no GGUF file at {config.model}")
        self.config = config
        self.llama_cpp = llama_cpp
        self.name = config.name or Path(config.model).stem
        self.llm = llama_cpp.Llama(
            model_path=config.model,
            n_ctx=config.n_ctx,
            n_threads=config.n_threads,
            n_gpu_layers=config.n_gpu_layers,
            seed=config.seed,
            verbose=False,
        )
        self.grammar = _grammar(llama_cpp, config)

    def generate(
        self,
        messages: list[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        stop: list[str] | None = None,
        grammar: str | None = None,
    ) -> Generation:
        """Generate one assistant turn with the GGUF's chat template (and the grammar)."""
        start = time.perf_counter()
        constraint = self.grammar
        if grammar is not None:
            constraint = self.llama_cpp.LlamaGrammar.from_string(grammar, verbose=False)
        reply = self.llm.create_chat_completion(
            messages=text_turns(messages, "llama.cpp"),
            max_tokens=max_new_tokens,
            temperature=temperature,  # llama.cpp samples greedily at 0
            stop=stop or [],
            grammar=constraint,
        )
        choice = reply["choices"][0]
        usage = reply.get("usage") or {}
        finish = choice.get("finish_reason")
        return Generation(
            text=choice["message"]["content"] or "",
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            prompt_seconds=None,  # llama-cpp-python reports no prefill time without streaming
            total_seconds=time.perf_counter() - start,
            finish_reason=finish if finish in ("stop", "length") else None,
        )


def _grammar(llama_cpp: Any, config: LlamaCppConfig) -> Any:
    if config.grammar is not None:
        return llama_cpp.LlamaGrammar.from_string(config.grammar, verbose=False)
    if config.json_schema is not None:
        return llama_cpp.LlamaGrammar.from_json_schema(
            json.dumps(config.json_schema), verbose=False
        )
    return None
