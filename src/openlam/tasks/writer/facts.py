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
    script: str | None = None  # "superscript" or "subscript" (w:vertAlign)
    small_caps: bool = False
    caps: bool = False  # the Capitals effect: shown in capitals, the text unchanged
    hidden: bool = False  # w:vanish
    char_style: str | None = None  # the character style's name, as the file names it
    highlight_color: str | None = None  # "RRGGBB" of the highlighter or the shading


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
    # Effective values (direct, else from the style chain, else the document defaults):
    # soffice and python-docx keep them in different places.
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    first_line_indent_mm: float = 0.0  # negative for a hanging indent
    shading: str | None = None  # the background fill, "RRGGBB"
    borders: tuple[str, ...] = ()  # the sides with a border line: top, left, bottom, right
    tab_stops_mm: tuple[float, ...] = ()
    keep_with_next: bool = False
    hyphenate: bool = False

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
        margins_mm=_margins_mm(section),
        header=_header_text(section.header),
        footer=_header_text(section.footer),
        all_text="\n".join(p.text for p in paragraphs) + "\n" + cell_text,
        blocks=_blocks(document),
        document=document,
    )


def _margins_mm(section: Any) -> dict[str, float]:
    """The page margins as Writer's page style has them. With a header on, .docx counts the
    header's height into the top margin and keeps Writer's margin as the header distance
    (and the same for the footer at the bottom)."""
    top = section.header_distance if not section.header.is_linked_to_previous else None
    bottom = section.footer_distance if not section.footer.is_linked_to_previous else None
    lengths = {
        "left": section.left_margin,
        "right": section.right_margin,
        "top": top or section.top_margin,
        "bottom": bottom or section.bottom_margin,
    }
    return {side: round(length.mm, 1) for side, length in lengths.items()}


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
        **_paragraph_layout(paragraph),
    )


def _paragraph_layout(paragraph) -> dict[str, Any]:
    """The spacing, indent, shading, borders, tabs and text flow a paragraph ends up with."""
    chain = _properties(paragraph)
    spacing = lambda name: _twips(_inherited(chain, "w:spacing", name))  # noqa: E731
    fill = _inherited(chain, "w:shd", "w:fill")
    keep = _inherited(chain, "w:keepNext", "w:val", present="true")
    suppress = _inherited(chain, "w:suppressAutoHyphens", "w:val", present="true")
    return {
        "space_before_pt": round(spacing("w:before") / 20, 1),
        "space_after_pt": round(spacing("w:after") / 20, 1),
        "first_line_indent_mm": round(_first_line(chain) * 25.4 / 1440, 1) + 0.0,
        "shading": fill.upper() if fill and fill.lower() not in ("auto", "ffffff") else None,
        "borders": _borders(chain),
        "tab_stops_mm": _tab_stops(chain),
        "keep_with_next": _on(keep),
        # Hyphenation needs the document's switch and the paragraph's own consent.
        "hyphenate": _auto_hyphenation(paragraph.part) and not _on(suppress),
    }


def _properties(paragraph) -> list:
    """The pPr elements that apply to a paragraph, nearest first: its own, its style's and
    their bases', then the document defaults'."""
    out = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        out.append(style.element.pPr)
        style = style.base_style
    defaults = paragraph.part.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        out.append(defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}"))
    return [p for p in out if p is not None]


def _inherited(chain: list, tag: str, attribute: str, present: str | None = None) -> str | None:
    """The nearest value of `tag`'s attribute; `present` stands for an element without it."""
    for ppr in chain:
        node = ppr.find(qn(tag))
        if node is not None:
            value = node.get(qn(attribute))
            if value is not None or present is not None:
                return value if value is not None else present
    return None


def _first_line(chain: list) -> float:
    """The first-line indent in twips, negative when hanging: firstLine and hanging exclude
    each other, so the nearest w:ind that has either decides."""
    for ppr in chain:
        node = ppr.find(qn("w:ind"))
        if node is not None and node.get(qn("w:hanging")) is not None:
            return -_twips(node.get(qn("w:hanging")))
        if node is not None and node.get(qn("w:firstLine")) is not None:
            return _twips(node.get(qn("w:firstLine")))
    return 0.0


