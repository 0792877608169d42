"""Reading a page into the agent's observation, and finding a labelled control again.

The controls come from Chromium's accessibility tree through CDP
(`Accessibility.getFullAXTree`), not from Playwright's `aria_snapshot`: the snapshot is
faster on a warm page but is YAML text of roles and names, with no handle back to the
elements (two "Delete" buttons read the same), while every CDP node carries its
`backendDOMNodeId`. The trees of same-origin frames (a MiniWoB flight site in its iframe)
are read too and hung under their <iframe> element, so their controls read and act like the
page's own; a frame of another origin runs in another renderer process, beyond this session.
The environment keeps label -> backend node id and, to act, tags that one element with a
data attribute so that Playwright's own locators (auto-wait, scrolling into view, fill and
select semantics) drive it. Nothing is written into the page while it is only observed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import CDPSession, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from openlam.envs.web.graphics import STYLES, Graphic, read_graphics
from openlam.records import Control, DocumentState, Paragraph

ACTIONABLE_ROLES = frozenset(
    {
        "button",
        "link",
        "textbox",
        "searchbox",
        "combobox",
        "listbox",
        "option",
        "checkbox",
        "radio",
        "tab",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "switch",
        "slider",
        "spinbutton",
        "treeitem",
        "Date",  # <input type=date>, and the others of its kind
        "DateTime",
        "InputTime",
        "DisclosureTriangle",  # <summary>
    }
)
# Named ancestors that say what a control belongs to (a select's options, a dialog's buttons).
CONTEXT_ROLES = frozenset(
    {"dialog", "alertdialog", "form", "navigation", "menu", "menubar", "tablist", "listbox",
     "combobox", "toolbar", "radiogroup", "tree"}
)  # fmt: skip
# AX property -> the state word shown to the agent, for the values that are reported.
STATES = {
    "checked": {"true": "checked", "mixed": "mixed"},
    "pressed": {"true": "pressed", "mixed": "mixed"},
    "selected": {True: "selected"},
    "expanded": {True: "expanded"},
    "disabled": {True: "disabled"},
    "focused": {True: "focused"},
    "readonly": {True: "readonly"},
    "required": {True: "required"},
}
# The options of a closed native <select> hang under this node and have no box of their own.
NATIVE_POPUP = "MenuListPopup"
MAX_VALUE_CHARS = 200
MAX_NAME_CHARS = 80
MAX_CLICKABLES_INSIDE = 3
# Clickable per the DOM snapshot but never what a person means to click: the page itself
# catches clicks for scripts that listen on it.
NOT_CLICK_TARGETS = frozenset({"RootWebArea", "WebArea", "Iframe", "StaticText", "InlineTextBox"})
GENERIC_ROLES = frozenset({"generic", "none", "presentation", "paragraph", "Section", ""})
# SVG shapes the accessibility tree leaves out are listed after the other controls, up to
# this many: a drawing of a few dozen shapes, not a chart of thousands.
MAX_GRAPHICS = 60
TARGET_ATTR = "data-openlam-target"
# Tags the element to act on (an option of a native select: its select) and untags the last.
_TAG_JS = f"""function (nonce) {{
    if (!this.isConnected) return null;
    const select = this.tagName === "OPTION" ? this.closest("select") : null;
    for (const old of document.querySelectorAll("[{TARGET_ATTR}]")) {{
        old.removeAttribute("{TARGET_ATTR}");
    }}
    (select || this).setAttribute("{TARGET_ATTR}", nonce);
    return {{option: select ? this.index : -1, top: window === window.top}};
}}"""


# The page's text and that of its frames, depth first; a frame of another origin has no
# contentDocument here, and its text is not the page's.
_PAGE_TEXT_JS = """() => {
    const texts = [];
    const walk = (doc) => {
        if (!doc || !doc.body) return;
        texts.push(doc.body.innerText);
        for (const frame of doc.querySelectorAll("iframe, frame")) walk(frame.contentDocument);
    };
    walk(document);
    return texts.join("\\n");
}"""


class ElementGone(Exception):
    """The labelled element is no longer in the page."""


@dataclass(frozen=True)
class PageView:
    """One reading of the page: its controls, their elements, and its text."""

    title: str
    controls: list[Control]
    targets: dict[str, int]  # label -> backendDOMNodeId
    document: DocumentState
    timings: dict[str, float]


def read_page(page: Page, cdp: CDPSession, *, max_controls: int, max_text_chars: int) -> PageView:
    """Read the visible actionable controls and the page text."""
    start = time.monotonic()
    nodes = _ax_nodes(cdp)
    layout = _layout(cdp)
    ax_s = time.monotonic() - start
    controls, targets = [], {}
    for node, context, name in _actionable(nodes, layout):
        if len(controls) == max_controls:
            break
        label = str(len(controls) + 1)
        control = _control(node, label, context, name)
        controls.append(_with_graphic(control, layout.graphics.get(node["backendDOMNodeId"])))
        targets[label] = node["backendDOMNodeId"]
    _add_graphics(controls, targets, layout, max_controls)
    start = time.monotonic()
    title = page.title()
    paragraphs, truncated = _paragraphs(page, max_text_chars)
    document = DocumentState(
        title=title,
        paragraphs=paragraphs,
        tables=[],
        page={"url": page.url, "text_truncated": truncated},
    )
    timings = {"ax_tree_s": ax_s, "text_s": time.monotonic() - start}
    return PageView(title, controls, targets, document, timings)


def locate(page: Page, cdp: CDPSession, backend_id: int, nonce: str) -> tuple[Locator, int]:
    """A locator for the element behind a label, and the option index when it is an option
    of a native select (-1 otherwise: clicking such an option selects it in its select)."""
    try:
        resolved = cdp.send("DOM.resolveNode", {"backendNodeId": backend_id})
        reply = cdp.send(
            "Runtime.callFunctionOn",
            {
                "objectId": resolved["object"]["objectId"],
                "functionDeclaration": _TAG_JS,
                "arguments": [{"value": nonce}],
                "returnByValue": True,
            },
        )
    except PlaywrightError as exc:
        # CDP says "No node with given id found" once the element is gone; if the browser is
        # gone instead, the environment tells the two apart before showing the agent this.
        raise ElementGone(str(exc).splitlines()[0]) from exc
    tagged = reply["result"].get("value")
    if tagged is None:
        raise ElementGone("the element was removed from the page")
    selector = f'[{TARGET_ATTR}="{nonce}"]'
    if tagged["top"]:
        return page.locator(selector), tagged["option"]
    for frame in page.frames[1:]:
        if frame.locator(selector).count():
            return frame.locator(selector), tagged["option"]
    raise ElementGone("the element's frame was removed from the page")


def _ax_nodes(cdp: CDPSession) -> list[dict[str, Any]]:
    """The main frame's accessibility nodes, with the tree of each same-origin child frame
    hung under its <iframe> node (node ids prefixed by frame, as each tree numbers its own)."""
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    tree = cdp.send("Page.getFrameTree")["frameTree"]
    by_backend = {node.get("backendDOMNodeId"): node for node in nodes}
    for i, frame_id in enumerate(_same_origin_children(tree), start=1):
        owner_id = cdp.send("DOM.getFrameOwner", {"frameId": frame_id})["backendNodeId"]
        owner = by_backend.get(owner_id)
        if owner is None:  # its <iframe> is not in the tree read so far (hidden, say)
            continue
        frame_nodes = cdp.send("Accessibility.getFullAXTree", {"frameId": frame_id})["nodes"]
        ids = {node["nodeId"] for node in frame_nodes}
        for node in frame_nodes:
            node["nodeId"] = f"{i}:{node['nodeId']}"
            node["childIds"] = [f"{i}:{c}" for c in node.get("childIds", [])]
            if node.get("parentId") in ids:
                node["parentId"] = f"{i}:{node['parentId']}"
            else:
                node["parentId"] = owner["nodeId"]
                owner["childIds"] = [*owner.get("childIds", []), node["nodeId"]]
            by_backend.setdefault(node.get("backendDOMNodeId"), node)
        nodes.extend(frame_nodes)
    return nodes


def _same_origin_children(tree: dict[str, Any]) -> list[str]:
    """Ids of the frames below the main one that share its origin, parents first."""
    origin = tree["frame"].get("securityOrigin")
    found, stack = [], list(reversed(tree.get("childFrames", [])))
    while stack:
        node = stack.pop()
        if node["frame"].get("securityOrigin") == origin:
            found.append(node["frame"]["id"])
            stack.extend(reversed(node.get("childFrames", [])))
    return found


def _actionable(nodes: list[dict[str, Any]], layout: Layout):
    """(node, context, name) for each actionable, visible node, in document order.

    Actionable: a control role, or an element with a click handler of its own (a MiniWoB
    tree item or e-mail icon is a plain span; Chromium's DOM snapshot knows it is clickable)
    that is not a container of other controls (see `_containers`).
    A control without an accessible name (an input whose label is plain text before it) is
    named by the text just before it inside its own container (see `_name_before`), as a
    person reading the page would name it."""
    by_id = {node["nodeId"]: node for node in nodes}
    roots = [node for node in nodes if node.get("parentId") not in by_id]
    containers = _containers(nodes, by_id, layout)
    stack = [(root, "", False) for root in reversed(roots)]
    text_before: dict[str, Any] | None = None  # the last StaticText node passed
    while stack:
        node, context, in_popup = stack.pop()
        role = node.get("role", {}).get("value", "")
        name = _text(node, "name")
        backend = node.get("backendDOMNodeId")
        if role == "StaticText" and name:
            text_before = node
        visible = backend in layout.boxed or (in_popup and role == "option")
        if not node.get("ignored") and visible:
            if role in ACTIONABLE_ROLES:
                yield node, context, name or _name_before(node, text_before, by_id)
            elif _clickable(node, layout) and node["nodeId"] not in containers:
                hint = layout.clickable[backend]
                yield node, context, name or _inner_text(node, by_id) or f"[{hint}]"
        child_context = name if role in CONTEXT_ROLES and name else context
        # A native select's options are listed when the select itself is on screen.
        child_popup = in_popup or (role == NATIVE_POPUP and _visible_parent(node, by_id, layout))
        children = [by_id[c] for c in node.get("childIds", []) if c in by_id]
        stack.extend((child, child_context, child_popup) for child in reversed(children))


def _clickable(node: dict[str, Any], layout: Layout) -> bool:
    role = node.get("role", {}).get("value", "")
    return node.get("backendDOMNodeId") in layout.clickable and role not in NOT_CLICK_TARGETS


def _containers(nodes: list[dict[str, Any]], by_id: dict[str, Any], layout: Layout) -> set:
    """Ids of the nodes that wrap a control role, or several clickable elements: a click
    handler on such a wrapper catches its children's clicks and is no target of its own
    (an e-mail row that holds its star and trash icons still is one)."""
    below: dict[str, int] = {}
    wrappers: set[str] = set()
    for node in nodes:
        role = node.get("role", {}).get("value", "")
        if role not in ACTIONABLE_ROLES and not _clickable(node, layout):
            continue
        parent = by_id.get(node.get("parentId", ""))
        while parent is not None:
            below[parent["nodeId"]] = below.get(parent["nodeId"], 0) + 1
            if role in ACTIONABLE_ROLES or below[parent["nodeId"]] > MAX_CLICKABLES_INSIDE:
                wrappers.add(parent["nodeId"])
            parent = by_id.get(parent.get("parentId", ""))
    return wrappers


def _inner_text(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """The text under a node (its StaticText leaves), capped."""
    parts, stack = [], [node]
    while stack and sum(map(len, parts)) < MAX_NAME_CHARS:
        current = stack.pop()
        if current.get("role", {}).get("value") == "StaticText":
            parts.append(_text(current, "name"))
        stack.extend(by_id[c] for c in reversed(current.get("childIds", [])) if c in by_id)
    return " ".join(p for p in parts if p)[:MAX_NAME_CHARS]


def _name_before(
    control: dict[str, Any], text: dict[str, Any] | None, by_id: dict[str, dict[str, Any]]
) -> str:
    """A name taken from the text before a control, or else after it, marked as such; only
    text inside the control's container counts (its nearest ancestor that holds more than
    the control), so that a field alone in its form is not named by the end of the page's
    instructions."""
    container = _container(control, by_id)
    if text is None or not _inside(text, container, by_id):
        text = _text_after(control, container, by_id)
    words = _text(text, "name").rstrip(": ") if text is not None else ""
    return f"({words[:MAX_NAME_CHARS]})" if words else ""


def _text_after(
    control: dict[str, Any], container: dict[str, Any] | None, by_id: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """The first text after a control inside its container that is not another control's
    (a label written after its check box, not the caption of the next button)."""
    if container is None:
        return None
    passed = False
    stack = [container]
    while stack:
        node = stack.pop()
        role = node.get("role", {}).get("value", "")
        if node is control:
            passed = True
            continue
        if passed and role in ACTIONABLE_ROLES:
            continue
        if passed and role == "StaticText" and _text(node, "name"):
            return node
        stack.extend(by_id[c] for c in reversed(node.get("childIds", [])) if c in by_id)
    return None


def _container(node: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The nearest ancestor with more than one child."""
    parent = by_id.get(node.get("parentId", ""))
    while parent is not None and len(parent.get("childIds", [])) < 2:
        parent = by_id.get(parent.get("parentId", ""))
    return parent


