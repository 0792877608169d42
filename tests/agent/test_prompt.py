"""The shared prompt format, the control relevance filter, and the promise that training
samples carry the very prompts the model received."""

import json

import pytest

from openlam.agent.control_filter import filter_controls
from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.output_parser import parse_model_output
from openlam.agent.prompt import PromptConfig, format_output, step_messages
from openlam.agent.scripted import ScriptedPolicy, call, on_control
from openlam.data.execute import TaskResult
from openlam.data.samples import step_samples
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.scripted import ScriptedModel
from openlam.records import Action, ActionResult, Control, Shown, Status, Step

ACTIONS = writer_action_space()
REQUEST = "Make the title bold"


def observation():
    return FakeWriterEnv().reset()[0]


@pytest.mark.parametrize("variant", ["call", "full", "compact", "react"])
def test_training_targets_parse_back_to_the_same_action(variant):
    obs = observation()
    action = Action(
        function="click_input",
        control_label="2",
        control_name="Bold",
        thought="The title must be bold.",
        plan=["Click Bold", "Finish"],
        args={"button": "left", "double": False},
        status=Status.CONTINUE,
    )
    text = format_output(action, variant, ACTIONS)
    parsed = parse_model_output(text, ACTIONS, obs.controls, variant)
    assert (parsed.function, parsed.control_label, parsed.args) == (
        "click_input",
        "2",
        action.args,
    )
    if variant == "call":
        assert text == 'click_input(label="2")'
    else:
        assert set(json.loads(text)) >= {"control_label", "function", "args", "status"}


def test_call_answers_carry_the_status_after_the_call():
    obs = observation()
    answer = Action(function="summary", args={"text": 'It says "hi"'}, status=Status.FINISH)
    text = format_output(answer, "call", ACTIONS)
    assert text == 'summary(text="It says \\"hi\\"") [FINISH]'
    assert parse_model_output(text, ACTIONS, obs.controls, "call") == answer
    done = parse_model_output("[FINISH]", ACTIONS, obs.controls, "call")
    assert done.function == "" and done.status == Status.FINISH


def test_the_call_prompt_has_request_document_controls_and_what_was_done():
    obs = observation()
    before = [
        Step(
            index=0,
            observation=obs,
            shown=Shown(controls=["2"]),
            action=None,
            result=ActionResult(ok=False, error="invalid output: not a function call"),
            model_output="garbage",
        )
    ]
    shown = Shown(controls=["1", "2", "5"])
    system, user = step_messages(REQUEST, before, obs, shown, ACTIONS, PromptConfig(), "Writer")
    assert "click_input(label: str" in system.content and "[FINISH]" in system.content
    for part in (
        "Request: Make the title bold",
        "[0] Default Paragraph Style: Quarterly report",
        "2 Bold toggle",
        "garbage -> error: invalid output",
    ):
        assert part in user.content
    assert "Italic" not in user.content  # only the controls the step shows


def test_the_json_variants_show_the_plan_except_compact():
    obs = observation()
    shown = Shown(controls=["2"], plan=["Select the title", "Click Bold"])
    full = step_messages("x", [], obs, shown, ACTIONS, PromptConfig(variant="full"), "Writer")
    assert "- Click Bold" in full[1].content and '"plan"' in full[0].content
    compact = step_messages("x", [], obs, shown, ACTIONS, PromptConfig(variant="compact"), "W")
    assert "Previous plan" not in compact[1].content and '"thought"' not in compact[0].content


def test_the_filter_keeps_the_controls_the_request_names_in_their_order():
    controls = [Control(label=str(i), name=f"Button {i}", type="push button") for i in range(100)]
    controls[70] = Control(label="70", name="Bold", type="toggle button")
    controls[20] = Control(label="20", name="Font Size", type="combo box")
    kept = filter_controls(controls, "Make the heading bold and set its font size to 14", keep=10)
    labels = [c.label for c in kept]
    assert len(kept) == 10 and "70" in labels and "20" in labels
    assert labels == sorted(labels, key=int)
    assert filter_controls(controls, "anything", keep=None) == controls


def result_for(trajectory) -> TaskResult:
    return TaskResult(
        id=trajectory.id,
        family="writer/bold-word-v1",
        template="letter",
        split="train",
        phrasing=0,
        request=trajectory.request,
        source="test",
        expert="model",
        success=True,
        reason="ok",
        steps=len(trajectory.steps),
        attempts=1,
        seconds={},
        trajectory="t.jsonl",
    )


@pytest.mark.parametrize("variant", ["call", "full", "compact"])
def test_every_sample_prompt_is_byte_identical_to_what_the_model_received(tmp_path, variant):
    """A recorded run with an invalid output, an error, a plan and a filtered control list:
    each training sample's messages equal the model's call at that step, byte for byte."""
    outputs = {
        "call": ["bold it", 'click_input(label="1")', 'click_input(label="2")', "[FINISH]"],
        "full": [
            "{broken",
            json.dumps({"control_label": "1", "function": "click_input", "plan": ["a", "b"]}),
            json.dumps({"control_label": "2", "function": "click_input", "plan": ["b"]}),
            json.dumps({"function": "", "status": "FINISH"}),
        ],
    }
    outputs["compact"] = outputs["full"]
    model = ScriptedModel(outputs[variant])
    prompt = PromptConfig(variant=variant, max_controls=5)
    agent = Agent.for_model(model, ACTIONS, AgentConfig(prompt=prompt, app="LibreOffice Writer"))
    trajectory = agent.run(FakeWriterEnv(), REQUEST, tmp_path / "t.jsonl")
    assert trajectory.outcome == "finished"
    assert all(len(s.shown.controls) == 5 for s in trajectory.steps)
    samples = step_samples(trajectory, result_for(trajectory), prompt)
    assert [s.step for s in samples] == [1, 2, 3]
    for sample in samples:
        received = model.calls[sample.step]
        assert [m.model_dump_json() for m in sample.messages] == [
            m.model_dump_json() for m in received
        ]


def test_scripted_policies_run_in_the_same_loop_and_record_what_was_shown(tmp_path):
    policy = ScriptedPolicy(
        [call("select_text", text="Quarterly"), on_control("click_input", "Bold")]
    )
    agent = Agent(policy, AgentConfig(app="LibreOffice Writer"))
    trajectory = agent.run(FakeWriterEnv(), REQUEST, tmp_path / "t.jsonl")
    assert trajectory.outcome == "finished"
    assert [s.action.function for s in trajectory.steps] == ["select_text", "click_input", ""]
    assert all(s.shown is not None and "2" in s.shown.controls for s in trajectory.steps)
    assert trajectory.steps[1].action.control_name == "Bold"
