"""Application-API actions beyond selecting: replacing, formatting, fields, images, links,
comments and breaks, each a few UNO calls (the paper's COM calls beside the UI actions).

Runs inside the driver process, like `document.py`. A bad argument raises `DocumentError`
before the document changes, so the agent sees why and the document stays as it was.
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

# uno through document.py, which imports it first and then restores the interpreter's import.
from openlam.envs.writer.document import DocumentError, has_property, tables, uno

# LibreOffice's own superscript and subscript buttons: "automatic" raise or lowering at 58 %
# (DFLT_ESC_AUTO_SUPER, DFLT_ESC_PROP), which the .docx export writes as w:vertAlign.
ESCAPEMENT = {"normal": (0, 100), "superscript": (14000, 58), "subscript": (-14000, 58)}
ADJUST = {"left": "LEFT", "center": "CENTER", "right": "RIGHT", "justify": "BLOCK"}
BREAKS = {"page": "PAGE_BEFORE", "column": "COLUMN_BEFORE"}
FIELDS = {
    "page_number": "PageNumber",
    "page_count": "PageCount",
    "date": "DateTime",
    "time": "DateTime",
    "title": "DocInfo.Title",
    "author": "DocInfo.CreateAuthor",  # the document's author; TextField.Author is the user's
}
ARABIC = 4  # com.sun.star.style.NumberingType.ARABIC
SCREEN_DPI = 96  # for images that do not say their resolution
COMMENT_AUTHOR = "openlam"


def replace_all(
    doc: Any, search: str, replace: str, match_case: bool, whole_words: bool, regex: bool
) -> str:
    descriptor = doc.createReplaceDescriptor()
    descriptor.SearchString = search
    descriptor.ReplaceString = replace
    descriptor.SearchCaseSensitive = match_case
    descriptor.SearchWords = whole_words
    descriptor.SearchRegularExpression = regex
    count = doc.replaceAll(descriptor)
    if count == 0:
        if regex:
            _check_regex(search)
        raise DocumentError(f"{search!r} not found; nothing replaced")
    return f"replaced {count} occurrence(s) of {search!r} with {replace!r}"


def _check_regex(pattern: str) -> None:
    """soffice finds nothing for an invalid expression instead of saying so. Its ICU syntax
    is close to Python's, which is asked only once soffice found nothing."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise DocumentError(f"invalid regular expression {pattern!r}: {exc}") from None


def format_text(
    doc: Any,
    bold: bool | None,
    italic: bool | None,
    underline: bool | None,
    strikethrough: bool | None,
    script: str | None,
    color: str | None,
    highlight: str | None,
) -> str:
    values: dict[str, Any] = {}
    if bold is not None:
        values["CharWeight"] = 150.0 if bold else 100.0  # com.sun.star.awt.FontWeight
    if italic is not None:
        slant = "ITALIC" if italic else "NONE"
        values["CharPosture"] = uno.Enum("com.sun.star.awt.FontSlant", slant)
    if underline is not None:
        values["CharUnderline"] = 1 if underline else 0  # FontUnderline SINGLE, NONE
    if strikethrough is not None:
        values["CharStrikeout"] = 1 if strikethrough else 0  # FontStrikeout SINGLE, NONE
    if script is not None:
        values["CharEscapement"], values["CharEscapementHeight"] = ESCAPEMENT[script]
    if color is not None:
        values["CharColor"] = int(color[1:], 16)
    if highlight is not None:
        # The back colour is what Writer's highlighting button sets and the document state
        # reads (saved as w:shd); the highlight adds w:highlight, Word's nearest colour.
        back = -1 if highlight == "none" else int(highlight[1:], 16)
        values["CharBackColor"] = values["CharHighlight"] = back
        values["CharBackTransparent"] = back == -1
    if not values:
        raise DocumentError("format_text needs at least one property to set")
    for target in _selected(doc, need_text=True):
        for name, value in values.items():
            target.setPropertyValue(name, value)
    given = {
        "bold": bold,
        "italic": italic,
        "underline": underline,
        "strikethrough": strikethrough,
        "script": script,
        "color": color,
        "highlight": highlight,
    }
    return f"set {_listed(given)} on the selection"


