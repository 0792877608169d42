import pytest

from openlam.models.hf import HFModel
from openlam.models.smollm2 import ensure_default_model, load_default_model


@pytest.fixture(scope="session")
def smollm2_dir():
    """The converted default model; the first run on a machine converts it (~30 s)."""
    return ensure_default_model()


@pytest.fixture(scope="session")
def smollm2(smollm2_dir) -> HFModel:
    """SmolLM2-135M on the CPU, loaded once for every test of the session."""
    return load_default_model(device="cpu")
