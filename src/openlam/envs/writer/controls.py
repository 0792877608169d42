"""Reading and driving Writer's controls through AT-SPI (runs inside the driver process).

The control list follows UFO's: enabled, on-screen, actionable elements, numbered in tree
order so that labels stay the same while the UI does not change. The closed menu bar is
listed by its top-level menus only; an open menu lists its items. Document paragraphs are
left out: the document itself is described through UNO.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

if TYPE_CHECKING:
    from openlam.envs.writer.events import UiEvents

S = Atspi.StateType
ACTIONABLE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "combo box",
    "text",
    "password text",
    "spin button",
    "menu",
    "menu item",
    "check menu item",
    "radio menu item",
    "page tab",
    "list item",
    "table cell",
    "tree item",
    "link",
    "slider",
    "document text",
}
# Named ancestors that say what an unnamed control belongs to. A document window's title
# ("x.docx - LibreOffice Writer") says nothing about its controls, so frames are not here.
CONTEXT_ROLES = {"tool bar", "dialog", "panel", "menu", "page tab", "alert"}
SKIP_SUBTREE = {"paragraph", "heading", "table", "status bar", "ruler", "scroll bar"}
REPORTED_STATES = {
    S.CHECKED: "checked",
    S.PRESSED: "pressed",
    S.SELECTED: "selected",
    S.EXPANDED: "expanded",
    S.FOCUSED: "focused",
}
MAX_CONTROLS = 300


class ControlError(Exception):
    """An action on a control failed; the message is shown to the agent."""


@dataclass
class Found:
    """A control found in the tree, with the accessible that stands behind it."""

    name: str
    role: str
    context: str
    states: list[str]
    value: str | None
    accessible: Atspi.Accessible
    in_toolbar: bool = False


def application() -> Atspi.Accessible | None:
    """The soffice application on this stack's private accessibility bus."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "soffice":
            return app
    return None


def raw_walk(app: Atspi.Accessible) -> int:
    """The plain traversal the control list is built on: role, name, states of each node."""
    count = 0

    def visit(node: Atspi.Accessible) -> None:
        nonlocal count
        count += 1
        role = node.get_role_name()
        node.get_name()
        states = node.get_state_set()
        if role in SKIP_SUBTREE or (count > 1 and not states.contains(S.SHOWING)):
            return
        if role == "menu" and not states.contains(S.SELECTED):
            return
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                visit(child)

    visit(app)
    return count


def collect(app: Atspi.Accessible) -> list[Found]:
    """All actionable controls of the application's showing windows, in tree order."""
    found: list[Found] = []
    seen_menus: set[str] = set()

    def visit(node: Atspi.Accessible, context: str, in_menu_bar: bool, in_bar: bool) -> None:
        if len(found) >= MAX_CONTROLS:
            return
        try:
            role = node.get_role_name()
            states = node.get_state_set()
            name = node.get_name() or ""
        except GLib.Error as exc:
            if _vanished(exc):
                return
            raise
        if not states.contains(S.SHOWING) or role in SKIP_SUBTREE:
            return
        if role == "menu bar":
            in_menu_bar = True
        if in_menu_bar and role == "menu" and context == "menu bar":
            if name in seen_menus:
                return
            seen_menus.add(name)
        if role in ACTIONABLE and states.contains(S.ENABLED):
            label_name = name or _labelled_by(node) or context
            if label_name:
                found.append(_found(node, label_name, role, context, states, in_bar))
        if role == "document text":
            return
        if role == "menu" and not states.contains(S.SELECTED):
            return
        child_context = context
        if role == "menu bar":
            child_context = "menu bar"
        elif role in CONTEXT_ROLES and name:
            child_context = name
        for child in _children(node):
            visit(child, child_context, in_menu_bar, in_bar or role == "tool bar")

    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None:
            named = window.get_role_name() in CONTEXT_ROLES
            visit(window, (window.get_name() or "") if named else "", False, False)
    return found


def _children(node: Atspi.Accessible) -> list[Atspi.Accessible]:
    """A node's children; one that vanishes while being read is simply not there.

    soffice rebuilds parts of its tree while it works (a table toolbar appearing, a menu
    closing), so a node listed a moment ago can be gone when its child is asked for.
    """
    out = []
    try:
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            if child is not None:
                out.append(child)
    except GLib.Error as exc:
        if not _vanished(exc):
            raise
    return out


def _vanished(exc: GLib.Error) -> bool:
    return "does not exist" in str(exc) or "UnknownObject" in str(exc)


def _found(node, name: str, role: str, context: str, states, in_toolbar: bool) -> Found:
    reported = [label for state, label in REPORTED_STATES.items() if states.contains(state)]
    value = None
    if role in {"text", "spin button", "combo box", "password text"}:
        text = node.get_text_iface()
        if text is not None:
            value = text.get_text(0, min(text.get_character_count(), 200))
    return Found(name, role, context, reported, value, node, in_toolbar)


