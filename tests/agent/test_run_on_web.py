"""`openlam run` on the web end to end in the real Chromium: a local page and a MiniWoB task,
with the scripted backend, and the requests it refuses before any model runs."""

import subprocess
import sys
from pathlib import Path

import pytest

from openlam.agent.trajectory_log import load_trajectory

pytestmark = pytest.mark.web
OPENLAM = [sys.executable, "-m", "openlam.cli"]

FORM = """<html><body><h1>Sign up</h1><label for=n>Name</label><input id=n>
<button onclick="document.body.insertAdjacentHTML('beforeend',
  '<p>Thanks ' + document.getElementById('n').value + '</p>')">Submit</button></body></html>"""


def openlam_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*OPENLAM, "run", *args], capture_output=True, text=True, timeout=300,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip


def scripted(tmp_path: Path, *outputs: str) -> list[str]:
    path = tmp_path / "outputs.txt"
    path.write_text("\n".join(outputs) + "\n")
    return ["--backend", "scripted", "--outputs", str(path)]


def test_a_request_on_a_local_page_fills_and_submits(tmp_path: Path):
    page, log = tmp_path / "form.html", tmp_path / "t.jsonl"
    page.write_text(FORM)
    model = scripted(
        tmp_path, 'set_edit_text(label="2", text="Ada")', 'click(label="3")', "[FINISH]"
    )
    done = openlam_run("Sign up as Ada", "--url", page.as_uri(), *model, "--log", str(log))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "step 3" in done.stdout and "finished" in done.stdout
    trajectory = load_trajectory(log)
    assert trajectory.outcome == "finished" and trajectory.app == "web"
    texts = [p.text for p in trajectory.steps[-1].observation.document.paragraphs]
    assert "Thanks Ada" in texts


def test_a_miniwob_task_brings_its_request_and_its_verdict(tmp_path: Path):
    log = tmp_path / "t.jsonl"
    done = openlam_run(
        "--miniwob", "enter-text", "--seed", "100001",
        *scripted(tmp_path, 'set_edit_text(label="1", text="x")', 'click(label="2") [FINISH]'),
        "--log", str(log),
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'request: Enter "' in done.stdout
    assert "the page says: not solved" in done.stdout  # "x" is not the word it asked for
    assert load_trajectory(log).request.startswith("Enter")


@pytest.mark.parametrize(
    "args, says",
    [
        (["   ", "--url", "file:///tmp/x.html"], "the request is empty"),
        (["Click it", "--miniwob", "click-button"], "states its own request"),
        (["Click it", "--url", "ftp://example.org/"], "not a web address"),
        (["Click it", "--url", "http://127.0.0.1/", "--miniwob", "click-button"], "either"),
        (["Click it", "--url", "http://127.0.0.1/", "--out", "x.docx"], "for Writer"),
    ],
)
def test_bad_requests_are_refused_before_a_model_runs(tmp_path: Path, args, says):
    done = openlam_run(*args, *scripted(tmp_path, "[FINISH]"), "--log", str(tmp_path / "t.jsonl"))
    assert done.returncode != 0
    assert says in " ".join((done.stdout + done.stderr).split())
    assert not (tmp_path / "t.jsonl").exists()
