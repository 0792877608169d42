"""Lists, tables and content: bullets, numbering, table edits, inserting, deleting, replacing
text and page breaks."""

from __future__ import annotations

from typing import Any

from openlam.agent.scripted import call
from openlam.tasks.base import CheckResult
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    body_paragraphs,
    fail,
    nonempty,
    other_paragraph,
    other_word,
    pick_paragraph,
    pick_word,
    same_text,
)
from openlam.tasks.writer.steps import click, keys, menu, select, select_paragraphs

SENTENCES = (
    "Further details will follow in the next update",
    "Please keep this document for your records",
    "Questions can be sent to the office at any time",
    "All figures were checked again on Monday",
    "This section was reviewed by the whole team",
    "The schedule may change if the weather is poor",
)
REPLACEMENTS = ("revised", "excellent", "regional", "temporary", "standard", "seasonal")
CELL_VALUES = ("Pending", "TBC", "42", "Cancelled", "Approved", "17.50")


class MakeList(WriterFamily):
    """Turn one or two paragraphs into a bulleted or numbered list."""

    category = "list"

    def __init__(self, id: str, kind: str, button: str, phrasings: tuple[str, ...]):
        self.id, self.kind, self.button, self.phrasings = id, kind, button, phrasings

    def sample_params(self, facts, rng):
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        following = params["paragraph"] + 1
        two = following in body_paragraphs(facts)
        return {
            **params,
            "count": 2 if two else 1,
            "extent": " and the one after it" if two else "",
        }

    def solution(self, params):
        return [
            select_paragraphs(params["start"], params["count"]),
            click(self.button, "push button"),
        ]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        first = params["paragraph"]
        targets = {before.paragraphs[first + k].text for k in range(params["count"])}
        for b, a in zip(nonempty(before), nonempty(after), strict=True):
            if b.text in targets and a.list_kind != self.kind:
                return fail(f"{b.text[:40]!r} is not a {self.kind} list item ({a.list_kind})")
            if b.text not in targets and a.list_kind != b.list_kind:
                return fail(f"{b.text[:40]!r} changed its list formatting too")
        return OK

    def wrong_params(self, params, facts, rng):
        wrong = other_paragraph(params, facts, rng)
        return None if wrong is None else {**wrong, "count": 1}


class InsertTable(WriterFamily):
    id = "writer/insert-table-v1"
    category = "table"
    phrasings = (
        "Insert a table with {rows} rows and {columns} columns after the paragraph that begins "
        '"{start}".',
        'Add a {rows} by {columns} table below the paragraph starting "{start}".',
        'Put an empty {rows}x{columns} table right after "{start}...".',
        "Create a table, {columns} columns wide and {rows} rows tall, following the paragraph "
        '"{start}".',
        'Under the paragraph beginning "{start}", insert a {rows}-row, {columns}-column table.',
        'I need a blank table of {rows} rows by {columns} columns after the "{start}" paragraph.',
    )

    def sample_params(self, facts, rng):
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        return {**params, "rows": rng.randint(2, 5), "columns": rng.randint(2, 5)}

    def solution(self, params):
        return [
            select_paragraphs(params["start"]),
            keys("{End}{Return}"),
            call("insert_table", rows=params["rows"], columns=params["columns"]),
        ]

    def check(self, params, before, after, answer):
        if len(after.tables) != len(before.tables) + 1:
            return fail(f"expected one new table, found {len(after.tables) - len(before.tables)}")
        anchor = before.paragraphs[params["paragraph"]].text
        where = after.blocks.index(anchor) if anchor in after.blocks else -1
        following = after.blocks[where + 1] if 0 <= where < len(after.blocks) - 1 else ""
        if not following.startswith("<table"):
            return fail("the new table is not right after the paragraph")
        new = after.tables[int(following.split()[1][:-1]) - 1]
        if (new.rows, new.columns) != (params["rows"], params["columns"]):
            return fail(f"the new table is {new.rows}x{new.columns}")
        if any(c.strip() for row in new.cells for c in row):
            return fail("the new table is not empty")
        others = [t.cells for t in after.tables if t is not new]
        if others != [t.cells for t in before.tables]:
            return fail("another table changed")
        return _same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        return {**params, "rows": params["rows"] + 1}


def _same_paragraphs(before: DocFacts, after: DocFacts) -> CheckResult:
    if before.texts() != after.texts():
        return fail("the text changed")
    return OK


def _unique_cells(facts: DocFacts, table: int) -> list[tuple[int, int, str]]:
    cells = facts.tables[table].cells
    return [
        (r, c, text)
        for r, row in enumerate(cells)
        for c, text in enumerate(row)
        if r > 0 and len(text) >= 2 and facts.count(text) == 1
    ]


