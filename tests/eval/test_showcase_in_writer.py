"""`openlam tasks try`: a model carries out held-out requests in the real Writer with the
steps shown, and each end state is checked from the saved file."""

import pytest
from rich.console import Console

from openlam.agent.prompt import format_output
from openlam.data.experts import oracle_policy
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.eval.models import NamedModel
from openlam.eval.showcase import held_out_instances, showcase
from openlam.models.config import ModelConfig
from openlam.tasks.writer.templates import TEST_TEMPLATES

pytestmark = pytest.mark.writer


def test_a_model_that_acts_right_passes_and_one_that_does_not_fails(tmp_path):
    (instance,) = held_out_instances(1, 0, ["writer/comment-word-v1"])
    assert instance.template in TEST_TEMPLATES and instance.split == "test"
    # The oracle's calls name no control, so they can be written down before the episode.
    oracle = oracle_policy(instance)
    obs = FakeWriterEnv().reset()[0]
    calls = [oracle(obs) for _ in range(len(oracle.rules) + 1)]
    outputs = [format_output(a, "call", writer_action_space()) for a in calls]
    right = NamedModel(name="right", config=ModelConfig(backend="scripted", outputs=outputs))
    idle = NamedModel(name="idle", config=ModelConfig(backend="scripted", outputs=["[FINISH]"]))
    console = Console(record=True, width=200)
    assert showcase(right, [instance], tmp_path / "right", console) == 1
    assert showcase(idle, [instance], tmp_path / "idle", console) == 0
    text = console.export_text()
    assert "insert_comment(" in text and "PASS" in text and "FAIL" in text
    assert (tmp_path / "right" / "01.jsonl").is_file()
