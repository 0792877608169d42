"""`openlam run` end to end in the real Writer, with the scripted and the default model."""

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from openlam.agent.trajectory_log import load_trajectory

pytestmark = pytest.mark.writer
OPENLAM = [sys.executable, "-m", "openlam.cli"]


def openlam_run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*OPENLAM, "run", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_run_with_the_scripted_backend_edits_and_saves_the_document(letter, tmp_path: Path):
    outputs = tmp_path / "outputs.txt"
    outputs.write_text(
        "\n".join(
            json.dumps(o)
            for o in [
                {"function": "select_text", "args": {"text": "Portsmouth"}, "status": "CONTINUE"},
                {"function": "set_font", "args": {"font_size": 16}, "status": "CONTINUE"},
                {"function": "", "status": "FINISH"},
            ]
        )
    )
    out, log = tmp_path / "out.docx", tmp_path / "t.jsonl"
    done = openlam_run(
        "Set Portsmouth in 16 pt",
        "--doc",
        str(letter),
        "--out",
        str(out),
        "--backend",
        "scripted",
        "--outputs",
        str(outputs),
        "--log",
        str(log),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "step 1" in done.stdout and "step 3" in done.stdout and "finished" in done.stdout
    sizes = [
        r.font.size.pt
        for p in docx.Document(out).paragraphs
        for r in p.runs
        if "Portsmouth" in r.text and r.font.size is not None
    ]
    assert sizes == [16.0]
    assert load_trajectory(log).outcome == "finished"


def test_run_with_the_default_model_runs_to_completion(letter, tmp_path: Path):
    log = tmp_path / "t.jsonl"
    done = openlam_run(
        "Make the word Portsmouth bold",
        "--doc",
        str(letter),
        "--max-steps",
        "2",
        "--max-new-tokens",
        "48",
        "--log",
        str(log),
    )
    # Untrained, the model mostly fails; what matters is that the run ends cleanly.
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "step 1" in done.stdout
    trajectory = load_trajectory(log)
    assert trajectory.outcome != "interrupted" and 1 <= len(trajectory.steps) <= 2
    assert all(s.model_output is not None for s in trajectory.steps)