def _inside(
    node: dict[str, Any], ancestor: dict[str, Any] | None, by_id: dict[str, dict[str, Any]]
) -> bool:
    """Whether `ancestor` is above `node` in the tree."""
    parent = by_id.get(node.get("parentId", ""))
    while ancestor is not None and parent is not None:
        if parent is ancestor:
            return True
        parent = by_id.get(parent.get("parentId", ""))
    return False


def _with_graphic(control: Control, graphic: Graphic | None) -> Control:
    """A control with the box and colour of what it draws, for an SVG shape or a box without
    a role (a coloured square, a board cell, a positioned letter); a shape without a name of
    its own is named by its kind."""
    if graphic is None or control.type in ACTIONABLE_ROLES:
        return control
    unnamed = not control.name or control.name.startswith("[")
    if not (graphic.drawn or unnamed or graphic.positioned):
        return control
    name = graphic.kind() if graphic.drawn and unnamed else control.name
    return control.model_copy(update={"name": name, "box": graphic.box, "color": graphic.color})


def _add_graphics(
    controls: list[Control], targets: dict[str, int], layout: Layout, max_controls: int
) -> None:
    """Append the SVG shapes and texts not listed yet (the tree leaves out a shape without a
    name), in document order."""
    listed = set(targets.values())
    added = 0
    for backend, graphic in layout.graphics.items():
        if len(controls) == max_controls or added == MAX_GRAPHICS:
            return
        if not graphic.drawn or backend in listed:
            continue
        label = str(len(controls) + 1)
        controls.append(
            Control(
                label=label,
                name=graphic.kind(),
                type="graphic",
                box=graphic.box,
                color=graphic.color,
            )
        )
        targets[label] = backend
        added += 1


