"""Recording, the prompt, replay, the fallback and export, on the in-memory Writer stand-in."""

import json

import pytest
from rich.console import Console

from openlam.actions import ActionParseError
from openlam.agent.prompt import PromptConfig
from openlam.agent.trajectory_log import load_trajectory
from openlam.data.collect import load_results
from openlam.data.samples import build_samples
from openlam.envs.fake import FakeWriterEnv
from openlam.models.scripted import ScriptedModel
from openlam.records import ActionResult, Control, Observation
from openlam.teach.console import controls_table, edit_parameters, record_interactively
from openlam.teach.export import export_demonstrations
from openlam.teach.recorder import Recorder, build_skill, save_demonstration
from openlam.teach.replay import ReplayConfig, remaining_goal, replay
from openlam.teach.skill import SkillStart, save_skill

REQUEST = "Make the title bold in 16 pt"
START = SkillStart(app="writer", template="letter")


def lines(*answers: str):
    """An `ask` that answers with these lines, then ends the input."""
    queue = list(answers)

    def ask(prompt: str) -> str:
        if not queue:
            raise EOFError
        return queue.pop(0)

    return ask


def quiet() -> Console:
    return Console(record=True, width=120)


class StubbornEnv(FakeWriterEnv):
    """The stand-in, except that its "Close Document" button always fails."""

    def _execute(self, action):
        if action.control_label == "9":
            return ActionResult(ok=False, error="the document cannot close now")
        return super()._execute(action)


def recorded(env) -> Recorder:
    recorder = Recorder(env, START, REQUEST)
    recorder.begin()
    recorder.act('click_input(label="2")')
    recorder.act('set_edit_text(label="5", text="16")')
    return recorder


def test_the_recorder_keeps_accepted_actions_with_their_targets():
    recorder = recorded(StubbornEnv())
    failed = recorder.act('click_input(label="9")')
    assert failed.result.error == "the document cannot close now"
    with pytest.raises(ActionParseError, match="no control labelled '42'"):
        recorder.act('click_input(label="42")')  # not in the observation: not even tried
    with pytest.raises(ActionParseError):
        recorder.act("click_input(")
    assert [d.step.action.function for d in recorder.steps] == ["click_input", "set_edit_text"]
    bold = recorder.steps[0]
    assert bold.target.name == "Bold" and bold.target.role == "toggle button"
    assert bold.step.observation.controls[1].state == []  # the observation before the click
    assert bold.step.action.control_name == "Bold"
    demo = recorder.finish()
    assert demo.outcome == "finished" and demo.end_step.action.status == "FINISH"
    trajectory = demo.trajectory("teach/bold")
    assert [s.index for s in trajectory.steps] == [0, 1, 2]


def test_undo_resets_the_application_and_does_the_kept_steps_again():
    env = FakeWriterEnv()
    recorder = recorded(env)
    recorder.annotate("the title first")
    resets = env.reset_count
    obs = recorder.undo()
    assert env.reset_count == resets + 1
    assert len(recorder.steps) == 1 and recorder.steps[0].note is None
    assert obs.find("Bold").state == ["checked"]  # the kept click was done again
    assert obs.find("Font Size").value == "12"  # the undone one was not


def test_the_skill_names_the_typed_value_after_its_field():
    skill = build_skill(recorded(FakeWriterEnv()).finish(), "bold-16")
    assert [(p.name, p.example, p.required) for p in skill.parameters] == [
        ("font_size", "16", True)
    ]
    assert skill.request_template == "Make the title bold in {font_size} pt"
    assert skill.steps[1].params == {"text": "font_size"}


def test_the_prompt_records_a_demonstration_and_lets_the_user_rename_parameters():
    env, console = FakeWriterEnv(), quiet()
    ask = lines(
        "help",
        "controls font",
        "bogus(",
        'click_input(label="2")',
        "note make the title stand out",
        'set_edit_text(label="6", text="Arial")',
        "undo",
        'set_edit_text(label="5", text="16")',
        "done",
    )
    demo = record_interactively(Recorder(env, START, REQUEST), ask, console)
    shown = console.export_text()
    assert "Font Size" in shown and "not an action" in shown and "recorded step 2" in shown
    assert [d.step.action.args.get("text") for d in demo.steps] == [None, "16"]
    assert demo.steps[0].note == "make the title stand out"
    skill = build_skill(demo, "bold-16")
    skill = edit_parameters(skill, lines("Size Pt", "size", "Bold the title at {size} pt"), console)
    assert skill.parameters[0].name == "size"
    assert skill.request_template == "Bold the title at {size} pt"
    assert "lower-case words joined by _" in console.export_text()


def test_abort_saves_nothing():
    assert (
        record_interactively(Recorder(FakeWriterEnv(), START, REQUEST), lines("abort"), quiet())
        is None
    )


