"""Every benchmark runs end to end on tiny sizes, as a user would start it: a benchmark that no
longer imports, or whose child process fails, fails here instead of on the day its figures are
wanted. Each runs in a subprocess from a temporary folder (nothing lands in the checkout) and
must exit 0 and print its figures. Models are a tiny random one (tests/train/conftest.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from openlam.models.base import Message
from openlam.records import write_jsonl

from ..train.conftest import PLANS, build_tiny_model

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
# BrowserGym is a peer, not a dependency: it lives in its own venv (benchmarks/browsergym_env.sh).
BROWSERGYM_PYTHON = Path(os.environ.get("BROWSERGYM_VENV", "/work/bgvenv")) / "bin" / "python"
NO_BROWSERGYM = "BrowserGym's venv is absent (bash benchmarks/browsergym_env.sh makes it)"


def run_benchmark(folder: Path, script: str, *args: object, timeout: float = 300) -> str:
    """Run benchmarks/<script> with this Python in `folder`; its stdout, once it exited 0."""
    command = [sys.executable, str(BENCHMARKS / script), *map(str, args)]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (
        f"{script} exited with {done.returncode}\n--- stdout (end)\n{done.stdout[-3000:]}"
        f"\n--- stderr (end)\n{done.stderr[-6000:]}"
    )
    return done.stdout


def step_sample(i: int):
    """A step sample with a system message, so the system-message cache has work to do."""
    from openlam.data.samples import StepSample

    return StepSample(
        id=f"s{i}",
        task_id=f"t{i}",
        family="writer/bold-word-v1",
        template="letter",
        split="train",
        step=0,
        messages=[
            Message(role="system", content="You operate LibreOffice Writer."),
            Message(role="user", content=f"Make word {i} bold"),
        ],
        target=json.dumps({"function": "click_input", "control_label": str(i % 3)}),
        variant="compact",
        expert="oracle",
    )


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A tiny random model whose tokenizer has seen plans and actions."""
    texts = [t + " " + " ".join(p) for t, p in PLANS] * 4
    texts += [json.dumps({"function": "click_input", "control_label": str(i)}) for i in range(20)]
    return build_tiny_model(tmp_path_factory.mktemp("tiny"), texts)


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "train.jsonl"
    write_jsonl(path, [step_sample(i) for i in range(4)])
    return path


@pytest.fixture(scope="module")
def adapter(tiny, samples, tmp_path_factory) -> Path:
    """A LoRA adapter on the tiny model, made as the pipeline makes one (phase 2, 2 steps)."""
    from openlam.train.config import TrainConfig
    from openlam.train.phases import train_imitate

    out = tmp_path_factory.mktemp("adapter")
    config = TrainConfig(epochs=1, batch_size=2, grad_accumulation=1, device="cpu")
    train_imitate(samples, str(tiny), out, config, log=lambda _: None)
    return out


def test_hf_step_speed(tiny, samples, adapter, tmp_path):
    out = tmp_path / "hf_step_speed.json"
    stdout = run_benchmark(
        tmp_path, "hf_step_speed.py", "--samples", samples, "--adapter", adapter,
        "--base", tiny, "--n", 2, "--max-new-tokens", 16, "--out", out,
    )  # fmt: skip
    report = json.loads(out.read_text())
    assert report["prompts"] == 2 and report["outputs_identical"]
    assert set(report["variants"]) == {
        "unmerged, full prefill",
        "merged, full prefill",
        "merged, system message cached",
    }
    assert '"speedup_vs_baseline"' in stdout


def test_train_throughput(tiny, samples, tmp_path):
    out = tmp_path / "train_throughput.json"
    stdout = run_benchmark(
        tmp_path, "train_throughput.py", "--samples", samples, "--base", tiny, "--n", 2,
        "--pack", 2, "--top-layers", 1, "--out", out,
    )  # fmt: skip
    report = json.loads(out.read_text())
    runs = {"openlam", "openlam_fp32", "openlam_packed", "trl_default", "trl_cpu_settings"}
    assert set(report["runs"]) == runs
    assert all(run["tokens_per_second"] > 0 for run in report["runs"].values())
    assert report["loss_max_relative_diff_vs_fp32"] >= 0
    assert '"ratio_vs_trl_default"' in stdout and '"packed_ratio_vs_trl_default"' in stdout


