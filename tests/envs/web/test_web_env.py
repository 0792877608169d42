"""Integration tests: Debian's Chromium through Playwright, on pages served from loopback."""

import http.server
import os
import signal
import threading

import pytest
from playwright.sync_api import sync_playwright

from openlam.envs.web.browser import profile_processes
from openlam.envs.web.env import WebEnv, WebEnvConfig
from openlam.records import Action, Status

pytestmark = pytest.mark.web

GREETER = """<!doctype html>
<html><head><title>Greeter</title></head><body>
<p id="out">Nothing yet</p>
<label for="name">Name</label> <input id="name" type="text">
<button onclick="document.getElementById('out').textContent =
    'Hello, ' + document.getElementById('name').value + '!'">Greet</button>
<label><input type="checkbox"> Subscribe</label>
<label for="colour">Colour</label>
<select id="colour"><option value="r">Red</option><option value="g">Green</option></select>
<button id="doomed">Doomed</button>
<button style="display:none">Hidden</button>
<a href="http://example.com/">Elsewhere</a>
<button onclick="while (true) {}">Hang</button>
</body></html>
"""


class _Pages(http.server.BaseHTTPRequestHandler):
    """Serves GREETER, and /away: a redirect to a server the policy does not allow."""

    def do_GET(self):
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", self.server.away)
            self.end_headers()
            return
        body = GREETER.encode() if self.path == "/" else b"<title>Secret</title>secret"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # a line per request would bury pytest's output


