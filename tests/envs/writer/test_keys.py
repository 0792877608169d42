import pytest

from openlam.envs.writer.controls import ControlError, parse_keys


def test_keys_split_into_typed_text_and_chords():
    assert parse_keys("Dear Ms Smith,{Return}{ctrl+b}") == [
        ("type", "Dear Ms Smith,"),
        ("key", "Return"),
        ("key", "ctrl+b"),
    ]
    assert parse_keys("{ctrl+shift+F12}{Esc}") == [("key", "ctrl+shift+F12"), ("key", "Escape")]
    assert parse_keys("{ctrl+Page_Up}{pgdn}") == [("key", "ctrl+Page_Up"), ("key", "Page_Down")]


@pytest.mark.parametrize("keys", ["{hyper+a}", "{ctrl+}", "{nosuchkey}", "a}b", "{a{b}"])
def test_bad_keys_are_refused(keys):
    with pytest.raises(ControlError):
        parse_keys(keys)
