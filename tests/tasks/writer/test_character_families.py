"""The character, case and range checkers on small documents written with python-docx:
runs split differently, the asked range changed, and near misses."""

from pathlib import Path

import docx
import pytest

from openlam.tasks.writer import registry
from openlam.tasks.writer.facts import read
from openlam.tasks.writer.families import case, ranges
from openlam.tasks.writer.families.character import colour_name

BODY = "Our orchard grows apples, pears and plums for the village market every autumn."


def write(path: Path, paragraphs, table=None) -> Path:
    """paragraphs: (style, [(text, {run attribute: value})...]); a run list may be a str."""
    document = docx.Document()
    for style, runs in paragraphs:
        paragraph = document.add_paragraph(style=style)
        for text, attributes in [(runs, {})] if isinstance(runs, str) else runs:
            run = paragraph.add_run(text)
            for name, value in attributes.items():
                setattr(run, name, value)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, texts in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    document.save(path)
    return path


def pair(tmp_path, before, after, table=None):
    return (
        read(write(tmp_path / "before.docx", before, table)),
        read(write(tmp_path / "after.docx", after, table)),
    )


def test_a_word_made_bold_passes_even_in_runs_split_otherwise(tmp_path):
    before, after = pair(
        tmp_path,
        [("Title", "Harvest"), ("Normal", BODY)],
        [
            ("Title", [("Harv", {}), ("est", {})]),
            ("Normal", [("Our orchard grows ", {}), ("apples", {"bold": True}), (BODY[24:], {})]),
        ],
    )
    bold = registry.family("writer/bold-word-v1")
    params = {"word": "apples", "paragraph": 1, "position": "x"}
    assert bold.check(params, before, after, None).success
    assert not bold.check({**params, "word": "pears"}, before, after, None).success
    italic = registry.family("writer/italic-word-v1")
    assert not italic.check(params, before, after, None).success


def test_formatting_beyond_the_word_is_caught(tmp_path):
    before, after = pair(
        tmp_path,
        [("Normal", BODY)],
        [("Normal", [("Our orchard grows apples,", {"bold": True}), (BODY[25:], {})])],
    )
    bold = registry.family("writer/bold-word-v1")
    result = bold.check({"word": "apples", "paragraph": 0}, before, after, None)
    assert not result.success and "bold" in result.reason


def test_case_changes_accept_what_the_request_allows():
    assert case.title("Interviews with Arborists", "Interviews With Arborists")
    assert case.title("HIST 214: the Silk Roads", "Hist 214: The Silk Roads")
    assert not case.title("Interviews with Arborists", "Interviews with Arborists")
    assert case.sentence("Revenue by Region", "Revenue by region")
    assert not case.sentence("Revenue by Region", "Revenue By region")
    assert case.sentence("7. Ending the Tenancy", "7. Ending the tenancy")  # the number stays
    assert not case.sentence("7. Ending the Tenancy", "7. ending the tenancy")


def test_uppercase_by_text_or_by_the_capitals_effect(tmp_path):
    family = registry.family("writer/uppercase-heading-v1")
    params = {"heading": "Key Facts", "paragraph": 1, "place": "x"}
    before, typed = pair(
        tmp_path,
        [("Normal", BODY), ("Heading 1", "Key Facts")],
        [("Normal", BODY), ("Heading 1", "KEY FACTS")],
    )
    assert family.check(params, before, typed, None).success
    shown = read(
        write(tmp_path / "caps.docx", [("Normal", BODY), ("Heading 1", [("Key Facts", {})])])
    )
    for run in shown.paragraphs[1].runs:
        run.caps = True
    assert family.check(params, before, shown, None).success
    assert not family.check(params, before, before, None).success


@pytest.mark.parametrize(
    ("color", "name"),
    [
        ("00A933", "green"),
        ("FF8000", "orange"),
        ("729FCF", "blue"),
        ("DDDDDD", "grey"),
        ("FFFF00", "yellow"),
        ("FFFFFF", None),
    ],
)
def test_colour_names(color, name):
    assert colour_name(color) == name


def test_italic_phrases_are_counted_in_document_order_with_tables(tmp_path):
    facts = read(
        write(
            tmp_path / "doc.docx",
            [("Normal", [("We saw ", {}), ("Red Terrace", {"italic": True}), (" today.", {})])],
            table=[["Work", "Year"], ["Red Terrace", "1988"]],
        )
    )
    # The table comes after the paragraph here: the italic one is the first occurrence.
    assert ranges._occurrence(facts, "paragraph 1", 7, "Red Terrace") == 1
    params = registry.family("writer/bold-italic-text-v1").sample_params(facts, None)
    assert params["phrases"] == [["Red Terrace", 1]]


def test_every_occurrence_and_nothing_more(tmp_path):
    text = "The garden is open. Visit the garden today."
    before, after = pair(
        tmp_path,
        [("Normal", text)],
        [
            (
                "Normal",
                [
                    ("The ", {}),
                    ("garden", {"underline": True}),
                    (" is open. Visit the ", {}),
                    ("garden", {"underline": True}),
                    (" today.", {}),
                ],
            )
        ],
    )
    family = registry.family("writer/underline-every-occurrence-v1")
    params = {"term": "garden", "count": 2}
    assert family.check(params, before, after, None).success
    half = read(
        write(
            tmp_path / "half.docx",
            [("Normal", [("The ", {}), ("garden", {"underline": True}), (text[10:], {})])],
        )
    )
    assert not family.check(params, before, half, None).success


def test_capitals_everywhere_are_not_title_case():
    old = "Minutes of the Riverside Allotment Society Committee Meeting"
    assert not case.title(old, old.upper())
    assert case.title(old, "Minutes Of The Riverside Allotment Society Committee Meeting")
