"""The .odt templates in the real Writer: opened and saved as .docx, they say what their
source .docx says, on everything the checkers compare (tasks on an .odt template are
sampled from and checked against its source)."""

import pytest

from openlam.tasks.writer import facts
from openlam.tasks.writer.templates import TEMPLATES, build, source

pytestmark = pytest.mark.writer

ODT = [t.name for t in TEMPLATES if t.odt]


def _compared(f: facts.DocFacts) -> dict:
    """What the checkers compare between a template and a saved end state."""
    attributes = ("bold", "italic", "underline", "strike", "highlight")
    return {
        "texts": f.texts(),
        "tables": [t.cells for t in f.tables],
        "paragraphs": [
            (
                p.text,
                p.style,
                p.list_kind,
                p.alignment,
                p.line_spacing,
                p.left_indent_mm,
                p.page_break,
                [p.chars_with(a) for a in attributes],
                [(r.text, r.font, r.size, r.color) for r in p.runs if r.font or r.size or r.color],
            )
            for p in f.paragraphs
            if p.text.strip()
        ],
        "header": f.header,
        "footer": f.footer,
        "page": (f.landscape, f.margins_mm),
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("templates")


@pytest.mark.parametrize("name", ODT)
def test_an_odt_template_saved_as_docx_keeps_the_facts_of_its_source(
    writer, folder, name, tmp_path
):
    opened = build(name, folder)
    assert opened.suffix == ".odt" and opened.stat().st_size > 0
    writer.reset(options={"template": opened})
    saved = writer.save(tmp_path / f"{name}.docx")
    want, got = _compared(facts.read(source(name, folder))), _compared(facts.read(saved))
    for key in want:
        assert got[key] == want[key], key
