"""Collection in the real Writer: resume after kill -9, recovery from a killed soffice, the
checker beside an LLM judge served over HTTP, and samples that load with datasets."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from openlam.agent.prompt import PromptConfig
from openlam.data.collect import CollectConfig, collect, load_results
from openlam.data.execute import ExpertConfig, execute_with_retries
from openlam.data.experts import NoiseConfig
from openlam.data.instantiate import instantiate_library
from openlam.data.samples import build_samples
from openlam.tasks.writer import registry
from openlam.tasks.writer.templates import TEST_TEMPLATES
from tests.envs.test_lifetime import owned_by, survivors

pytestmark = pytest.mark.writer
FAMILIES = ["writer/bold-word-v1", "writer/landscape-v1", "writer/count-tables-v1"]
COLLECT = [
    sys.executable,
    "-m",
    "openlam.cli",
    "data",
    "collect",
    "--in-process",
    "--n-per-family",
    "2",
    *[a for f in FAMILIES for a in ("--family", f)],
]


def verdicts(folder: Path) -> set[tuple]:
    return {
        (r.id, r.success, r.reason, tuple(r.expert_errors))
        for r in load_results(folder / "results.jsonl")
    }


def test_a_collection_killed_mid_run_resumes_to_the_clean_result(tmp_path):
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    subprocess.run([*COLLECT, "--out", str(clean)], check=True, capture_output=True, timeout=600)
    proc = subprocess.Popen(
        [*COLLECT, "--out", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = killed / "results.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and (
        not results.exists() or results.read_text().count("\n") < 2
    ):
        time.sleep(0.2)
    stack = owned_by(proc.pid)
    assert "soffice.bin" in stack.values()
    # The stack runs in sessions of its own, out of reach of this kill: its reaper ends it.
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert survivors(stack, timeout_s=10) == {}
    partial = results.read_text().count("\n")
    assert 2 <= partial < 6
    subprocess.run([*COLLECT, "--out", str(killed)], check=True, capture_output=True, timeout=600)
    lines = results.read_text().splitlines()
    assert len(lines) == len({json.loads(line)["id"] for line in lines}) == 6
    assert verdicts(killed) == verdicts(clean)


def test_a_worker_whose_soffice_is_killed_retries_on_a_fresh_one(writer, tmp_path):
    instance = registry.sample("writer/bold-word-v1", 1, seed=5)[0]
    writer.reset()
    stack_pid = writer.stack.app_pid()

    expert = ExpertConfig(kind="oracle")
    original_step = writer.step
    killed = []

    def step(action):
        if not killed:
            killed.append(True)
            os.kill(writer.stack.app_pid(), signal.SIGKILL)
        return original_step(action)

    writer.step = step
    try:
        result = execute_with_retries(writer, instance, "library", expert, tmp_path, 2)
    finally:
        del writer.step
    assert killed and writer.stack.app_pid() != stack_pid
    assert result.attempts == 2 and result.success, result.reason


def test_checker_and_llm_judge_in_one_collection_and_samples_load(tmp_path):
    from datasets import load_dataset

    from openlam.models.scripted import ScriptedModel
    from openlam.models.serve import serve

    tasks = instantiate_library(5, families=["writer/bold-word-v1"])
    replies = [
        '{"verdict": "yes", "reason": "the word is bold"}',
        "no idea",
        '{"verdict": "no", "reason": "nothing changed"}',
    ]
    with serve(ScriptedModel(replies, cycle=True)) as server:
        from openlam.models.config import ModelConfig

        config = CollectConfig(
            out_dir=tmp_path,
            in_process=True,
            expert=ExpertConfig(kind="noisy-oracle", noise=NoiseConfig(premature_finish=0.2)),
            judge_model=ModelConfig(backend="openai", model="judge", base_url=server.url),
        )
        results = collect(config, tasks, Console(quiet=True))
    assert len(results) == 5 and all(r.judge is not None for r in results)
    assert {r.judge.verdict for r in results} >= {"yes", "unsure"}
    counts = build_samples(
        results, tmp_path / "trajectories", tmp_path / "samples", PromptConfig(variant="compact")
    )
    assert counts["train samples"] > 0
    train = load_dataset(
        "json", data_files=str(tmp_path / "samples" / "train.jsonl"), split="train"
    )
    assert train.num_rows == counts["train samples"]
    assert not set(train["template"]) & set(TEST_TEMPLATES)
    by_id = {t.instance.id: t.instance for t in tasks}
    assert {by_id[i].split for i in train["task_id"]} == {"train"}


@pytest.mark.parametrize("images", [True, False])
def test_a_judge_that_takes_images_is_sent_the_screens_and_one_that_does_not_is_not(
    tmp_path, images
):
    from openlam.models.config import ModelConfig
    from tests.agent.test_screens import _Recorder, recording_endpoint

    tasks = instantiate_library(2, families=["writer/bold-word-v1"])[:1]
    with recording_endpoint() as url:
        judge = ModelConfig(backend="openai", model="judge", base_url=url, images=images)
        config = CollectConfig(out_dir=tmp_path, in_process=True, judge_model=judge)
        (result,) = collect(config, tasks, Console(quiet=True))
    assert result.judge.verdict == "yes" and result.judge.saw_screens is images
    (sent,) = _Recorder.bodies
    user = sent["messages"][1]["content"]
    pictures = [p for p in user if p["type"] == "image_url"] if images else []
    assert isinstance(user, list) is images and len(pictures) == (2 if images else 0)
    screens = sorted(p.name for p in (tmp_path / "trajectories").glob("*.screens/*"))
    assert screens == ["final.png", "step000.png"]  # kept either way, by default


def test_collect_with_the_default_model_as_judge_behind_openlam_serve(tmp_path):
    """The real commands: `openlam serve` with SmolLM2, `openlam data collect --judge-url`."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "openlam.cli", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # Model loading prints progress first; the server says "serving ..." when it listens.
        assert any("serving" in line for line in server.stdout)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "openlam.cli",
                "data",
                "collect",
                "--in-process",
                "--n-per-family",
                "1",
                "--family",
                "writer/bold-word-v1",
                "--family",
                "writer/landscape-v1",
                "--out",
                str(tmp_path),
                "--judge-url",
                f"http://127.0.0.1:{port}/v1",
                "--judge-model",
                "smollm2",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "judge vs checker: {'n': 2" in done.stdout.replace("\n", "")
    results = load_results(tmp_path / "results.jsonl")
    assert all(r.judge is not None and r.judge.reason for r in results)


def test_a_model_expert_runs_the_agent_loop_and_the_checker_judges_it(tmp_path):
    from openlam.data.instantiate import Instantiation
    from openlam.models.config import ModelConfig

    instance = registry.sample("writer/font-size-word-v1", 1, seed=2)[0]
    outputs = [
        json.dumps({"function": "select_text", "args": {"text": instance.params["word"]}}),
        json.dumps(
            {"function": "set_font", "args": {"font_size": float(instance.params["value"])}}
        ),
        json.dumps({"function": "", "status": "FINISH"}),
    ]
    config = CollectConfig(
        out_dir=tmp_path,
        in_process=True,
        expert=ExpertConfig(kind="model"),
        expert_model=ModelConfig(backend="scripted", outputs=outputs),
    )
    task = Instantiation(
        source="library", task=instance.request, status="instantiated", instance=instance
    )
    (result,) = collect(config, [task], Console(quiet=True))
    assert result.success and result.expert == "model" and result.steps == 3, result.reason
