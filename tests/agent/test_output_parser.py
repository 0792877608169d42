"""The strict parser and the loop against 10,000 random and adversarial model outputs."""

import json
import random
import string
from pathlib import Path

import pytest

from openlam.agent.loop import Agent, AgentConfig
from openlam.agent.output_parser import ModelOutputError, parse_model_output
from openlam.agent.prompt import PromptConfig
from openlam.envs.fake import FakeWriterEnv
from openlam.envs.writer.actions import writer_action_space
from openlam.models.scripted import ScriptedModel, ScriptExhaustedError
from openlam.records import Status

ACTIONS = writer_action_space()
CONTROLS = FakeWriterEnv().reset()[0].controls
VALID = [
    {
        "thought": "bold",
        "control_label": "2",
        "control_name": "Bold",
        "function": "click_input",
        "args": {},
        "status": "CONTINUE",
        "plan": ["bold the title"],
    },
    {
        "control_label": "5",
        "function": "set_edit_text",
        "args": {"text": "14"},
        "status": "CONTINUE",
    },
    {"function": "select_text", "args": {"text": "Quarterly"}, "status": "CONTINUE"},
    {"function": "insert_table", "args": {"rows": 2, "columns": 3}, "status": "CONTINUE"},
    {"function": "", "status": "FINISH"},
    {"function": "summary", "args": {"text": "Two paragraphs."}, "status": "FINISH"},
]
JUNK_VALUES = [
    None,
    True,
    0,
    -1,
    10**30,
    1.5,
    float("nan"),
    "",
    "x" * 50_000,
    [],
    {},
    [1, [2]],
    {"a": {"b": None}},
    "\u0000",
    "🙂" * 10,
    "label",
    "-1",
    "999",
]


def adversarial_outputs(n: int, seed: int = 0) -> list[str]:
    """Valid actions broken in every way a model (or a truncated stream) breaks them."""
    rng = random.Random(seed)
    makers = [
        lambda: json.dumps(rng.choice(VALID)),
        lambda: json.dumps(rng.choice(VALID))[: rng.randrange(0, 80)],  # truncated
        lambda: json.dumps(
            {**rng.choice(VALID), rng.choice(list(VALID[0])): rng.choice(JUNK_VALUES)},
            allow_nan=True,
        ),  # a field of the wrong type
        lambda: json.dumps(
            {
                **rng.choice(VALID),
                "function": rng.choice(["click", "rm_rf", "CLICK_INPUT", "__import__", "eval"]),
            }
        ),
        lambda: json.dumps({**VALID[0], "control_label": str(rng.randrange(10, 10**6))}),
        lambda: json.dumps({**VALID[1], "args": {"text": "y" * rng.randrange(1, 200_000)}}),
        lambda: json.dumps({**rng.choice(VALID), "extra": 1}),
        lambda: "".join(rng.choice(string.printable) for _ in range(rng.randrange(0, 300))),
        lambda: "[" * rng.randrange(1, 100_000),
        lambda: "{" + '"a":{' * rng.randrange(1, 5000),
        lambda: f"```json\n{json.dumps(rng.choice(VALID))}\n```",
        lambda: f"Sure! {json.dumps(rng.choice(VALID))} Hope that helps.",
        lambda: 'click_input(label="2")',
        lambda: json.dumps(rng.choice(JUNK_VALUES), allow_nan=True),
        lambda: json.dumps(
            {**VALID[3], "args": {"rows": rng.choice(JUNK_VALUES), "columns": 3}}, allow_nan=True
        ),
        lambda: json.dumps({**VALID[0], "status": rng.choice(["done", "", None, 3, "finish"])}),
        lambda: bytes(rng.randrange(256) for _ in range(100)).decode("latin-1"),
    ]
    return [rng.choice(makers)() for _ in range(n)]


