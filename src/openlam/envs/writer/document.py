"""The Writer document through UNO (runs inside the driver process): its state and the
application-API actions of the paper (select_text, insert_table, set_font, ...)."""

from __future__ import annotations

import builtins
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_python_import = builtins.__import__
import uno  # noqa: E402
import unohelper  # noqa: E402
from com.sun.star.awt import XCallback  # noqa: E402
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.connection import NoConnectException  # noqa: E402
from com.sun.star.lang import DisposedException  # noqa: E402

# uno replaces the interpreter's import with one that turns a missing module into ImportError
# instead of ModuleNotFoundError, which breaks libraries that probe for optional modules
# (tqdm, and with it transformers and datasets) when they are imported after this one.
builtins.__import__ = _python_import

# com.sun.star.style.ParagraphAdjust: LEFT, RIGHT, BLOCK, CENTER, STRETCH
ALIGNMENTS = {0: "left", 1: "right", 2: "justify", 3: "center", 4: "justify"}
RUN_PROPS = (
    "CharWeight",
    "CharPosture",
    "CharUnderline",
    "CharStrikeout",
    "CharFontName",
    "CharHeight",
    "CharColor",
    "CharBackColor",
)
FILTERS = {"docx": "MS Word 2007 XML", "odt": "writer8", "pdf": "writer_pdf_Export"}
MAX_PARAGRAPHS = 400
MAX_TEXT = 2000


class DocumentError(Exception):
    """An application-API action failed; the message is shown to the agent."""


def connect(port: int, timeout_s: float) -> Any:
    """The soffice desktop at this UNO port, retrying until soffice accepts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            ctx = resolver.resolve(url)
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return ctx, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def on_main_thread(ctx: Any, call: Callable[[], Any]) -> Any:
    """Run `call` on soffice's main thread and return what it returns.

    A UNO call from another process runs on one of soffice's bridge threads. Loading a
    document there builds the window's menu bar, whose paste entry asks GTK for the
    clipboard from that thread; now and then GTK's nested wait and soffice's main loop then
    block each other and the load never returns (about one load in 13 under load). Posted
    through AsyncCallback, soffice calls back from its main thread, and the calls `call`
    makes from inside the callback run on that thread too (the bridge keeps a call chain on
    one thread).
    """
    import threading

    class Callback(unohelper.Base, XCallback):
        def __init__(self) -> None:
            self.done = threading.Event()
            self.outcome: dict[str, Any] = {}

        def notify(self, data: Any) -> None:
            try:
                self.outcome["value"] = call()
            except Exception as exc:  # handed to the caller below
                self.outcome["error"] = exc
            finally:
                self.done.set()

    callback = Callback()
    poster = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.AsyncCallback", ctx)
    poster.addCallback(callback, None)
    callback.done.wait()  # the environment's request timeout bounds a hang
    if "error" in callback.outcome:
        raise callback.outcome["error"]
    return callback.outcome["value"]


def props(**values: Any) -> tuple:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def close_all(desktop: Any, keep: Any = None) -> None:
    """Close every document but `keep` (windows an agent opened, such as New)."""
    components = desktop.getComponents().createEnumeration()
    docs = []
    while components.hasMoreElements():
        docs.append(components.nextElement())
    for doc in docs:
        if (keep is not None and doc == keep) or _embedded(doc):
            continue
        doc.setModified(False)
        doc.close(True)


def _embedded(doc: Any) -> bool:
    """A chart or formula being edited in place shows up as a component of its own, but it
    belongs to the document that holds it: soffice vetoes closing it on its own, and it
    closes with its holder."""
    parent = getattr(doc, "getParent", None)
    return parent is not None and parent() is not None


def load(desktop: Any, path: Path, reuse: Any = None) -> Any:
    """Open a document in a visible window that fills the screen.

    With `reuse`, the document replaces that one in its window: the toolbars stay built,
    which saves seconds per episode over opening a new window.
    """
    url = path.resolve().as_uri()
    doc = None
    if reuse is not None:
        try:
            reuse.setModified(False)
            frame = reuse.getCurrentController().getFrame()
            doc = frame.loadComponentFromURL(url, "_self", 0, props(Hidden=False))
        except DisposedException:
            doc = None  # the agent closed that window; open a new one
    if doc is None:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, props(Hidden=False))
    if doc is None:
        raise DocumentError(f"soffice could not open {path}")
    controller = doc.getCurrentController()
    controller.getFrame().getContainerWindow().setPosSize(0, 0, 10_000, 10_000, 15)
    # A sidebar deck opened in one episode (the Navigator, say) stays open for the next
    # document in the window and puts its controls before the toolbars: fold it.
    sidebar = controller.getSidebar()
    if sidebar is not None:
        sidebar.showDecks(False)
    return doc


def store(doc: Any, path: Path, ext: str) -> None:
    """Write a copy of the document; the open document keeps its own location."""
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise DocumentError(f"folder {path.parent} does not exist")
    doc.storeToURL(path.resolve().as_uri(), props(FilterName=FILTERS[ext], Overwrite=True))


# -- state -----------------------------------------------------------------------------


def state(doc: Any) -> dict[str, Any]:
    """The document canvas: paragraphs with runs, tables, selection and page settings."""
    paragraphs, grids = [], []
    body = elements(doc)
    for element in body:
        if element.supportsService("com.sun.star.text.TextTable"):
            grids.append(_table(element, len(grids)))
        elif len(paragraphs) < MAX_PARAGRAPHS:
            paragraphs.append(_paragraph(element, len(paragraphs)))
    return {
        "title": doc.getTitle(),
        "paragraphs": paragraphs,
        "tables": grids,
        "selection": _selection(doc),
        "page": _page(doc, body[0]),
    }


def elements(doc: Any) -> list[Any]:
    """The body's paragraphs and tables in document order."""
    enum = doc.getText().createEnumeration()
    out = []
    while enum.hasMoreElements():
        out.append(enum.nextElement())
    return out


