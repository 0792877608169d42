"""Debian's Chromium, driven through Playwright, as a gymnasium-style environment.

`reset(options={"url": ...})` opens the address in a fresh browser context (no cookies or
storage from the last episode); `step(action)` carries out one action and returns the next
observation. A failed action comes back as `observation.last_result.error`, never as an
exception. If Chromium dies, crashes or stops answering (a watchdog kills it after
`step_timeout_s`), the episode ends with `truncated=True`, as Writer's does (the contract of
`envs.base.Env`): that step and every further one until the next `reset`, which launches a
fresh browser. Where the browser may go is set by `policy.NavigationPolicy`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import (
    BrowserContext,
    CDPSession,
    Dialog,
    Locator,
    Page,
    Playwright,
    Request,
    Route,
)
from playwright.sync_api import Error as PlaywrightError
from pydantic import BaseModel, ConfigDict, Field

from openlam.actions import ActionParseError
from openlam.envs.base import ResetInfo, StepInfo
from openlam.envs.episode import episode_end
from openlam.envs.web.act import ActionRefused, Actor, short_error
from openlam.envs.web.actions import web_action_space
from openlam.envs.web.browser import BrowserGone, Chromium, start_playwright
from openlam.envs.web.observe import ElementGone, locate, read_page
from openlam.envs.web.policy import NavigationPolicy
from openlam.records import Action, ActionResult, Observation

__all__ = ["BrowserGone", "WebEnv", "WebEnvConfig"]

APP = "web"
# One tab per episode: a new tab opens a moment after the click that asked for it, too late
# for that step's observation, so links and window.open load in the current tab instead.
# Whatever still opens a tab (a form with a target) is followed when it shows up.
SAME_TAB_JS = """
window.open = function (url) {
    if (url) location.assign(new URL(url, location.href).href);
    return window;
};
document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[target]") : null;
    if (link) link.target = "_self";
}, true);
"""


class EpisodeTask(Protocol):
    """What the environment asks of a task passed as `options["task"]`: to set the page up
    once it has loaded (returning the goal to show, or None), whether the page says the task
    is over (a benchmark page ends its own episode), and a reward for the current state."""

    def setup(self, env: WebEnv) -> str | None: ...

    def done(self, env: WebEnv) -> bool: ...

    def reward(self, env: WebEnv) -> float: ...


class WebEnvConfig(BaseModel):
    """Settings of a web environment."""

    model_config = ConfigDict(extra="forbid")

    chromium: Path = Field(Path("/usr/lib/chromium/chromium"), description="browser binary")
    headless: bool = True
    allow: list[str] = Field(default_factory=list, description="hosts allowed besides loopback")
    file_roots: list[Path] = Field(default_factory=list, description="folders file:// may read")
    file_pages_fetch_files: bool = Field(
        False,
        description="let file:// pages fetch other files by script (Chromium's "
        "--allow-file-access-from-files), for local sites that load their own data",
    )
    viewport: tuple[int, int] = (1280, 720)
    max_steps: int = Field(30, ge=1)
    action_timeout_ms: int = Field(5_000, ge=1, description="wait for a control to be usable")
    navigation_timeout_ms: int = Field(15_000, ge=1)
    step_timeout_s: float = Field(60.0, gt=0, description="after this, Chromium is killed")
    max_controls: int = Field(300, ge=1)
    max_text_chars: int = Field(20_000, ge=0)


class WebEnv:
    """A real Chromium behind the reset/step contract."""

    app = APP

    def __init__(self, config: WebEnvConfig | None = None, playwright: Playwright | None = None):
        """`playwright`: a running sync Playwright to share. Its sync API allows one per
        thread, so envs open side by side in one thread share one; an env never stops a
        Playwright it was given."""
        self.config = config or WebEnvConfig()
        self.policy = NavigationPolicy.build(self.config.allow, self.config.file_roots)
        self.actions = web_action_space()
        self.chromium: Chromium | None = None
        self.page: Page | None = None
        self.task: EpisodeTask | None = None
        self.steps = 0
        self.last_obs: Observation | None = None
        self.timings: dict[str, float] = {}
        self._playwright = playwright
        self._owns_playwright = playwright is None
        self._context: BrowserContext | None = None
        self._cdp: CDPSession | None = None
        self._targets: dict[str, int] = {}  # label -> backend node id, from the last observation
        self._tags = 0
        self._notes: list[str] = []  # what page events said during the current action
        self._blocked_navigation: str | None = None
        self._new_pages: list[Page] = []
        self._gone: str | None = None  # why the last episode's browser went, until reset

    # -- gymnasium contract ------------------------------------------------------------

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, ResetInfo]:
        """Open `options["url"]` in a fresh context; launch Chromium first if needed. Raises
        `BrowserGone` when the browser dies before the page is shown."""
        options = options or {}
        url = options.get("url")
        if not url:
            raise ValueError('reset needs options={"url": ...}')
        refusal = self.policy.refusal(url)
        if refusal:
            raise ValueError(f"cannot start at {url}: {refusal}")
        start = time.monotonic()
        launch_s = self._ensure_browser()
        self.task, self.steps = options.get("task"), 0
        with self.chromium.watchdog(self.config.step_timeout_s):
            try:
                self._new_episode(url)
                goal = self.task.setup(self) if self.task else None
                obs = self._observe(None)
            except PlaywrightError as exc:
                self._raise_if_gone(exc)
                raise
        info: ResetInfo = {"url": self.page.url, "seed": seed, "restarted": launch_s is not None}
        if goal is not None:
            info["goal"] = goal
        info["timings"] = {"reset_s": time.monotonic() - start, **self.timings}
        if launch_s is not None:
            info["timings"]["launch_s"] = launch_s
        return obs, info

    def step(self, action: Action | str) -> tuple[Observation, float, bool, bool, StepInfo]:
        """Carry out one action; errors come back in `obs.last_result`, a dead browser as
        `truncated=True` (on this and every further step until `reset`)."""
        if self.last_obs is None:
            raise RuntimeError("call reset() before step()")
        self.steps += 1
        info: StepInfo = {}
        if self._gone:
            return self._truncate(self._gone, info)
        start = time.monotonic()
        try:
            with self.chromium.watchdog(self.config.step_timeout_s):
                action, result = self._parse_and_execute(action)
                info["timings"] = {"action_s": time.monotonic() - start}
                obs = self._observe(result)
                info["timings"].update(self.timings)
                terminated, truncated = self._episode_end(action, info)
                reward = self.task.reward(self) if (terminated and self.task) else 0.0
        except BrowserGone as exc:
            return self._truncate(str(exc), info)
        except PlaywrightError:
            # The task's own reading of the page (done, reward) met a browser that just died.
            if not self.chromium.gone():
                raise
            return self._truncate(self.chromium.gone(), info)
        info["action"] = action
        return obs, reward, terminated, truncated, info

    def observe(self) -> Observation:
        """The current page read again, without acting (keeps the last action's result);
        once Chromium has died, the last observation, its error saying why."""
        if self.last_obs is None:
            raise RuntimeError("call reset() before observe()")
        if self._gone:
            return self.last_obs
        try:
            with self.chromium.watchdog(self.config.step_timeout_s):
                return self._observe(self.last_obs.last_result)
        except BrowserGone as exc:
            return self._truncate(str(exc), {})[0]

    def screenshot(self) -> bytes:
        """The page's viewport as PNG, as the browser renders it."""
        if self.page is None or self._gone:
            raise BrowserGone(self._gone or "no page is open: no screen to take")
        with self.chromium.watchdog(self.config.step_timeout_s):
            return self.page.screenshot(type="png")

    def control_boxes(self, labels: list[str]) -> dict[str, tuple[int, int, int, int]]:
        """Where the last observation's controls are in the screenshot (x, y, width,
        height in CSS pixels of the viewport), by label; one the page does not lay out (or
        an unknown label) is left out."""
        out = {}
        with self.chromium.watchdog(self.config.step_timeout_s):
            for label in labels:
                node = self._targets.get(label)
                box = None if node is None else self._border_box(node)
                if box is not None:
                    out[label] = box
        return out

    def _border_box(self, node: int) -> tuple[int, int, int, int] | None:
        try:
            quad = self._cdp.send("DOM.getBoxModel", {"backendNodeId": node})["model"]["border"]
        except PlaywrightError as exc:
            if "box model" not in str(exc):
                raise
            return None  # an element with no layout box (hidden, detached) has no place
        xs, ys = quad[0::2], quad[1::2]
        x, y = round(min(xs)), round(min(ys))
        return x, y, round(max(xs)) - x, round(max(ys)) - y

    def close(self) -> None:
        """Close Chromium, remove its profile, and stop Playwright if this env started it."""
        self._stop_browser()
        if self._playwright is not None and self._owns_playwright:
            self._playwright.stop()
            self._playwright = None
        self.last_obs = None

    def __enter__(self) -> WebEnv:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- browser and episode -----------------------------------------------------------

    def _ensure_browser(self) -> float | None:
        """Launch Chromium unless a live one is there; the launch's seconds when it did."""
        if self.chromium is not None and not self.chromium.gone() and not self._gone:
            return None
        self._stop_browser()
        if self._playwright is None:
            self._playwright = start_playwright()
        start = time.monotonic()
        self.chromium = Chromium(
            self._playwright,
            self.config.chromium,
            headless=self.config.headless,
            extra_args=[
                f"--host-resolver-rules={self.policy.resolver_rules()}",
                *(["--allow-file-access-from-files"] if self.config.file_pages_fetch_files else []),
            ],
        )
        self.chromium.launcher.route("**/*", self._route)  # its blank page, for completeness
        self._gone = None
        return time.monotonic() - start

    def _new_episode(self, url: str) -> None:
        if self._context is not None:
            self._context.close()
        width, height = self.config.viewport
        self._context = self.chromium.browser.new_context(
            viewport={"width": width, "height": height},
            # Requests a service worker makes would bypass the route handler.
            service_workers="block",
            accept_downloads=False,
        )
        self._context.set_default_timeout(self.config.action_timeout_ms)
        self._context.set_default_navigation_timeout(self.config.navigation_timeout_ms)
        self._context.route("**/*", self._route)
        self._context.add_init_script(SAME_TAB_JS)
        self._context.on("page", self._on_new_page)
        self._attach(self._context.new_page())
        self._new_pages.clear()
        self._notes.clear()
        self.page.goto(url)

    def _attach(self, page: Page) -> None:
        page.on("crash", self._on_crash)
        page.on("dialog", self._on_dialog)
        page.on("requestfailed", self._on_request_failed)
        self.page, self._cdp = page, page.context.new_cdp_session(page)

    def _stop_browser(self) -> None:
        if self.chromium is not None:
            self.chromium.close()
        self.chromium = self._context = self.page = self._cdp = None

    def _raise_if_gone(self, exc: Exception) -> None:
        reason = self.chromium.gone()
        if reason:
            raise BrowserGone(reason) from exc

    def _episode_end(self, action: Action | None, info: StepInfo) -> tuple[bool, bool]:
        """`episode_end`, or the page ending the task itself (a benchmark form was sent)."""
        terminated, truncated = episode_end(action, self.steps, self.config.max_steps, info)
        if not terminated and self.task is not None and self.task.done(self):
            info.pop("truncated_reason", None)
            info["task_over"] = True
            return True, False
        return terminated, truncated

    def _truncate(self, reason: str, info: StepInfo):
        result = ActionResult(ok=False, error=reason)
        self.last_obs = self.last_obs.model_copy(update={"last_result": result})
        self._stop_browser()
        self._gone = reason
        info["truncated_reason"] = reason
        return self.last_obs, 0.0, False, True, info

    # -- page events (Playwright calls these while an action or a reading runs) --------

    def _route(self, route: Route) -> None:
        request = route.request
        refusal = self.policy.refusal(request.url)
        if refusal is None:
            route.continue_()
            return
        self._notes.append(f"blocked {request.url}: {refusal}")
        main_frame = self.page.main_frame if self.page is not None else None
        if request.is_navigation_request() and request.frame == main_frame:
            self._blocked_navigation = f"{request.url} is not allowed ({refusal})"
        # "aborted" cancels a navigation and leaves the page as it was; any other error code
        # makes Chromium commit an error page in its place.
        route.abort("aborted")

    def _on_new_page(self, page: Page) -> None:
        self._new_pages.append(page)

    def _on_crash(self, page: Page) -> None:
        self.chromium.kill("the page crashed")

    def _on_dialog(self, dialog: Dialog) -> None:
        self._notes.append(f"dismissed a {dialog.type} dialog: {dialog.message[:200]!r}")
        dialog.dismiss()

    def _on_request_failed(self, request: Request) -> None:
        # Our own aborts are noted by the route handler; a redirect the resolver stopped, or
        # a server that is down, shows up here.
        failure = request.failure or ""
        if request.is_navigation_request() and failure != "net::ERR_ABORTED":
            hint = " (only loopback and allowed hosts resolve)" if "NAME_NOT" in failure else ""
            self._notes.append(f"loading {request.url} failed: {failure}{hint}")

    # -- actions -----------------------------------------------------------------------

    def _parse_and_execute(self, action: Action | str) -> tuple[Action | None, ActionResult]:
        self._notes.clear()
        self._blocked_navigation = None
        try:
            action = self.actions.parse(action) if isinstance(action, str) else action
            action = self.actions.validate(action)
        except ActionParseError as exc:
            return None, ActionResult(ok=False, error=str(exc))
        if not action.function:
            return action, ActionResult(ok=True, message=f"status {action.status.value}")
        actor = Actor(self.page, self._target, self.policy, self.config.viewport)
        try:
            message = actor.perform(action)
            self.page.wait_for_load_state()
            self._follow_new_tab()
        except (PlaywrightError, ElementGone, ActionRefused) as exc:
            self._raise_if_gone(exc)
            return action, ActionResult(
                ok=False, error=short_error(exc), message="; ".join(self._notes)
            )
        notes = "; ".join(self._notes)
        if self._blocked_navigation:
            error = f"navigation to {self._blocked_navigation}; the page stays at {self.page.url}"
            return action, ActionResult(ok=False, error=error, message=notes)
        return action, ActionResult(ok=True, message=f"{message} ({notes})" if notes else message)

    def _target(self, label: str | None) -> tuple[Locator, int]:
        """The element behind a label of the last observation (see `observe.locate`)."""
        backend_id = self._targets.get(label or "")
        if backend_id is None:
            raise ActionRefused(
                f"no control with label {label!r}; labels run from 1 to {len(self._targets)}"
            )
        self._tags += 1
        try:
            return locate(self.page, self._cdp, backend_id, str(self._tags))
        except ElementGone as exc:
            raise ElementGone(
                f"control {label} is no longer on the page ({exc}); "
                "act on the controls of the new observation"
            ) from exc

    def _follow_new_tab(self) -> None:
        """Show the agent the newest tab an action opened, as a person would see it."""
        opened = [p for p in self._new_pages if not p.is_closed() and p is not self.page]
        self._new_pages.clear()
        if opened:
            self._attach(opened[-1])
            self.page.wait_for_load_state()
            self._notes.append(f"a new tab opened at {self.page.url}")

    # -- observation -------------------------------------------------------------------

    def _observe(self, result: ActionResult | None) -> Observation:
        start = time.monotonic()
        for attempt in (1, 2):
            try:
                view = read_page(
                    self.page,
                    self._cdp,
                    max_controls=self.config.max_controls,
                    max_text_chars=self.config.max_text_chars,
                )
                break
            except PlaywrightError as exc:
                self._raise_if_gone(exc)
                # A navigation that started after the action returned can pull the page
                # away mid-reading; read the new page once it has loaded.
                if attempt == 2 or "context was destroyed" not in str(exc):
                    raise
                self.page.wait_for_load_state()
        self._targets = view.targets
        self.timings = {"observe_s": time.monotonic() - start, **view.timings}
        self.last_obs = Observation(
            app=APP,
            window=view.title or self.page.url,
            controls=view.controls,
            document=view.document,
            last_result=result,
        )
        return self.last_obs
