"""The Writer templates: enough varied documents with the structure task families need."""

from collections import Counter

import docx
import pytest

from openlam.tasks.writer import facts
from openlam.tasks.writer.families.common import unique_words
from openlam.tasks.writer.templates import TEMPLATES, TEST_TEMPLATES, build, source, templates
from openlam.tasks.writer.templates.short import SHORT

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
    return {t.name: docx.Document(str(source(t.name, folder))) for t in TEMPLATES}


@pytest.fixture(scope="module")
def all_facts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    return {t.name: facts.read(source(t.name, folder)) for t in TEMPLATES}


def test_names_and_descriptions():
    assert len(TEMPLATES) >= 31
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


def test_text_is_ascii_and_the_first_templates_are_plain(documents):
    for name, document in documents.items():
        for paragraph in document.paragraphs:
            assert paragraph.text.isascii(), (name, paragraph.text)
            assert "lorem" not in paragraph.text.lower(), name
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert all(text.isascii() for text in cells), name
    for name in (t.name for t in SHORT):
        document = documents[name]
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                assert run.bold is None and run.italic is None and run.underline is None, name
                assert run.font.size is None, name
        for section in document.sections:  # no header or footer of its own
            assert section.header.is_linked_to_previous, name
            assert section.footer.is_linked_to_previous, name


@pytest.mark.parametrize("name", [t.name for t in TEMPLATES])
def test_building_is_reproducible(name, tmp_path):
    first = docx.Document(str(source(name, tmp_path / "a")))
    second = docx.Document(str(source(name, tmp_path / "b")))
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]
    assert [p.style.name for p in first.paragraphs] == [p.style.name for p in second.paragraphs]


def test_the_letter_keeps_the_text_other_code_relies_on(documents):
    paragraphs = [p.text for p in documents["letter"].paragraphs]
    assert paragraphs[3] == "Dear Ms Okafor,"
    assert "Portsmouth" in paragraphs[1]
    assert any("elderflower" in p for p in paragraphs)


def _formatted(run: facts.RunFacts) -> bool:
    flags = (run.bold, run.italic, run.underline, run.strike, run.color, run.highlight)
    return any(flags) or run.font is not None or run.size is not None


def test_the_newer_templates_look_like_real_documents(all_facts):
    first = {t.name for t in SHORT}
    newer = {name: f for name, f in all_facts.items() if name not in first}
    runs = {name: [r for p in f.paragraphs for r in p.runs] for name, f in newer.items()}

    def having(test) -> list[str]:
        return [name for name in newer if any(test(r) for r in runs[name])]

    assert len(newer) >= 13
    assert len([n for n, f in newer.items() if f.header and f.footer]) >= 10
    assert len(having(lambda r: r.bold)) >= 10
    assert len(having(lambda r: r.italic)) >= 4
    assert len(having(lambda r: r.underline)) >= 4
    assert len(having(lambda r: r.highlight)) >= 3
    assert len(having(lambda r: r.color)) >= 3
    assert len(having(lambda r: r.size)) >= 2
    assert len(having(lambda r: r.font)) >= 3  # a quotation or code in another typeface
    subsections = [n for n, f in newer.items() if "Heading 2" in {p.style for p in f.paragraphs}]
    assert len(subsections) >= 6, subsections
    long = [n for n, f in newer.items() if sum(len(t.split()) for t in f.texts()) >= 500]
    assert len(long) >= 4, long  # two pages or more (three for most)


def test_headings_use_another_typeface_than_the_body(documents):
    first = {t.name for t in SHORT}
    for name, document in documents.items():
        if name not in first:
            body = document.styles["Normal"].font.name
            assert document.styles["Heading 1"].font.name not in (None, body), name


def test_formatted_words_are_never_the_word_a_task_names(all_facts):
    """Word tasks pick words that occur once; one already bold (or italic...) would make
    "make it bold" a no-op whose known-good solution (a toggle) undoes it."""
    for name, f in all_facts.items():
        for word, index in unique_words(f):
            paragraph = f.paragraphs[index]
            start = paragraph.text.find(word)
            offset = 0
            for run in paragraph.runs:
                overlaps = offset < start + len(word) and start < offset + len(run.text)
                assert not (overlaps and _formatted(run)), (name, word)
                offset += len(run.text)


def test_odt_templates_are_opened_as_odt_and_read_from_their_docx(tmp_path, monkeypatch):
    odt = [t.name for t in TEMPLATES if t.odt]
    assert len(odt) >= 3
    assert set(odt) & set(TEST_TEMPLATES)
    for name in odt:
        assert source(name, tmp_path).suffix == ".docx"
    assert build("letter", tmp_path) == source("letter", tmp_path)
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(RuntimeError, match="needs soffice"):
        build(odt[0], tmp_path)
    assert not list(tmp_path.glob("*.odt")) and not list(tmp_path.glob(".*"))


def test_held_out_templates_exist_and_are_a_fifth_or_so():
    assert set(TEST_TEMPLATES) <= set(templates())
    assert 0.15 <= len(TEST_TEMPLATES) / len(TEMPLATES) <= 0.3
