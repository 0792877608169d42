"""Reading fields, sections and tables of contents from a .docx, and the checkers of the
insert and page families that have logic of their own, without the application."""

import copy
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from openlam.tasks.writer import facts, object_facts, registry
from openlam.tasks.writer.families.inserts import PICTURES, _new, picture
from openlam.tasks.writer.families.page import part_kept

W = nsdecls("w")


def _paragraph(inner: str) -> object:
    return parse_xml(f"<w:p {W}>{inner}</w:p>")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_field_text_shows_fields_by_name_in_place_of_their_results():
    paragraph = _paragraph(
        _run("Page ")
        + _field("PAGE", "3")
        + _run(" of ")
        + _field("NUMPAGES", "9")
        + f'<w:fldSimple {W} w:instr=" DATE \\@ &quot;d MMMM&quot; ">{_run("2 May")}</w:fldSimple>'
    )
    text = object_facts.field_text(paragraph)
    assert text == "Page {PAGE} of {NUMPAGES}{DATE}"
    assert object_facts.field_names(text) == ["PAGE", "NUMPAGES", "DATE"]
    assert object_facts.without_fields(text) == "Page  of "


def test_a_field_inside_a_field_shows_as_the_outer_one():
    inner = _field("PAGE", "2")
    outer = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        f"{inner}"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_run('yes')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert object_facts.field_text(_paragraph(_run("a") + outer + _run("b"))) == "a{IF}b"


@pytest.mark.parametrize(
    ("before", "after", "extra", "ok"),
    [
        ("", "{PAGE}", "", True),
        ("Club rules", "Club rules {PAGE}", "", True),
        ("Club rules", "Club rules - Page {PAGE}", "(page)?", True),
        ("Club rules", "Club rules - Page {PAGE}", "", False),  # "Page" not allowed here
        ("Club rules", "{PAGE}", "", False),  # the footer's own text is gone
        ("Club rules", "Club rules", "", False),  # no field
        ("Club rules", "Club rules {PAGE} {DATE}", "", False),  # another field
        ("Club rules", "Club rules extra {PAGE}", "", False),
    ],
)
def test_a_part_keeps_its_text_and_gains_only_the_field(before, after, extra, ok):
    assert part_kept(before, after, r"\{PAGE\}", extra).success == ok


def test_page_x_of_y_is_read_from_the_footer_fields():
    good = part_kept("", "Page {PAGE} of {NUMPAGES}", r"page\s*\{PAGE\}\s*of\s*\{NUMPAGES\}")
    swapped = part_kept("", "Page {NUMPAGES} of {PAGE}", r"page\s*\{PAGE\}\s*of\s*\{NUMPAGES\}")
    assert good.success and not swapped.success


def _saved(document, folder: Path) -> facts.DocFacts:
    path = folder / "doc.docx"
    document.save(str(path))
    return facts.read(path)


def test_sections_group_the_paragraphs_between_section_breaks(tmp_path):
    document = docx.Document()
    for text in ("One", "Two", "Three"):
        document.add_paragraph(text)
    # A continuous section break after "One" (in an empty paragraph, as Writer saves it),
    # and a page number start on the last section.
    body_sect = document.element.body.sectPr
    inner = copy.deepcopy(body_sect)
    inner.insert(0, parse_xml(f'<w:type {W} w:val="continuous"/>'))
    holder = _paragraph("<w:pPr/>")
    holder[0].append(inner)
    document.paragraphs[0]._p.addnext(holder)
    body_sect.append(parse_xml(f'<w:pgNumType {W} w:start="5" w:fmt="lowerRoman"/>'))
    got = object_facts.sections(_saved(document, tmp_path).document)
    assert [s.texts for s in got] == [("One",), ("Two", "Three")]
    assert [(s.start, s.number_format) for s in got] == [(None, None), (5, "lowerRoman")]


def test_a_table_of_contents_is_found_with_its_title_entries_and_place(tmp_path):
    document = docx.Document()
    document.add_paragraph("Report", style="Title")
    sdt = parse_xml(
        f"<w:sdt {W}><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>'
        f'<w:p><w:pPr><w:pStyle w:val="ContentsHeading"/></w:pPr>{_run("Contents")}</w:p>'
        f'<w:p><w:pPr><w:pStyle w:val="Contents1"/></w:pPr>{_run("Summary")}'
        f"<w:r><w:tab/></w:r>{_run('1')}</w:p>"
        f'<w:p><w:pPr><w:pStyle w:val="Contents2"/></w:pPr>{_run("Costs")}'
        f"<w:r><w:tab/></w:r>{_run('2')}</w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.paragraphs[0]._p.addnext(sdt)
    document.add_paragraph("Summary", style="Heading 1")
    (toc,) = object_facts.tables_of_contents(_saved(document, tmp_path).document)
    assert toc.title == "Contents"
    assert toc.entries == ("Summary", "Costs")
    assert toc.position == 1  # after the title paragraph


def test_new_objects_are_a_multiset_difference():
    assert _new(["a", "b", "a"], ["a", "b", "a", "a", "c"]) == ["a", "c"]
    assert _new(["a"], ["b"]) == ["b"]


def test_pictures_are_valid_distinct_pngs():
    made = {name: picture(name) for name in PICTURES}
    assert len(set(made.values())) == len(PICTURES)
    for name, data in made.items():
        width, height = PICTURES[name][:2]
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        assert int.from_bytes(data[16:20], "big") == width
        assert int.from_bytes(data[20:24], "big") == height
        start = data.index(b"IDAT") + 4
        length = int.from_bytes(data[start - 8 : start - 4], "big")
        assert len(zlib.decompress(data[start : start + length])) == height * (1 + 3 * width)


def test_an_export_passes_only_with_a_file_written_after_prepare(tmp_path):
    family = registry.family("writer/export-pdf-v1")
    template = registry.template_facts("letter")
    params = {"path": str(tmp_path / "copy.pdf"), "name": "copy.pdf", "ext": "pdf"}
    assert not family.check(params, template, template, None).success  # not prepared
    family.prepare(params)
    assert "no file" in family.check(params, template, template, None).reason
    Path(params["path"]).write_bytes(b"PK not a pdf")
    assert not family.check(params, template, template, None).success
    Path(params["path"]).write_bytes(b"%PDF-1.7\n...")
    assert family.check(params, template, template, None).success
    family.prepare(params)  # a new episode deletes the last one's file
    assert not Path(params["path"]).exists()
