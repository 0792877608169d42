import importlib.util

import pytest
from pydantic import ValidationError

from openlam.models.base import Message, ModelError
from openlam.models.config import ModelConfig, load_model
from openlam.models.llamacpp import LlamaCppConfig, import_llama_cpp
from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
from openlam.models.scripted import ScriptedModel


def test_load_scripted_model():
    model = load_model(ModelConfig(backend="scripted", outputs=["ok"], name="s"))
    assert isinstance(model, ScriptedModel)
    assert model.name == "s"
    assert model.generate([Message(role="user", content="hi")]).text == "ok"


def test_load_openai_model_checks_nothing_over_the_network():
    model = load_model(ModelConfig(backend="openai", model="m", base_url="http://127.0.0.1:9/v1"))
    assert isinstance(model, OpenAIChatModel)
    assert model.url == "http://127.0.0.1:9/v1/chat/completions"
    assert model.name == "m"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"backend": "openai", "model": "m", "adapter": "a"}, "does not use \\['adapter'\\]"),
        ({"backend": "smollm2", "model": "x"}, "smollm2 models: base, writer-lam"),
        ({"backend": "openai", "model": "m", "threads": 1}, "does not use \\['threads'\\]"),
        ({"backend": "hf"}, "needs \\['model'\\]"),
        ({"backend": "openai", "base_url": "http://x/v1"}, "needs \\['model'\\]"),
        ({"backend": "vllm"}, "backend"),
    ],
)
def test_config_rejects_fields_the_backend_would_ignore(fields, message):
    with pytest.raises(ValidationError, match=message):
        ModelConfig(**fields)


def test_explicit_nones_are_not_given_fields():
    ModelConfig(backend="openai", model="m", adapter=None, api_key_env=None)


def test_extra_body_cannot_replace_the_request_fields():
    with pytest.raises(ValidationError, match="extra_body may not set \\['messages'\\]"):
        OpenAIChatConfig(model="m", extra_body={"messages": [], "top_p": 0.5})


def test_llamacpp_config_takes_one_constraint():
    with pytest.raises(ValidationError, match="not both"):
        LlamaCppConfig(model="m.gguf", grammar='root ::= "a"', json_schema={"type": "string"})


@pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is not None, reason="llama-cpp-python is installed"
)
def test_llamacpp_backend_says_how_to_install_it():
    with pytest.raises(ModelError, match=r"pip install 'openlam\[llamacpp\]'"):
        import_llama_cpp()
    with pytest.raises(ModelError, match="needs llama-cpp-python"):
        load_model(ModelConfig(backend="llamacpp", model="/nonexistent.gguf"))
