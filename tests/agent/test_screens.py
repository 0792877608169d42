"""Screens kept by the agent loop (on the in-memory env): when they are taken, where the files
go, how records name them; the judge that is sent them through a recording endpoint; the trace
viewer that embeds them."""

import base64
import io
import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from PIL import Image

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.judge import judge
from openlam.envs.fake import SCREEN_SIZE, FakeWriterEnv
from openlam.envs.screens import ScreenError
from openlam.envs.writer.actions import writer_action_space
from openlam.eval.online import trace
from openlam.eval.report_html import step_html
from openlam.models.openai_compat import OpenAIChatConfig, OpenAIChatModel
from openlam.models.scripted import ScriptedModel

OUTPUTS = ['click_input(label="2")', 'click_input(label="3")', "[FINISH]"]


def run(tmp_path, screens, env=None):
    agent = Agent.for_model(
        ScriptedModel(OUTPUTS), writer_action_space(), AgentConfig(screens=screens)
    )
    return agent.run(env or FakeWriterEnv(), "Bold and italic", tmp_path / "t.jsonl")


def test_each_step_keeps_its_screen_beside_the_trajectory_and_the_last_one(tmp_path):
    trajectory = run(tmp_path, "each")
    names = [s.screen for s in trajectory.steps]
    assert names == ["t.screens/step000.png", "t.screens/step001.png", "t.screens/step002.png"]
    assert trajectory.info["final_screen"] == "t.screens/final.png"
    for name in [*names, trajectory.info["final_screen"]]:
        with Image.open(tmp_path / name) as image:
            assert image.size == SCREEN_SIZE
            assert image.convert("L").getextrema()[0] < 128  # something is drawn on it
    assert all("capture_s" in s.timings for s in trajectory.steps)
    assert load_trajectory(tmp_path / "t.jsonl") == trajectory
    # The records name the files; no image is inside the JSON Lines.
    assert "base64" not in (tmp_path / "t.jsonl").read_text()


def test_ends_keeps_the_first_and_the_last_and_never_keeps_none(tmp_path):
    ends = run(tmp_path, "ends")
    assert [s.screen for s in ends.steps] == ["t.screens/step000.png", None, None]
    assert sorted(p.name for p in (tmp_path / "t.screens").iterdir()) == [
        "final.png",
        "step000.png",
    ]
    assert "capture_s" in ends.steps[0].timings and "capture_s" not in ends.steps[1].timings
    never = run(tmp_path / "never", "never")
    assert all(s.screen is None and "capture_s" not in s.timings for s in never.steps)
    assert "final_screen" not in never.info and not (tmp_path / "never" / "t.screens").exists()


def test_screens_of_an_env_without_a_picture_or_a_run_without_a_file_are_refused(tmp_path):
    class Blind(FakeWriterEnv):
        screenshot = None  # not a capability this env has

    with pytest.raises(ScreenError, match="cannot take screenshots"):
        run(tmp_path, "ends", env=Blind())
    agent = Agent.for_model(
        ScriptedModel(OUTPUTS), writer_action_space(), AgentConfig(screens="each")
    )
    with pytest.raises(ScreenError, match="give it a path"):
        agent.run(FakeWriterEnv(), "Bold", None)


def test_no_last_screen_after_the_application_died(tmp_path):
    class Dying(FakeWriterEnv):
        def step(self, action):
            self.kill()
            return super().step(action)

    trajectory = run(tmp_path, "each", env=Dying())
    assert trajectory.steps[-1].truncated and "final_screen" not in trajectory.info


