import contextlib
import random
import string

import pytest

from openlam.actions import ActionParseError
from openlam.envs.writer.actions import writer_action_space
from openlam.records import Action, Status


@pytest.fixture(scope="module")
def space():
    return writer_action_space()


def test_every_example_in_the_docstrings_parses(space):
    for spec in space.specs.values():
        assert spec.examples, spec.name
        for example in spec.examples:
            assert space.parse(example).function == spec.name


def test_description_lists_signatures_and_examples(space):
    text = space.describe()
    assert "click_input(label: str, button: " in text
    assert "e.g. insert_table(rows=3, columns=4)" in text


def test_call_and_json_forms_agree(space):
    call = space.parse('click_input(label="12")')
    record = space.parse('{"function": "click_input", "control_label": 12, "args": {}}')
    assert call.control_label == record.control_label == "12"
    assert call.args == record.args == {"button": "left", "double": False}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty action"),
        ('click_input(label="1"', "not a function call"),
        ("os.system('ls')", "expected a single call"),
        ('click_input("1")', "by name"),
        ("insert_table(rows=0, columns=2)", "bad arguments"),
        ("insert_table(rows=__import__('os'), columns=2)", "not a literal"),
        ("select_text(label='3', text='x')", "takes no control label"),
        ("click_input()", "needs a control label"),
        ('{"function": 3}', "invalid action object"),
        ("[1, 2]", "expected a single call"),
        ("{not json", "invalid JSON"),
    ],
)
def test_malformed_actions_are_clean_errors(space, text, message):
    with pytest.raises(ActionParseError, match=message):
        space.parse(text)


def test_random_text_never_escapes_as_another_exception(space):
    rng = random.Random(0)
    alphabet = string.printable + "\x00{}()[]=\"'"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        with contextlib.suppress(ActionParseError):
            space.parse(text)


def test_a_lone_status_is_valid_only_for_finish_and_fail(space):
    assert space.validate(Action(function="", status=Status.FINISH)).status == Status.FINISH
    with pytest.raises(ActionParseError):
        space.validate(Action(function="", status=Status.CONTINUE))