@pytest.mark.writer
def test_collect_throughput(tmp_path):
    out = tmp_path / "collect"
    stdout = run_benchmark(
        tmp_path, "collect_throughput.py", "--limit", 1, "--workers", 1, 2, "--out", out
    )
    figures = json.loads((out / "throughput.json").read_text())
    assert figures["tasks"] == 1
    assert figures["1 workers"]["succeeded"] == figures["2 workers"]["succeeded"] == 1
    assert "1 worker(s):" in stdout and "2 vs 1 workers:" in stdout


@pytest.mark.web
@pytest.mark.writer
def test_teach_replay(tiny, tmp_path):
    out = tmp_path / "teach_replay.json"
    stdout = run_benchmark(
        tmp_path, "teach_replay.py", "--smoke", "--backend", "hf", "--model", tiny, "--out", out
    )
    results = json.loads(out.read_text())
    assert results["replay"]["episodes"] == 2 and results["replay"]["success_rate"] == 1.0
    assert results["agent"]["episodes"] == 1
    assert len(results["writer"]) == 1
    assert "replay (no model)" in stdout and "agent (" in stdout and "Writer bold-word" in stdout


@pytest.mark.web
def test_miniwob_speed(tmp_path):
    """openlam's side always; BrowserGym's where its venv is, else a message says it was left
    out."""
    out = tmp_path / "miniwob_speed.json"
    stdout = run_benchmark(
        tmp_path, "miniwob_speed.py", "--tasks", "click-button", "--seeds", 0, "--steps", 1,
        "--browsergym-python", BROWSERGYM_PYTHON, "--out", out,
    )  # fmt: skip
    result = json.loads(out.read_text())
    assert "click-button" in stdout and "ALL (mean)" in stdout
    assert len(result["episodes"]["openlam_fresh"]) == len(result["episodes"]["openlam_shared"])
    if BROWSERGYM_PYTHON.is_file():
        assert result["browsergym_skipped"] is None
        assert "goals identical on both sides: 1/1" in stdout
    else:
        assert "BrowserGym side skipped" in stdout and "browsergym_env.sh" in stdout


@pytest.mark.web
@pytest.mark.skipif(not BROWSERGYM_PYTHON.is_file(), reason=NO_BROWSERGYM)
def test_browsergym_side(tmp_path):
    """BrowserGym's side alone, in its own venv (it imports nothing from openlam)."""
    command = [str(BROWSERGYM_PYTHON), str(BENCHMARKS / "browsergym_side.py")]
    command += ["--tasks", "click-button", "--seeds", "0", "--steps", "1"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-6000:]
    record = json.loads(done.stdout.splitlines()[-1])
    assert record["task"] == "click-button" and len(record["step_s"]) == 1


@pytest.mark.writer
def test_writer_env(tmp_path):
    stdout = run_benchmark(tmp_path, "writer_env.py", "--smoke")
    assert "cold_start" in stdout


@pytest.mark.writer
@pytest.mark.smollm2
def test_agent_latency(tmp_path):
    out = tmp_path / "agent_latency.json"
    stdout = run_benchmark(tmp_path, "agent_latency.py", "--smoke", "--out", out)
    assert "tasks," in stdout and "step median" in stdout and out.is_file()


@pytest.mark.smollm2
def test_constrained_decoding(tmp_path):
    stdout = run_benchmark(tmp_path, "constrained_decoding.py", "--smoke")
    assert "llguidance (full step grammar): compile" in stdout


@pytest.mark.writer
def test_screen_capture(tmp_path):
    out = tmp_path / "screens.json"
    run_benchmark(tmp_path, "screen_capture.py", "--episodes", "1", "--out", out)
    figures = json.loads(out.read_text())
    assert figures["writer"]["capture_median_s"] > 0 and figures["web"]["capture_median_s"] > 0
