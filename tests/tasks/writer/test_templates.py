"""The Writer templates: enough varied, plain documents with the structure task families need."""

from collections import Counter

import docx
import pytest

from openlam.tasks.writer.templates import TEMPLATES, build, templates

HEADINGS = ("Heading 1", "Heading 2")
# The letter predates the others and is kept word for word (the demo and the Writer
# environment tests rely on its text), so it has only three long body paragraphs.
MIN_LONG_PARAGRAPHS = {"letter": 3}


def _long_normal(document) -> list[str]:
    return [
        p.text
        for p in document.paragraphs
        if p.style.name == "Normal" and len(p.text.split()) >= 12
    ]


def _styles(document) -> Counter:
    return Counter(p.style.name for p in document.paragraphs)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    return {t.name: docx.Document(str(build(t.name, folder))) for t in TEMPLATES}


def test_names_and_descriptions():
    assert len(TEMPLATES) >= 16
    names = [t.name for t in TEMPLATES]
    assert len(set(names)) == len(names)
    assert set(templates()) == set(names)
    descriptions = [t.description for t in TEMPLATES]
    assert len(set(descriptions)) == len(descriptions)
    for description in descriptions:
        assert len(description.split()) >= 8 and description.endswith(".")
        assert description.count(". ") == 0, description  # one sentence


def test_every_template_starts_with_a_title_and_has_long_body_paragraphs(documents):
    for name, document in documents.items():
        assert document.paragraphs[0].style.name == "Title", name
        assert document.paragraphs[0].text.strip(), name
        assert len(_long_normal(document)) >= MIN_LONG_PARAGRAPHS.get(name, 5), name


def test_long_paragraphs_can_be_named_by_their_opening_words(documents):
    for name, document in documents.items():
        texts = [p.text for p in document.paragraphs]
        for text in _long_normal(document):
            opening = " ".join(text.split()[:5])
            assert sum(t.count(opening) for t in texts) == 1, (name, opening)


def test_structure_counts(documents):
    styles = {name: _styles(document) for name, document in documents.items()}
    with_headings = [n for n, s in styles.items() if sum(s[h] for h in HEADINGS) >= 2]
    with_tables = [n for n, d in documents.items() if len(d.tables) >= 1]
    with_two_tables = [n for n, d in documents.items() if len(d.tables) >= 2]
    with_bullets = [n for n, s in styles.items() if s["List Bullet"] >= 2]
    with_numbers = [n for n, s in styles.items() if s["List Number"] >= 2]
    assert len(with_headings) >= 10, with_headings
    assert len(with_tables) >= 6, with_tables
    assert len(with_two_tables) >= 2, with_two_tables
    assert len(with_bullets) >= 4, with_bullets
    assert len(with_numbers) >= 3, with_numbers


def test_tables_have_a_distinct_header_and_filled_cells(documents):
    for name, document in documents.items():
        for table in document.tables:
            assert table.style.name == "Table Grid", name
            header = [c.text for c in table.rows[0].cells]
            assert len(set(header)) == len(header), (name, header)
            assert all(c.text.strip() for row in table.rows for c in row.cells), name
            assert len(table.rows) >= 3, name


def test_text_is_plain(documents):
    for name, document in documents.items():
        for paragraph in document.paragraphs:
            assert paragraph.text.isascii(), (name, paragraph.text)
            assert "lorem" not in paragraph.text.lower(), name
            for run in paragraph.runs:
                assert run.bold is None and run.italic is None and run.underline is None, name
                assert run.font.size is None, name
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert all(text.isascii() for text in cells), name
        for section in document.sections:  # no header or footer of its own
            assert section.header.is_linked_to_previous, name
            assert section.footer.is_linked_to_previous, name


@pytest.mark.parametrize("name", [t.name for t in TEMPLATES])
def test_building_is_reproducible(name, tmp_path):
    first = docx.Document(str(build(name, tmp_path / "a")))
    second = docx.Document(str(build(name, tmp_path / "b")))
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]
    assert [p.style.name for p in first.paragraphs] == [p.style.name for p in second.paragraphs]


def test_the_letter_keeps_the_text_other_code_relies_on(documents):
    paragraphs = [p.text for p in documents["letter"].paragraphs]
    assert paragraphs[3] == "Dear Ms Okafor,"
    assert "Portsmouth" in paragraphs[1]
    assert any("elderflower" in p for p in paragraphs)
