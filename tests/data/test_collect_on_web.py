"""The dataflow on the web: MiniWoB instances collected by the scripted expert in real
Chromium, cut into samples with the web action space."""

import pytest
from rich.console import Console

from openlam.agent.prompt import PromptConfig
from openlam.data.collect import CollectConfig, collect
from openlam.data.execute import ExpertConfig
from openlam.data.instantiate import Instantiation
from openlam.data.samples import build_samples
from openlam.envs.web.env import WebEnv
from openlam.tasks.web import miniwob

pytestmark = pytest.mark.web


def test_collection_and_samples_run_on_web_tasks(tmp_path):
    with WebEnv(miniwob.web_env_config()) as env:
        instances = miniwob.instantiate(env, ["click-checkboxes", "login-user"], 2, "train")
    tasks = [
        Instantiation(source="library", task=i.request, status="instantiated", instance=i)
        for i in instances
    ]
    config = CollectConfig(out_dir=tmp_path, expert=ExpertConfig(kind="oracle"), in_process=True)
    results = collect(config, tasks, Console(quiet=True))
    assert [r.success for r in results] == [True] * 4
    assert {r.app for r in results} == {"web"}
    counts = build_samples(results, tmp_path / "trajectories", tmp_path / "samples", PromptConfig())
    assert counts["train samples"] >= 8
    text = (tmp_path / "samples" / "train.jsonl").read_text()
    assert "web browser" in text and "set_edit_text" in text
