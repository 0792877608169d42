"""Teach a formatting task in the real Writer on one template, replay it on another where
the controls have other labels, and check the document."""

import pytest

from openlam.records import Observation
from openlam.teach.recorder import Recorder, build_skill
from openlam.teach.replay import ReplayConfig, replay
from openlam.teach.skill import SkillStart, load_skill, save_skill
from openlam.teach.start import reset_options

pytestmark = pytest.mark.writer
BOLD = ("Bold", "toggle button")


def bold_runs(obs: Observation) -> set[str]:
    return {run.text for p in obs.document.paragraphs for run in p.runs if run.bold}


def test_a_bold_word_demonstration_replays_on_another_template_with_new_labels(writer, tmp_path):
    recorder = Recorder(
        writer, SkillStart(app="writer", template="letter"), "Make the word Portsmouth bold"
    )
    recorder.begin()
    recorder.act('select_text(text="Portsmouth")')
    bold_then = recorder.obs.find(*BOLD)
    recorder.act(f'click_input(label="{bold_then.label}")')
    assert "Portsmouth" in bold_runs(recorder.obs)
    skill = build_skill(recorder.finish(), "bold-word")
    assert skill.request_template == "Make the word {word} bold"
    skill = load_skill(save_skill(skill, tmp_path / "bold-word.yaml"))

    start = skill.start.model_copy(update={"template": "quarterly_report"})
    obs, _ = writer.reset(options=reset_options(start))
    before = bold_runs(obs)
    # Writer lists the same toolbars for every document, so the labels would not differ by
    # themselves: the user opens the Navigator in the sidebar, as one does, which puts its
    # tree (the report's headings and tables) before the toolbars. The next reset folds it.
    navigator = obs.find("Navigator", "toggle button")
    obs, *_ = writer.step(f'click_input(label="{navigator.label}")')
    bold_now = obs.find(*BOLD)
    assert bold_now.label != bold_then.label, "the labels must differ for this test"

    report = replay(
        writer, obs, skill, {"word": "Vietnamese"}, tmp_path / "run", ReplayConfig(fallback=False)
    )
    after = writer.last_obs

    assert report.outcome == "replayed" and report.fallback is None and report.stopped is None
    click = report.steps[1]
    assert click.found_by in ("exact", "match") and click.score >= 0.9
    # Selecting the word can add controls before the toolbar, so the label at the click may
    # differ again from the one read after opening the Navigator; it is never the recorded one.
    assert click.label_then == bold_then.label and click.label_now != bold_then.label
    assert bold_runs(after) == before | {"Vietnamese"}  # that word, and nothing else, turned bold
