"""check_env passes for every environment openlam ships and fails for broken ones."""

import http.server
import threading

import pytest

from openlam.envs.base import Env
from openlam.envs.check import EnvContractError, check_env
from openlam.envs.fake import FakeWriterEnv
from openlam.records import ActionResult, Control, Status


def test_the_fake_env_keeps_the_contract():
    env = FakeWriterEnv()
    assert isinstance(env, Env)
    check_env(env, reset_options={"template": "letter.docx"})


def test_a_dead_fake_app_truncates_every_step_until_reset():
    env = FakeWriterEnv()
    env.reset()
    env.kill("gone for good")
    for _ in range(2):
        obs, _, terminated, truncated, info = env.step('click_input(label="2")')
        assert truncated and not terminated and info["truncated_reason"] == "gone for good"
        assert obs.last_result.error == "gone for good" == env.observe().last_result.error
    obs, info = env.reset()
    assert info["restarted"] and obs.last_result is None
    assert not env.step('click_input(label="2")')[3]


class RaisesOnBadAction(FakeWriterEnv):
    def step(self, action):
        if isinstance(action, str):
            self.actions.parse(action)
        return super().step(action)


class RepeatsALabel(FakeWriterEnv):
    def _observe(self, result):
        obs = super()._observe(result)
        obs.controls.append(Control(label="1", name="Again", type="push button"))
        return obs


class UndocumentedInfo(FakeWriterEnv):
    def step(self, action):
        *rest, info = super().step(action)
        return (*rest, {**info, "mood": "fine"})


class TimingsInMilliseconds(FakeWriterEnv):
    def step(self, action):
        *rest, info = super().step(action)
        return (*rest, {**info, "timings": {"observe_s": "3 ms"}})


class FinishGoesOn(FakeWriterEnv):
    def _execute(self, action):
        action.status = Status.CONTINUE
        return super()._execute(action)


class ObserveActs(FakeWriterEnv):
    def observe(self):
        self.checked ^= {"Bold"}
        return self._observe(self.last_obs.last_result)


class ForgetsTheResult(FakeWriterEnv):
    def observe(self):
        return self._observe(None)


class ClosesOnce(FakeWriterEnv):
    def close(self):
        if getattr(self, "closed", False):
            raise RuntimeError("already closed")
        self.closed = True


class TruncatesWithoutReason(FakeWriterEnv):
    def step(self, action):
        obs, reward, terminated, _, info = super().step(action)
        return obs, reward, terminated, True, info


class SilentBadAction(FakeWriterEnv):
    def _observe(self, result):
        if result is not None and not result.ok:
            result = ActionResult(ok=True, message="fine")
        return super()._observe(result)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (RaisesOnBadAction, "raised ActionParseError"),
        (RepeatsALabel, r"labels used more than once: \['1'\]"),
        (UndocumentedInfo, r"info keys \['mood'\] are not documented in envs.base.StepInfo"),
        (TimingsInMilliseconds, r"info\['timings'\]=.* is not dict\[str, float\]"),
        (FinishGoesOn, r"step\(FINISH\) gave terminated=False"),
        (ObserveActs, r"observe\(\) after reset differs .*: controls\[1\]"),
        (ForgetsTheResult, "observe.* after the invalid action's step differs .*: last_result"),
        (ClosesOnce, r"close\(\) after __exit__ raised RuntimeError"),
        (TruncatesWithoutReason, "truncated=True but info.'truncated_reason'.=None"),
        (SilentBadAction, "not an error"),
    ],
)
def test_a_broken_env_fails_naming_what_broke(broken, message):
    with pytest.raises(EnvContractError, match=message):
        check_env(broken())


def test_an_env_without_observe_fails():
    class Blind(FakeWriterEnv):
        observe = None

    with pytest.raises(EnvContractError, match="missing methods: observe"):
        check_env(Blind())


@pytest.mark.writer
def test_the_writer_env_keeps_the_contract(letter):
    from openlam.envs.writer.env import WriterEnv

    env = WriterEnv()
    try:
        check_env(env, reset_options={"template": letter})
    finally:
        env.close()


PAGE = b"""<!doctype html><html><head><title>Form</title></head><body>
<p>Say hello</p><label for="name">Name</label> <input id="name" type="text">
<button>Send</button></body></html>"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass  # a line per request would bury pytest's output


@pytest.mark.web
def test_the_web_env_keeps_the_contract():
    from openlam.envs.web.env import WebEnv

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = WebEnv()
    try:
        check_env(env, reset_options={"url": f"http://127.0.0.1:{server.server_port}/"})
    finally:
        env.close()
        server.shutdown()
        server.server_close()
