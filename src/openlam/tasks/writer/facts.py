"""What a .docx file says, read with python-docx, independent of the application.

Task parameters are sampled from a template's facts and checkers compare the facts of the
saved end state with the template's, so a checker never trusts the agent or the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

ALIGNMENTS = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}


@dataclass
class RunFacts:
    text: str
    bold: bool
    italic: bool
    underline: bool
    strike: bool
    font: str | None
    size: float | None
    color: str | None
    highlight: bool


@dataclass
class ParagraphFacts:
    text: str
    style: str
    alignment: str
    runs: list[RunFacts]
    list_kind: str | None
    line_spacing: float
    left_indent_mm: float
    page_break: bool

    def chars_with(self, attribute: str) -> str:
        """The text of this paragraph's runs that carry a character attribute."""
        return "".join(r.text for r in self.runs if getattr(r, attribute))


@dataclass
class TableFacts:
    rows: int
    columns: int
    cells: list[list[str]]


@dataclass
class DocFacts:
    paragraphs: list[ParagraphFacts]
    tables: list[TableFacts]
    landscape: bool
    margins_mm: dict[str, float]
    header: str | None
    footer: str | None
    all_text: str = field(repr=False, default="")
    blocks: list[str] = field(repr=False, default_factory=list)
    # The python-docx document itself, for checkers that read what the fields above do not
    # (fields, comments, images, links...) with query functions of their own.
    document: Any = field(repr=False, default=None, compare=False)

    def texts(self) -> list[str]:
        """Non-empty paragraph texts: soffice may add an empty paragraph after a table."""
        return [p.text for p in self.paragraphs if p.text.strip()]

    def count(self, text: str) -> int:
        """Occurrences of a text anywhere in the body, tables included (as search sees)."""
        return self.all_text.count(text)


def read(path: Path) -> DocFacts:
    """Read the facts of a .docx; a file python-docx cannot open raises ValueError."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for a broken package
        raise ValueError(f"{path} is not a readable .docx: {exc}") from exc
    numbering = _numbering_formats(document)
    defaults = _default_line_spacing(document)
    paragraphs = _carry_breaks([_paragraph(p, numbering, defaults) for p in document.paragraphs])
    tables = [_table(t) for t in document.tables]
    section = document.sections[0]
    cell_text = "\n".join(c for t in tables for row in t.cells for c in row)
    return DocFacts(
        paragraphs=paragraphs,
        tables=tables,
        landscape=section.orientation == WD_ORIENT.LANDSCAPE
        or (section.page_width or 0) > (section.page_height or 0),
        margins_mm={
            side: round(getattr(section, f"{side}_margin").mm, 1)
            for side in ("left", "right", "top", "bottom")
        },
        header=_header_text(section.header),
        footer=_header_text(section.footer),
        all_text="\n".join(p.text for p in paragraphs) + "\n" + cell_text,
        blocks=_blocks(document),
        document=document,
    )


def _carry_breaks(paragraphs: list[ParagraphFacts]) -> list[ParagraphFacts]:
    """A page break alone in an empty paragraph (how soffice saves one typed before a
    paragraph) counts as a break before the next paragraph with text."""
    pending = False
    for paragraph in paragraphs:
        if not paragraph.text.strip():
            pending = pending or paragraph.page_break
            paragraph.page_break = False
        else:
            paragraph.page_break = paragraph.page_break or pending
            pending = False
    return paragraphs


def _blocks(document) -> list[str]:
    """The body in order: each non-empty paragraph's text, and "<table N>" for tables."""
    out, tables = [], 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables += 1
            out.append(f"<table {tables}>")
        elif child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                out.append(text)
    return out


def _paragraph(paragraph, numbering: dict[str, str], defaults: float) -> ParagraphFacts:
    fmt = paragraph.paragraph_format
    spacing = _line_spacing(paragraph, defaults)
    return ParagraphFacts(
        text=paragraph.text,
        style=paragraph.style.name if paragraph.style is not None else "",
        alignment=ALIGNMENTS.get(paragraph.alignment, "left"),
        runs=[_run(r) for r in paragraph.runs if r.text],
        list_kind=_list_kind(paragraph, numbering),
        line_spacing=spacing,
        left_indent_mm=round(fmt.left_indent.mm, 1) if fmt.left_indent else 0.0,
        page_break=bool(fmt.page_break_before) or _has_page_break(paragraph),
    )


def _run(run) -> RunFacts:
    font = run.font
    color = font.color.rgb if font.color is not None and font.color.type is not None else None
    rpr = run._r.rPr
    shading = rpr.find(qn("w:shd")) if rpr is not None else None
    shaded = shading is not None and shading.get(qn("w:fill")) not in (None, "auto", "FFFFFF")
    return RunFacts(
        text=run.text,
        bold=bool(run.bold),
        italic=bool(run.italic),
        underline=bool(run.underline),
        strike=bool(font.strike),
        font=font.name,
        size=font.size.pt if font.size is not None else None,
        color=str(color) if color is not None else None,
        highlight=font.highlight_color is not None or shaded,
    )


def _table(table) -> TableFacts:
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    return TableFacts(rows=len(table.rows), columns=len(table.columns), cells=cells)


def _line_spacing(paragraph, default: float) -> float:
    """The effective line spacing as a multiple: direct, else from the styles, else default.

    Files differ in where they keep it (python-docx in the style, soffice on every
    paragraph), so only the effective value can be compared between them.
    """
    spacing = paragraph.paragraph_format.line_spacing
    style = paragraph.style
    while not isinstance(spacing, float) and style is not None:
        spacing = style.paragraph_format.line_spacing
        style = style.base_style
    return round(spacing, 2) if isinstance(spacing, float) else default


def _default_line_spacing(document) -> float:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    node = None if defaults is None else defaults.find(f".//{qn('w:spacing')}")
    line = None if node is None else node.get(qn("w:line"))
    rule = None if node is None else node.get(qn("w:lineRule"))
    if line is None or rule not in (None, "auto"):
        return 1.0
    return round(int(line) / 240, 2)


def _has_page_break(paragraph) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br")))


def _numbering_formats(document) -> dict[str, str]:
    """numId -> the number format of its first level ("bullet", "decimal", ...)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {}
    for node in root.findall(qn("w:abstractNum")):
        level = node.find(qn("w:lvl"))
        fmt = level.find(qn("w:numFmt")) if level is not None else None
        abstract[node.get(qn("w:abstractNumId"))] = fmt.get(qn("w:val")) if fmt is not None else ""
    out = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            out[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), "")
    return out


def _list_kind(paragraph, numbering: dict[str, str]) -> str | None:
    num_pr = _num_pr(paragraph._p.pPr)
    style = paragraph.style
    while num_pr is None and style is not None:
        # "List Bullet" and friends number their paragraphs through the style.
        num_pr = _num_pr(style.element.pPr)
        style = style.base_style
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    if num_id is None or num_id.get(qn("w:val")) == "0":
        return None
    fmt = numbering.get(num_id.get(qn("w:val")), "")
    if fmt in ("", "none"):
        return None
    return "bullet" if fmt == "bullet" else "number"


def _num_pr(ppr):
    return ppr.find(qn("w:numPr")) if ppr is not None else None


def _header_text(part) -> str | None:
    if part.is_linked_to_previous:
        return None
    return "\n".join(p.text for p in part.paragraphs).strip()