def _visible_parent(node: dict[str, Any], by_id: dict[str, dict[str, Any]], layout: Layout):
    """Whether the node's parent has a box on screen."""
    parent = by_id.get(node.get("parentId", ""))
    return parent is not None and parent.get("backendDOMNodeId") in layout.boxed


@dataclass(frozen=True)
class Layout:
    """From Chromium's DOM snapshot: the nodes with a box, those with a click handler, and
    the elements of the main document with their box and colour."""

    boxed: set[int]
    clickable: dict[int, str]  # backend node id -> its class or id, to name an empty one
    graphics: dict[int, Graphic]


def _layout(cdp: CDPSession) -> Layout:
    """The accessibility tree already leaves out display:none, visibility:hidden and
    aria-hidden; the snapshot's layout drops zero-size nodes. Nodes scrolled out of view keep
    their box: the locator scrolls to them."""
    snapshot = cdp.send("DOMSnapshot.captureSnapshot", {"computedStyles": STYLES})
    strings = snapshot["strings"]
    boxed: set[int] = set()
    clickable: dict[int, str] = {}
    for doc in snapshot["documents"]:
        backend_ids = doc["nodes"]["backendNodeId"]
        layout = doc["layout"]
        for index, (_, _, width, height) in zip(layout["nodeIndex"], layout["bounds"], strict=True):
            if width > 0 and height > 0:
                boxed.add(backend_ids[index])
        attributes = doc["nodes"]["attributes"]
        for i in doc["nodes"].get("isClickable", {}).get("index", []):
            clickable[backend_ids[i]] = _class_or_id(attributes[i], strings)
    return Layout(boxed, clickable, read_graphics(snapshot))


