"""The agent loop on the in-memory env: limits, the safety gate, the trajectory file, the
one loop for models and scripted policies, and prompts that training rebuilds byte for byte."""

import os
import signal
import subprocess
import sys
import time

import pytest

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.safety import approve_all
from openlam.agent.trajectory_log import load_trajectory
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.base import ModelError
from openlam.models.scripted import ScriptedModel
from openlam.tasks.apps import WriterApp

ACTIONS = writer_action_space()
BOLD = 'click_input(label="2")'
DONE = "[FINISH]"
CLOSE = 'click_input(label="9")'


def run(outputs, tmp_path, cycle=False, **config):
    """A batch run with Writer's gate: the default confirmer refuses every sensitive action."""
    config = AgentConfig(**{"safety": WriterApp.safety, **config})
    agent = Agent.for_model(ScriptedModel(outputs, cycle=cycle), ACTIONS, config)
    return agent.run(FakeWriterEnv(), "Make the title bold", tmp_path / "t.jsonl")


def test_a_task_runs_to_finish_and_the_file_matches(tmp_path):
    trajectory = run([BOLD, DONE], tmp_path)
    assert trajectory.outcome == "finished"
    assert [s.action.function for s in trajectory.steps] == ["click_input", ""]
    assert load_trajectory(tmp_path / "t.jsonl") == trajectory


def test_the_step_limit_ends_a_looping_model(tmp_path):
    trajectory = run([BOLD], tmp_path, cycle=True, max_steps=7)
    assert trajectory.outcome == "step limit"
    assert len(trajectory.steps) == 7


def test_invalid_outputs_are_shown_to_the_model_then_end_the_run(tmp_path):
    model = ScriptedModel(["bold it", "click_input(", BOLD, "nope", "nope", "nope"])
    agent = Agent.for_model(model, ACTIONS, AgentConfig(max_invalid_outputs=3))
    trajectory = agent.run(FakeWriterEnv(), "Make the title bold", tmp_path / "t.jsonl")
    assert trajectory.outcome == "invalid output"
    assert len(trajectory.steps) == 6
    second_prompt = model.calls[1][1].content
    assert "bold it -> error: invalid output: not a function call" in second_prompt


def test_a_sensitive_action_is_refused_in_batch_mode(tmp_path):
    trajectory = run([CLOSE, DONE], tmp_path)
    assert trajectory.outcome == "refused"
    last = trajectory.steps[-1]
    assert last.terminated and "Close Document" in last.result.error
    assert load_trajectory(tmp_path / "t.jsonl").outcome == "refused"


def test_an_approved_sensitive_action_runs(tmp_path):
    agent = Agent.for_model(ScriptedModel([CLOSE, DONE]), ACTIONS, confirm=approve_all)
    trajectory = agent.run(FakeWriterEnv(), "Close the document", tmp_path / "t.jsonl")
    assert trajectory.outcome == "finished"


def test_a_model_that_asks_for_confirmation_is_refused_in_batch(tmp_path):
    ask = 'click_input(label="2") [CONFIRM]'
    assert run([ask, DONE], tmp_path).outcome == "refused"


def test_a_backend_failure_is_recorded_and_raised(tmp_path):
    agent = Agent.for_model(ScriptedModel([BOLD]), ACTIONS)
    with pytest.raises(ModelError):
        agent.run(FakeWriterEnv(), "Make the title bold", tmp_path / "t.jsonl")
    saved = load_trajectory(tmp_path / "t.jsonl")
    assert saved.outcome == "model error" and len(saved.steps) == 1


SLOW_RUN = """
import sys, time
from pathlib import Path
from openlam.agent.loop import Agent
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.scripted import ScriptedModel

class Slow(ScriptedModel):
    def generate(self, messages, **kw):
        if self.position >= 3:
            print("third step done", flush=True)
            time.sleep(60)
        return super().generate(messages, **kw)

bold = 'click_input(label="2")'
agent = Agent.for_model(Slow([bold] * 10), writer_action_space())
agent.run(FakeWriterEnv(), "bold", Path(sys.argv[1]))
"""


def test_the_trajectory_survives_the_process_being_killed(tmp_path):
    path = tmp_path / "killed.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_RUN, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "third step done"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    time.sleep(0.1)
    saved = load_trajectory(path)
    assert saved.outcome == "interrupted"
    assert [s.action.function for s in saved.steps] == ["click_input"] * 3


def test_run_refuses_a_broken_or_missing_document_with_a_clear_error(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"\x00garbage" * 100)
    for doc, message in ((broken, "not a valid .docx"), (tmp_path / "absent.docx", "no document")):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "openlam.cli",
                "run",
                "Make it bold",
                "--doc",
                str(doc),
                "--backend",
                "scripted",
                "--outputs",
                str(broken),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        printed = " ".join(done.stdout.split())  # rich wraps long lines
        assert done.returncode == 2 and message in printed and "Traceback" not in done.stderr
