"""Paragraph, spacing and layout families: the facts they read and their checkers, on
documents edited with python-docx the way Writer saves them."""

from __future__ import annotations

import random

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

from openlam.tasks.writer import facts, page_facts, registry, templates
from openlam.tasks.writer.families.paragraph import colour_name


def _save(document, tmp_path, name="doc.docx"):
    path = tmp_path / name
    document.save(path)
    return facts.read(path)


def _template(name: str):
    return docx.Document(str(templates.source(name)))


@pytest.mark.parametrize(
    ("fill", "name"),
    [
        ("FFFFA6", "yellow"),
        ("FFFF6D", "yellow"),
        ("DEE6EF", "blue"),
        ("B4C7DC", "blue"),
        ("DDDDDD", "grey"),
        ("FFB66C", "orange"),
        ("DDE8CB", "green"),
        ("FFFFFF", None),
        (None, None),
    ],
)
def test_colours_are_named_by_hue(fill, name):
    assert colour_name(fill) == name


def test_paragraph_layout_facts_are_effective_values(tmp_path):
    document = docx.Document()
    document.add_paragraph("A heading", style="Heading 1")
    body = document.add_paragraph("Body text that hangs")
    ppr = body._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="567" w:hanging="567"/>'))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="ffff6d"/>'))
    ppr.append(
        parse_xml(
            f'<w:tabs {nsdecls("w")}><w:tab w:val="clear" w:pos="720"/>'
            '<w:tab w:val="left" w:pos="2880"/></w:tabs>'
        )
    )
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="2"/>'
            '<w:bottom w:val="single" w:sz="2"/><w:left w:val="none"/></w:pBdr>'
        )
    )
    body.paragraph_format.space_after = Pt(18)
    got = _save(document, tmp_path)
    h, b = got.paragraphs
    assert h.keep_with_next and h.space_before_pt == 24.0  # from the Heading 1 style
    assert not b.keep_with_next and b.space_after_pt == 18.0
    assert b.first_line_indent_mm == -10.0 and b.left_indent_mm == 10.0
    assert b.shading == "FFFF6D" and b.borders == ("top", "bottom")
    assert b.tab_stops_mm == (50.8,)
    assert not b.hyphenate


def test_hyphenation_needs_the_document_switch_and_the_paragraph(tmp_path):
    document = docx.Document()
    on = document.add_paragraph("hyphenated")
    document.add_paragraph("not hyphenated")
    on._p.get_or_add_pPr().append(
        parse_xml(f'<w:suppressAutoHyphens {nsdecls("w")} w:val="false"/>')
    )
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).append(
        parse_xml(f'<w:suppressAutoHyphens {nsdecls("w")} w:val="true"/>')
    )
    assert [p.hyphenate for p in _save(document, tmp_path, "off.docx").paragraphs] == [
        False,
        False,
    ]
    document.settings.element.append(parse_xml(f'<w:autoHyphenation {nsdecls("w")} w:val="true"/>'))
    got = _save(document, tmp_path, "on.docx")
    assert [p.hyphenate for p in got.paragraphs] == [True, False]


def test_page_facts_read_the_section_properties(tmp_path):
    document = docx.Document()
    document.add_paragraph("text")
    before = _save(document, tmp_path, "before.docx")
    assert page_facts.columns(before) == [1]
    assert page_facts.line_numbering(before) == [None]
    assert page_facts.page_background(before) is None
    assert page_facts.page_borders(before) == [()]
    assert page_facts.paper_mm(before) == [(215.9, 279.4)]
    sect_pr = document.sections[0]._sectPr
    for cols in sect_pr.findall(qn("w:cols")):
        sect_pr.remove(cols)
    sect_pr.append(parse_xml(f'<w:cols {nsdecls("w")} w:num="3" w:space="288"/>'))
    sect_pr.append(parse_xml(f'<w:lnNumType {nsdecls("w")} w:countBy="5"/>'))
    sect_pr.append(
        parse_xml(
            f'<w:pgBorders {nsdecls("w")}><w:left w:val="single"/>'
            '<w:right w:val="single"/></w:pgBorders>'
        )
    )
    document.element.insert(0, parse_xml(f'<w:background {nsdecls("w")} w:color="DEE6EF"/>'))
    document.sections[0].page_width, document.sections[0].page_height = Twips(8391), Twips(11906)
    after = _save(document, tmp_path, "after.docx")
    assert page_facts.columns(after) == [3]
    assert page_facts.line_numbering(after) == [5]
    assert colour_name(page_facts.page_background(after)) == "blue"
    assert page_facts.page_borders(after) == [("left", "right")]
    assert page_facts.paper_mm(after) == [(148.0, 210.0)]


def _instance(family_id: str, template: str, **wanted):
    """Sampled parameters of a family on a template, with the given values where drawn."""
    family = registry.family(family_id)
    source = registry.template_facts(template)
    for seed in range(200):
        params = family.sample_params(source, random.Random(seed))
        if params is not None and all(params.get(k) == v for k, v in wanted.items()):
            return family, source, params
    raise AssertionError(f"no {wanted} instance of {family_id} on {template}")


def test_every_heading_spaced_passes_and_one_missed_fails(tmp_path):
    family, source, params = _instance(
        "writer/heading-spacing-v1", "quarterly_report", side="before", points=12
    )
    document = _template("quarterly_report")
    heads = [p for p in document.paragraphs if p.text in params["headings"]]
    for paragraph in heads:
        paragraph.paragraph_format.space_before = Pt(12)
    assert family.check(params, source, _save(document, tmp_path, "all.docx"), None).success
    heads[-1].paragraph_format.space_before = Pt(24)
    result = family.check(params, source, _save(document, tmp_path, "miss.docx"), None)
    assert not result.success and heads[-1].text[:20] in result.reason


def test_a_range_one_paragraph_short_fails(tmp_path):
    family, source, params = _instance("writer/line-spacing-range-v1", "letter", spacing=2.0)
    document = _template("letter")
    for i in params["targets"]:
        document.paragraphs[i].paragraph_format.line_spacing = 2.0
    assert family.check(params, source, _save(document, tmp_path, "all.docx"), None).success
    if len(params["targets"]) > 1:
        document.paragraphs[params["targets"][-1]].paragraph_format.line_spacing = None
        assert not family.check(
            params, source, _save(document, tmp_path, "short.docx"), None
        ).success


def test_justifying_all_but_the_title_fails(tmp_path):
    family, source, params = _instance("writer/justify-document-v1", "memo")
    document = _template("memo")
    for paragraph in document.paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    assert family.check(params, source, _save(document, tmp_path, "all.docx"), None).success
    document.paragraphs[0].alignment = None
    assert not family.check(params, source, _save(document, tmp_path, "most.docx"), None).success


def test_a_heading_level_change_checks_the_exact_level(tmp_path):
    family, source, params = _instance("writer/heading-level-v1", "newsletter", verb="demote")
    document = _template("newsletter")
    target = next(p for p in document.paragraphs if p.text == params["heading"])
    target.style = document.styles[params["target"]]
    assert family.check(params, source, _save(document, tmp_path, "ok.docx"), None).success
    wrong = family.wrong_params(params, source, random.Random(0))
    assert not family.check(wrong, source, _save(document, tmp_path, "ok.docx"), None).success
