"""Integration tests: the real LibreOffice Writer, checked from the saved .docx."""

import os
import signal

import docx
import pytest

from openlam.envs.writer.env import WriterEnv
from openlam.records import Action, Status

pytestmark = pytest.mark.writer


def _runs_with(path, word):
    return [r for p in docx.Document(str(path)).paragraphs for r in p.runs if word in r.text]


def _act(env, text):
    obs, reward, terminated, truncated, info = env.step(text)
    assert obs.last_result.ok, obs.last_result.error
    return obs


def test_bold_through_the_toolbar_label(writer, letter, tmp_path):
    obs, _ = writer.reset(options={"template": letter})
    obs = _act(writer, 'select_text(text="Portsmouth")')
    bold = obs.find("Bold", "toggle button")
    assert bold is not None and bold.context == "Formatting"
    obs = _act(writer, f'click_input(label="{bold.label}")')
    assert "checked" in obs.find("Bold", "toggle button").state
    saved = writer.save(tmp_path / "bold.docx")
    (run,) = _runs_with(saved, "Portsmouth")
    assert run.text == "Portsmouth" and run.bold
    assert not any(r.bold for r in _runs_with(saved, "Harbour Lane,"))


def test_a_sidebar_deck_opened_in_one_episode_is_folded_at_the_next_reset(writer, letter):
    obs, _ = writer.reset(options={"template": letter})
    before = [(c.label, c.type) for c in obs.controls], obs.find("Bold", "toggle button").label
    navigator = obs.find("Navigator", "toggle button")
    obs = _act(writer, f'click_input(label="{navigator.label}")')
    assert obs.find("Close Sidebar Deck", "push button") is not None
    obs, _ = writer.reset(options={"template": letter})
    # The same controls under the same labels (the window title names each episode's copy).
    after = [(c.label, c.type) for c in obs.controls], obs.find("Bold", "toggle button").label
    assert after == before


def test_font_size_through_the_font_size_box(writer, letter, tmp_path):
    obs, _ = writer.reset(options={"template": letter})
    obs = _act(writer, 'select_text(text="elderflower")')
    box = obs.find("Font Size", "text")
    obs = _act(writer, f'set_edit_text(label="{box.label}", text="20")')
    saved = writer.save(tmp_path / "size.docx")
    (run,) = _runs_with(saved, "elderflower")
    assert run.text == "elderflower" and run.font.size.pt == 20
    assert obs.find("Font Size", "text").value == "20 pt"


def test_insert_table_through_the_dialog(writer, letter, tmp_path):
    obs, _ = writer.reset(options={"template": letter})
    document = next(c for c in obs.controls if c.type == "document text")
    obs = _act(writer, f'keyboard_input(label="{document.label}", keys="{{ctrl+End}}")')
    obs = _act(writer, f'click_input(label="{obs.find("Table", "menu").label}")')
    item = obs.find("Insert Table...", "menu item")
    assert item is not None, [c.name for c in obs.controls if c.type == "menu item"]
    obs = _act(writer, f'click_input(label="{item.label}")')
    columns = obs.find("Columns", "spin button")
    assert columns is not None, [c.name for c in obs.controls]
    obs = _act(writer, f'set_edit_text(label="{columns.label}", text="4")')
    obs = _act(writer, f'set_edit_text(label="{obs.find("Rows", "spin button").label}", text="3")')
    obs = _act(writer, f'click_input(label="{obs.find("Insert", "push button").label}")')
    assert obs.find("Columns", "spin button") is None  # the dialog closed
    saved = writer.save(tmp_path / "dialog.docx")
    (table,) = docx.Document(str(saved)).tables
    assert (len(table.rows), len(table.columns)) == (3, 4)
    assert [(t.rows, t.columns) for t in obs.document.tables] == [(3, 4)]


def test_insert_table_through_the_api(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _act(writer, "select_paragraph(start=3, end=3)")
    obs = _act(writer, "insert_table(rows=3, columns=4)")
    assert [(t.rows, t.columns) for t in obs.document.tables] == [(3, 4)]
    (table,) = docx.Document(str(writer.save(tmp_path / "api.docx"))).tables
    assert (len(table.rows), len(table.columns)) == (3, 4)


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ('click_input(label="999")', "no control with label '999'"),
        ('click_input(label="1"', "not a function call"),
        ("format_disk()", "unknown function 'format_disk'"),
        ('set_font(font_size="huge")', "bad arguments for set_font"),
        ('select_text(text="no such words here")', "not found"),
        ('keyboard_input(label="1", keys="{hyper+q}")', "unknown modifier"),
        ("__import__('os').system('true')", "expected a single call"),
    ],
)
def test_bad_actions_come_back_as_observation_errors(writer, letter, action, expected):
    writer.reset(options={"template": letter})
    obs, reward, terminated, truncated, info = writer.step(action)
    assert not obs.last_result.ok
    assert expected in obs.last_result.error
    assert not terminated and not truncated
    obs = _act(writer, 'select_text(text="Portsmouth")')  # still working