def format_paragraph(
    doc: Any,
    alignment: str | None,
    line_spacing: float | None,
    space_before_mm: float | None,
    space_after_mm: float | None,
    left_indent_mm: float | None,
    first_line_indent_mm: float | None,
    style: str | None,
) -> str:
    values: dict[str, Any] = {}
    if style is not None:  # first: a style set after direct formatting would not undo it
        values["ParaStyleName"] = _paragraph_style(doc, style)
    if alignment is not None:
        values["ParaAdjust"] = uno.Enum("com.sun.star.style.ParagraphAdjust", ADJUST[alignment])
    if line_spacing is not None:
        spacing = uno.createUnoStruct("com.sun.star.style.LineSpacing")
        spacing.Mode, spacing.Height = 0, round(line_spacing * 100)  # PROP: a percentage
        values["ParaLineSpacing"] = spacing
    lengths = {
        "ParaTopMargin": space_before_mm,
        "ParaBottomMargin": space_after_mm,
        "ParaLeftMargin": left_indent_mm,
        "ParaFirstLineIndent": first_line_indent_mm,
    }
    values |= {name: round(mm * 100) for name, mm in lengths.items() if mm is not None}
    if not values:
        raise DocumentError("format_paragraph needs at least one property to set")
    # Paragraph properties set on a range apply to every paragraph it touches; on the
    # collapsed cursor, to the cursor's paragraph.
    for target in _selected(doc, need_text=False):
        for name, value in values.items():
            target.setPropertyValue(name, value)
    given = {
        "alignment": alignment,
        "line_spacing": line_spacing,
        "space_before_mm": space_before_mm,
        "space_after_mm": space_after_mm,
        "left_indent_mm": left_indent_mm,
        "first_line_indent_mm": first_line_indent_mm,
        "style": style,
    }
    return f"set {_listed(given)} on the selected paragraphs"


def _paragraph_style(doc: Any, name: str) -> str:
    """The internal name of a paragraph style given by its display or internal name."""
    family = doc.getStyleFamilies().getByName("ParagraphStyles")
    if family.hasByName(name):
        return name
    names = {}
    for internal in family.getElementNames():
        names[family.getByName(internal).DisplayName] = internal
    by_fold = {key.casefold(): internal for key, internal in names.items()}
    if name.casefold() in by_fold:
        return by_fold[name.casefold()]
    close = difflib.get_close_matches(name, list(names), n=3, cutoff=0.4)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise DocumentError(f"no paragraph style {name!r}{hint}")


def select_cells(doc: Any, table: int, first: str, last: str | None) -> str:
    found = tables(doc)
    if table > len(found):
        raise DocumentError(f"the document has {len(found)} table(s)")
    grid = found[table - 1]
    cells = grid.getCellNames()
    # Columns after Z are named a..z, so a lower-case name may be right as it is.
    names = [_cell_name(n, cells, table) for n in (first, last) if n is not None]
    controller = doc.getCurrentController()
    if len(names) == 1 or names[0] == names[1]:
        # One cell: its text, which character and paragraph actions then act on.
        cursor = grid.getCellByName(names[0]).createTextCursor()
        cursor.gotoEnd(True)
        controller.select(cursor)
        return f"selected cell {names[0]} of table {table}"
    cursor = grid.createCursorByCellName(names[0])
    cursor.gotoCellByName(names[1], True)
    controller.select(cursor)
    return f"selected cells {cursor.getRangeName()} of table {table}"


def _cell_name(name: str, cells: tuple, table: int) -> str:
    for candidate in (name, name.upper()):
        if candidate in cells:
            return candidate
    raise DocumentError(f"no cell {name!r}: table {table} has cells {cells[0]}..{cells[-1]}")


def insert_field(doc: Any, field: str, place: str) -> str:
    content = doc.createInstance(f"com.sun.star.text.TextField.{FIELDS[field]}")
    if field in ("page_number", "page_count"):
        content.NumberingType = ARABIC
    if field == "page_number":
        content.SubType = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")
    if field in ("date", "time"):
        content.IsDate, content.IsFixed = field == "date", False
    if place == "cursor":
        view = doc.getCurrentController().getViewCursor()
        view.getText().insertTextContent(view.getEnd(), content, False)
        return f"inserted a {field} field at the cursor"
    style = _page_style(doc)
    kind = place.title()  # Header, Footer
    style.setPropertyValue(f"{kind}IsOn", True)
    text = style.getPropertyValue(f"{kind}Text")
    if text.getString():
        text.insertString(text.getEnd(), " ", False)
    text.insertTextContent(text.getEnd(), content, False)
    return f"inserted a {field} field at the end of the {place} ({style.DisplayName})"


def _page_style(doc: Any) -> Any:
    """The page style in use at the view cursor."""
    view = doc.getCurrentController().getViewCursor()
    styles = doc.getStyleFamilies().getByName("PageStyles")
    return styles.getByName(view.PageStyleName or "Standard")


def insert_image(doc: Any, path: str) -> str:
    file = Path(path).expanduser()
    if not file.is_file():
        raise DocumentError(f"no file {path}")
    image = doc.createInstance("com.sun.star.text.TextGraphicObject")
    image.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AS_CHARACTER")
    # A file URL loads the picture into the document: .docx and .odt embed it.
    image.GraphicURL = file.resolve().as_uri()
    view = doc.getCurrentController().getViewCursor()
    view.getText().insertTextContent(view.getEnd(), image, False)
    graphic = image.Graphic
    if graphic is None or graphic.SizePixel.Width == 0:
        view.getText().removeTextContent(image)  # an empty frame: soffice could not read it
        raise DocumentError(f"{path} is not an image soffice can read")
    image.Size = _image_size(graphic, _text_width(doc))
    mm = f"{image.Size.Width / 100:.0f} x {image.Size.Height / 100:.0f} mm"
    return f"inserted {file.name} at the cursor ({mm})"