class FillCell(WriterFamily):
    id = "writer/fill-cell-v1"
    category = "table"
    phrasings = (
        'In table {table}, change the cell in row {row}, column {column} ("{old}") to "{value}".',
        'Replace "{old}" in table {table} (row {row}, column {column}) with "{value}".',
        'Set row {row}, column {column} of table {table} to "{value}".',
        'Update the table: the cell that says "{old}" should now read "{value}".',
        'Write "{value}" in table {table}, row {row}, column {column}, instead of "{old}".',
        'Table {table}, row {row}, column {column}: put "{value}" there in place of "{old}".',
    )

    def sample_params(self, facts, rng):
        options = [(t, cell) for t in range(len(facts.tables)) for cell in _unique_cells(facts, t)]
        if not options:
            return None
        t, (r, c, text) = rng.choice(options)
        value = rng.choice([v for v in CELL_VALUES if v != text])
        return {"table": t + 1, "row": r + 1, "column": c + 1, "old": text, "value": value}

    def solution(self, params):
        return [select(params["old"]), keys(params["value"])]

    def check(self, params, before, after, answer):
        if len(after.tables) != len(before.tables):
            return fail("the number of tables changed")
        expected = [[list(row) for row in t.cells] for t in before.tables]
        expected[params["table"] - 1][params["row"] - 1][params["column"] - 1] = params["value"]
        got = [t.cells for t in after.tables]
        if got != expected:
            return fail(f"table cells are not as asked: {got[params['table'] - 1][:3]}")
        return _same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        t = params["table"] - 1
        others = [cell for cell in _unique_cells(facts, t) if cell[2] != params["old"]]
        if not others:
            return None
        r, c, text = rng.choice(others)
        return {**params, "row": r + 1, "column": c + 1, "old": text}


class AddRow(WriterFamily):
    id = "writer/add-table-row-v1"
    category = "table"
    phrasings = (
        "Add a row at the bottom of table {table}.",
        "Append an empty row to the end of table {table}.",
        "Table {table} needs one more row at the end.",
        "Insert a new last row in table {table}.",
        "Extend table {table} by a row below its last one.",
        "Give table {table} an extra blank row at the bottom.",
    )

    def sample_params(self, facts, rng):
        options = []
        for t, table in enumerate(facts.tables):
            last = table.cells[-1][-1]
            if len(last) >= 2 and facts.count(last) == 1:
                options.append({"table": t + 1, "last": last})
        return rng.choice(options) if options else None

    def solution(self, params):
        return [select(params["last"]), keys("{End}{Tab}")]

    def check(self, params, before, after, answer):
        if len(after.tables) != len(before.tables):
            return fail("the number of tables changed")
        t = params["table"] - 1
        for i, (b, a) in enumerate(zip(before.tables, after.tables, strict=True)):
            if i != t and a.cells != b.cells:
                return fail(f"table {i + 1} changed")
        new = after.tables[t]
        if new.rows != before.tables[t].rows + 1 or new.cells[:-1] != before.tables[t].cells:
            return fail(f"table {t + 1} did not get exactly one new row at the end")
        if any(c.strip() for c in new.cells[-1]):
            return fail("the new row is not empty")
        return _same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        first_row = facts.tables[params["table"] - 1].cells[1][-1]
        if len(first_row) < 2 or facts.count(first_row) != 1:
            return None
        return {**params, "last": first_row}  # a row added in the middle


class DeleteTable(WriterFamily):
    id = "writer/delete-table-v1"
    category = "table"
    phrasings = (
        "Delete table {table}.",
        "Remove table number {table} from the document.",
        "Get rid of table {table} entirely.",
        "Please take out table {table}.",
        "Table {table} is not needed any more; delete it.",
        "Erase the whole of table {table}.",
    )

    def sample_params(self, facts, rng):
        options = []
        for t, table in enumerate(facts.tables):
            first = table.cells[0][0]
            if len(first) >= 2 and facts.count(first) == 1:
                options.append({"table": t + 1, "first": first})
        return rng.choice(options) if options else None

    def solution(self, params):
        return [select(params["first"]), *menu("Table", "Delete", "Table")]

    def check(self, params, before, after, answer):
        expected = [t.cells for i, t in enumerate(before.tables) if i != params["table"] - 1]
        if [t.cells for t in after.tables] != expected:
            return fail(f"table {params['table']} is not (the only one) gone")
        return _same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        others = [
            {"table": t + 1, "first": table.cells[0][0]}
            for t, table in enumerate(facts.tables)
            if t != params["table"] - 1 and facts.count(table.cells[0][0]) == 1
        ]
        return rng.choice(others) if others else None


class InsertParagraph(WriterFamily):
    id = "writer/insert-paragraph-v1"
    category = "content"
    phrasings = (
        'After the paragraph that begins "{start}", add a new paragraph: "{text}".',
        'Insert the sentence "{text}" as its own paragraph below "{start}...".',
        'Add a paragraph saying "{text}" right after the one starting "{start}".',
        'Put "{text}" in a new paragraph following the paragraph "{start}".',
        'Following the paragraph beginning "{start}", type a new paragraph reading "{text}".',
        'Under "{start}...", write one more paragraph: "{text}".',
    )

    def sample_params(self, facts, rng):
        params = pick_paragraph(facts, rng)
        return None if params is None else {**params, "text": rng.choice(SENTENCES) + "."}

    def solution(self, params):
        return [select_paragraphs(params["start"]), keys("{End}{Return}" + params["text"])]

    def check(self, params, before, after, answer):
        texts = before.texts()
        anchor = texts.index(before.paragraphs[params["paragraph"]].text)
        expected = [*texts[: anchor + 1], params["text"], *texts[anchor + 1 :]]
        if after.texts() != expected:
            return fail("the new paragraph is missing, misplaced or worded differently")
        return OK

    def wrong_params(self, params, facts, rng):
        return {**params, "text": params["text"].replace(".", "!")}


