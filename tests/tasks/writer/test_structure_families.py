"""The query functions behind the list, table and replace checkers, on small .docx files."""

import copy

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from openlam.tasks.writer.facts import read
from openlam.tasks.writer.families.lists import list_runs, moved
from openlam.tasks.writer.families.replace import _tidy, _unit_pattern, _whole
from openlam.tasks.writer.table_facts import body_blocks, cells, list_items, repeats_heading


def _save(document, tmp_path, name="doc.docx"):
    path = tmp_path / name
    document.save(path)
    return read(path)


def _restart_at(document, paragraph) -> None:
    """Give a paragraph its own numbering instance that starts its level again at 1, as
    soffice saves Format - Lists - Restart Numbering."""
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.find(qn("w:numPr"))
    old_id = style_num.find(qn("w:numId")).get(qn("w:val"))
    old = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == old_id)
    new = copy.deepcopy(old)
    new.set(qn("w:numId"), "99")
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    new.append(override)
    numbering.append(new)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = 99


def test_list_numbers_continue_restart_and_nest(tmp_path):
    document = docx.Document()
    document.add_paragraph("Steps", style="Heading 1")
    items = [document.add_paragraph(f"Step {k}", style="List Number") for k in range(5)]
    document.add_paragraph("Points", style="Heading 1")
    document.add_paragraph("A point", style="List Bullet")
    _restart_at(document, items[2])
    style_num = document.styles["List Number"].element.pPr.find(qn("w:numPr"))
    nested = items[4]._p.get_or_add_pPr().get_or_add_numPr()
    nested.get_or_add_ilvl().val = 1
    nested.get_or_add_numId().val = int(style_num.find(qn("w:numId")).get(qn("w:val")))
    facts = _save(document, tmp_path)
    shown = [(i.kind, i.level, i.number) for i in list_items(facts) if i is not None]
    assert shown == [
        ("number", 0, 1),
        ("number", 0, 2),
        ("number", 0, 1),  # restarted
        ("number", 0, 2),  # the style's instance goes on from the restart: shared counters
        ("number", 1, 1),
        ("bullet", 0, None),
    ]
    runs = list_runs(facts)
    assert [(r.first, r.count, r.kind) for r in runs] == [(1, 5, "number"), (7, 1, "bullet")]


def test_cells_show_merges_fill_bold_and_heading_repeat(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.rows[0].cells[0].paragraphs[0].runs[0].bold = True
    top, below = table.rows[1]._tr.tc_lst[1], table.rows[2]._tr.tc_lst[1]
    for tc, value in ((top, "restart"), (below, None)):
        merge = OxmlElement("w:vMerge")
        if value:
            merge.set(qn("w:val"), value)
        tc.get_or_add_tcPr().append(merge)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:fill"), "b4c7dc")
    table.rows[2]._tr.tc_lst[0].get_or_add_tcPr().append(shading)
    header = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(header)
    facts = _save(document, tmp_path)
    grid = cells(facts, 0)
    assert grid[0][0].bold and not grid[0][1].bold
    assert (grid[1][1].merge, grid[2][1].merge) == ("restart", "continue")
    assert grid[2][0].fill == "B4C7DC" and grid[1][0].fill is None
    assert repeats_heading(facts, 0)


def test_moved_wants_the_swap_and_nothing_else(tmp_path):
    texts = ["Alpha paragraph text.", "Beta paragraph text.", "Gamma paragraph text."]

    def doc(order, name):
        document = docx.Document()
        for text in order:
            document.add_paragraph(text)
        return _save(document, tmp_path, name)

    before = doc(texts, "before.docx")
    assert moved(before, doc([texts[1], texts[0], texts[2]], "up.docx"), 1, "up").success
    assert not moved(before, doc([texts[0], texts[2], texts[1]], "down.docx"), 1, "up").success
    assert not moved(before, before, 1, "up").success


def test_body_blocks_keep_tabs(tmp_path):
    document = docx.Document()
    document.add_paragraph("one\ttwo")
    document.add_table(rows=1, cols=1)
    facts = _save(document, tmp_path)
    assert body_blocks(facts) == ["one\ttwo", "<table 1>"]


def test_replace_patterns():
    assert _whole("line").sub("row", "a line offline line.") == "a row offline row."
    pounds = _unit_pattern("pounds")
    assert pounds.sub(r"£\1", "paid 18,000 pounds and 5 pounds.") == "paid £18,000 and £5."
    assert _tidy(_whole("only").sub("", "It is only a test (only once).")) == "It is a test (once)."