def _twips(value: str | None) -> float:
    return float(value) if value not in (None, "") else 0.0


def _on(value: str | None) -> bool:
    return value is not None and value.lower() not in ("0", "false", "off")


def _borders(chain: list) -> tuple[str, ...]:
    """Sides with a visible line, from the nearest pPr that has a pBdr."""
    for ppr in chain:
        node = ppr.find(qn("w:pBdr"))
        if node is not None:
            sides = ("top", "left", "bottom", "right")
            found = {side: node.find(qn(f"w:{side}")) for side in sides}
            return tuple(
                side
                for side, line in found.items()
                if line is not None and line.get(qn("w:val")) not in (None, "none", "nil")
            )
    return ()


def _tab_stops(chain: list) -> tuple[float, ...]:
    """Tab stop positions in mm, the style's with the paragraph's own set or cleared."""
    stops: dict[str, bool] = {}
    for ppr in reversed(chain):
        tabs = ppr.find(qn("w:tabs"))
        for tab in [] if tabs is None else tabs.findall(qn("w:tab")):
            stops[tab.get(qn("w:pos"))] = tab.get(qn("w:val")) != "clear"
    return tuple(sorted(round(int(pos) * 25.4 / 1440, 1) for pos, kept in stops.items() if kept))


def _auto_hyphenation(part) -> bool:
    node = part.settings.element.find(qn("w:autoHyphenation"))
    return node is not None and _on(node.get(qn("w:val"), "true"))


def _run(run) -> RunFacts:
    font = run.font
    color = font.color.rgb if font.color is not None and font.color.type is not None else None
    rpr = run._r.rPr
    flag = lambda tag: _run_flag(rpr, tag)  # noqa: E731
    vert = rpr.find(qn("w:vertAlign")) if rpr is not None else None
    script = vert.get(qn("w:val")) if vert is not None else None
    styled = rpr is not None and rpr.find(qn("w:rStyle")) is not None
    return RunFacts(
        text=run.text,
        bold=bool(run.bold),
        italic=bool(run.italic),
        underline=bool(run.underline),
        strike=bool(font.strike),
        font=font.name,
        size=font.size.pt if font.size is not None else None,
        color=str(color) if color is not None else None,
        highlight=_highlight_color(rpr) is not None,
        script=script if script in ("superscript", "subscript") else None,
        small_caps=flag("w:smallCaps"),
        caps=flag("w:caps"),
        hidden=flag("w:vanish"),
        char_style=run.style.name if styled and run.style is not None else None,
        highlight_color=_highlight_color(rpr),
    )


# The highlighter colours of w:highlight, as "RRGGBB".
HIGHLIGHTS = {
    "yellow": "FFFF00",
    "green": "00FF00",
    "cyan": "00FFFF",
    "magenta": "FF00FF",
    "blue": "0000FF",
    "red": "FF0000",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
    "black": "000000",
    "white": "FFFFFF",
}


def _highlight_color(rpr) -> str | None:
    """The highlighter's colour, else a character shading's fill (how soffice saves a
    character background), as "RRGGBB"; None for neither."""
    if rpr is None:
        return None
    mark = rpr.find(qn("w:highlight"))
    if mark is not None and mark.get(qn("w:val")) in HIGHLIGHTS:
        return HIGHLIGHTS[mark.get(qn("w:val"))]
    shading = rpr.find(qn("w:shd"))
    fill = shading.get(qn("w:fill")) if shading is not None else None
    if fill is None or fill.lower() in ("auto", "ffffff"):
        return None
    return fill.upper()


def _run_flag(rpr, tag: str) -> bool:
    """A run's on/off property (w:smallCaps, w:vanish...): on when present, unless its
    w:val says off."""
    node = rpr.find(qn(tag)) if rpr is not None else None
    return node is not None and node.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


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
