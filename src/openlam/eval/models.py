"""The models an evaluation compares, each under the name its table column shows.

A model is written `NAME=SPEC` (or just `SPEC`, named after itself), where SPEC is
`base` or `smollm2` (the untrained default), a shipped LAM by name (`writer-lam`), a training
checkpoint or model directory,
`openai:MODEL@BASE_URL` (an OpenAI-compatible endpoint) or `gguf:PATH` (llama.cpp).
`visual:openai:MODEL@BASE_URL` is the same endpoint shown the window too, with the labels of
the controls drawn on it (the paper's "text + visual" row beside a text-only one).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import BaseModel, Field

from openlam.models.base import TextModel
from openlam.models.config import ModelConfig, load_model
from openlam.models.shipped import BASE, SHIPPED

VISUAL = "visual:"


class NamedModel(BaseModel):
    """A model to evaluate and the name it is reported under."""

    name: str
    config: ModelConfig
    prompt_variant: str = Field("call", description="the prompt the model was trained on")
    screen: bool = Field(False, description="shown the marked window with each step's text")


def model_config_for(spec: str, device: str = "auto", threads: int | None = None) -> ModelConfig:
    """The ModelConfig a SPEC stands for."""
    if spec in ("smollm2", BASE):
        return ModelConfig(backend="smollm2", device=device, threads=threads)
    if spec in SHIPPED:
        return ModelConfig(backend="smollm2", model=spec, device=device, threads=threads)
    if spec.startswith("openai:"):
        model, _, url = spec.removeprefix("openai:").partition("@")
        if not model or not url:
            raise ValueError(f"{spec!r}: write an endpoint as openai:MODEL@BASE_URL")
        return ModelConfig(backend="openai", model=model, base_url=url)
    if spec.startswith("gguf:"):
        return ModelConfig(backend="llamacpp", model=spec.removeprefix("gguf:"))
    from openlam.train.checkpoint import resolve_start

    base, adapter = resolve_start(spec)
    return ModelConfig(backend="hf", model=base, adapter=adapter, device=device, threads=threads)


def parse_named(text: str, device: str = "auto", threads: int | None = None) -> NamedModel:
    """`NAME=SPEC` or `SPEC` as a NamedModel."""
    name, sep, spec = text.partition("=")
    if not sep:
        name, spec = text, text
    if not name.strip() or not spec.strip():
        raise ValueError(f"{text!r}: write a model as NAME=SPEC or SPEC")
    from openlam.train.checkpoint import policy_variant

    spec = spec.strip()
    if spec.startswith(VISUAL):
        config = model_config_for(spec.removeprefix(VISUAL), device, threads)
        if config.backend != "openai":
            raise ValueError(f"{text!r}: a visual model is an endpoint, visual:openai:MODEL@URL")
        config = config.model_copy(update={"images": True})
        return NamedModel(name=name.strip(), config=config, screen=True)
    return NamedModel(
        name=name.strip(),
        config=model_config_for(spec, device, threads),
        prompt_variant=policy_variant(spec),
    )


@contextmanager
def loaded(model: NamedModel) -> Iterator[TextModel]:
    """The model loaded for one evaluation, and its memory given back after it, so that a
    table of several checkpoints never holds more than one."""
    instance = load_model(model.config)
    try:
        yield instance
    finally:
        del instance
        gc.collect()
