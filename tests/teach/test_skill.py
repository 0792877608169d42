"""The skill file: YAML and JSON round trips, edits, and clear errors on bad files."""

import json

import pytest
import yaml

from openlam.teach.skill import (
    Parameter,
    Recorded,
    Skill,
    SkillFileError,
    SkillStart,
    SkillStep,
    Target,
    describe_step,
    load_skill,
    rename_parameter,
    resolve_values,
    save_skill,
    step_action,
)


def login_skill() -> Skill:
    return Skill(
        name="login-user",
        start=SkillStart(app="web", miniwob="login-user", seed=0),
        request='Enter the username "karrie" and the password "AU" and press login.',
        request_template='Enter the username "{username}" and the password "{password}" and '
        "press login.",
        parameters=[
            Parameter(name="username", example="karrie"),
            Parameter(name="password", example="AU"),
        ],
        steps=[
            SkillStep(
                function="set_edit_text",
                target=Target(role="textbox", name="(Username)", siblings=2, label="1"),
                args={"text": "karrie"},
                params={"text": "username"},
                recorded=Recorded(message="set the text of 1"),
            ),
            SkillStep(
                function="set_edit_text",
                target=Target(role="textbox", name="(Password)", position=1, siblings=2),
                args={"text": "AU"},
                params={"text": "password"},
                note="the second field",
            ),
            SkillStep(
                function="click",
                target=Target(role="button", name="Login"),
                recorded=Recorded(terminated=True, reward=1.0),
            ),
        ],
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_skill_reads_back_as_it_was_written(tmp_path, suffix):
    skill = login_skill()
    path = save_skill(skill, tmp_path / f"login{suffix}")
    assert load_skill(path) == skill


def test_the_yaml_file_is_readable_and_hand_edits_are_kept(tmp_path):
    path = save_skill(login_skill(), tmp_path / "login.yaml")
    text = path.read_text()
    assert text.startswith("# An openlam skill") and "name: (Username)" in text
    data = yaml.safe_load(text)
    data["steps"][2]["note"] = "submit the form"
    del data["steps"][1]  # the user deletes a step
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    skill = load_skill(path)
    assert len(skill.steps) == 2 and skill.steps[1].note == "submit the form"


def test_json_is_accepted_on_load(tmp_path):
    path = tmp_path / "login.json"
    path.write_text(json.dumps(login_skill().model_dump(mode="json")))
    assert load_skill(path).name == "login-user"


def write(tmp_path, data) -> object:
    path = tmp_path / "bad.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


def edited(change) -> dict:
    data = login_skill().model_dump(mode="json")
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["steps"][0]["params"].update(text="user"),
            "step 1 uses unknown parameter 'user'",
        ),
        (
            lambda d: d.update(request_template="Log in as {who}"),
            "request_template uses unknown parameters ['who']",
        ),
        (
            lambda d: d.update(request_template="Log in as {username!r}"),
            "write a placeholder as {name}",
        ),
        (lambda d: d.update(request_template="Log in {"), "request_template"),
        (lambda d: d["parameters"].append(d["parameters"][0]), "defined twice: ['username']"),
        (lambda d: d["parameters"][0].update(name="User Name"), "parameters.0.name"),
        (lambda d: d["steps"][0].pop("function"), "steps.0.function: Field required"),
        (lambda d: d["steps"][0].update(colour="red"), "steps.0.colour: Extra inputs"),
        (lambda d: d.update(schema_version=2), "schema_version 2 is not supported"),
        (lambda d: d["steps"][2].update(function="clik"), "step 3: unknown function 'clik'"),
        (lambda d: d["steps"][2].update(target=None), "step 3: click needs a control label"),
        (
            lambda d: d["steps"][0]["args"].update(colour="red"),
            "step 1: bad arguments for set_edit_text",
        ),
        (lambda d: d["start"].update(url="http://127.0.0.1/"), "either a url or a miniwob"),
    ],
)
def test_a_bad_skill_file_is_refused_with_a_message_that_says_where(tmp_path, change, message):
    path = write(tmp_path, edited(change))
    with pytest.raises(SkillFileError) as error:
        load_skill(path)
    assert str(path) in str(error.value) and message in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: [unclosed", "not valid YAML"),
        ("- just\n- a list\n", "a skill file holds a mapping"),
    ],
)
def test_a_malformed_file_is_refused(tmp_path, text, message):
    with pytest.raises(SkillFileError, match=message):
        load_skill(write(tmp_path, text))


def test_bad_json_and_a_missing_file_are_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{nope")
    with pytest.raises(SkillFileError, match="not valid JSON"):
        load_skill(path)
    with pytest.raises(SkillFileError, match="cannot read"):
        load_skill(tmp_path / "missing.yaml")


def test_renaming_a_parameter_renames_every_use():
    skill = rename_parameter(login_skill(), "username", "user")
    assert [p.name for p in skill.parameters] == ["user", "password"]
    assert skill.steps[0].params == {"text": "user"}
    assert '"{user}"' in skill.request_template


def test_values_are_resolved_with_clear_errors():
    skill = login_skill()
    skill.parameters[1] = skill.parameters[1].model_copy(update={"required": False})
    assert resolve_values(skill, {"username": "tula"}) == {"username": "tula", "password": "AU"}
    with pytest.raises(ValueError, match=r"missing parameters \['username'\]"):
        resolve_values(skill, {})
    with pytest.raises(ValueError, match=r"unknown parameters \['colour'\]"):
        resolve_values(skill, {"username": "x", "colour": "red"})


def test_a_step_becomes_an_action_and_words_with_the_values():
    step = login_skill().steps[0]
    action = step_action(step, {"username": "tula"}, label="7")
    assert action.args == {"text": "tula"} and action.control_label == "7"
    assert action.control_name == "(Username)"
    assert describe_step(step, {"username": "tula"}) == 'set the textbox "(Username)" to "tula"'
    assert describe_step(login_skill().steps[1]).endswith("(the second field)")
