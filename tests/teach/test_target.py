"""The target scorer on synthetic observations: labels and layout change, meaning does not."""

from openlam.records import Control, Observation
from openlam.teach.target import MatchConfig, describe_control, find_target, name_similarity


def obs(*controls: tuple[str, str, str | None]) -> Observation:
    """Controls given as (name, role, context), labelled 1, 2, ... in order."""
    return Observation(
        app="test",
        window="test",
        controls=[
            Control(label=str(i), name=name, type=role, context=context)
            for i, (name, role, context) in enumerate(controls, start=1)
        ],
    )


FORM = [
    ("(Username)", "textbox", None),
    ("(Password)", "textbox", None),
    ("Login", "button", None),
]


def target_of(observation: Observation, name: str, role: str | None = None):
    return describe_control(observation, observation.find(name, role))


def test_the_same_observation_finds_every_control_exactly():
    form = obs(*FORM)
    for control in form.controls:
        found = find_target(form, describe_control(form, control))
        assert found.found and found.how == "exact"
        assert found.best.control.label == control.label and found.best.score == 1.0


def test_a_control_is_found_under_a_new_label_when_other_controls_come_first():
    recorded = target_of(obs(*FORM), "Login", "button")
    now = obs(("Home", "link", "navigation"), ("Help", "link", "navigation"), *FORM)
    found = find_target(now, recorded)
    assert found.found and found.best.control.label == "5" and recorded.label == "3"
    assert found.best.features["name"] == 1.0 and found.best.features["position"] == 1.0


def test_context_tells_two_controls_of_the_same_name_and_role_apart():
    toolbar = [("Italic", "toggle button", "Formatting"), ("Bold", "toggle button", "Formatting")]
    recorded = target_of(obs(*toolbar), "Bold")
    sidebar = [("Bold", "toggle button", "Character"), ("Italic", "toggle button", "Character")]
    found = find_target(obs(*sidebar, *toolbar), recorded)
    assert found.best.control.label == "4" and found.best.control.context == "Formatting"
    assert found.runner_up.score < found.best.score


def test_position_and_neighbours_pick_one_of_several_identical_controls():
    rows = []
    for person in ("Ada", "Bob", "Cy"):
        rows += [(person, "clickable", "inbox"), ("Delete", "button", "inbox")]
    inbox = obs(*rows)
    recorded = describe_control(inbox, inbox.controls[3])  # Bob's Delete
    now = obs(("Compose", "button", None), *rows)
    found = find_target(now, recorded)
    assert found.best.control.label == "5"  # Bob's Delete, one further down
    assert found.best.features["neighbours"] == 1.0


def test_a_renamed_control_with_an_unrelated_name_is_not_taken_by_position_alone():
    recorded = target_of(obs(("(Name)", "textbox", None), ("Send", "button", None)), "Send")
    now = obs(("(Name)", "textbox", None), ("Delete all", "button", None))
    found = find_target(now, recorded)
    assert not found.found and found.how == "not found"
    assert found.best.control.name == "Delete all" and found.best.score < 0.6


def test_a_slightly_renamed_control_is_found_by_score():
    recorded = target_of(obs(*FORM), "Login", "button")
    now = obs(("(Username)", "textbox", None), ("(Password)", "textbox", None),
              ("Log in", "button", None))  # fmt: skip
    found = find_target(now, recorded)
    assert found.found and found.how == "match" and found.best.control.label == "3"


def test_only_controls_of_the_recorded_role_are_candidates():
    recorded = target_of(obs(*FORM), "Login", "button")
    found = find_target(obs(("Login", "link", None)), recorded)
    assert found.best is None and not found.found


def test_the_threshold_is_a_setting():
    recorded = target_of(obs(*FORM), "Login", "button")
    now = obs(("Log in", "button", None))
    assert find_target(now, recorded, MatchConfig(threshold=0.6)).found
    assert not find_target(now, recorded, MatchConfig(threshold=0.99)).found


def test_name_similarity():
    assert name_similarity("(Username)", "username") == 1.0
    assert name_similarity("Login", "Login now") >= 0.8
    assert name_similarity("Send", "Delete all") < 0.5
    assert name_similarity("", "x") == 0.0
    assert name_similarity("", "") == 1.0