def _class_or_id(attributes: list[int], strings: list[str]) -> str:
    pairs = dict(zip(attributes[::2], attributes[1::2], strict=True))
    values = {strings[k]: strings[v] for k, v in pairs.items()}
    return (values.get("class") or values.get("id") or "").strip()


def _control(node: dict[str, Any], label: str, context: str, name: str) -> Control:
    value = _text(node, "value") or None
    role = node["role"]["value"]
    return Control(
        label=label,
        name=name,
        type=role if role in ACTIONABLE_ROLES or role not in GENERIC_ROLES else "clickable",
        state=_states(node),
        value=value[:MAX_VALUE_CHARS] if value else None,
        context=context or None,
    )


def _states(node: dict[str, Any]) -> list[str]:
    states = []
    for prop in node.get("properties", []):
        words = STATES.get(prop["name"], {})
        word = words.get(prop.get("value", {}).get("value"))
        if word:
            states.append(word)
    return states


def _text(node: dict[str, Any], key: str) -> str:
    value = node.get(key, {}).get("value")
    return "" if value is None else str(value).strip()


def _paragraphs(page: Page, max_chars: int) -> tuple[list[Paragraph], bool]:
    """The rendered text (innerText) of the page and its same-origin frames, one paragraph
    a non-empty line, capped."""
    text = page.evaluate(_PAGE_TEXT_JS)
    truncated = len(text) > max_chars
    lines = [line.strip() for line in text[:max_chars].splitlines()]
    paragraphs = [
        Paragraph(index=i, style="text", alignment="left", text=line)
        for i, line in enumerate(line for line in lines if line)
    ]
    return paragraphs, truncated
