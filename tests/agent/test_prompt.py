"""The shared prompt format and the control relevance filter."""

import json

from openlam.agent.control_filter import filter_controls
from openlam.agent.output_parser import parse_model_output
from openlam.agent.prompt import HistoryItem, PromptConfig, build_messages, format_output
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.records import Action, ActionResult, Control, Status

ACTIONS = writer_action_space()


def observation():
    return FakeWriterEnv().reset()[0]


def test_training_targets_parse_back_to_the_same_action():
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
    for variant in ("full", "compact", "react"):
        text = format_output(action, variant)
        parsed = parse_model_output(text, ACTIONS, obs.controls)
        assert parsed.function == action.function and parsed.control_label == "2"
        assert set(json.loads(text)) == (
            {"control_label", "function", "args", "status"}
            if variant == "compact"
            else {"thought", "control_label", "control_name", "function", "args", "status", "plan"}
        )


def test_the_step_input_has_request_document_controls_history_and_plan():
    obs = observation()
    history = [
        HistoryItem(
            action=None,
            output="garbage",
            result=ActionResult(ok=False, error="invalid output: no JSON object"),
        )
    ]
    system, user = build_messages(
        "Make the title bold",
        obs.controls,
        obs.document,
        history,
        ["Select the title", "Click Bold"],
        ACTIONS,
        PromptConfig(),
    )
    assert "click_input(label: str" in system.content and '"plan"' in system.content
    for part in (
        "Request: Make the title bold",
        "[0] Default Paragraph Style: Quarterly report",
        "2 | Bold | toggle button",
        "1. garbage -> error: invalid output",
        "- Click Bold",
    ):
        assert part in user.content
    compact = build_messages(
        "x", obs.controls, obs.document, [], ["p"], ACTIONS, PromptConfig(variant="compact")
    )
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
