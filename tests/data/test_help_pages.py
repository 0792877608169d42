"""Parsing real pages of the installed LibreOffice help (package libreoffice-help-en-us)."""

from pathlib import Path

import pytest

from openlam.data.help_pages import iter_pages, parse_page
from openlam.data.plan_corpus import DEFAULT_HELP_ROOT

ROOT = DEFAULT_HELP_ROOT


def test_table_insert_page_yields_its_procedures_with_bold_ui_names():
    procedures = parse_page(ROOT / "swriter/guide/table_insert.html", ROOT)
    menu = next(p for p in procedures if p.heading == "To Insert a Table With a Menu Command")
    assert menu.page == "swriter/guide/table_insert.html"
    assert menu.page_title == "Inserting Tables"
    assert menu.steps == [
        "Place the cursor in your document where you want to insert the table.",
        "Choose **Table - Insert Table**.",
        "In the **Size** area, enter the number of rows and columns.",
        "Select the options that you want, click **OK**.",
    ]
    assert [p.heading for p in procedures][:2] == [
        "To Insert a Table From a Toolbar",
        "To Insert a Table With a Menu Command",
    ]


def test_platform_variants_keep_the_default_and_drop_macos():
    procedures = parse_page(ROOT / "swriter/guide/pagenumbers.html", ROOT)
    text = " ".join(s for p in procedures for s in p.steps)
    assert "**F11**" in text
    assert "Command" not in text


def test_notes_inside_steps_are_left_out():
    procedures = parse_page(ROOT / "swriter/guide/pagenumbers.html", ROOT)
    steps = " ".join(s for p in procedures for s in p.steps)
    assert "The new page number is an attribute" not in steps


def test_page_without_a_procedure_yields_none():
    assert parse_page(ROOT / "swriter/01/01120000.html", ROOT) == []


def test_iter_pages_names_a_missing_module(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="nosuchmodule"):
        iter_pages(ROOT, ["nosuchmodule"])
    with pytest.raises(FileNotFoundError, match="libreoffice-help"):
        iter_pages(tmp_path / "absent")
