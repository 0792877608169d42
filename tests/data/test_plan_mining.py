"""Task phrasing, cleaning filters and duplicate removal, on real help pages."""

import pytest

from openlam.data.help_pages import parse_page
from openlam.data.plan_corpus import DEFAULT_HELP_ROOT
from openlam.data.plan_mining import CleaningConfig, mine, reject_reason
from openlam.data.task_phrasing import gerund, imperative_task

ROOT = DEFAULT_HELP_ROOT


@pytest.mark.parametrize(
    ("heading", "task"),
    [
        ("To Insert a Table With a Menu Command", "Insert a table with a menu command"),
        ("Inserting Tables", "Insert tables"),
        ("Setting a Predefined Border Style", "Set a predefined border style"),
        (
            "Creating a New Report Manually In Design View",
            "Create a new report manually in design view",
        ),
        (
            "How to apply a Character style to a selected text",
            "Apply a Character style to a selected text",
        ),
        (
            "To Check Spelling Automatically While You Type",
            "Check spelling automatically while you type",
        ),
        ("Using AutoFill", "Use AutoFill"),
        ("To connect lines:", "Connect lines"),
        ("Formatting Tables in Writer", "Format tables in Writer"),
    ],
)
def test_headings_become_imperative_tasks(heading, task):
    assert imperative_task(heading, []) == task


def test_a_heading_without_action_takes_the_task_from_the_introduction():
    intro = ["Some background.", "To insert a manual break, do the following:"]
    assert imperative_task("Manual breaks", intro) == "Insert a manual break"
    assert imperative_task("Middle button", ["Defines the function of the button."]) is None


def test_gerunds():
    assert [gerund(v) for v in ("create", "set", "format", "copy", "see")] == [
        "creating",
        "setting",
        "formatting",
        "copying",
        "seeing",
    ]


def test_known_page_yields_the_expected_records():
    procedures = parse_page(ROOT / "swriter/guide/table_insert.html", ROOT)
    records, dropped = mine(procedures, CleaningConfig())
    menu = next(r for r in records if r.task == "Insert a table with a menu command")
    assert menu.app == "writer"
    assert menu.plan[1] == "Choose **Table - Insert Table**."
    assert menu.source.startswith("swriter/guide/table_insert.html#hd_id")
    # Copying a range from Calc needs a second application: the paper drops such tasks.
    assert {d.reason for d in dropped} >= {"needs another application"}


def test_duplicates_across_pages_are_removed():
    # The border procedures of the paragraph page nearly repeat on the page border page.
    pages = [
        "shared/guide/border_paragraph.html",
        "swriter/guide/border_page.html",
        "swriter/guide/table_insert.html",
        "swriter/guide/table_insert.html",
    ]
    procedures = [p for page in pages for p in parse_page(ROOT / page, ROOT)]
    records, dropped = mine(procedures, CleaningConfig())
    reasons = [d.reason for d in dropped]
    assert "exact duplicate" in reasons  # table_insert read twice
    assert "near duplicate" in reasons
    keys = [(r.task, tuple(r.plan)) for r in records]
    assert len(keys) == len(set(keys))
    assert sum(r.task == "Insert a table with a menu command" for r in records) == 1


def test_filters_name_their_reason():
    config = CleaningConfig()
    assert reject_reason(None, ["Click **OK**."], "writer", config) == "no task phrase"
    assert reject_reason("Format menu", ["Choose **View - Styles**."], "writer", config) == (
        "no task phrase"
    )
    assert reject_reason("Insert a table", [], "writer", config) == "empty plan"
    assert (
        reject_reason("Tabelle einfügen", ["Wählen Sie **Tabelle - Einfügen**."], "writer", config)
        == "language"
    )
    assert (
        reject_reason("Print", ["Choose **File - Print**."], "writer", config) == "task too short"
    )
    long_plan = [f"Click **Button {i}**." for i in range(config.max_steps + 1)]
    assert reject_reason("Press many buttons", long_plan, "writer", config) == "plan too long"
    assert (
        reject_reason("Find formats", ["Click **Find Next**."], "writer", config)
        == "plan too short"
    )
    assert (
        reject_reason(
            "Print the document twice",
            ["Choose **File - Print**.", "Click **OK**."],
            "writer",
            config,
        )
        == "environment-dependent"
    )
    assert (
        reject_reason("Read the manual", ["Think about it.", "Relax."], "writer", config)
        == "no UI action in the plan"
    )
    assert (
        reject_reason(
            "Insert a table",
            ["Open LibreOffice Calc.", "Choose **Edit - Copy**."],
            "writer",
            config,
        )
        == "needs another application"
    )
    assert (
        reject_reason(
            "Insert a table",
            ["Choose **Table - Insert Table**.", "Click **OK**."],
            "writer",
            config,
        )
        == ""
    )