def test_finish_ends_the_episode(writer, letter):
    writer.reset(options={"template": letter})
    obs, _, terminated, truncated, _ = writer.step(Action(function="", status=Status.FINISH))
    assert terminated and not truncated


def test_killed_soffice_truncates_and_the_next_reset_recovers(letter, tmp_path):
    with WriterEnv() as env:
        env.reset(options={"template": letter})
        os.kill(env.stack.app_pid(), signal.SIGKILL)
        obs, reward, terminated, truncated, info = env.step('select_text(text="Portsmouth")')
        assert truncated and not terminated
        assert obs.last_result.error == info["truncated_reason"]
        obs, _, terminated, truncated, info = env.step('select_text(text="Portsmouth")')
        assert truncated and not terminated and info["truncated_reason"]
        assert env.observe() == obs  # nothing left to read: the last observation
        obs, info = env.reset(options={"template": letter})
        assert info["restarted"]
        obs = _act(env, 'select_text(text="Portsmouth")')
        assert obs.document.selection.text == "Portsmouth"


def test_two_instances_side_by_side(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    with WriterEnv() as other:
        other.reset(options={"template": letter})
        assert other.stack.display != writer.stack.display
        assert other.stack.uno_port != writer.stack.uno_port
        _act(other, "insert_table(rows=2, columns=2)")
        obs = _act(writer, 'select_text(text="Portsmouth")')
        bold = obs.find("Bold", "toggle button")
        _act(writer, f'click_input(label="{bold.label}")')
        mine = writer.save(tmp_path / "mine.docx")
        theirs = other.save(tmp_path / "theirs.docx")
    assert not docx.Document(str(mine)).tables and _runs_with(mine, "Portsmouth")[0].bold
    assert len(docx.Document(str(theirs)).tables) == 1
    assert not _runs_with(theirs, "Portsmouth")[0].bold


def test_a_step_with_screens_on_keeps_a_picture_of_the_window(writer, letter, tmp_path):
    from PIL import Image, ImageChops

    from openlam.agent.loop import Agent, AgentConfig
    from openlam.models.scripted import ScriptedModel

    model = ScriptedModel(['select_text(text="Portsmouth")', "[FINISH]"])
    agent = Agent.for_model(model, writer.actions, AgentConfig(screens="each"))
    trajectory = agent.run(
        writer, "Select the town", tmp_path / "t.jsonl", options={"template": letter}
    )
    files = [tmp_path / s.screen for s in trajectory.steps]
    files.append(tmp_path / trajectory.info["final_screen"])
    images = [Image.open(f).convert("RGB") for f in files]
    stack = writer.config.stack
    assert all(i.size == (stack.width, stack.height) for i in images)
    assert all(i.convert("L").getextrema() == (0, 255) for i in images)  # not a blank screen
    assert ImageChops.difference(images[0], images[1]).getbbox() is not None  # the selection
    assert all(s.timings["capture_s"] > 0 for s in trajectory.steps)


def test_controls_are_placed_and_marked_on_the_screen(writer, letter):
    import base64
    import io

    from PIL import Image

    from openlam.envs.screens import MARK_COLOUR, marked_screen

    obs, _ = writer.reset(options={"template": letter})
    bold = obs.find("Bold", "toggle button")
    (x, y, width, height) = writer.control_boxes([bold.label, "99999"])[bold.label]
    stack = writer.config.stack
    assert 0 <= x < stack.width and 0 < y < stack.height and 10 < width < 80 and 10 < height < 80
    uri = marked_screen(writer, [bold.label])
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")
    assert image.getpixel((x, y + height // 2)) == MARK_COLOUR  # the outline's left edge


def test_a_chart_left_in_edit_mode_does_not_stop_the_next_reset(writer, letter):
    obs, _ = writer.reset(options={"template": letter})
    obs = _act(writer, f'click_input(label="{obs.find("Chart", "push button").label}")')
    obs, _ = writer.reset(options={"template": letter})
    assert obs.find("Bold", "toggle button") is not None


def test_the_print_preview_is_observed_and_an_api_action_there_is_an_error(writer, letter):
    obs, _ = writer.reset(options={"template": letter})
    preview = next(c for c in obs.controls if "Preview" in c.name)
    obs, *_ = writer.step(f'click_input(label="{preview.label}")')
    assert obs.last_result.ok and obs.document.selection is None
    obs, *_ = writer.step("insert_table(rows=2, columns=2)")
    assert "print preview" in obs.last_result.error
    closing = next(c for c in obs.controls if "Close Preview" in c.name)
    obs = _act(writer, f'click_input(label="{closing.label}")')
    obs = _act(writer, 'select_text(text="Portsmouth")')
    assert obs.document.selection.text == "Portsmouth"
