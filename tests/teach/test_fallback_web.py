"""A page whose button was renamed: replay hands over to the agent (a scripted stand-in), and
the `openlam teach` commands end to end, in the real Chromium on file:// pages."""

import json
import subprocess
import sys

import pytest

from openlam.agent.trajectory_log import load_trajectory
from openlam.envs.web.env import WebEnv, WebEnvConfig
from openlam.models.scripted import ScriptedModel
from openlam.teach.recorder import Recorder, build_skill
from openlam.teach.replay import replay
from openlam.teach.skill import SkillStart

pytestmark = pytest.mark.web
OPENLAM = [sys.executable, "-m", "openlam.cli", "teach"]
PAGE = """<!doctype html>
<html><head><title>Greeter</title></head><body>
{extra}
<p id="out">Nothing sent</p>
<label for="name">Name</label> <input id="name" type="text">
<button onclick="document.getElementById('out').textContent =
    'Sent: ' + document.getElementById('name').value">{button}</button>
</body></html>
"""
REQUEST = "Send a greeting to Ada"


@pytest.fixture
def pages(tmp_path):
    """The page as demonstrated, and a new version: a link more, the button renamed."""
    folder = tmp_path / "site"
    folder.mkdir()
    old, new = folder / "old.html", folder / "new.html"
    old.write_text(PAGE.format(extra="", button="Send"))
    new.write_text(PAGE.format(extra='<a href="#help">Help</a>', button="Go"))
    return old.as_uri(), new.as_uri(), folder


def sent(obs) -> str:
    return next(p.text for p in obs.document.paragraphs if p.text.startswith(("Sent", "Nothing")))


def test_a_renamed_button_hands_the_rest_of_the_task_to_the_agent(pages, tmp_path):
    old, new, folder = pages
    with WebEnv(WebEnvConfig(file_roots=[folder])) as env:
        recorder = Recorder(env, SkillStart(app="web", url=old), REQUEST)
        obs = recorder.begin()
        recorder.act(f'set_edit_text(label="{obs.find("Name", "textbox").label}", text="Ada")')
        recorder.act(f'click(label="{recorder.obs.find("Send").label}")')
        assert sent(recorder.obs) == "Sent: Ada"
        skill = build_skill(recorder.finish(), "greet")
        assert skill.request_template == "Send a greeting to {name}"

        obs, _ = env.reset(options={"url": new})
        go = obs.find("Go", "button")
        model = ScriptedModel(
            [
                json.dumps({"control_label": go.label, "function": "click", "status": "CONTINUE"}),
                json.dumps({"function": "", "status": "FINISH"}),
            ]
        )
        said = []
        report = replay(
            env, obs, skill, {"name": "Grace"}, tmp_path / "run", model=model, say=said.append
        )
        assert sent(env.last_obs) == "Sent: Grace"  # the agent finished the job

    # The box is found under a new label, though a link now comes first and "Go" after it.
    assert [s.found_by for s in report.steps] == ["match", "not found"]
    assert report.steps[0].label_then == "2" and report.steps[0].label_now == "3"
    assert report.fallback.step == 2 and report.fallback.outcome == "finished"
    assert 'the button "Send" is not found' in report.fallback.reason
    assert report.outcome == "finished" and report.success is None  # the page cannot judge
    assert any("the agent (scripted) takes over" in line for line in said)
    goal = model.calls[0][1].content
    assert "Send a greeting to Grace" in goal and 'click the button "Send"' in goal
    trajectory = load_trajectory(tmp_path / "run" / "trajectory.jsonl")
    assert [s.model_output is None for s in trajectory.steps] == [True, False, False]
    assert trajectory.info["fallback"]["step"] == 2
    saved = json.loads((tmp_path / "run" / "report.json").read_text())
    assert saved["fallback"]["model"] == "scripted"


def teach(*args: str, stdin: str = "", timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*OPENLAM, *args], input=stdin, capture_output=True, text=True, timeout=timeout
    )


def test_the_teach_commands_end_to_end(pages, tmp_path):
    old, new, _ = pages
    skills = tmp_path / "skills"
    # The page lists the label text "Name" (1), its box (2) and the button (3).
    steps = 'set_edit_text(label="2", text="Ada")\nnote the name box\nclick(label="3")\ndone\n'
    answers = "who\n\n"  # rename the parameter, keep the request template
    done = teach(
        "record", "--app", "web", "--url", old, "--request", REQUEST, "--dir", str(skills),
        "--name", "greet", stdin=steps + answers,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "recorded step 2" in done.stdout and "--param who=" in done.stdout
    assert (skills / "greet.yaml").exists() and (skills / "greet.demo.jsonl").exists()

    listed = teach("list", "--dir", str(skills))
    assert "greet" in listed.stdout and "Send a greeting to {who}" in listed.stdout
    shown = teach("show", str(skills / "greet.yaml"))
    assert "the name box" in shown.stdout and "text=who" in shown.stdout

    stopped = teach(
        "replay", str(skills / "greet.yaml"), "-p", "who=Grace", "--url", new,
        "--no-fallback", "--out", str(tmp_path / "stopped"),
    )  # fmt: skip
    assert stopped.returncode == 1
    assert 'error: step 2: the button "Send" is not found' in " ".join(stopped.stdout.split())

    again = teach(
        "replay", str(skills / "greet.yaml"), "--request", "Send a greeting to Lin",
        "--out", str(tmp_path / "again"),
    )  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    report = json.loads((tmp_path / "again" / "report.json").read_text())
    assert report["params"] == {"who": "Lin"} and report["fallback"] is None

    exported = teach("export", str(skills / "greet.yaml"), "--out", str(tmp_path / "data"))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    result = json.loads((tmp_path / "data" / "results.jsonl").read_text())
    assert result["app"] == "web" and result["success"] and result["steps"] == 3
