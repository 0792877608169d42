"""The Writer action vocabulary, after the paper's Word action space.

These functions are declarations: their signatures and docstrings define what the model is
shown and what the parser accepts. The driver process carries them out (`driver.py`).
UI actions name a control by its label in the observation; application-API actions go
through UNO and name document content instead.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field

from openlam.actions import DOCUMENT_TEXT, PARAGRAPH_INDEX, TABLE_NUMBER, ActionSpace

Text = Annotated[str, Field(max_length=10_000)]
Count = Annotated[int, Field(ge=1, le=200)]
DocumentText = Annotated[str, Field(min_length=1, max_length=10_000), DOCUMENT_TEXT]
ParagraphIndex = Annotated[int, Field(ge=0), PARAGRAPH_INDEX]
TableNumber = Annotated[int, Field(ge=1, le=200), TABLE_NUMBER]
FilePath = Annotated[str, Field(min_length=1, max_length=1000)]
Color = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
Highlight = Annotated[str, Field(pattern=r"^(#[0-9A-Fa-f]{6}|none)$")]
Millimetres = Annotated[float, Field(ge=0, le=200)]
CellName = Annotated[str, Field(min_length=2, max_length=12)]


def click_input(label: str, button: Literal["left", "right"] = "left", double: bool = False):
    """Click a control (button, menu, menu item, tab, check box, list item).

    Examples:
        click_input(label="12")
        click_input(label="40", double=True)
    """


def set_edit_text(label: str, text: Text):
    """Replace the text of an edit box, combo box or spin button and commit it.

    Examples:
        set_edit_text(label="7", text="14")
        set_edit_text(label="5", text="Liberation Sans")
    """


def keyboard_input(label: str, keys: Text):
    """Focus a control and type keys; {ctrl+b}, {Return}, {Tab} name special keys.

    Examples:
        keyboard_input(label="1", keys="{ctrl+F12}")
        keyboard_input(label="1", keys="Dear Ms Smith,{Return}")
    """


def wheel_mouse_input(label: str, wheel_dist: Annotated[int, Field(ge=-50, le=50)]):
    """Scroll the mouse wheel over a control; negative scrolls down.

    Examples:
        wheel_mouse_input(label="1", wheel_dist=-5)
    """


def select_text(text: DocumentText, occurrence: Count = 1):
    """Select the given occurrence of a text in the document.

    Examples:
        select_text(text="quarterly report")
        select_text(text="the", occurrence=2)
    """


def select_paragraph(start: ParagraphIndex, end: ParagraphIndex):
    """Select whole paragraphs from start to end (indices as in the document state).

    Examples:
        select_paragraph(start=0, end=0)
        select_paragraph(start=2, end=4)
    """


def select_table(number: TableNumber):
    """Select the whole table with this number (1 is the first table).

    Examples:
        select_table(number=1)
    """


def insert_table(rows: Count, columns: Annotated[int, Field(ge=1, le=64)]):
    """Insert a table with the given size at the cursor.

    Examples:
        insert_table(rows=3, columns=4)
    """


def set_font(
    font_name: Annotated[str, Field(max_length=200)] | None = None,
    font_size: Annotated[float, Field(gt=0, le=999)] | None = None,
):
    """Set the font name and/or size of the selection.

    Examples:
        set_font(font_name="Liberation Sans")
        set_font(font_size=14)
    """


def replace_all(
    search: DocumentText,
    replace: Text,
    match_case: bool = False,
    whole_words: bool = False,
    regex: bool = False,
):
    """Replace a text everywhere in the document, tables included.

    Examples:
        replace_all(search="colour", replace="color", whole_words=True)
        replace_all(search="Q3", replace="third quarter", match_case=True)
    """


def format_text(
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    strikethrough: bool | None = None,
    script: Literal["normal", "superscript", "subscript"] | None = None,
    color: Color | None = None,
    highlight: Highlight | None = None,
):
    """Format the selected characters; colors are "#RRGGBB", highlight may be "none".

    Examples:
        format_text(bold=True, italic=True)
        format_text(script="superscript", color="#C00000")
    """


def format_paragraph(
    alignment: Literal["left", "center", "right", "justify"] | None = None,
    line_spacing: Annotated[float, Field(ge=0.5, le=4)] | None = None,
    space_before_mm: Millimetres | None = None,
    space_after_mm: Millimetres | None = None,
    left_indent_mm: Millimetres | None = None,
    first_line_indent_mm: Annotated[float, Field(ge=-100, le=100)] | None = None,
    style: Annotated[str, Field(min_length=1, max_length=200)] | None = None,
):
    """Format the selected paragraphs (or the cursor's); line_spacing is a multiple.

    Examples:
        format_paragraph(alignment="center", space_after_mm=4)
        format_paragraph(style="Heading 2")
    """


def select_cells(table: TableNumber, first: CellName, last: CellName | None = None):
    """Select a cell or a range of cells of a table.

    Examples:
        select_cells(table=1, first="B2")
        select_cells(table=2, first="A1", last="D1")
    """


def insert_field(
    field: Literal["page_number", "page_count", "date", "time", "title", "author"],
    place: Literal["cursor", "header", "footer"] = "cursor",
):
    """Insert a page_number, page_count, date, time, title or author field at the cursor or
    in the header or footer.

    Examples:
        insert_field(field="page_number", place="footer")
        insert_field(field="date")
    """


def insert_image(path: FilePath):
    """Insert an image file at the cursor.

    Examples:
        insert_image(path="/tmp/logo.png")
    """


def insert_hyperlink(
    url: Annotated[str, Field(min_length=1, max_length=2000)],
    text: Annotated[str, Field(min_length=1, max_length=1000)] | None = None,
):
    """Link the selection, or insert text as a link at the cursor.

    Examples:
        insert_hyperlink(url="https://example.com")
        insert_hyperlink(url="mailto:info@example.com", text="write to us")
    """


def insert_comment(text: Text):
    """Comment on the selection (or at the cursor).

    Examples:
        insert_comment(text="Please check this figure.")
    """


def insert_break(kind: Literal["page", "column", "line"]):
    """Insert a page, column or line break at the cursor (before the selection).

    Examples:
        insert_break(kind="page")
    """


def save_as(
    path: FilePath,
    ext: Literal["docx", "odt", "pdf"] = "docx",
):
    """Save the document to a file of the given type.

    Examples:
        save_as(path="/tmp/out.docx")
    """


def summary(text: Text):
    """Answer the user's question about the document in words.

    Examples:
        summary(text="The document has 2 tables.")
    """


UI_ACTIONS = (click_input, set_edit_text, keyboard_input, wheel_mouse_input)
API_ACTIONS = (
    select_text,
    select_paragraph,
    select_table,
    insert_table,
    set_font,
    save_as,
    replace_all,
    format_text,
    format_paragraph,
    select_cells,
    insert_field,
    insert_image,
    insert_hyperlink,
    insert_comment,
    insert_break,
)


@cache
def writer_action_space() -> ActionSpace:
    """The Writer action space (built once per process)."""
    return ActionSpace([*UI_ACTIONS, *API_ACTIONS, summary])
