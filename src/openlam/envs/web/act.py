"""Carrying out one web action: Playwright's verbs on the element behind a label.

Each verb returns a short message for the agent or raises: `ActionRefused` for what the
environment will not do, `ElementGone` for a control that left the page, and Playwright's
own errors for what the browser could not do. `WebEnv` turns all three into an error result.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from openlam.envs.web.policy import NavigationPolicy
from openlam.records import Action

VERBS = frozenset(
    {"click", "set_edit_text", "press", "select_option", "scroll", "navigate"}
    | {"click_point", "drag", "drag_point"}
)
WHEEL_NOTCH_PX = 100
# How long a click may wait for its spot to be free before the keyboard is used instead.
HIT_TEST_MS = 1_000
# Mouse moves between press and release: drag scripts follow mousemove events, not jumps.
DRAG_STEPS = 10
# (scroll x, scroll y, page width, page height, viewport width, viewport height)
_PAGE_GEOMETRY_JS = """() => {
    const root = document.documentElement;
    return [scrollX, scrollY, Math.max(root.scrollWidth, innerWidth),
            Math.max(root.scrollHeight, innerHeight), innerWidth, innerHeight];
}"""
# Where to click an element that something else may cover: {point: null} when its centre is
# free, a point of its box where it is itself on top (relative to the box), or {covered: true}
# when no point of it is.
_CLICK_SPOT_JS = """el => {
    const box = el.getBoundingClientRect();
    const onTop = (x, y) => {
        const hit = el.getRootNode().elementFromPoint(x, y);
        return hit !== null && (hit === el || el.contains(hit));
    };
    if (onTop(box.left + box.width / 2, box.top + box.height / 2)) return {point: null};
    for (const fy of [0.5, 0.25, 0.75, 0.1, 0.9]) {
        for (const fx of [0.5, 0.25, 0.75, 0.1, 0.9]) {
            // Whole pixels: the mouse lands on one, and a fraction can round onto the cover.
            const x = Math.round(box.left + box.width * fx);
            const y = Math.round(box.top + box.height * fy);
            if (onTop(x, y)) return {point: {x: x - box.left, y: y - box.top}};
        }
    }
    return {point: null, covered: true};
}"""
# Focuses an element; the key that activates it (Space for a check box or radio button), or
# null when it takes no keyboard focus.
_FOCUS_JS = """el => {
    el.focus();
    if (el.getRootNode().activeElement !== el) return null;
    return ["checkbox", "radio"].includes(el.type) ? "Space" : "Enter";
}"""
# (value, text) of each option of a <select>, or null for any other element.
_OPTIONS_JS = "e => e.tagName === 'SELECT' ? [...e.options].map(o => [o.value, o.label]) : null"


class ActionRefused(Exception):
    """The environment will not carry out this action; the message is shown to the agent."""


@dataclass
class Actor:
    """The page to act on, how to find a label's element, and where navigation may go.

    `target(label)` returns a locator for the label's element and, when that element is an
    option of a native select, the option's index (-1 otherwise)."""

    page: Page
    target: Callable[[str | None], tuple[Locator, int]]
    policy: NavigationPolicy
    viewport: tuple[int, int]

    def perform(self, action: Action) -> str:
        """Carry out an action the action space has validated; return what happened."""
        if action.function not in VERBS:
            raise ValueError(f"no web verb {action.function!r}")
        verb = getattr(self, action.function)
        if action.control_label is None:
            return verb(**action.args)
        return verb(action.control_label, **action.args)

    def click(self, label: str) -> str:
        locator, option = self.target(label)
        if option >= 0:  # an option of a closed native select has no box to click
            locator.select_option(index=option)
            return f"selected option {label}"
        # Playwright clicks the centre and waits while another element covers it; a person
        # clicks the part of the control that shows, or, when none does, reaches it by the
        # keyboard.
        locator.scroll_into_view_if_needed()
        spot = locator.evaluate(_CLICK_SPOT_JS)
        position = spot["point"] or None
        # A disabled control is waited for as before: the keyboard would not reach it either.
        covered = spot.get("covered") or not self._lands(locator, position)
        if covered and locator.is_enabled():
            return self._activate_by_keyboard(label, locator)
        locator.click(position=position)
        return f"clicked {label}"

    @staticmethod
    def _lands(locator: Locator, position: dict | None) -> bool:
        """Whether a click there would reach the control (Playwright's own hit test, which
        also sees covers that come and go)."""
        try:
            locator.click(position=position, trial=True, timeout=HIT_TEST_MS)
        except PlaywrightTimeoutError:
            return False
        return True

    def _activate_by_keyboard(self, label: str, locator: Locator) -> str:
        key = locator.evaluate(_FOCUS_JS)
        if key is None:
            raise ActionRefused(
                f"control {label} is covered by another element and takes no keyboard focus"
            )
        locator.press(key)
        return f"pressed {key} on {label}: another element covers it"

    def set_edit_text(self, label: str, text: str) -> str:
        self.target(label)[0].fill(text)
        return f"set the text of {label}"

    def press(self, label: str, keys: str) -> str:
        self.target(label)[0].press(keys)
        return f"pressed {keys} on {label}"

    def select_option(self, label: str, value: str) -> str:
        locator = self.target(label)[0]
        # Playwright waits its whole timeout for an option that may yet appear; an agent is
        # better served at once by the options there are.
        options = locator.evaluate(_OPTIONS_JS)
        if options is None:
            raise ActionRefused(f"control {label} is not a drop-down list (select)")
        if not any(value in option for option in options):
            shown = ", ".join(text for _, text in options[:30])
            raise ActionRefused(f"control {label} has no option {value!r}; it has: {shown}")
        chosen = locator.select_option(value)
        return f"selected {', '.join(chosen)} in {label}"

    def scroll(self, direction: str, amount: int) -> str:
        width, height = self.viewport
        self.page.mouse.move(width / 2, height / 2)  # the wheel scrolls what is under it
        sign = 1 if direction == "down" else -1
        self.page.mouse.wheel(0, sign * amount * WHEEL_NOTCH_PX)
        return f"scrolled {direction} {amount} notches"

    def click_point(self, x: int, y: int) -> str:
        ((vx, vy),) = self._in_view([(x, y)])
        self.page.mouse.click(vx, vy)
        return f"clicked the point ({x}, {y})"

    def drag(self, label: str, to: str) -> str:
        # Tagging the second control's element untags the first: take its centre before.
        start = self._centre(label)
        end = self._centre(to)
        self._drag(start, end)
        return f"dragged {label} onto {to}"

    def drag_point(self, x: int, y: int, to_x: int, to_y: int) -> str:
        start, end = self._in_view([(x, y), (to_x, to_y)])
        self._drag(start, end)
        return f"dragged from ({x}, {y}) to ({to_x}, {to_y})"

    def _drag(self, start: tuple[float, float], end: tuple[float, float]) -> None:
        mouse = self.page.mouse
        mouse.move(*start)
        mouse.down()
        mouse.move(*end, steps=DRAG_STEPS)
        mouse.up()

    def _centre(self, label: str) -> tuple[float, float]:
        """The centre of a control in the viewport, scrolled into view."""
        locator, option = self.target(label)
        if option >= 0:
            raise ActionRefused(f"control {label} is an option of a drop-down list")
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        if box is None:
            raise ActionRefused(f"control {label} has no box on the page")
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def _in_view(self, points: list[tuple[int, int]]) -> list[tuple[float, float]]:
        """Page points as viewport points, the page scrolled to show the first; refused
        when a point is off the page or out of view with the first."""
        scroll_x, scroll_y, width, height, view_w, view_h = self.page.evaluate(_PAGE_GEOMETRY_JS)
        for x, y in points:
            if x >= width or y >= height:
                raise ActionRefused(
                    f"point ({x}, {y}) is off the page, which is {width}x{height} pixels"
                )
        x, y = points[0]
        if not (scroll_x <= x < scroll_x + view_w and scroll_y <= y < scroll_y + view_h):
            self.page.evaluate("([x, y]) => scrollTo(x, y)", [x - view_w // 2, y - view_h // 2])
            scroll_x, scroll_y = self.page.evaluate("() => [scrollX, scrollY]")
        inside = [(x - scroll_x, y - scroll_y) for x, y in points]
        for (x, y), (vx, vy) in zip(points, inside, strict=True):
            if not (0 <= vx < view_w and 0 <= vy < view_h):
                raise ActionRefused(f"point ({x}, {y}) is not in view with {points[0]}")
        return inside

    def navigate(self, url: str) -> str:
        refusal = self.policy.refusal(url)
        if refusal:
            raise ActionRefused(
                f"navigation to {url} is not allowed ({refusal}); the page stays at {self.page.url}"
            )
        self.page.goto(url)
        return f"opened {self.page.url}"


def short_error(exc: Exception) -> str:
    """Playwright's first line without the API name, and the reason from its call log."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    first = re.sub(r"^\w+\.\w+: ", "", lines[0])
    reasons = [line.lstrip("- ") for line in lines[1:] if line.lstrip("- ").startswith("element")]
    return f"{first} ({reasons[-1]})" if reasons else first
