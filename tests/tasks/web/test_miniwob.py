"""MiniWoB++ in real Chromium: every registered task starts, the scripted experts solve their
tasks, and the page's verdict ends the episode."""

import json

import pytest

from openlam.agent.loop import AgentConfig
from openlam.agent.scripted import ScriptedPolicy
from openlam.data.execute import ExpertConfig, execute
from openlam.envs.web.env import WebEnv
from openlam.models.scripted import ScriptedModel
from openlam.records import Action
from openlam.tasks.apps import WriterApp, miniwob_seeds
from openlam.tasks.episode import run_episode
from openlam.tasks.web import miniwob
from openlam.tasks.web.experts import SOLUTIONS

pytestmark = pytest.mark.web


@pytest.fixture(scope="module")
def env():
    # The longest expert (book-flight) takes up to about 30 steps.
    with WebEnv(miniwob.web_env_config(max_steps=60)) as web:
        yield web


def test_every_registered_task_starts_with_a_request_and_controls(env):
    names = miniwob.task_names()
    assert len(names) >= 125
    no_controls = []
    for name in names:
        obs, info = env.reset(options=miniwob.episode_options(name, 7))
        assert info["goal"].strip(), name
        assert obs.document.title, name
        no_controls += [] if obs.controls else [name]
    # Canvas tasks (drawing, dragging) have nothing but a canvas or svg to act on.
    assert len(no_controls) < 25, no_controls
    assert not [name for name in no_controls if name.startswith("flight.")]


def test_controls_inside_a_frame_are_read_and_acted_on(env):
    """A flight task's site is in an iframe of its page."""
    obs, info = env.reset(options=miniwob.episode_options("flight.AA", 7))
    assert '"Departure City"' in info["goal"]
    assert "Skip to content" in [p.text for p in obs.document.paragraphs]  # the site's own text
    field = next(c for c in obs.controls if c.name.startswith("From"))
    obs, *_ = env.step(Action(function="set_edit_text", control_label=field.label,
                              args={"text": "Boston"}))  # fmt: skip
    assert obs.last_result.ok, obs.last_result
    assert next(c for c in obs.controls if c.label == field.label).value == "Boston"


def test_pages_also_run_over_loopback_http(env):
    with miniwob.serve_pages() as base:
        obs, info = env.reset(options=miniwob.episode_options("login-user", 7, base))
    assert obs.document.page["url"].startswith("http://127.0.0.1:")
    assert "login" in info["goal"] and len(obs.controls) == 3


def test_a_seed_makes_the_same_problem_and_splits_do_not_share_seeds(env):
    goals = [env.reset(options=miniwob.episode_options("login-user", 3))[1]["goal"] for _ in "ab"]
    assert goals[0] == goals[1]
    other = env.reset(options=miniwob.episode_options("login-user", 4))[1]["goal"]
    assert other != goals[0]
    train = set(miniwob_seeds("login-user", 50, "train"))
    test = set(miniwob_seeds("login-user", 50, "test"))
    assert len(train) == len(test) == 50 and not train & test


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
def test_the_scripted_expert_solves_its_task(env, name):
    for instance in miniwob.instantiate(env, [name], 2, "test", seed=1):
        result = run_episode(env, instance, ScriptedPolicy(SOLUTIONS[name](instance.request)))
        assert result.success, f"{instance.request}: {result.check.reason}"
        assert result.trajectory.steps[-1].terminated


def test_a_wrong_answer_is_the_pages_failure_and_ends_the_episode(env):
    obs, _ = env.reset(options=(options := miniwob.episode_options("enter-text", 0)))
    box = next(c for c in obs.controls if c.type == "textbox")
    env.step(Action(function="set_edit_text", control_label=box.label, args={"text": "wrong"}))
    submit = obs.find("Submit", "button")
    _, reward, terminated, truncated, info = env.step(
        Action(function="click", control_label=submit.label)
    )
    assert terminated and not truncated and info["task_over"]
    assert reward == -1.0 and options["task"].done(env)


def test_navigating_away_from_a_task_page_is_refused(env):
    env.reset(options=miniwob.episode_options("click-test", 0))
    obs, *_ = env.step(Action(function="navigate", args={"url": "https://example.com/"}))
    assert "not allowed" in obs.last_result.error
    assert env.page.url.startswith("file://")


def test_a_model_may_close_a_pages_dialog_unless_the_run_sets_its_own_gate(env, tmp_path):
    """Writer's gate refuses "Close"; on a MiniWoB page closing the dialog is the task."""
    (instance,) = miniwob.instantiate(env, ["click-dialog"], 1, "test", seed=1)
    obs, _ = env.reset(options=miniwob.episode_options("click-dialog", instance.params["seed"]))
    close = obs.find("Close")
    click = json.dumps({"control_label": close.label, "function": "click", "status": "CONTINUE"})
    for agent, success in ((AgentConfig(), True), (AgentConfig(safety=WriterApp.safety), False)):
        expert = ExpertConfig(kind="model", agent=agent)
        result = execute(env, instance, "eval", expert, tmp_path, ScriptedModel([click]))
        assert result.success is success, result.reason