def test_replay_finds_every_target_and_writes_trajectory_and_report(tmp_path):
    env = FakeWriterEnv()
    skill = build_skill(recorded(env).finish(), "bold-16")
    obs, _ = env.reset()
    report = replay(env, obs, skill, {"font_size": "20"}, tmp_path, ReplayConfig(fallback=False))
    assert report.outcome == "replayed" and report.fallback is None and report.success is None
    assert [s.found_by for s in report.steps] == ["exact", "exact"]
    assert env.values["Font Size"] == "20" and "Bold" in env.checked
    trajectory = load_trajectory(tmp_path / "trajectory.jsonl")
    assert trajectory.request == "Make the title bold in 20 pt" and len(trajectory.steps) == 2
    saved = json.loads((tmp_path / "report.json").read_text())
    assert saved["steps"][1]["label_now"] == "5"


def lost_skill():
    """A skill whose first target the application no longer has."""
    skill = build_skill(recorded(FakeWriterEnv()).finish(), "bold-16")
    target = skill.steps[0].target.model_copy(update={"name": "Emphasis Toggle"})
    steps = [skill.steps[0].model_copy(update={"target": target}), skill.steps[1]]
    return skill.model_copy(update={"steps": steps})


def test_a_lost_target_hands_the_rest_over_to_the_agent(tmp_path):
    env = FakeWriterEnv()
    obs, _ = env.reset()
    outputs = [
        json.dumps({"control_label": "2", "function": "click_input", "status": "CONTINUE"}),
        json.dumps({"function": "", "status": "FINISH"}),
    ]
    model = ScriptedModel(outputs)
    said = []
    report = replay(
        env, obs, lost_skill(), {"font_size": "20"}, tmp_path, model=model, say=said.append
    )
    assert report.fallback is not None and report.fallback.step == 1
    assert "not found" in report.fallback.reason and report.fallback.outcome == "finished"
    assert report.steps[0].found_by == "not found"
    goal = model.calls[0][1].content
    assert "Make the title bold in 20 pt" in goal and 'set the text "Font Size" to "20"' in goal
    assert any("the agent (scripted) takes over" in line for line in said)
    trajectory = load_trajectory(tmp_path / "trajectory.jsonl")
    assert [s.model_output is not None for s in trajectory.steps] == [True, True]
    assert trajectory.info["fallback"]["step"] == 1 and "Bold" in env.checked
    assert (tmp_path / "agent.jsonl").exists()


def test_without_the_fallback_a_lost_target_stops_with_the_reason(tmp_path):
    env = FakeWriterEnv()
    obs, _ = env.reset()
    config = ReplayConfig(fallback=False)
    report = replay(env, obs, lost_skill(), {"font_size": "20"}, tmp_path, config)
    assert report.outcome == "stopped" and report.fallback is None
    assert 'the toggle button "Emphasis Toggle" is not found' in report.stopped
    assert load_trajectory(tmp_path / "trajectory.jsonl").outcome == "stopped"


def test_the_remaining_goal_lists_what_is_left():
    skill = lost_skill()
    goal = remaining_goal("Do it", skill.steps[1:], {"font_size": "9"})
    assert goal.splitlines() == [
        "Do it",
        "What remains to do, as the user demonstrated it:",
        '1. set the text "Font Size" to "9"',
    ]


def test_exported_demonstrations_become_imitation_samples(tmp_path):
    demo = recorded(FakeWriterEnv()).finish()
    skill = build_skill(demo, "bold-16", demonstration_file="bold-16.demo.jsonl")
    save_demonstration(demo, tmp_path / "bold-16.demo.jsonl", "teach/bold-16")
    path = save_skill(skill, tmp_path / "bold-16.yaml")
    export_demonstrations([path], tmp_path / "collection")
    (result,) = load_results(tmp_path / "collection" / "results.jsonl")
    assert result.success and result.split == "train" and result.steps == 3
    counts = build_samples(
        [result],
        tmp_path / "collection" / "trajectories",
        tmp_path / "samples",
        PromptConfig(),
    )
    assert counts["train samples"] == 3  # bold, the size, and FINISH
    first = json.loads((tmp_path / "samples" / "train.jsonl").read_text().splitlines()[0])
    assert first["target"] == 'click_input(label="2")'
    assert first["family"] == "teach/bold-16" and first["expert"] == "demonstration"


def test_an_error_where_the_demonstration_had_none_ends_the_replay(tmp_path):
    recorder = Recorder(FakeWriterEnv(), START, "Close the document")
    recorder.begin()
    recorder.act('click_input(label="9")')
    skill = build_skill(recorder.finish(), "close")
    env = StubbornEnv()  # the same controls, but closing fails now
    obs, _ = env.reset()
    report = replay(env, obs, skill, {}, tmp_path, ReplayConfig(fallback=False))
    assert report.steps[0].found_by == "exact" and report.steps[0].ok is False
    assert report.stopped == (
        "step 1: it failed (the document cannot close now); the demonstration had no error there"
    )


def test_the_controls_table_shows_names_as_written():
    console = quiet()
    row = Control(label="1", name="[email-row]", type="clickable", context="[b]inbox")
    console.print(controls_table(Observation(app="web", window="w", controls=[row])))
    shown = console.export_text()
    assert "[email-row]" in shown and "[b]inbox" in shown
