"""Every shipped pipeline config loads with every key checked."""

from pathlib import Path

import pytest

from openlam.pipeline.config import load_config

CONFIGS = sorted((Path(__file__).parents[2] / "configs").glob("*.yaml"))


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_a_shipped_config_loads(path):
    assert load_config(path).title


def test_the_configs_are_found():
    assert {p.name for p in CONFIGS} >= {"demo.yaml", "gpu.yaml", "writer-lam.yaml", "web-lam.yaml"}
