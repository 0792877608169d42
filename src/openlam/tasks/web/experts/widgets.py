"""Solutions of widgets and puzzles: date pickers, sliders, spinners, scrolling lists, copy
and paste, forms in sequence, guessing games."""

from __future__ import annotations

import re

from openlam.agent.scripted import Rule
from openlam.records import Action, Observation
from openlam.tasks.web.experts.common import (
    SUBMIT,
    NoTarget,
    Solution,
    act,
    click,
    ordinal,
    quoted,
)


def seek_link(target: str, fallback: str | None = None) -> Rule:
    """Click the link once it shows; until then open the next tab or section not opened yet,
    and when none is left, click the `fallback` control (a tab that means "no such link")."""
    opened: set[str] = set()

    def rule(obs: Observation) -> Action:
        shown = [c for c in obs.controls if c.name == target and c.type in ("link", "clickable")]
        if shown:
            return act("click", shown[0])
        tabs = [c for c in obs.controls if c.type == "tab"]
        for tab in tabs:
            if tab.name not in opened and "selected" not in tab.state:
                opened.add(tab.name)
                return act("click", tab)
        if fallback is not None:
            return act("click", next(c for c in tabs if c.name == fallback))
        raise NoTarget(f"{target!r} is in no tab or section")

    return rule


def click_tab_2_medium(utterance: str) -> list[Rule]:
    # The second tab is empty: clicking it says the first tab has no such link.
    return [seek_link(quoted(utterance)[0], fallback="Tab #2")]


def click_tabs(utterance: str) -> list[Rule]:
    return [seek_link(quoted(utterance)[0])] * 8


def unicode_test(utterance: str) -> list[Rule]:
    return [click(name=quoted(utterance)[0], types=("button",))]


def copy_paste(utterance: str) -> list[Rule]:
    """Copy through the clipboard, as a person would: the text box shows the text trimmed,
    and the page wants it to the last space."""
    match = re.search(r"(\d+(?:st|nd|rd|th)) text area", utterance)
    nth = ordinal(match.group(1)) if match else 0

    def source(keys: str) -> Rule:
        def rule(obs: Observation) -> Action:
            areas = [c for c in obs.controls if c.type == "textbox" and c.value]
            if len(areas) <= nth:
                raise NoTarget(f"no text area #{nth + 1} with text")
            return act("press", areas[nth], keys=keys)

        return rule

    def paste(obs: Observation) -> Action:
        empty = [c for c in obs.controls if c.type == "textbox" and not c.value]
        if not empty:
            raise NoTarget("no empty text input to paste into")
        return act("press", empty[0], keys="Control+V")

    return [source("Control+A"), source("Control+C"), paste, SUBMIT]


SOLUTIONS: dict[str, Solution] = {
    "click-collapsible-2-nodelay": click_tabs,
    "click-tab-2-medium": click_tab_2_medium,
    "click-tab-2-hard": click_tabs,
    "unicode-test": unicode_test,
    "copy-paste": copy_paste,
    "copy-paste-2": copy_paste,
}
