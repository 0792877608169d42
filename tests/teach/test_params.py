"""Parameter suggestion: names from targets and from the request, the request template."""

from openlam.teach.params import (
    find_value,
    identifier,
    params_from_request,
    suggest_parameters,
)
from openlam.teach.skill import SkillStep, Target, fill_request

LOGIN = 'Enter the username "karrie" and the password "AU" into the text fields and press login.'


def typed(name: str, text: str, role: str = "textbox") -> SkillStep:
    target = Target(role=role, name=name)
    return SkillStep(function="set_edit_text", target=target, args={"text": text})


def test_login_values_become_required_parameters_named_after_their_fields():
    steps = [typed("(Username)", "karrie"), typed("(Password)", "AU")]
    steps.append(SkillStep(function="click", target=Target(role="button", name="Login")))
    s = suggest_parameters(LOGIN, steps)
    assert [(p.name, p.example, p.required) for p in s.parameters] == [
        ("username", "karrie", True),
        ("password", "AU", True),
    ]
    assert s.bindings == [{"text": "username"}, {"text": "password"}, {}]
    assert s.request_template == (
        'Enter the username "{username}" and the password "{password}" into the text fields '
        "and press login."
    )
    values = {"username": "tula", "password": "EiT"}
    assert fill_request(s.request_template, values) == LOGIN.replace("karrie", "tula").replace(
        "AU", "EiT"
    )


def test_a_value_without_a_target_is_named_after_the_word_before_it():
    steps = [SkillStep(function="select_text", args={"text": "Portsmouth"})]
    s = suggest_parameters("Make the word Portsmouth bold", steps)
    assert s.parameters[0].name == "word"
    assert s.request_template == "Make the word {word} bold"


def test_a_value_not_in_the_request_keeps_its_example_and_falls_back_to_param_n():
    steps = [
        SkillStep(function="set_font", args={"font_size": 16.0}),
        SkillStep(function="select_text", args={"text": "Portsmouth"}),
    ]
    s = suggest_parameters("Make the letter look nicer", steps)
    assert [(p.name, p.example, p.required) for p in s.parameters] == [
        ("param1", 16.0, False),
        ("param2", "Portsmouth", False),
    ]
    assert s.request_template == "Make the letter look nicer"


def test_numbers_are_found_as_they_read_in_the_request():
    steps = [SkillStep(function="set_font", args={"font_size": 16.0})]
    s = suggest_parameters("Set the size 16 for it", steps)
    assert s.parameters[0].name == "size" and s.request_template == "Set the size {size} for it"


def test_a_value_used_twice_is_one_parameter():
    steps = [typed("(Email)", "ada@example.com"), typed("(Confirm email)", "ada@example.com")]
    s = suggest_parameters("Sign up as ada@example.com", steps)
    assert [p.name for p in s.parameters] == ["email"]
    assert s.bindings == [{"text": "email"}, {"text": "email"}]


def test_names_stay_unique():
    steps = [typed("Name", "Ada"), typed("Name", "Lovelace")]
    s = suggest_parameters("Ada Lovelace", steps)
    assert [p.name for p in s.parameters] == ["name", "name2"]
    assert s.request_template == "{name} {name2}"


def test_a_value_is_matched_as_a_whole_word_only():
    assert find_value("AUTHOR: AU", "AU") == (8, 10)
    assert find_value("the AUTHOR", "AU") is None
    assert find_value('say "hi" and hi', "hi") == (5, 7)  # the quoted one first


def test_key_chords_typed_with_keyboard_input_are_not_parameters():
    steps = [
        SkillStep(
            function="keyboard_input",
            target=Target(role="document text", name="x.docx"),
            args={"keys": "{ctrl+b}"},
        ),
        SkillStep(
            function="keyboard_input",
            target=Target(role="document text", name="x.docx"),
            args={"keys": "Dear Ada"},
        ),
    ]
    s = suggest_parameters("Type the greeting Dear Ada at the top", steps)
    # The document canvas names no value: the name comes from the word before it.
    assert [(p.name, p.example) for p in s.parameters] == [("greeting", "Dear Ada")]
    assert s.bindings == [{}, {"keys": "greeting"}]
    assert s.request_template == "Type the greeting {greeting} at the top"


def test_literal_braces_in_the_request_survive_the_template():
    steps = [SkillStep(function="select_text", args={"text": "Portsmouth"})]
    s = suggest_parameters("Bold {the} word Portsmouth", steps)
    assert s.request_template == "Bold {{the}} word {word}"
    assert fill_request(s.request_template, {"word": "Leeds"}) == "Bold {the} word Leeds"


def test_parameters_are_read_back_from_a_request_of_the_template_form():
    template = 'Enter the username "{username}" and the password "{password}" now.'
    got = params_from_request(template, 'Enter the username "tula" and the password "E t" now.')
    assert got == {"username": "tula", "password": "E t"}
    assert params_from_request(template, "Something else") is None


def test_identifier():
    assert identifier("(Username)") == "username"
    assert identifier("Font Name:") == "font_name"
    assert identifier("Character Highlighting Color Picker") == "character_highlighting_color"
    assert identifier("2nd line") == "p_2nd_line"
    assert identifier("!!") == ""
