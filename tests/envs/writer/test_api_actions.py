"""The application-API actions in the real Writer, each checked from the saved .docx as a
checker reads it; a bad argument is an action error and the environment keeps working."""

import re
import struct
import zipfile
import zlib

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from openlam.tasks.writer import facts

pytestmark = pytest.mark.writer
ROWS = [
    ("Region", "Revenue", "Growth", "Stores"),
    ("North", "4.8", "12%", "23"),
    ("West", "3.9", "7%", "18"),
    ("Lakes", "2.6", "4%", "11"),
    ("New England", "2.9", "10%", "14"),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A short report with one 5x4 table, written here so that its words are known."""
    document = docx.Document()
    document.add_paragraph("Revenue by Region", style="Heading 1")
    document.add_paragraph("Revenue grew 12% and costs 4%; revenue per store rose.")
    grid = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, texts in zip(grid.rows, ROWS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path_factory.mktemp("report") / "report.docx"
    document.save(path)
    return path


def _act(env, text):
    obs, _, terminated, truncated, _ = env.step(text)
    assert obs.last_result.ok, (text, obs.last_result.error)
    assert not terminated and not truncated
    return obs


def _refused(env, text, expected):
    obs, _, terminated, truncated, _ = env.step(text)
    assert not obs.last_result.ok, text
    assert expected in obs.last_result.error, obs.last_result.error
    assert not terminated and not truncated
    return obs


def _part(path, name="word/document.xml"):
    return zipfile.ZipFile(path).read(name).decode()


def _paragraph(path, start):
    return next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith(start))


def _run(path, text):
    (run,) = [r for p in docx.Document(str(path)).paragraphs for r in p.runs if r.text == text]
    return run


def test_replace_all(writer, report, tmp_path):
    writer.reset(options={"template": report})
    obs = _act(writer, 'replace_all(search="Revenue", replace="Turnover", match_case=True)')
    assert obs.last_result.message == "replaced 3 occurrence(s) of 'Revenue' with 'Turnover'"
    _act(writer, r'replace_all(search="([0-9]+)%", replace="$1 per cent", regex=True)')
    _refused(writer, 'replace_all(search="quokka", replace="x")', "'quokka' not found")
    _refused(writer, 'replace_all(search="(", replace="x", regex=True)', "invalid regular")
    after = facts.read(writer.save(tmp_path / "replaced.docx"))
    assert after.count("Revenue") == 0 and after.count("Turnover") == 3
    assert after.tables[0].cells[0][1] == "Turnover"
    assert after.tables[0].cells[1][2] == "12 per cent" and "%" not in after.all_text
    expected = "Turnover grew 12 per cent and costs 4 per cent; revenue per store rose."
    assert after.texts()[1] == expected


def test_format_text(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _refused(writer, "format_text(bold=True)", "nothing is selected")
    _act(writer, 'select_text(text="Portsmouth")')
    _refused(writer, "format_text()", "at least one property")
    obs = _act(
        writer,
        "format_text(bold=True, italic=True, underline=True, strikethrough=True, "
        'color="#C00000", highlight="#FFFF00")',
    )
    (run,) = [r for r in obs.document.paragraphs[1].runs if r.text == "Portsmouth"]
    assert (run.bold, run.italic, run.color, run.highlight) == (True, True, "#c00000", "#ffff00")
    _act(writer, 'select_text(text="March")')
    _act(writer, 'format_text(script="superscript")')
    _act(writer, 'select_text(text="Okafor")')
    _act(writer, 'format_text(script="subscript")')
    saved = writer.save(tmp_path / "text.docx")
    run = _run(saved, "Portsmouth")
    assert run.bold and run.italic and run.underline and run.font.strike
    assert str(run.font.color.rgb) == "C00000"
    runs = [r for p in facts.read(saved).paragraphs for r in p.runs]
    assert [r.highlight for r in runs if r.text == "Portsmouth"] == [True]
    assert _run(saved, "March").font.superscript and _run(saved, "Okafor").font.subscript
    assert not _run(saved, "3 ").font.superscript


def test_format_paragraph(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _act(writer, "select_paragraph(start=4, end=5)")
    obs = _act(
        writer,
        'format_paragraph(alignment="justify", line_spacing=1.5, space_before_mm=6, '
        "space_after_mm=3, left_indent_mm=10, first_line_indent_mm=-5)",
    )
    assert [p.alignment for p in obs.document.paragraphs[3:7]] == ["left"] + ["justify"] * 2 + [
        "left"
    ]
    _act(writer, 'select_text(text="Kind regards,")')
    _refused(writer, 'format_paragraph(style="Quotatons")', "close matches: Quotations")
    _refused(writer, "format_paragraph()", "at least one property")
    obs = _act(writer, 'format_paragraph(style="Quotations", alignment="right")')
    saved = writer.save(tmp_path / "paragraph.docx")
    for start in ("Thank you", "Our pastry"):
        paragraph = _paragraph(saved, start)
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert fmt.line_spacing == 1.5
        assert round(fmt.space_before.mm, 1) == 6.0 and round(fmt.space_after.mm, 1) == 3.0
        assert round(fmt.left_indent.mm) == 10 and round(fmt.first_line_indent.mm) == -5
    kind = _paragraph(saved, "Kind regards,")
    assert kind.style.name == "Quotations" and kind.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _paragraph(saved, "Please confirm").paragraph_format.line_spacing is None


def test_select_cells(writer, report, tmp_path):
    writer.reset(options={"template": report})
    obs = _act(writer, 'select_cells(table=1, first="B2", last="C3")')
    assert obs.document.selection.in_table == "B2:C3"
    _act(writer, "format_text(bold=True)")
    _refused(writer, 'select_cells(table=1, first="Z9")', "table 1 has cells A1..D5")
    _refused(writer, 'select_cells(table=2, first="A1")', "the document has 1 table(s)")
    obs = _act(writer, 'select_cells(table=1, first="a5")')
    assert (obs.document.selection.text, obs.document.selection.in_table) == ("New England", "A5")
    _act(writer, 'format_paragraph(alignment="right")')
    _refused(writer, 'insert_break(kind="page")', "cannot go inside a table")
    table = docx.Document(str(writer.save(tmp_path / "cells.docx"))).tables[0]
    bold = [
        [any(r.bold for p in cell.paragraphs for r in p.runs) for cell in row.cells]
        for row in table.rows
    ]
    assert bold[1:3] == [[False, True, True, False]] * 2 and not any(bold[0] + bold[3])
    assert table.cell(4, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_insert_field(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _act(writer, 'insert_field(field="page_number", place="footer")')
    obs = _act(writer, 'insert_field(field="page_count", place="footer")')
    assert obs.document.page["footer"] == "1 1"
    _act(writer, 'insert_field(field="date", place="header")')
    _act(writer, 'select_text(text="Daniel Reyes, Head Baker")')
    _act(writer, 'insert_field(field="author")')
    saved = writer.save(tmp_path / "fields.docx")
    footer, header = _part(saved, "word/footer1.xml"), _part(saved, "word/header1.xml")
    assert re.search(r"instrText[^>]*> PAGE \\\* ARABIC", footer)
    assert re.search(r"instrText[^>]*> NUMPAGES", footer)
    assert re.search(r"instrText[^>]*> DATE", header)
    assert re.search(r"instrText[^>]*> AUTHOR", _part(saved))
    assert facts.read(saved).footer == "1 1"


def _png(path, width, height):
    """A plain red PNG written by hand."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
    path.write_bytes(png + chunk(b"IEND", b""))
    return path


def test_insert_image(writer, letter, tmp_path):
    small, wide = _png(tmp_path / "small.png", 120, 60), _png(tmp_path / "wide.png", 3000, 100)
    (tmp_path / "notes.png").write_text("not a picture")
    writer.reset(options={"template": letter})
    _act(writer, 'select_text(text="Kind regards,")')
    _refused(writer, f'insert_image(path="{tmp_path}/missing.png")', "no file")
    _refused(writer, f'insert_image(path="{tmp_path}/notes.png")', "is not an image")
    obs = _act(writer, f'insert_image(path="{small}")')
    assert obs.last_result.message == "inserted small.png at the cursor (32 x 16 mm)"
    _act(writer, f'insert_image(path="{wide}")')
    saved = writer.save(tmp_path / "image.docx")
    body = _part(saved)
    # 120 x 60 pixels at 96 dpi; the wide one shrunk to the text width (152.4 mm).
    extents = re.findall(r'<w:drawing>.*?<wp:extent cx="(\d+)" cy="(\d+)"', body)
    sizes = sorted((round(int(cx) / 36000, 1), round(int(cy) / 36000, 1)) for cx, cy in extents)
    assert sizes == [(31.8, 15.9), (152.4, 5.1)]  # mm
    media = [n for n in zipfile.ZipFile(saved).namelist() if n.startswith("word/media/")]
    assert len(media) == 2
    assert _paragraph(saved, "Kind regards,").text == "Kind regards,"


def test_insert_hyperlink(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _refused(writer, 'insert_hyperlink(url="https://example.com")', "nothing is selected")
    _act(writer, 'select_text(text="Harbour Lane Bakery")')
    _act(writer, 'insert_hyperlink(url="https://bakery.example.com")')
    _act(writer, 'select_text(text="Kind regards,")')
    _act(writer, 'insert_hyperlink(url="https://bakery.example.com/menu", text=" Our menu")')
    saved = writer.save(tmp_path / "links.docx")
    title = _paragraph(saved, "Harbour Lane Bakery")
    # soffice writes a bare host's URL with its root path: https://host/
    assert [(h.text, h.url) for h in title.hyperlinks] == [
        ("Harbour Lane Bakery", "https://bakery.example.com/")
    ]
    closing = _paragraph(saved, "Kind regards,")
    assert closing.text == "Kind regards, Our menu"
    assert [(h.text, h.url) for h in closing.hyperlinks] == [
        (" Our menu", "https://bakery.example.com/menu")
    ]


def test_insert_comment(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _act(writer, 'insert_comment(text="Add a reference number.")')
    _act(writer, 'select_text(text="elderflower")')
    _refused(writer, 'insert_comment(text=" ")', "the comment is empty")
    obs = _act(writer, 'insert_comment(text="Check for allergens.")')
    assert obs.last_result.message == "added a comment on 'elderflower'"
    saved = writer.save(tmp_path / "comments.docx")
    comments = _part(saved, "word/comments.xml")
    assert comments.count('w:author="openlam"') == 2
    assert "Add a reference number." in comments and "Check for allergens." in comments
    body = _part(saved)
    assert re.search(r"commentRangeStart[^>]*/>(<[^>]*>)*<w:t>elderflower</w:t>", body)
    assert facts.read(saved).texts() == facts.read(letter).texts()


def test_insert_break(writer, letter, tmp_path):
    writer.reset(options={"template": letter})
    _act(writer, "select_paragraph(start=5, end=5)")
    _act(writer, 'insert_break(kind="page")')
    _act(writer, 'select_text(text="Head Baker")')
    _act(writer, 'insert_break(kind="line")')
    _act(writer, 'select_text(text="Kind regards,")')
    obs = _act(writer, 'insert_break(kind="column")')
    assert obs.document.paragraphs[6].text.startswith("Our pastry chef")
    saved = writer.save(tmp_path / "breaks.docx")
    after = facts.read(saved)
    assert [p.text[:15] for p in after.paragraphs if p.page_break] == ["Our pastry chef"]
    assert "Daniel Reyes, \nHead Baker" in after.texts()
    assert '<w:br w:type="column"/>' in _part(saved)


def test_save_as_needs_an_absolute_path(writer, letter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer.reset(options={"template": letter})
    _refused(writer, 'save_as(path="out.docx")', "needs an absolute path")
    _act(writer, f'save_as(path="{tmp_path / "copy.docx"}")')
    assert [p.name for p in tmp_path.iterdir()] == ["copy.docx"]
