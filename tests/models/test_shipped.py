"""Shipped action models by name: found in the package, the default when present, `base`
otherwise, and a clear error for a name that does not ship."""

import pytest

from openlam.cli import _default_model
from openlam.eval.models import model_config_for
from openlam.models import shipped
from openlam.models.base import ModelError
from openlam.models.config import ModelConfig
from openlam.train import checkpoint
from openlam.train.checkpoint import CheckpointMeta, policy_variant, resolve_start


@pytest.fixture
def lams(tmp_path, monkeypatch):
    """An empty package folder for shipped models, and a way to put one in it."""
    monkeypatch.setattr(shipped, "lam_dir", lambda name: tmp_path / shipped.SHIPPED[name][0])
    monkeypatch.setattr(checkpoint, "_default_base", lambda: "/models/smollm2")

    def ship(name: str) -> None:
        folder = tmp_path / shipped.SHIPPED[name][0]
        folder.mkdir()
        for file in shipped.ADAPTER_FILES:
            (folder / file).write_text("{}")
        meta = CheckpointMeta(
            phase="optimize", kind="adapter", base_model="smollm2", start="x", prompt_variant="call"
        )
        (folder / "meta.json").write_text(meta.model_dump_json())

    return ship


def test_without_a_shipped_lam_the_default_is_base_and_the_name_is_a_clear_error(lams):
    assert shipped.default_model("writer") == shipped.BASE
    with pytest.raises(ModelError, match="does not ship"):
        shipped.shipped_adapter("writer-lam")
    assert _default_model("smollm2", None, None, "writer") == shipped.BASE


def test_a_shipped_lam_is_the_default_and_resolves_to_its_adapter_on_the_base(lams, tmp_path):
    lams("writer-lam")
    assert shipped.default_model("writer") == "writer-lam"
    assert shipped.default_model("web") == shipped.BASE
    assert resolve_start("writer-lam") == ("/models/smollm2", str(tmp_path / "writer"))
    assert policy_variant("writer-lam") == "call"
    assert _default_model("smollm2", None, None, "writer") == "writer-lam"
    # What the user chose is kept: another backend, a model, an adapter.
    assert _default_model("hf", None, None, "writer") is None
    assert _default_model("smollm2", "base", None, "writer") == "base"
    assert _default_model("smollm2", None, "/my/adapter", "writer") is None


def test_model_specs_name_shipped_models_and_the_base():
    assert model_config_for("writer-lam").model == "writer-lam"
    assert model_config_for("base").model is None
    assert model_config_for("base").backend == "smollm2"


def test_the_default_backend_takes_only_shipped_names_and_not_with_an_adapter():
    with pytest.raises(ValueError, match="smollm2 models"):
        ModelConfig(backend="smollm2", model="gpt-9")
    with pytest.raises(ValueError, match="not both"):
        ModelConfig(backend="smollm2", model="writer-lam", adapter="/a")