def _labelled_by(node: Atspi.Accessible) -> str:
    for relation in node.get_relation_set() or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            target = relation.get_target(0)
            if target is not None:
                return (target.get_name() or "").rstrip(":").strip()
    return ""


def top_windows(app: Atspi.Accessible) -> list[tuple[str, str]]:
    """(role, name) of each top-level window: cheap, used to wait for the UI to settle."""
    out = []
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None:
            out.append((window.get_role_name(), window.get_name() or ""))
    return out


# -- acting on controls ----------------------------------------------------------------


def still_there(control: Found) -> None:
    """Raise if the control behind a label has gone since the observation."""
    try:
        states = control.accessible.get_state_set()
        role = control.accessible.get_role_name()
    except GLib.Error as exc:
        raise ControlError(f"control {control.name!r} is gone; observe again") from exc
    if role != control.role or states.contains(S.DEFUNCT) or not states.contains(S.SHOWING):
        raise ControlError(f"control {control.name!r} is no longer shown; observe again")
    if not states.contains(S.ENABLED):
        raise ControlError(f"control {control.name!r} is disabled")


def click(control: Found, display: str, button: str = "left", double: bool = False) -> None:
    """Click through the accessible action when there is one, else with the mouse."""
    node = control.accessible
    if button == "left" and not double:
        action = node.get_action_iface()
        count = action.get_n_actions() if action is not None else 0
        if count > 0:
            if not action.do_action(_primary_action(action, count)):
                raise ControlError(f"{control.name!r} did not respond to a click")
            return
    x, y = _center(control)
    clicks = ["click", "--repeat", "2"] if double else ["click"]
    _xdotool(display, ["mousemove", str(x), str(y), *clicks, "3" if button == "right" else "1"])


def _primary_action(action, count: int) -> int:
    names = [action.get_action_name(i) for i in range(count)]
    for preferred in ("click", "press", "activate", "toggle", "jump"):
        if preferred in names:
            return names.index(preferred)
    return 0


def set_text(control: Found, text: str, events: UiEvents) -> None:
    """Replace the text of an edit box; numbers go to a spin button's value."""
    node = control.accessible
    value = node.get_value_iface()
    if value is not None and _is_number(text):
        number = float(text)
        low, high = value.get_minimum_value(), value.get_maximum_value()
        if not low <= number <= high:
            raise ControlError(f"{text} is outside {control.name!r}'s range {low:g}..{high:g}")
        if not value.set_current_value(number):
            raise ControlError(f"{control.name!r} refused the value {text}")
        return
    editable = node.get_editable_text_iface()
    if editable is None or not node.get_state_set().contains(S.EDITABLE):
        raise ControlError(f"{control.name!r} is a {control.role}, not an editable box")
    if control.role == "text" and control.in_toolbar:
        _set_toolbar_box(control, editable, text, events)
    elif not editable.set_text_contents(text):
        raise ControlError(f"{control.name!r} refused the text")


def _set_toolbar_box(control: Found, editable, text: str, events: UiEvents, attempts=2) -> None:
    """Type into a toolbar box (font name, size, paragraph style) and apply it, as a user
    clicks into the box, types and presses Return. soffice rewrites an unfocused box whenever
    it broadcasts the selection's attributes, and on a busy machine that broadcast can still
    land between typing and Return: the box then shows the old value after Return, and the
    whole entry is made again."""
    node = control.accessible
    for _ in range(attempts):
        focus(control)
        # Focus moves asynchronously; with several stacks on two cores it took over 2 s.
        wait_for_state(node, S.FOCUSED, events, timeout_s=6.0)
        if not editable.set_text_contents(text):
            raise ControlError(f"{control.name!r} refused the text")
        action = node.get_action_iface()
        names = [action.get_action_name(i) for i in range(action.get_n_actions())] if action else []
        if "activate" not in names or not action.do_action(names.index("activate")):
            raise ControlError(f"{control.name!r} did not take the text")
        if events.wait_for(lambda: _same_entry(_box_text(node), text), timeout_s=1.0):
            return
    raise ControlError(f"{control.name!r} did not keep {text!r}")


def _box_text(node: Atspi.Accessible) -> str:
    shown = node.get_text_iface()
    return shown.get_text(0, -1) if shown is not None else ""


def _same_entry(shown: str, asked: str) -> bool:
    """Whether a box shows what was asked (sizes compare as numbers: "16" and "16 pt")."""
    shown, asked = shown.strip(), asked.strip()
    number = shown.removesuffix("pt").strip()
    if _is_number(asked) and _is_number(number):
        return abs(float(number) - float(asked)) < 0.05
    return shown.casefold() == asked.casefold()