class DeleteParagraph(WriterFamily):
    id = "writer/delete-paragraph-v1"
    category = "content"
    phrasings = (
        'Delete the paragraph that begins "{start}".',
        'Remove the whole paragraph starting with "{start}".',
        'Cut the "{start}..." paragraph from the document.',
        'Take out the paragraph beginning "{start}".',
        'The paragraph opening with "{start}" should go; delete it.',
        'Please erase the paragraph "{start}" completely.',
    )

    def sample_params(self, facts, rng):
        return later_paragraph(facts, rng)

    def solution(self, params):
        return [select_paragraphs(params["start"]), keys("{BackSpace}{BackSpace}")]

    def check(self, params, before, after, answer):
        gone = before.paragraphs[params["paragraph"]].text
        expected = [t for t in before.texts() if t != gone]
        if after.texts() != expected:
            return fail("the paragraph is still there, or other text changed")
        return OK

    def wrong_params(self, params, facts, rng):
        return other_paragraph(params, facts, rng, skip_first=True)


class ReplaceWord(WriterFamily):
    id = "writer/replace-word-v1"
    category = "content"
    phrasings = (
        'Replace "{word}" with "{new}".',
        "Change the word {word} to {new} everywhere.",
        "Find {word} and replace it by {new}.",
        'Swap every "{word}" for "{new}".',
        'Use "{new}" instead of "{word}" throughout the document.',
        "Wherever it says {word}, it should say {new}.",
    )

    def sample_params(self, facts, rng):
        params = pick_word(facts, rng)
        if params is None:
            return None
        return {**params, "new": rng.choice([w for w in REPLACEMENTS if w != params["word"]])}

    def solution(self, params):
        return [select(params["word"]), keys(params["new"])]

    def check(self, params, before, after, answer):
        expected = [t.replace(params["word"], params["new"]) for t in before.texts()]
        if after.texts() != expected:
            return fail(f"{params['word']!r} was not replaced by {params['new']!r} (alone)")
        return OK

    def wrong_params(self, params, facts, rng):
        return other_word(params, facts, rng)


class PageBreak(WriterFamily):
    id = "writer/page-break-v1"
    category = "content"
    phrasings = (
        'Start a new page at the paragraph that begins "{start}".',
        'Insert a page break before the paragraph starting "{start}".',
        'Make "{start}..." begin on a fresh page.',
        'Put a page break just before the "{start}" paragraph.',
        'The paragraph opening with "{start}" should be at the top of a new page.',
        'Break the page so that "{start}" starts the next page.',
    )

    def sample_params(self, facts, rng):
        return later_paragraph(facts, rng)

    def solution(self, params):
        return [select(params["start"]), keys("{Home}"), click("Page Break", "push button")]

    def check(self, params, before, after, answer):
        target = before.paragraphs[params["paragraph"]].text
        breaks = [p.text for p in after.paragraphs if p.page_break and p.text.strip()]
        if breaks != [target]:
            return fail(f"page breaks are before {breaks!r}, not only before {target[:40]!r}")
        return _same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        return other_paragraph(params, facts, rng, skip_first=True)


def later_paragraph(facts: DocFacts, rng) -> dict[str, Any] | None:
    """A paragraph that is not the first (there is a paragraph before it to join or break)."""
    params = pick_paragraph(facts, rng)
    return params if params and params["paragraph"] > 0 else None


def structure_families() -> list[WriterFamily]:
    return [
        MakeList(
            "writer/bullet-list-v1",
            "bullet",
            "Unordered List",
            (
                'Make the paragraph that begins "{start}"{extent} a bulleted list.',
                'Turn "{start}..."{extent} into bullet points.',
                'Add bullets to the paragraph starting "{start}"{extent}.',
                'Format the paragraph beginning "{start}"{extent} as a bullet list.',
                'Bullet the paragraph "{start}"{extent}, please.',
                'I want the paragraph opening with "{start}"{extent} shown as bullets.',
            ),
        ),
        MakeList(
            "writer/numbered-list-v1",
            "number",
            "Ordered List",
            (
                'Make the paragraph that begins "{start}"{extent} a numbered list.',
                'Number the paragraph starting "{start}"{extent}.',
                'Turn "{start}..."{extent} into a numbered list.',
                'Format the paragraph beginning "{start}"{extent} as numbered items.',
                'Add numbering to the paragraph "{start}"{extent}.',
                'Show the paragraph opening with "{start}"{extent} as a 1, 2, 3 list.',
            ),
        ),
        InsertTable(),
        FillCell(),
        AddRow(),
        DeleteTable(),
        InsertParagraph(),
        DeleteParagraph(),
        ReplaceWord(),
        PageBreak(),
    ]