def test_ten_thousand_outputs_through_the_loop(tmp_path: Path):
    outputs = adversarial_outputs(10_000, seed=1)
    model = ScriptedModel(outputs)
    config = AgentConfig(
        prompt=PromptConfig(variant="compact"), max_steps=10**6, max_invalid_outputs=10**6
    )
    agent = Agent.for_model(model, ACTIONS, config)
    env = FakeWriterEnv(max_steps=10**6)
    runs, outcomes = 0, set()
    with pytest.raises(ScriptExhaustedError):
        while True:
            runs += 1
            trajectory = agent.run(env, "Make the title bold", tmp_path / f"{runs % 5}.jsonl")
            outcomes.add(trajectory.outcome)
    assert model.position == len(outputs)
    assert outcomes <= {"finished", "failed", "refused"}
    assert runs > 100


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty output"),
        ("I think we should click bold", "no JSON object"),
        ('{"function": "click_input", "control_label": "2"', "invalid JSON"),
        ('{"function": "fly", "status": "CONTINUE"}', "unknown function"),
        ('{"function": "click_input", "control_label": "77"}', "no control with label '77'"),
        (
            '{"function": "click_input", "control_label": "2", "args": [1]}',
            "args must be an object",
        ),
        ('{"function": "", "status": "MAYBE"}', "status must be one of"),
        ('{"function": "click_input", "label": "2"}', "unknown keys ['label']"),
        ('{"function": "insert_table", "args": {"rows": "many", "columns": 2}}', "bad arguments"),
    ],
)
def test_errors_say_what_to_fix(text, message):
    with pytest.raises(ModelOutputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_model_output(text, ACTIONS, CONTROLS)


def test_a_valid_output_in_prose_or_fences_parses():
    action_json = '{"control_label": 2, "function": "click_input", "status": "continue"}'
    text = f"Here you go:\n```json\n{action_json}\n```"
    action = parse_model_output(text, ACTIONS, CONTROLS)
    assert (action.control_label, action.function, action.status) == (
        "2",
        "click_input",
        Status.CONTINUE,
    )


VALID_CALLS = [
    'click_input(label="2")',
    'set_edit_text(label="5", text="14")',
    'select_text(text="Quarterly", occurrence=1)',
    "insert_table(rows=2, columns=3)",
    "[FINISH]",
    'summary(text="Two paragraphs.") [FINISH]',
]


def adversarial_calls(n: int, seed: int = 0) -> list[str]:
    """Valid calls broken the ways a model breaks them when nothing constrains it."""
    rng = random.Random(seed)
    makers = [
        lambda: rng.choice(VALID_CALLS),
        lambda: rng.choice(VALID_CALLS)[: rng.randrange(0, 40)],  # truncated
        lambda: rng.choice(VALID_CALLS).replace("2", rng.choice(["99", "-1", "x", ""])),
        lambda: rng.choice(VALID_CALLS) + rng.choice([" [DONE]", " [finish]", "[FAIL]", " ;"]),
        lambda: f"__import__('os').system('{rng.choice(['ls', 'rm'])}')",
        lambda: 'click_input("2")',
        lambda: 'click_input(label="2", **{"a": 1})',
        lambda: "select_text(text=" + "(" * rng.randrange(1, 5000) + ")",
        lambda: f"select_text(text={rng.choice(JUNK_VALUES)!r})",
        lambda: "".join(rng.choice(string.printable) for _ in range(rng.randrange(0, 300))),
        lambda: f"insert_table(rows={rng.choice(JUNK_VALUES)!r}, columns=3)",
    ]
    return [rng.choice(makers)() for _ in range(n)]


@pytest.mark.parametrize(
    ("variant", "outputs"), [("full", adversarial_outputs), ("call", adversarial_calls)]
)
def test_ten_thousand_outputs_parse_or_fail_cleanly(variant, outputs):
    counts = {"ok": 0, "error": 0}
    for text in outputs(10_000):
        try:
            action = parse_model_output(text, ACTIONS, CONTROLS, variant)
        except ModelOutputError as exc:
            assert str(exc)
            counts["error"] += 1
        else:
            assert action.control_label is None or action.control_label in {
                c.label for c in CONTROLS
            }
            counts["ok"] += 1
    assert counts["ok"] > 1000 and counts["error"] > 3000
