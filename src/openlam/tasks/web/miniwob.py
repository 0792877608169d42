"""MiniWoB++ as openlam tasks: the pages the `miniwob` package ships, run in `WebEnv`.

A MiniWoB page generates its problem from `Math.random`; seeding it and calling
`core.startEpisodeReal()` (as the package's own Selenium driver does) makes an episode
reproducible, so a task instance is a (task, seed) pair. The page ends its own episode when
the task is submitted, and `WOB_RAW_REWARD_GLOBAL` is then 1 for a success; the time-decayed
reward is not used. The page's 10-second episode timer is lifted: a model on a CPU takes
longer than that per step, and BrowserGym does the same. The page's reward and countdown
display is hidden: it is the benchmark's bookkeeping, not part of the task.

Every page runs from `file://`. The three `flight.*` tasks fetch their data files by script,
which Chromium allows file pages only with `--allow-file-access-from-files`; the MiniWoB env
config sets it. `serve_pages` serves the same pages over loopback HTTP instead.
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openlam.envs.web.env import WebEnv, WebEnvConfig
    from openlam.tasks.base import TaskInstance

EPISODE_MAX_MS = 3_600_000
_START_JS = f"""seed => {{
    Math.seedrandom(seed);
    core.EPISODE_MAX_TIME = {EPISODE_MAX_MS};
    core.startEpisodeReal();
    if (document.getElementById("reward-display")) core.hideDisplay();
}}"""
_READY_JS = "() => typeof WOB_TASK_READY === 'undefined' || WOB_TASK_READY === true"
_UTTERANCE_JS = "() => core.getUtterance()"
_DONE_JS = "() => typeof WOB_DONE_GLOBAL !== 'undefined' && WOB_DONE_GLOBAL === true"
_REWARD_JS = """() => typeof WOB_RAW_REWARD_GLOBAL === 'undefined'
    ? null : [WOB_RAW_REWARD_GLOBAL, WOB_REWARD_REASON]"""


def html_root() -> Path:
    """The folder of task pages inside the installed `miniwob` package."""
    spec = importlib.util.find_spec("miniwob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the miniwob package is not installed (pip install miniwob)")
    return Path(spec.submodule_search_locations[0]) / "html"


@functools.cache
def task_names() -> tuple[str, ...]:
    """Every task the `miniwob` package registers with gymnasium ("click-button", ...)."""
    import gymnasium
    import miniwob  # noqa: F401  (importing it registers the tasks)

    prefix, suffix = "miniwob/", "-v1"
    names = [k[len(prefix) : -len(suffix)] for k in gymnasium.registry if k.startswith(prefix)]
    return tuple(sorted(names))


def task_url(name: str, base_url: str | None = None) -> str:
    """The address of a task's page: file:// unless `base_url` (a `serve_pages` address)."""
    if name not in task_names():
        raise KeyError(f"no MiniWoB task {name!r}; see openlam.tasks.web.miniwob.task_names()")
    # A flight task is a site in an iframe of its own wrapper page.
    path = (
        f"{name.replace('.', '/')}/wrapper.html"
        if name.startswith("flight.")
        else (f"miniwob/{name}.html")
    )
    if base_url is not None:
        return f"{base_url.rstrip('/')}/{path}"
    return (html_root() / path).as_uri()


@contextmanager
def serve_pages() -> Iterator[str]:
    """Serve the task pages on a free loopback port for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_root()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="miniwob-pages", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per file on stderr would drown the run's own output


def web_env_config(**overrides: Any) -> WebEnvConfig:
    """A web environment config that may read the MiniWoB pages."""
    from openlam.envs.web.env import WebEnvConfig

    roots = [html_root(), *overrides.pop("file_roots", [])]
    overrides.setdefault("file_pages_fetch_files", True)  # the flight sites load their data
    return WebEnvConfig(file_roots=roots, **overrides)


@dataclass
class MiniWoBEpisode:
    """One seeded episode of a task page, as `WebEnv` expects a task (`EpisodeTask`)."""

    name: str
    seed: int
    utterance: str | None = None
    reason: str | None = None

    def setup(self, env: WebEnv) -> str:
        page = env.page
        page.wait_for_function("() => typeof core !== 'undefined' && !!core.startEpisodeReal")
        page.evaluate(_START_JS, self.seed)
        page.wait_for_function(_READY_JS)
        utterance = page.evaluate(_UTTERANCE_JS)
        # The natural-language e-mail tasks return their fields beside the utterance.
        if isinstance(utterance, dict):
            utterance = utterance["utterance"]
        self.utterance = utterance
        return utterance

    def done(self, env: WebEnv) -> bool:
        return bool(env.page.evaluate(_DONE_JS))

    def reward(self, env: WebEnv) -> float:
        """The raw reward (1 success, -1 or 0 failure); 0 when the episode is not over."""
        if not self.done(env):
            return 0.0
        raw, self.reason = env.page.evaluate(_REWARD_JS)
        return float(raw)


def episode_options(name: str, seed: int, base_url: str | None = None) -> dict[str, Any]:
    """`WebEnv.reset` options that open the task page, seed it and start its episode;
    the reset's `info["goal"]` is then the task's utterance."""
    return {"url": task_url(name, base_url), "task": MiniWoBEpisode(name, seed)}


def instantiate(
    env: WebEnv, tasks: list[str], n: int, split: str, seed: int = 0
) -> list[TaskInstance]:
    """n instances of each task for a split: page seeds from `apps.miniwob_seeds`, each
    page opened once to read the request it generates. The pages load one after another in
    one tab of `env` (a full reset, with its fresh context and observation, costs several
    times more and is not needed to read a request)."""
    from openlam.tasks.apps import miniwob_seeds
    from openlam.tasks.base import TaskInstance

    out = []
    for task in tasks:
        for page_seed in miniwob_seeds(task, n, split, seed):
            if env.page is None:
                env.reset(options=episode_options(task, page_seed))
            env.page.goto(task_url(task))
            out.append(
                TaskInstance(
                    id=f"miniwob/{task}:{page_seed}",
                    family=f"miniwob/{task}",
                    app="web",
                    template=task,
                    params={"seed": page_seed},
                    request=MiniWoBEpisode(task, page_seed).setup(env),
                    phrasing=0,
                    split=split,
                )
            )
    return out