def _serve(host: str) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer((host, 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def site():
    """The greeter on 127.0.0.1, and a second server on 127.0.0.2 (loopback, but not in the
    policy, and reachable without DNS: only Chromium's resolver rules keep the browser out)."""
    other = _serve("127.0.0.2")
    server = _serve("127.0.0.1")
    server.away = f"http://127.0.0.2:{other.server_port}/secret"
    yield f"http://127.0.0.1:{server.server_port}/"
    for s in (server, other):
        s.shutdown()
        s.server_close()


@pytest.fixture(scope="module")
def driver():
    """One sync Playwright for the module: its sync API allows only one per thread."""
    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="module")
def web(driver):
    env = WebEnv(playwright=driver)
    yield env
    env.close()


def _act(env, text):
    obs, reward, terminated, truncated, info = env.step(text)
    assert obs.last_result.ok, obs.last_result.error
    return obs


def _texts(obs):
    return [p.text for p in obs.document.paragraphs]


def test_reset_lists_the_visible_controls_with_roles_and_names(web, site):
    obs, info = web.reset(options={"url": site})
    assert obs.app == "web" and obs.window == "Greeter"
    assert obs.find("Name", "textbox") and obs.find("Greet", "button")
    assert obs.find("Subscribe", "checkbox").state == []
    assert obs.find("Colour", "combobox").value == "Red"
    assert obs.find("Green", "option").context == "Colour"
    assert obs.find("Elsewhere", "link")
    assert obs.find("Hidden") is None
    assert [c.label for c in obs.controls] == [str(i) for i in range(1, len(obs.controls) + 1)]
    assert "Nothing yet" in _texts(obs)
    assert obs.document.page["url"] == site
    assert info["restarted"] and info["timings"]["launch_s"] > 0
    assert info["timings"]["observe_s"] > 0


def test_set_edit_text_and_click_change_the_page_text(web, site):
    obs, _ = web.reset(options={"url": site})
    obs = _act(web, f'set_edit_text(label="{obs.find("Name", "textbox").label}", text="Ada")')
    assert obs.find("Name", "textbox").value == "Ada"
    obs = _act(web, f'click(label="{obs.find("Greet", "button").label}")')
    assert "Hello, Ada!" in _texts(obs)
    assert "focused" in obs.find("Greet", "button").state


def test_select_option_and_checkbox_show_in_the_controls(web, site):
    obs, _ = web.reset(options={"url": site})
    obs = _act(web, f'select_option(label="{obs.find("Colour", "combobox").label}", value="Green")')
    assert obs.find("Colour", "combobox").value == "Green"
    assert "selected" in obs.find("Green", "option").state
    obs = _act(web, f'click(label="{obs.find("Red", "option").label}")')
    assert obs.find("Colour", "combobox").value == "Red"
    obs = _act(web, f'click(label="{obs.find("Subscribe", "checkbox").label}")')
    assert "checked" in obs.find("Subscribe", "checkbox").state


def test_navigate_outside_the_policy_is_refused_and_the_page_stays(web, site):
    web.reset(options={"url": site})
    obs, _, terminated, truncated, _ = web.step('navigate(url="http://example.com/")')
    assert not obs.last_result.ok and not terminated and not truncated
    assert "navigation to http://example.com/ is not allowed" in obs.last_result.error
    assert obs.window == "Greeter" and web.page.url == site


def test_a_link_outside_the_policy_is_aborted_by_the_route(web, site):
    obs, _ = web.reset(options={"url": site})
    obs, *_ = web.step(f'click(label="{obs.find("Elsewhere", "link").label}")')
    assert not obs.last_result.ok
    assert "http://example.com/ is not allowed" in obs.last_result.error
    assert web.page.url == site and obs.window == "Greeter"


def test_a_redirect_outside_the_policy_never_loads(web, site):
    web.reset(options={"url": site})
    obs, *_ = web.step(f'navigate(url="{site}away")')
    assert not obs.last_result.ok, obs.last_result
    assert "ERR_NAME_NOT_RESOLVED" in obs.last_result.error
    assert "secret" not in _texts(obs)


def test_reset_outside_the_policy_raises():
    with pytest.raises(ValueError, match="neither loopback nor in the allow list"):
        WebEnv().reset(options={"url": "http://example.com/"})


def test_unknown_and_vanished_labels_are_error_results(web, site):
    obs, _ = web.reset(options={"url": site})
    obs, _, terminated, *_ = web.step('click(label="999")')
    assert not obs.last_result.ok and not terminated
    assert "no control with label '999'" in obs.last_result.error
    doomed = obs.find("Doomed", "button").label
    web.page.evaluate("document.getElementById('doomed').remove()")  # the page changes alone
    obs, *_ = web.step(f'click(label="{doomed}")')
    assert not obs.last_result.ok
    assert f"control {doomed} is no longer on the page" in obs.last_result.error
    assert obs.find("Doomed") is None


def test_finish_and_fail_terminate(web, site):
    obs, _ = web.reset(options={"url": site})
    _, _, terminated, truncated, _ = web.step(Action(function="", status=Status.FINISH))
    assert terminated and not truncated
    label = obs.find("Greet", "button").label
    action = Action(function="click", control_label=label, status=Status.FAIL)
    obs, _, terminated, _, _ = web.step(action)
    assert terminated and obs.last_result.ok


def test_a_killed_browser_truncates_every_step_until_reset(web, site):
    web.reset(options={"url": site})
    os.kill(web.chromium.pid, signal.SIGKILL)
    obs, _, terminated, truncated, info = web.step('scroll(direction="down", amount=2)')
    assert truncated and not terminated
    assert "Chromium has exited" in info["truncated_reason"]
    assert obs.last_result.error == info["truncated_reason"]
    reason = info["truncated_reason"]
    obs, _, terminated, truncated, info = web.step('scroll(direction="down", amount=2)')
    assert truncated and not terminated and info["truncated_reason"] == reason
    assert obs.last_result.error == reason == web.observe().last_result.error
    obs, info = web.reset(options={"url": site})
    assert info["restarted"] and obs.window == "Greeter"


def test_a_hung_page_is_killed_and_close_leaves_no_chromium(driver, site):
    with WebEnv(WebEnvConfig(step_timeout_s=4), playwright=driver) as env:
        obs, _ = env.reset(options={"url": site})
        profile = env.chromium.profile
        assert profile_processes(profile)
        obs, _, _, truncated, info = env.step(f'click(label="{obs.find("Hang").label}")')
        assert truncated and "no answer in 4" in info["truncated_reason"]
        obs, _ = env.reset(options={"url": site})
        profile = env.chromium.profile
        assert profile_processes(profile)
    assert profile_processes(profile) == []
    assert not profile.exists()


def test_a_step_with_screens_on_keeps_a_picture_of_the_page(web, site, tmp_path):
    from PIL import Image, ImageChops

    from openlam.agent.loop import Agent, AgentConfig
    from openlam.models.scripted import ScriptedModel

    obs, _ = web.reset(options={"url": site})
    name = obs.find("Name", "textbox").label
    model = ScriptedModel([f'set_edit_text(label="{name}", text="Ada")', "[FINISH]"])
    agent = Agent.for_model(model, web.actions, AgentConfig(screens="each"))
    trajectory = agent.run(web, "Type Ada", tmp_path / "t.jsonl", options={"url": site})
    files = [tmp_path / s.screen for s in trajectory.steps]
    files.append(tmp_path / trajectory.info["final_screen"])
    images = [Image.open(f).convert("RGB") for f in files]
    assert all(i.size == web.config.viewport for i in images)
    assert all(i.convert("L").getextrema()[0] < 100 for i in images)  # text on a light page
    assert ImageChops.difference(images[0], images[1]).getbbox() is not None  # "Ada" typed


def test_controls_are_placed_where_the_browser_lays_them_out(web, site):
    obs, _ = web.reset(options={"url": site})
    name = obs.find("Name", "textbox")
    boxes = web.control_boxes([name.label, "99999"])
    laid_out = web.page.get_by_role("textbox", name="Name").bounding_box()
    x, y, width, height = boxes[name.label]
    assert list(boxes) == [name.label]
    assert abs(x - laid_out["x"]) <= 1 and abs(y - laid_out["y"]) <= 1
    assert abs(width - laid_out["width"]) <= 1 and abs(height - laid_out["height"]) <= 1
