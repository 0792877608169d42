"""The pieces templates are made of: a template is a name, a description and a list of
blocks, each of which adds a few paragraphs, a table or page furniture to a python-docx
document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

Block = Callable[[Document], None]


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    build: Block
    # The environment opens an .odt converted from the .docx by soffice; the .docx stays
    # the template's source (its facts are what tasks are sampled from and checked against).
    odt: bool = False


def template(name: str, description: str, *blocks: Block, odt: bool = False) -> Template:
    def build(doc: Document) -> None:
        for block in blocks:
            block(doc)

    return Template(name, description, build, odt)


def _styled(style: str) -> Callable[..., Block]:
    """A block maker that adds one paragraph in `style` for each text it is given."""

    def make(*texts: str) -> Block:
        def add(doc: Document) -> None:
            for text in texts:
                doc.add_paragraph(text, style=style)

        return add

    return make


title = _styled("Title")
h1 = _styled("Heading 1")
h2 = _styled("Heading 2")
p = _styled("Normal")
bullets = _styled("List Bullet")
numbers = _styled("List Number")


def table(header: tuple[str, ...], *rows: tuple[str, ...], bold_header: bool = False) -> Block:
    """A grid table with a header row followed by the given rows."""

    def add(doc: Document) -> None:
        grid = doc.add_table(rows=1 + len(rows), cols=len(header))
        grid.style = "Table Grid"
        for row, texts in zip(grid.rows, (header, *rows), strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
        if bold_header:
            for cell in grid.rows[0].cells:
                cell.paragraphs[0].runs[0].bold = True

    return add


# Direct formatting inside a paragraph: a rich paragraph is a list of plain strings and spans.


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    highlight: bool = False
    color: str | None = None  # "RRGGBB"
    size: float | None = None  # points
    font: str | None = None


def bold(text: str) -> Span:
    return Span(text, bold=True)


def italic(text: str) -> Span:
    return Span(text, italic=True)


def underline(text: str) -> Span:
    return Span(text, underline=True)


def marked(text: str) -> Span:
    """Yellow highlighter, as a reviewer leaves on what is still to be confirmed."""
    return Span(text, highlight=True)


def ink(text: str, color: str) -> Span:
    return Span(text, color=color)


def rich(*parts: str | Span, style: str = "Normal") -> Block:
    """One paragraph made of plain text and formatted spans."""

    def add(doc: Document) -> None:
        paragraph = doc.add_paragraph(style=style)
        for part in parts:
            span = Span(part) if isinstance(part, str) else part
            run = paragraph.add_run(span.text)
            run.bold = span.bold or None
            run.italic = span.italic or None
            run.underline = span.underline or None
            if span.highlight:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if span.color:
                run.font.color.rgb = RGBColor.from_string(span.color)
            if span.size:
                run.font.size = Pt(span.size)
            if span.font:
                run.font.name = span.font

    return add


def header(text: str) -> Block:
    def add(doc: Document) -> None:
        doc.sections[0].header.paragraphs[0].text = text

    return add


def footer(text: str) -> Block:
    def add(doc: Document) -> None:
        doc.sections[0].footer.paragraphs[0].text = text

    return add


def heading_font(name: str) -> Block:
    """Set the title and headings in another typeface than the body (a style, not runs)."""

    def add(doc: Document) -> None:
        for style in ("Title", "Heading 1", "Heading 2"):
            font = doc.styles[style].font
            font.name = name
            fonts = doc.styles[style].element.rPr.rFonts
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over the name

    return add


def quote(text: str, font: str) -> Block:
    """A quotation in its own paragraph style, set in another typeface than the body."""
    return rich(Span(text, font=font), style="Quote")