def _paragraph(para: Any, index: int) -> dict[str, Any]:
    runs = []
    portions = para.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType != "Text":
            continue
        text = portion.getString()
        if not text:
            continue
        run = _run(text, portion.getPropertyValues(RUN_PROPS))
        if runs and {**runs[-1], "text": ""} == {**run, "text": ""}:
            runs[-1]["text"] += text
        else:
            runs.append(run)
    numbering = para.getPropertyValue("NumberingStyleName") or None
    return {
        "index": index,
        "style": para.ParaStyleName,
        "alignment": ALIGNMENTS.get(int(para.ParaAdjust), str(para.ParaAdjust)),
        "text": para.getString()[:MAX_TEXT],
        "runs": runs,
        "list_kind": numbering,
    }


def _run(text: str, values: tuple) -> dict[str, Any]:
    weight, posture, underline, strike, font, size, color, back = values
    return {
        "text": text[:MAX_TEXT],
        "bold": weight >= 150,
        "italic": posture.value in ("ITALIC", "OBLIQUE"),
        "underline": underline != 0,
        "strikethrough": strike not in (0, 3),  # NONE, DONTKNOW
        "font": font,
        "size": float(size),
        "color": None if color == -1 else f"#{color & 0xFFFFFF:06x}",
        "highlight": None if back == -1 else f"#{back & 0xFFFFFF:06x}",
    }


def _table(table: Any, index: int) -> dict[str, Any]:
    data = table.getDataArray()
    return {
        "index": index,
        "name": table.getName(),
        "rows": table.getRows().getCount(),
        "columns": table.getColumns().getCount(),
        "cells": [[str(v)[:200] for v in row] for row in data],
    }


def text_view(doc: Any) -> Any | None:
    """The controller of the window's text view, with its cursor and selection; None when
    the window shows another view (the print preview has neither)."""
    controller = doc.getCurrentController()
    return controller if controller is not None and hasattr(controller, "getViewCursor") else None


