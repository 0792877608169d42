"""Building blocks of known-good Writer solutions, made of public actions only."""

from __future__ import annotations

from openlam.agent.scripted import Rule, call, on_control
from openlam.records import Action, Observation, Status


def select(text: str, occurrence: int = 1) -> Rule:
    return call("select_text", text=text, occurrence=occurrence)


def give_up(reason: str) -> Rule:
    """Say why the request cannot be done, and end with FAIL (changing nothing)."""
    return lambda obs: Action(function="summary", args={"text": reason}, status=Status.FAIL)


def click(name: str, type: str) -> Rule:
    return on_control("click_input", name, type)


def set_box(name: str, text: str, type: str = "text") -> Rule:
    return on_control("set_edit_text", name, type, text=text)


def keys(keys: str) -> Rule:
    """Type keys into the document (the document canvas control)."""

    def rule(obs: Observation) -> Action:
        document = next((c for c in obs.controls if c.type == "document text"), None)
        if document is None:
            raise LookupError("the document canvas is not in the observation")
        return Action(
            function="keyboard_input",
            args={"keys": keys},
            control_label=document.label,
            control_name=document.name,
        )

    return rule


def menu(top: str, *path: str) -> list[Rule]:
    """Open a menu-bar menu and click through its submenus to the last item."""
    rules = [click(top, "menu")]
    rules += [click(name, "menu") for name in path[:-1]]
    rules.append(_click_menu_item(path[-1]))
    return rules


MENU_ITEMS = ("menu item", "check menu item", "radio menu item")


def _click_menu_item(name: str) -> Rule:
    def rule(obs: Observation) -> Action:
        item = next((c for c in obs.controls if c.name == name and c.type in MENU_ITEMS), None)
        if item is None:
            raise LookupError(f"no menu item {name!r} in the observation")
        return Action(function="click_input", control_label=item.label, control_name=item.name)

    return rule


def select_paragraphs(first_prefix: str, count: int = 1) -> Rule:
    """Select `count` paragraphs starting with the one whose text begins with a prefix."""

    def rule(obs: Observation) -> Action:
        for paragraph in obs.document.paragraphs:
            if paragraph.text.startswith(first_prefix):
                start = paragraph.index
                return Action(
                    function="select_paragraph", args={"start": start, "end": start + count - 1}
                )
        raise LookupError(f"no paragraph begins with {first_prefix!r}")

    return rule


def page_style_dialog(tab: str) -> list[Rule]:
    return [*menu("Format", "Page Style..."), click(tab, "page tab")]
