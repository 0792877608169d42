import pytest

from openlam.models.base import Message, ModelError, TextModel, cut_at_stop
from openlam.models.scripted import ScriptedModel, ScriptExhaustedError

HELLO = [Message(role="user", content="say hello")]


def test_replays_outputs_in_order_and_records_requests():
    model = ScriptedModel(["first", "second"])
    assert isinstance(model, TextModel)
    assert model.generate(HELLO).text == "first"
    assert model.generate(HELLO, max_new_tokens=5, stop=["x"]).text == "second"
    assert model.calls == [HELLO, HELLO]
    assert model.settings[1] == {"max_new_tokens": 5, "temperature": 0.0, "stop": ["x"]}


def test_exhausted_script_says_so():
    model = ScriptedModel(["only"])
    model.generate(HELLO)
    with pytest.raises(ScriptExhaustedError, match="no output left: all 1 were used"):
        model.generate(HELLO)
    assert issubclass(ScriptExhaustedError, ModelError)


def test_cycle_starts_over():
    model = ScriptedModel(["a", "b"], cycle=True)
    assert [model.generate(HELLO).text for _ in range(5)] == ["a", "b", "a", "b", "a"]


def test_stop_strings_cut_the_output_and_usage_counts_words():
    generation = ScriptedModel(["click(3) then more"]).generate(HELLO, stop=[" then", ")"])
    assert generation.text == "click(3"
    assert generation.prompt_tokens == 2
    assert generation.completion_tokens == 1
    assert generation.finish_reason == "stop"


def test_cut_at_stop():
    assert cut_at_stop("abc", None) == ("abc", False)
    assert cut_at_stop("abc", ["", "z"]) == ("abc", False)
    assert cut_at_stop("a.b.c", ["c", "."]) == ("a", True)
