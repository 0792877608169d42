"""UI actions wait on soffice's events, not the clock: what an action opens is in the very
next observation, with no extra observe in between."""

import os
import time

import pytest

from openlam.envs.writer import events
from openlam.envs.writer.events import UiThread, load_stretch


def _act(env, text):
    obs, reward, terminated, truncated, info = env.step(text)
    assert obs.last_result.ok, obs.last_result.error
    return obs


def _names(obs, context):
    return [c.name for c in obs.controls if c.context == context]


def _close_dialog(env, obs):
    """Cancel the dialog, so that the shared Writer is left without one (a modal dialog
    would block the next test's reset), even one that came too late for `obs`."""
    cancel = obs.find("Cancel", "push button") or env.observe().find("Cancel", "push button")
    if cancel is not None:
        obs = _act(env, f'click_input(label="{cancel.label}")')
    return obs


@pytest.mark.writer
def test_a_dialog_opened_by_a_shortcut_is_in_the_next_observation(writer, letter):
    obs, _ = writer.reset(options={"template": letter})
    document = next(c for c in obs.controls if c.type == "document text")
    obs = _act(writer, f'keyboard_input(label="{document.label}", keys="{{ctrl+F12}}")')
    try:
        assert "Insert" in _names(obs, "Insert Table"), [c.name for c in obs.controls]
        assert obs.find("Columns", "spin button") is not None
    finally:
        obs = _close_dialog(writer, obs)
    assert obs.find("Columns", "spin button") is None  # closing shows at once as well
    assert not obs.document.tables


@pytest.mark.writer
def test_a_dialog_opened_by_a_click_is_in_the_next_observation(writer, letter):
    obs, _ = writer.reset(options={"template": letter})
    obs = _act(writer, f'click_input(label="{obs.find("Table", "menu").label}")')
    item = obs.find("Insert Table...", "menu item")  # the menu, opened by a click, too
    assert item is not None, [c.name for c in obs.controls if c.type == "menu item"]
    obs = _act(writer, f'click_input(label="{item.label}")')
    try:
        assert "Insert" in _names(obs, "Insert Table"), [c.name for c in obs.controls]
    finally:
        _close_dialog(writer, obs)


@pytest.mark.writer
def test_a_toggle_shows_its_new_state_in_the_next_observation(writer, letter):
    writer.reset(options={"template": letter})
    obs = _act(writer, 'select_text(text="Portsmouth")')
    for expected in (True, False):
        obs = _act(writer, f'click_input(label="{obs.find("Bold", "toggle button").label}")')
        assert ("checked" in obs.find("Bold", "toggle button").state) == expected


def test_a_thread_that_works_is_busy_and_one_that_sleeps_is_not():
    thread = UiThread(os.getpid())  # this test's own main thread stands in for soffice's
    start = thread.sample()
    end = time.monotonic() + 0.1
    while time.monotonic() < end:
        pass
    worked = thread.sample()
    time.sleep(0.1)
    assert worked.busy_since(start)
    assert not thread.sample().busy_since(worked)


def test_a_thread_that_cannot_be_read_never_holds_a_wait_up():
    for thread in (UiThread(None), UiThread(2**22 + 1)):  # none, and past Linux's pid_max
        start = thread.sample()
        time.sleep(0.01)
        assert not thread.sample().busy_since(start)


@pytest.mark.parametrize("load, stretch", [(0.3, 1.0), (2.0, 1.0), (8.0, 4.0), (100.0, 8.0)])
def test_the_waits_stretch_with_the_run_queue_per_core(monkeypatch, load, stretch):
    monkeypatch.setattr(events.os, "getloadavg", lambda: (load, 0.0, 0.0))
    monkeypatch.setattr(events.os, "sched_getaffinity", lambda pid: {0, 1})
    assert load_stretch() == stretch