def wait_for_state(node: Atspi.Accessible, state, events: UiEvents, timeout_s=2.0) -> None:
    """Wait until the node has the state: focus moves asynchronously in soffice."""
    if not events.wait_for(lambda: node.get_state_set().contains(state), timeout_s):
        raise ControlError(f"the control did not become {state.value_nick}")


def activate_window(display: str, title: str) -> None:
    """Give the window with this title the X input focus, where typed keys go."""
    _xdotool(display, ["search", "--name", re.escape(title), "windowactivate", "--sync"])


def focus(control: Found) -> None:
    component = control.accessible.get_component_iface()
    if component is None or not component.grab_focus():
        raise ControlError(f"{control.name!r} cannot take the keyboard focus")


def wheel(control: Found, display: str, distance: int) -> None:
    x, y = _center(control)
    button = "4" if distance > 0 else "5"
    _xdotool(
        display, ["mousemove", str(x), str(y), "click", "--repeat", str(abs(distance)), button]
    )


def screen_box(control: Found) -> tuple[int, int, int, int] | None:
    """Where a control is on the display (x, y, width, height); None when it has no visible
    extent there."""
    component = control.accessible.get_component_iface()
    if component is None:
        return None
    box = component.get_extents(Atspi.CoordType.SCREEN)
    if box.width <= 0 or box.height <= 0:
        return None
    return box.x, box.y, box.width, box.height


def _center(control: Found) -> tuple[int, int]:
    box = screen_box(control)
    if box is None:
        raise ControlError(f"{control.name!r} has no visible position on screen")
    x, y, width, height = box
    return x + width // 2, y + height // 2


# -- keys ------------------------------------------------------------------------------

KEY_ALIASES = {
    "enter": "Return",
    "return": "Return",
    "esc": "Escape",
    "escape": "Escape",
    "tab": "Tab",
    "backspace": "BackSpace",
    "del": "Delete",
    "delete": "Delete",
    "space": "space",
    "home": "Home",
    "end": "End",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pgup": "Page_Up",
    "pageup": "Page_Up",
    "pgdn": "Page_Down",
    "pagedown": "Page_Down",
    "insert": "Insert",
}
MODIFIERS = {"ctrl": "ctrl", "control": "ctrl", "alt": "alt", "shift": "shift", "super": "super"}
_CHORD = re.compile(r"\{([^{}]+)\}")
KEY_GAP_S = 0.02


def parse_keys(keys: str) -> list[tuple[str, str]]:
    """Split `Hello{Return}{ctrl+b}` into ("type", "Hello"), ("key", "Return"), ..."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in _CHORD.finditer(keys):
        if match.start() > pos:
            parts.append(("type", keys[pos : match.start()]))
        parts.append(("key", _chord(match.group(1))))
        pos = match.end()
    if pos < len(keys):
        parts.append(("type", keys[pos:]))
    for kind, text in parts:
        if kind == "type" and ("{" in text or "}" in text):
            raise ControlError(f"unbalanced braces in keys {keys!r}")
    return parts


def _chord(chord: str) -> str:
    names = [p.strip() for p in chord.split("+")]
    if not names or any(not n for n in names):
        raise ControlError(f"bad key chord {{{chord}}}")
    *mods, key = names
    out = []
    for mod in mods:
        if mod.lower() not in MODIFIERS:
            raise ControlError(f"unknown modifier {mod!r} in {{{chord}}}")
        out.append(MODIFIERS[mod.lower()])
    out.append(_key_name(key, chord))
    return "+".join(out)


def _key_name(key: str, chord: str) -> str:
    folded = key.lower().replace("_", "")
    if folded in KEY_ALIASES:
        return KEY_ALIASES[folded]
    if len(key) == 1 and key.isprintable():
        return key.lower() if key.isalpha() else key
    if re.fullmatch(r"[Ff]([1-9]|1[0-2])", key):
        return key.upper()
    raise ControlError(f"unknown key {key!r} in {{{chord}}}")


def send_keys(display: str, keys: str) -> None:
    for i, (kind, text) in enumerate(parse_keys(keys)):
        if i:
            # Consecutive commands keep the pause they always had, so typing behaves as it
            # did; after the last one the driver waits on soffice's events instead.
            time.sleep(KEY_GAP_S)
        if kind == "key":
            _xdotool(display, ["key", "--clearmodifiers", text])
        else:
            _xdotool(display, ["type", "--delay", "2", "--", text])


def _xdotool(display: str, args: list[str]) -> None:
    result = subprocess.run(
        ["xdotool", *args],
        env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    if result.returncode != 0:
        raise ControlError(f"input failed: {result.stderr.strip()[:200]}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