def _image_size(graphic: Any, max_width: int) -> Any:
    """The picture's own size in 1/100 mm, shrunk to fit the text width."""
    size = graphic.Size100thMM
    if size.Width <= 0 or size.Height <= 0:
        pixels = graphic.SizePixel
        size = uno.createUnoStruct("com.sun.star.awt.Size")
        size.Width = round(pixels.Width * 2540 / SCREEN_DPI)
        size.Height = round(pixels.Height * 2540 / SCREEN_DPI)
    if size.Width > max_width:
        size.Height = round(size.Height * max_width / size.Width)
        size.Width = max_width
    return size


def _text_width(doc: Any) -> int:
    style = _page_style(doc)
    return style.Width - style.LeftMargin - style.RightMargin


def insert_hyperlink(doc: Any, url: str, text: str | None) -> str:
    if text is None:
        targets = _selected(doc, need_text=True)
        for target in targets:
            target.HyperLinkURL = url
        shown = "".join(t.getString() for t in targets)
        return f"linked {shown[:60]!r} to {url}"
    view = doc.getCurrentController().getViewCursor()
    cursor = view.getText().createTextCursorByRange(view.getEnd())
    cursor.getText().insertString(cursor, text, True)  # the cursor now spans the new text
    cursor.HyperLinkURL = url
    return f"inserted {text!r} linked to {url}"


def insert_comment(doc: Any, text: str) -> str:
    if not text.strip():
        raise DocumentError("the comment is empty")
    comment = doc.createInstance("com.sun.star.text.textfield.Annotation")
    comment.Author, comment.Content = COMMENT_AUTHOR, text
    comment.DateTimeValue = _now()
    selection = doc.getCurrentController().getSelection()
    span = None
    if selection.supportsService("com.sun.star.text.TextRanges") and selection.getCount() > 0:
        span = selection.getByIndex(0)
    if span is None or not span.getString():
        view = doc.getCurrentController().getViewCursor()
        view.getText().insertTextContent(view.getEnd(), comment, False)
        return "added a comment at the cursor"
    # Writer anchors the comment at the range's end and finds it there only when the cursor
    # was walked from start to end (a selection's own range refuses: "no SwTextAttr
    # inserted?"); absorbing the range makes the comment span it, without deleting it.
    owner = span.getText()
    walked = owner.createTextCursorByRange(span.getStart())
    walked.gotoRange(span.getEnd(), True)
    owner.insertTextContent(walked, comment, True)
    return f"added a comment on {span.getString()[:60]!r}"


def _now() -> Any:
    now = datetime.datetime.now()
    stamp = uno.createUnoStruct("com.sun.star.util.DateTime")
    stamp.Year, stamp.Month, stamp.Day = now.year, now.month, now.day
    stamp.Hours, stamp.Minutes, stamp.Seconds = now.hour, now.minute, now.second
    return stamp


def insert_break(doc: Any, kind: str) -> str:
    view = doc.getCurrentController().getViewCursor()
    cursor = view.getText().createTextCursorByRange(view.getStart())
    if kind == "line":
        control = uno.getConstantByName("com.sun.star.text.ControlCharacter.LINE_BREAK")
        cursor.getText().insertControlCharacter(cursor, control, False)
        return "inserted a line break"
    if has_property(cursor, "Cell") and cursor.Cell is not None:
        raise DocumentError(f"a {kind} break cannot go inside a table")
    # As Writer's Insert > Page Break does: split the paragraph here (also at its start)
    # and start the second part on a new page. The .docx export writes the break at the end
    # of the first part, which facts.read counts for the next paragraph with text.
    control = uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK")
    cursor.getText().insertControlCharacter(cursor, control, False)
    cursor.BreakType = uno.Enum("com.sun.star.style.BreakType", BREAKS[kind])
    view.gotoRange(cursor, False)
    return f"inserted a {kind} break"


def _selected(doc: Any, need_text: bool) -> list[Any]:
    """What character and paragraph properties go on: the selected ranges, or a range of
    table cells; with need_text, an empty selection is an error."""
    selection = doc.getCurrentController().getSelection()
    if selection is not None and selection.supportsService("com.sun.star.text.TextTableCursor"):
        return [selection]
    if selection is None or not selection.supportsService("com.sun.star.text.TextRanges"):
        raise DocumentError("the selection is not text")
    ranges = [selection.getByIndex(i) for i in range(selection.getCount())]
    if need_text and not any(r.getString() for r in ranges):
        raise DocumentError("nothing is selected; select the text first")
    return ranges


def _listed(given: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value!r}" for name, value in given.items() if value is not None)
