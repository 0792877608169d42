"""What a .docx says about its pages: columns, line numbering, background, borders, paper.

Query functions over `DocFacts.document` (the python-docx document), read from the section
properties (w:sectPr) of every section and the document's w:background.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from openlam.tasks.writer.facts import DocFacts

TWIPS_PER_MM = 1440 / 25.4


def _sections(facts: DocFacts) -> list:
    return [section._sectPr for section in facts.document.sections]


def columns(facts: DocFacts) -> list[int]:
    """The number of text columns of each section (1 where none is set)."""
    out = []
    for sect_pr in _sections(facts):
        cols = sect_pr.find(qn("w:cols"))
        num = None if cols is None else cols.get(qn("w:num"))
        out.append(int(num) if num else 1)
    return out


def line_numbering(facts: DocFacts) -> list[int | None]:
    """Per section, the line-numbering interval (every Nth line), or None when off."""
    out = []
    for sect_pr in _sections(facts):
        node = sect_pr.find(qn("w:lnNumType"))
        count_by = None if node is None else node.get(qn("w:countBy"))
        out.append(None if node is None else int(count_by or 1))
    return out


def page_background(facts: DocFacts) -> str | None:
    """The page colour as "RRGGBB", or None for plain (white) pages."""
    node = facts.document.element.find(qn("w:background"))
    color = None if node is None else node.get(qn("w:color"))
    if not color or color.lower() in ("auto", "ffffff"):
        return None
    return color.upper()


def page_borders(facts: DocFacts) -> list[tuple[str, ...]]:
    """Per section, the page sides with a border line (top, left, bottom, right)."""
    out = []
    for sect_pr in _sections(facts):
        node = sect_pr.find(qn("w:pgBorders"))
        sides = ("top", "left", "bottom", "right")
        lines = {} if node is None else {side: node.find(qn(f"w:{side}")) for side in sides}
        out.append(
            tuple(
                side
                for side, line in lines.items()
                if line is not None and line.get(qn("w:val")) not in (None, "none", "nil")
            )
        )
    return out


def paper_mm(facts: DocFacts) -> list[tuple[float, float]]:
    """Per section, the page (width, height) in mm."""
    out = []
    for sect_pr in _sections(facts):
        size = sect_pr.find(qn("w:pgSz"))
        width = int(size.get(qn("w:w"))) if size is not None else 12240
        height = int(size.get(qn("w:h"))) if size is not None else 15840
        out.append((round(width / TWIPS_PER_MM, 1), round(height / TWIPS_PER_MM, 1)))
    return out
