"""Integration tests on small pages given as data: addresses: how controls are named, how a
covered control is reached, what the observation says of shapes, and the point and drag
actions."""

from urllib.parse import quote

import pytest

from openlam.envs.web.env import WebEnv

pytestmark = pytest.mark.web

FORM = """<!doctype html><title>Form</title>
<div id="query">Enter "Ada" into the text field and press Submit.</div>
<div id="area"><input id="alone"><button>Submit</button></div>
<p><label>Username</label><input id="user"></p>
<p><input type="checkbox" id="after"><span>Remember me</span></p>
"""


@pytest.fixture(scope="module")
def web():
    with WebEnv() as env:
        yield env


def _open(env, html):
    return env.reset(options={"url": "data:text/html," + quote(html)})[0]


def test_a_field_is_named_only_by_text_inside_its_own_container(web):
    obs = _open(web, FORM)
    alone, user, after = obs.controls[0], obs.controls[2], obs.controls[3]
    assert alone.type == "textbox" and alone.name == ""
    assert user.name == "(Username)"
    assert after.type == "checkbox" and after.name == "(Remember me)"


COVERED = """<!doctype html><title>Covered</title>
<p id="out">nothing</p>
<button id="under" style="position:absolute; left:20px; top:60px; width:40px; height:40px"
    onclick="document.getElementById('out').textContent = 'under pressed'">ONE</button>
<button style="position:absolute; left:10px; top:50px; width:60px; height:60px"
    onclick="document.getElementById('out').textContent = 'cover pressed'">TWO</button>
<span onclick="1" style="position:absolute; left:100px; top:60px">Plain</span>
<div style="position:absolute; left:90px; top:50px; width:80px; height:40px; background:red"></div>
"""


def test_a_fully_covered_control_is_reached_by_the_keyboard(web):
    obs = _open(web, COVERED)
    obs, *_ = web.step(f'click(label="{obs.find("ONE", "button").label}")')
    assert obs.last_result.ok, obs.last_result
    assert "pressed Enter" in obs.last_result.message and "covers it" in obs.last_result.message
    assert obs.document.paragraphs[0].text == "under pressed"
    obs, *_ = web.step(f'click(label="{obs.find("Plain").label}")')
    assert not obs.last_result.ok
    assert "covered by another element and takes no keyboard focus" in obs.last_result.error


DRAWING = """<!doctype html><title>Drawing</title>
<p id="out">none</p>
<svg id="board" width="300" height="200" style="position:absolute; left:0; top:40px">
  <circle cx="50" cy="50" r="20" fill="red"></circle>
  <rect x="100" y="30" width="40" height="40" fill="hsl(240, 50%, 40%)"></rect>
  <polygon points="200,70 220,30 240,70" fill="green"></polygon>
  <text x="260" y="50" fill="blue">7</text>
</svg>
<div id="box" style="position:absolute; left:10px; top:260px; width:30px; height:30px;
    background:orange" onmousedown="grab(event)">s</div>
<div id="bin" style="position:absolute; left:200px; top:250px; width:60px; height:60px;
    background:black" onclick="1"></div>
<script>
const out = document.getElementById("out");
document.getElementById("board").addEventListener("click", e => {
    out.textContent = "board " + e.pageX + "," + e.pageY;
});
function grab(down) {
    const box = document.getElementById("box");
    const move = e => {
        box.style.left = (e.pageX - 15) + "px";
        box.style.top = (e.pageY - 15) + "px";
    };
    const up = e => {
        removeEventListener("mousemove", move);
        removeEventListener("mouseup", up);
        out.textContent = "dropped " + e.pageX + "," + e.pageY;
    };
    addEventListener("mousemove", move);
    addEventListener("mouseup", up);
}
</script>
"""


def test_svg_shapes_are_controls_with_kind_colour_and_box(web):
    obs = _open(web, DRAWING)
    shapes = {c.name: c for c in obs.controls if c.type == "graphic"}
    assert set(shapes) == {"circle", "rectangle", "triangle", "7"}
    assert shapes["circle"].color == "red" and shapes["circle"].box == (30, 70, 40, 40)
    assert shapes["rectangle"].color == "hsl(240, 50%, 40%)"
    assert shapes["triangle"].color == "green" and shapes["7"].color == "blue"
    box = obs.find("s")
    assert box.color == "orange" and box.box == (10, 260, 30, 30)
    assert obs.find("Drawing") is None and obs.find("none") is None
    assert all(c.box is None for c in obs.controls if c.type in ("button", "textbox"))


def test_click_point_clicks_the_page_there(web):
    _open(web, DRAWING)
    obs, *_ = web.step("click_point(x=120, y=90)")
    assert obs.last_result.ok and obs.last_result.message == "clicked the point (120, 90)"
    assert obs.document.paragraphs[0].text == "board 120,90"


def test_drag_point_and_drag_onto_another_control_move_a_box(web):
    _open(web, DRAWING)
    obs, *_ = web.step("drag_point(x=25, y=275, to_x=60, to_y=300)")
    assert obs.last_result.ok, obs.last_result
    assert obs.find("s").box == (45, 285, 30, 30)
    obs, *_ = web.step(f'drag(label="{obs.find("s").label}", to="{obs.find("[bin]").label}")')
    assert obs.last_result.ok, obs.last_result
    assert obs.document.paragraphs[0].text == "dropped 230,280"
    assert obs.find("s").box == (215, 265, 30, 30)


def test_points_off_the_page_and_unknown_labels_are_error_results(web):
    obs = _open(web, DRAWING)
    obs, _, terminated, *_ = web.step("click_point(x=5000, y=10)")
    assert not obs.last_result.ok and not terminated
    assert "point (5000, 10) is off the page, which is 1280x720 pixels" in obs.last_result.error
    obs, *_ = web.step(f'drag(label="{obs.find("s").label}", to="99")')
    assert "no control with label '99'" in obs.last_result.error
    obs, *_ = web.step('drag(label="1", to="top")')
    assert "bad arguments for drag" in obs.last_result.error
    obs, *_ = web.step("click_point(x=-1, y=10)")
    assert "greater than or equal to 0" in obs.last_result.error
