"""What a .docx says about its tables and lists beyond cell texts: merged and split cells,
cell shading, bold cells, repeated heading rows, list levels and the numbers lists show.

Query functions over `DocFacts.document` (the python-docx document). Cells are read as the
file stores them (one w:tc each, with its w:gridSpan and w:vMerge), not as python-docx's
grid, which repeats a merged cell in every grid position it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from openlam.tasks.writer.facts import DocFacts

LEVELS = 9


@dataclass(frozen=True)
class Cell:
    """One stored cell: its paragraphs' texts, how it spans the grid, fill and boldness."""

    paragraphs: tuple[str, ...]
    span: int  # grid columns covered (w:gridSpan)
    merge: str | None  # w:vMerge: "restart" starts a vertical merge, "continue" goes on
    fill: str | None  # background "RRGGBB", None for none or white
    bold: bool  # every character of its text is bold (False for an empty cell)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def words(self) -> str:
        """The text without empty paragraphs: what a merge of cells keeps."""
        return "\n".join(p for p in self.paragraphs if p.strip())


def cells(facts: DocFacts, table: int) -> list[list[Cell]]:
    """The stored cells of a table (0-based) row by row."""
    element = facts.document.tables[table]._tbl
    return [[_cell(tc) for tc in tr.tc_lst] for tr in element.tr_lst]


def repeats_heading(facts: DocFacts, table: int) -> bool:
    """Whether the table's first row is repeated at the top of every page (w:tblHeader)."""
    rows = facts.document.tables[table]._tbl.tr_lst
    tr_pr = rows[0].trPr if rows else None
    node = None if tr_pr is None else tr_pr.find(qn("w:tblHeader"))
    return node is not None and _on(node.get(qn("w:val")))


def _cell(tc) -> Cell:
    tc_pr = tc.tcPr
    span = _value(tc_pr, "w:gridSpan")
    merge = None
    if tc_pr is not None and tc_pr.find(qn("w:vMerge")) is not None:
        merge = _value(tc_pr, "w:vMerge") or "continue"
    fill = _value(tc_pr, "w:shd", "w:fill")
    texts, bold = [], []
    for p in tc.iter(qn("w:p")):
        texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
        for run in p.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            if text.strip():
                bold.append(_run_bold(run))
    return Cell(
        paragraphs=tuple(texts),
        span=int(span) if span else 1,
        merge=merge,
        fill=fill.upper() if fill and fill.lower() not in ("auto", "ffffff") else None,
        bold=bool(bold) and all(bold),
    )


def _run_bold(run) -> bool:
    r_pr = run.find(qn("w:rPr"))
    node = None if r_pr is None else r_pr.find(qn("w:b"))
    return node is not None and _on(node.get(qn("w:val")))


def _value(parent, tag: str, attribute: str = "w:val") -> str | None:
    node = None if parent is None else parent.find(qn(tag))
    return None if node is None else node.get(qn(attribute))


def _on(value: str | None) -> bool:
    return value not in ("0", "false", "off")


# -- lists -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ListItem:
    """A paragraph's place in a list: numbering instance, level and the number it shows."""

    num_id: str
    level: int
    kind: str  # "bullet" or "number"
    number: int | None  # the counter its label shows at its level; None for bullets


def list_items(facts: DocFacts) -> list[ListItem | None]:
    """Per paragraph (as `facts.paragraphs`), its list item, or None outside lists.

    Numbers follow Word's rules: numbering instances (w:num) that share an abstract
    definition share its counters, a w:startOverride restarts them where its instance is
    first used, and a level's counter starts again after a paragraph of a higher level.
    """
    nums, abstracts = _numbering(facts.document)
    counters: dict[str, list[int | None]] = {}
    used: set[str] = set()
    out: list[ListItem | None] = []
    for paragraph in facts.document.paragraphs:
        num_id, level = _num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in nums:
            out.append(None)
            continue
        abstract, overrides = nums[num_id]
        formats = abstracts.get(abstract, {})
        fmt, start = formats.get(level, ("decimal", 1))
        if fmt in ("", "none"):
            out.append(None)
            continue
        counter = counters.setdefault(abstract, [None] * LEVELS)
        if num_id not in used:
            used.add(num_id)
            for lvl, value in overrides.items():
                counter[lvl] = value - 1
        counter[level] = (start - 1 if counter[level] is None else counter[level]) + 1
        counter[level + 1 :] = [None] * (LEVELS - level - 1)
        kind = "bullet" if fmt == "bullet" else "number"
        out.append(ListItem(num_id, level, kind, counter[level] if kind == "number" else None))
    return out


def _num_pr(paragraph) -> tuple[str | None, int]:
    """The paragraph's numbering instance and level: its own w:numPr, else its style's."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    num_id, level = None, None
    for ppr in sources:
        num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        if num_id is None:
            num_id = _value(num_pr, "w:numId")
        if level is None:
            ilvl = _value(num_pr, "w:ilvl")
            level = int(ilvl) if ilvl is not None else None
        if num_id is not None and level is not None:
            break
    return num_id, min(level or 0, LEVELS - 1)


def _numbering(document) -> tuple[dict, dict]:
    """numId -> (abstractNumId, {level: startOverride}); abstractNumId -> {level: (numFmt,
    start)}."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}, {}
    abstracts = {}
    for node in root.findall(qn("w:abstractNum")):
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            start = _value(lvl, "w:start")
            levels[int(lvl.get(qn("w:ilvl")) or 0)] = (
                _value(lvl, "w:numFmt") or "",
                int(start) if start else 1,
            )
        abstracts[node.get(qn("w:abstractNumId"))] = levels
    nums = {}
    for num in root.findall(qn("w:num")):
        overrides = {}
        for override in num.findall(qn("w:lvlOverride")):
            start = _value(override, "w:startOverride")
            if start is not None:
                overrides[int(override.get(qn("w:ilvl")) or 0)] = int(start)
        nums[num.get(qn("w:numId"))] = (_value(num, "w:abstractNumId"), overrides)
    return nums, abstracts


def body_blocks(facts: DocFacts) -> list[str]:
    """The body in order, like `DocFacts.blocks` ("<table N>" for tables, non-empty
    paragraphs' texts), with tabs kept in the texts."""
    out, tables = [], 0
    for child in facts.document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables += 1
            out.append(f"<table {tables}>")
        elif child.tag == qn("w:p"):
            text = Paragraph(child, facts.document).text
            if text.strip():
                out.append(text)
    return out
