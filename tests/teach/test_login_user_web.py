"""Teach once, replay fifty times: MiniWoB++ login-user in the real Chromium, no model."""

import pytest

from openlam.envs.web.env import WebEnv
from openlam.models.config import ModelConfig
from openlam.records import Observation
from openlam.tasks.web.experts import quoted
from openlam.tasks.web.miniwob import episode_options, web_env_config
from openlam.teach.recorder import Recorder, build_skill
from openlam.teach.replay import ReplayConfig, replay
from openlam.teach.skill import SkillStart, load_skill, save_skill

pytestmark = pytest.mark.web
SEEDS = range(1000, 1050)
# Were the fallback ever needed, this stand-in model would give up at once: the test then
# fails on the fallback count, not on a slow real model.
GIVE_UP = ModelConfig(
    backend="scripted", outputs=['{"function": "", "status": "FAIL"}'], cycle=True
)


@pytest.fixture(scope="module")
def env():
    """One browser for the recording and all the replays (each reset opens a fresh context)."""
    with WebEnv(web_env_config()) as web:
        yield web


def label(obs: Observation, name: str) -> str:
    """What a user reading the numbered list would type."""
    return obs.find(name).label


def test_one_demonstration_replays_on_fifty_new_seeds(env, tmp_path):
    recorder = Recorder(env, SkillStart(app="web", miniwob="login-user", seed=0))
    obs = recorder.begin()
    user, password = quoted(recorder.request)[:2]
    recorder.act(f'set_edit_text(label="{label(obs, "(Username)")}", text="{user}")')
    recorder.act(f'set_edit_text(label="{label(recorder.obs, "(Password)")}", text="{password}")')
    last = recorder.act(f'click(label="{label(recorder.obs, "Login")}")')
    assert last.terminated and last.reward == 1.0  # the page judged the demonstration
    skill = build_skill(recorder.finish(), "login-user")
    assert [p.name for p in skill.parameters] == ["username", "password"]
    skill = load_skill(save_skill(skill, tmp_path / "login-user.yaml"))

    reports, users = [], set()
    for seed in SEEDS:
        obs, info = env.reset(options=episode_options("login-user", seed))
        user, password = quoted(info["goal"])[:2]  # as a user would pass them with --param
        users.add(user)
        config = ReplayConfig(model=GIVE_UP)
        params = {"username": user, "password": password}
        reports.append(replay(env, obs, skill, params, tmp_path / str(seed), config))

    assert len(users) > 20  # new inputs (MiniWoB draws names from a list, so some repeat)
    fallbacks = [r.fallback for r in reports if r.fallback is not None]
    assert fallbacks == []
    successes = sum(r.success is True for r in reports)
    failed = [
        (seed, r.outcome, r.reward) for seed, r in zip(SEEDS, reports, strict=True) if not r.success
    ]
    assert successes >= len(SEEDS) - 1, failed
    assert all(s.found_by == "exact" for r in reports for s in r.steps)