def _selection(doc: Any) -> dict[str, Any] | None:
    controller = text_view(doc)
    if controller is None:
        return None
    selection = controller.getSelection()
    if selection is None:
        return None
    if selection.supportsService("com.sun.star.text.TextTableCursor"):  # a range of cells
        return {"text": "", "in_table": selection.getRangeName()}
    if selection.supportsService("com.sun.star.text.TextRanges") and selection.getCount() > 0:
        text = "".join(selection.getByIndex(i).getString() for i in range(selection.getCount()))
    else:
        text = ""
    cursor = controller.getViewCursor()
    cell = cursor.Cell if has_property(cursor, "Cell") else None
    return {"text": text[:MAX_TEXT], "in_table": cell.CellName if cell is not None else None}


def _page(doc: Any, first: Any) -> dict[str, Any]:
    has_style = has_property(first, "PageStyleName")
    style_name = first.PageStyleName if has_style else "Default Page Style"
    styles = doc.getStyleFamilies().getByName("PageStyles")
    style = styles.getByName(style_name or "Default Page Style")
    return {
        "style": style.getName(),
        "landscape": bool(style.IsLandscape),
        "margins_mm": {
            side: round(getattr(style, f"{side.title()}Margin") / 100, 1)
            for side in ("left", "right", "top", "bottom")
        },
        "header": style.HeaderText.getString() if style.HeaderIsOn else None,
        "footer": style.FooterText.getString() if style.FooterIsOn else None,
    }


def has_property(obj: Any, name: str) -> bool:
    info = obj.getPropertySetInfo()
    return info.hasPropertyByName(name)


def tables(doc: Any) -> list[Any]:
    """The body's tables in document order (table 1 is the first)."""
    return [e for e in elements(doc) if e.supportsService("com.sun.star.text.TextTable")]


# -- application-API actions -----------------------------------------------------------


def select_text(doc: Any, text: str, occurrence: int) -> str:
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findAll(search)
    if found.getCount() == 0:
        raise DocumentError(f"text {text!r} not found in the document")
    if occurrence > found.getCount():
        raise DocumentError(f"text {text!r} occurs only {found.getCount()} time(s)")
    doc.getCurrentController().select(found.getByIndex(occurrence - 1))
    return f"selected {text!r} (occurrence {occurrence} of {found.getCount()})"


def select_paragraph(doc: Any, start: int, end: int) -> str:
    paragraphs = [e for e in elements(doc) if not e.supportsService("com.sun.star.text.TextTable")]
    if end < start:
        raise DocumentError(f"end {end} is before start {start}")
    if end >= len(paragraphs):
        raise DocumentError(f"the document has paragraphs 0..{len(paragraphs) - 1}")
    cursor = doc.getText().createTextCursorByRange(paragraphs[start].getStart())
    cursor.gotoRange(paragraphs[end].getEnd(), True)
    doc.getCurrentController().select(cursor)
    return f"selected paragraphs {start}..{end}"


def select_table(doc: Any, number: int) -> str:
    found = tables(doc)
    if number > len(found):
        raise DocumentError(f"the document has {len(found)} table(s)")
    doc.getCurrentController().select(found[number - 1])
    return f"selected table {number} ({found[number - 1].getName()})"


def insert_table(doc: Any, rows: int, columns: int) -> str:
    table = doc.createInstance("com.sun.star.text.TextTable")
    table.initialize(rows, columns)
    cursor = doc.getCurrentController().getViewCursor()
    cursor.getText().insertTextContent(cursor, table, False)
    return f"inserted a {rows}x{columns} table"


def set_font(doc: Any, font_name: str | None, font_size: float | None) -> str:
    if font_name is None and font_size is None:
        raise DocumentError("set_font needs font_name, font_size or both")
    selection = doc.getCurrentController().getSelection()
    if not selection.supportsService("com.sun.star.text.TextRanges"):
        raise DocumentError("the selection is not text")
    for i in range(selection.getCount()):
        text_range = selection.getByIndex(i)
        if font_name is not None:
            text_range.CharFontName = font_name
        if font_size is not None:
            text_range.CharHeight = float(font_size)
    done = ", ".join(
        part
        for part in (font_name and f"font {font_name}", font_size and f"size {font_size:g}")
        if part
    )
    return f"set {done} on the selection"