class _Recorder(BaseHTTPRequestHandler):
    bodies: ClassVar[list[dict]] = []

    def do_POST(self):
        _Recorder.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        reply = {"verdict": "yes", "reason": "the title is bold"}
        body = json.dumps({"choices": [{"message": {"content": json.dumps(reply)}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def recording_endpoint():
    _Recorder.bodies = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("images", [True, False])
def test_the_judge_is_sent_the_screens_only_where_its_endpoint_takes_images(tmp_path, images):
    trajectory = run(tmp_path, "ends")
    first = tmp_path / trajectory.steps[0].screen
    last = tmp_path / trajectory.info["final_screen"]
    doc = trajectory.steps[0].observation.document
    with recording_endpoint() as url:
        model = OpenAIChatModel(OpenAIChatConfig(base_url=url, model="judge", images=images))
        verdict = judge(model, trajectory, doc, doc, screens=(first, last))
    assert verdict.verdict == "yes" and verdict.saw_screens is images
    (sent,) = _Recorder.bodies
    user = sent["messages"][1]["content"]
    if not images:
        assert isinstance(user, str)
        return
    text, *pictures = user
    assert text["type"] == "text" and "Bold and italic" in text["text"]
    assert [p["type"] for p in pictures] == ["image_url", "image_url"]
    data = pictures[1]["image_url"]["url"].removeprefix("data:image/png;base64,")
    assert base64.b64decode(data) == last.read_bytes()


def test_a_text_model_refuses_a_turn_with_images():
    from openlam.models.base import Message, ModelError, text_turns

    with pytest.raises(ModelError, match="reads text only"):
        text_turns([Message(role="user", content="look", images=["data:,"])], "llama.cpp")


def test_the_trace_viewer_embeds_the_screens_before_and_after_each_step(tmp_path):
    from openlam.data.execute import TaskResult

    trajectory = run(tmp_path, "each")
    result = TaskResult(
        id="t", family="writer/bold-word-v1", template="letter", split="test", phrasing=0,
        request="Bold and italic", source="eval", expert="model", success=True, reason="ok",
        steps=3, attempts=1, seconds={}, trajectory="t.jsonl",
    )  # fmt: skip
    viewed = trace("model", result, trajectory, tmp_path)
    assert viewed.steps[0].screen_after == viewed.steps[1].screen_before
    last = viewed.steps[-1].screen_after
    assert last.startswith("data:image/webp;base64,")
    with Image.open(io.BytesIO(base64.b64decode(last.split(",", 1)[1]))) as image:
        assert image.size == SCREEN_SIZE
    html = step_html(viewed.steps[0])
    assert html.count("<img") == 2 and 'alt="the window before step 0"' in html
    assert "<img" not in step_html(trace("model", result, trajectory, None).steps[0])


class _Actor(_Recorder):
    """An endpoint that takes images: records each request, answers the next scripted call."""

    answers: ClassVar[list[str]] = []

    def do_POST(self):
        _Recorder.bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        reply = _Actor.answers.pop(0)
        body = json.dumps({"choices": [{"message": {"content": reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_a_visual_agent_is_shown_the_window_with_the_labels_marked(tmp_path):
    from openlam.agent.prompt import PromptConfig
    from openlam.envs.screens import MARK_COLOUR

    _Recorder.bodies, _Actor.answers = [], ['click_input(label="2")', "[FINISH]"]
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Actor)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    model = OpenAIChatModel(OpenAIChatConfig(base_url=url, model="seer", images=True))
    config = AgentConfig(prompt=PromptConfig(screen=True, max_controls=None))
    try:
        trajectory = Agent.for_model(model, writer_action_space(), config).run(
            FakeWriterEnv(), "Make it bold", tmp_path / "t.jsonl"
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert trajectory.outcome == "finished" and trajectory.steps[0].action.control_name == "Bold"
    assert all("screen_s" in s.timings for s in trajectory.steps)
    user = _Recorder.bodies[0]["messages"][-1]["content"]
    assert "label is drawn on it" in user[0]["text"]
    data = user[1]["image_url"]["url"].removeprefix("data:image/png;base64,")
    with Image.open(io.BytesIO(base64.b64decode(data))) as image:
        assert image.size == SCREEN_SIZE
        x, y, _, _ = FakeWriterEnv().control_boxes(["2"])["2"]
        assert image.convert("RGB").getpixel((x + 1, y - 3)) == MARK_COLOUR  # the label's tag


def test_only_a_model_that_takes_images_can_be_shown_the_screen():
    from openlam.agent.prompt import PromptConfig

    config = AgentConfig(prompt=PromptConfig(screen=True))
    with pytest.raises(ValueError, match="does not take images"):
        Agent.for_model(ScriptedModel(OUTPUTS), writer_action_space(), config)


def test_a_visual_row_is_the_same_endpoint_with_images_and_the_screen():
    from openlam.eval.models import parse_named

    text = parse_named("gpt=openai:gpt-4o@http://h/v1")
    seen = parse_named("gpt+screen=visual:openai:gpt-4o@http://h/v1")
    assert not text.screen and not text.config.images
    assert seen.screen and seen.config.images and seen.config.model == "gpt-4o"
    with pytest.raises(ValueError, match="a visual model is an endpoint"):
        parse_named("visual:base")
