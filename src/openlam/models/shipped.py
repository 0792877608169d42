"""The action models that ship in the package, used by name.

Each is a LoRA adapter on the default base model (SmolLM2-135M-Instruct), trained by
openlam's own recipe from openlam's own data, in `openlam/lams/<folder>/` with its
`meta.json` (base model, data files and their sha256, config, metrics) and a model card
(`README.md`). `base` names the untrained default model.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from openlam.models.base import ModelError

BASE = "base"
# name -> (folder under openlam/lams, the application it acts in)
SHIPPED: dict[str, tuple[str, str]] = {
    "writer-lam": ("writer", "writer"),
    "web-lam": ("web", "web"),
}
ADAPTER_FILES = ("adapter_config.json", "adapter_model.safetensors", "meta.json", "README.md")


def lam_dir(name: str) -> Path:
    """The package folder of a shipped model (it may not hold one yet)."""
    if name not in SHIPPED:
        raise ModelError(f"no shipped model is called {name!r}; known: {', '.join(SHIPPED)}")
    return Path(str(resources.files("openlam"))) / "lams" / SHIPPED[name][0]


def is_shipped(name: str) -> bool:
    """Whether this installation holds the trained model `name` (every file of it)."""
    folder = lam_dir(name)
    return all((folder / f).is_file() for f in ADAPTER_FILES)


def shipped_adapter(name: str) -> Path:
    """The adapter folder of a shipped model; a clear error where this version has none."""
    if not is_shipped(name):
        raise ModelError(
            f"{name} does not ship in this installation of openlam (no trained adapter in "
            f"{lam_dir(name)}); use --model base for the untrained model"
        )
    return lam_dir(name)


def default_model(app: str) -> str:
    """The model `openlam run` and `serve` use for an app: its shipped LAM, else `base`."""
    for name, (_, lam_app) in SHIPPED.items():
        if lam_app == app and is_shipped(name):
            return name
    return BASE
