"""Solutions of widgets and puzzles: date pickers, sliders, spinners, scrolling lists, copy
and paste, forms in sequence, guessing games."""

from __future__ import annotations

from openlam.agent.scripted import Rule
from openlam.records import Action, Observation
from openlam.tasks.web.experts.common import NoTarget, Solution, act, quoted


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


SOLUTIONS: dict[str, Solution] = {
    "click-collapsible-2-nodelay": click_tabs,
    "click-tab-2-medium": click_tab_2_medium,
    "click-tab-2-hard": click_tabs,
}
