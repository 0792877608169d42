"""The applications tasks run in, behind one interface: the dataflow, training and evaluation
take the application as a setting (`TaskInstance.app`) instead of a fork of their code.

An app says how to open its environment, which actions it offers, how to start a task
instance (`reset_options`), the known-good solution of an instance, how to judge the end
state, and which instances are held out for evaluation.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path
from typing import Any, Protocol

from openlam.actions import ActionSpace
from openlam.agent.loop import AgentConfig
from openlam.agent.safety import SafetyConfig
from openlam.agent.scripted import Rule
from openlam.tasks.base import CheckResult, Split, TaskInstance


class TaskApp(Protocol):
    name: str
    title: str  # how the model's prompt names the application
    safety: SafetyConfig  # what a model's action needs approval for, unless a run sets its own
    gone: tuple[type[Exception], ...]  # the application died; retry on a fresh one

    def action_space(self) -> ActionSpace: ...

    def open_env(self) -> Any: ...

    def reset_options(self, instance: TaskInstance) -> dict[str, Any]: ...

    def solution(self, instance: TaskInstance) -> list[Rule]: ...

    def check(
        self,
        env: Any,
        instance: TaskInstance,
        options: dict[str, Any],
        cut_short: str | None,
        gave_up: bool = False,
    ) -> CheckResult: ...

    def held_out(self, template: str, split: str) -> str | None: ...


# On a real site, a click on one of these buttons may send, buy or delete something for good:
# the user approves it first. (MiniWoB's synthetic pages use `WebApp.safety` instead.)
OPEN_WEB_SAFETY = SafetyConfig(
    deny_control_names=[
        "Buy",
        "Buy now",
        "Checkout",
        "Confirm purchase",
        "Delete",
        "Delete account",
        "Log out",
        "Pay",
        "Pay now",
        "Place order",
        "Purchase",
        "Send",
        "Sign out",
        "Subscribe",
        "Unsubscribe",
    ]
)


def app_for(name: str) -> TaskApp:
    """The app of a task instance ("writer" or "web")."""
    apps = {"writer": WriterApp, "web": WebApp}
    try:
        return apps[name]()
    except KeyError:
        raise KeyError(f"no app {name!r}; apps: {', '.join(apps)}") from None


class WriterApp:
    """LibreOffice Writer: template documents, the task library's families and checkers."""

    name = "writer"
    title = "LibreOffice Writer"
    # Closing the document or the application may lose work; deleting too.
    safety = SafetyConfig(
        deny_control_names=[
            "Close",
            "Close Document",
            "Close Window",
            "Exit LibreOffice",
            "Quit",
            "Delete",
        ]
    )

    @property
    def gone(self) -> tuple[type[Exception], ...]:
        from openlam.envs.writer.env import AppGone

        return (AppGone,)

    def action_space(self) -> ActionSpace:
        from openlam.envs.writer.actions import writer_action_space

        return writer_action_space()

    def open_env(self):
        from openlam.envs.writer.env import WriterEnv

        return WriterEnv()

    def reset_options(self, instance: TaskInstance) -> dict[str, Any]:
        from openlam.tasks.writer import registry, templates

        registry.family(instance.family).prepare(instance.params)
        return {"template": templates.build(instance.template)}

    def solution(self, instance: TaskInstance) -> list[Rule]:
        from openlam.tasks.writer import registry

        return registry.family(instance.family).solution(instance.params)

    def check(self, env, instance, options, cut_short, gave_up=False):
        """The family's checker on the document as it is now (saved to a temporary file).
        Saying FAIL is right only for a task Writer cannot do, and wrong for any other."""
        from openlam.tasks.writer import registry, templates

        if cut_short and "step limit" not in cut_short:
            return CheckResult(False, f"episode cut short: {cut_short}")
        family = registry.family(instance.family)
        if gave_up and not family.expects_fail:
            return CheckResult(False, "the agent said FAIL on a task Writer can do")
        if family.expects_fail and not gave_up:
            return CheckResult(False, "the task cannot be done in Writer, but no FAIL was said")
        # Compared with the template's source .docx, whatever file (.docx, .odt) was opened.
        source = templates.source(instance.template)
        with tempfile.TemporaryDirectory() as folder:
            saved = env.save(Path(folder) / "end.docx")
            return family.validate(instance.params, source, saved, env.answer)

    def held_out(self, template: str, split: str) -> str | None:
        """test on a held-out template with a test phrasing, train on the opposite; a task
        with one of each is in neither."""
        from openlam.tasks.writer.templates import TEST_TEMPLATES

        held_out = template in TEST_TEMPLATES
        if held_out and split == "test":
            return "test"
        if not held_out and split == "train":
            return "train"
        return None


class WebApp:
    """Chromium with MiniWoB++ pages: a task is a page and a seed; the page judges itself."""

    name = "web"
    title = "a web browser (Chromium)"
    # MiniWoB pages are synthetic tasks: their Close and Delete buttons (a dialog's "x", an
    # e-mail's trash icon) are the task itself, not a loss. A model's own CONFIRM still stops.
    safety = SafetyConfig(deny_control_names=[])

    def __init__(self, max_steps: int = 30):
        self.max_steps = max_steps

    @property
    def gone(self) -> tuple[type[Exception], ...]:
        from openlam.envs.web.browser import BrowserGone

        return (BrowserGone,)

    def action_space(self) -> ActionSpace:
        from openlam.envs.web.actions import web_action_space

        return web_action_space()

    def open_env(self):
        from openlam.envs.web.env import WebEnv
        from openlam.tasks.web.miniwob import web_env_config

        return WebEnv(web_env_config(max_steps=self.max_steps))

    def reset_options(self, instance: TaskInstance) -> dict[str, Any]:
        from openlam.tasks.web.miniwob import episode_options

        return episode_options(instance.template, instance.params["seed"])

    def solution(self, instance: TaskInstance) -> list[Rule]:
        from openlam.tasks.web.experts import solution

        return solution(instance.template, instance.request)

    def check(self, env, instance, options, cut_short, gave_up=False):
        """Success is a positive raw reward from the page, as BrowserGym counts it: most
        pages give 1 or -1, the ones that grade a point or an angle give less than 1 for an
        answer a few pixels off."""
        if cut_short and "step limit" not in cut_short:
            return CheckResult(False, f"episode cut short: {cut_short}")
        episode = options["task"]
        if not episode.done(env):
            return CheckResult(False, "the page's episode did not end (nothing was submitted)")
        reward = episode.reward(env)
        return CheckResult(reward > 0, f"page reward {reward:g} ({episode.reason})")

    def held_out(self, template: str, split: str) -> str | None:
        """Seeds are split, tasks are shared (BrowserGym's protocol): the split as sampled."""
        return split


def agent_config_for(app: TaskApp, config: AgentConfig) -> AgentConfig:
    """A run's agent config in this app: the app's title in the prompt, and the app's
    confirmation gate unless the run set its own."""
    update: dict[str, Any] = {"app": app.title}
    if "safety" not in config.model_fields_set:
        update["safety"] = app.safety
    return config.model_copy(update=update)


MINIWOB_TEST_SEED = 100_000  # test seeds are drawn at or above this, training seeds below


def miniwob_seeds(task: str, n: int, split: Split, seed: int = 0) -> list[int]:
    """n distinct page seeds of a task for a split."""
    rng = random.Random(f"{task}:{split}:{seed}")
    low = MINIWOB_TEST_SEED if split == "test" else 0
    return rng.sample(range(low, low + MINIWOB_TEST_SEED), n)
