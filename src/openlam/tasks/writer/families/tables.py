"""Table edits beyond cell text: convert text and tables, merge and split cells, delete and
insert rows and columns, bold and shaded cells, repeated headings, sums and sorting."""

from __future__ import annotations

import colorsys
import re
from typing import Any

from openlam.agent.scripted import call
from openlam.records import Action, Observation
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    is_heading,
    ordinal,
    position,
    unique_prefix,
)
from openlam.tasks.writer.steps import click, keys, menu, select_paragraphs, set_box
from openlam.tasks.writer.table_facts import body_blocks, cells, repeats_heading

MERGE_HELP = ("swriter/guide/table_cellmerge.html#hd_id3463850",)
SPLIT_HELP = ("swriter/guide/table_cellmerge.html#hd_id9156468",)
BACKGROUND_HELP = ("swriter/guide/background.html#hd_id3149294",)
REPEAT_HELP = ("swriter/guide/table_repeat_multiple_headers.html#hd_id3153406",)
SUM_HELP = ("swriter/guide/calculate_intable.html#hd_id3147400",)
NUMBER = re.compile(r"-?\d+(\.\d+)?")
# Numeric columns nobody adds up: labels, not quantities.
NOT_QUANTITIES = re.compile(
    r"\b(room|week|year|no|number|code|id|day|date|time|floor|step|page)s?\b", re.I
)
SEPARATORS = {"tabs": ("Tabs", "\t", "a tab"), "semicolons": ("Semicolons", ";", "a semicolon")}
HEADING_ROW, WHOLE_TABLE = "the heading row of", "every cell of"  # what a background covers
# name in the request, the palette entry of Writer's standard colours, hue range in degrees
COLOURS = {
    "light blue": ("Light Blue 3", (180, 260)),
    "light yellow": ("Light Yellow 3", (40, 70)),
    "light green": ("Light Green 3", (75, 165)),
    "light orange": ("Light Orange 3", (15, 40)),
    "light grey": ("Light Gray 3", None),
}


# -- reading tables --------------------------------------------------------------------


def column_name(column: int) -> str:
    """0 -> "A": the letters of Writer's cell names."""
    return chr(ord("A") + column)


def cell_name(row: int, column: int) -> str:
    return f"{column_name(column)}{row + 1}"


def plain_tables(facts: DocFacts) -> list[int]:
    """Tables (0-based) whose rows all have one stored cell per column and no merges."""
    out = []
    for t, table in enumerate(facts.tables):
        grid = cells(facts, t)
        if table.rows >= 2 and all(
            len(row) == table.columns and all(c.span == 1 and c.merge is None for c in row)
            for row in grid
        ):
            out.append(t)
    return out


def table_place(facts: DocFacts, table: int) -> str:
    """How a person names a table by where it is: 'the table under the heading "X"'."""
    headings = {p.text for p in facts.paragraphs if is_heading(p) and p.text.strip()}
    marker = f"<table {table + 1}>"
    at = facts.blocks.index(marker)
    heading, tables_since = None, 0
    for block in reversed(facts.blocks[:at]):
        if block in headings:
            heading = block
            break
        tables_since += block.startswith("<table ")
    if heading is None:
        return f"the {ordinal(table + 1)} table of the document"
    after = facts.blocks[at + 1 :]
    following = next((b for b in after if b in headings or b.startswith("<table ")), "")
    alone = tables_since == 0 and not following.startswith("<table ")
    which = "" if alone else f"{ordinal(tables_since + 1)} "
    return f'the {which}table under the heading "{heading}"'


def _table_params(facts: DocFacts, table: int) -> dict[str, Any]:
    return {"table": table + 1, "place": table_place(facts, table)}


def unique_in(values: list[str], value: str) -> bool:
    return bool(value.strip()) and values.count(value) == 1


def same_paragraphs(before: DocFacts, after: DocFacts) -> CheckResult:
    if before.texts() != after.texts():
        return fail("the text outside the tables changed")
    return OK


def tables_as(before: DocFacts, after: DocFacts, table: int, expected: list[list[str]]):
    """Table `table` (0-based) now has these cells; other tables and the text are as they
    were."""
    if len(after.tables) != len(before.tables):
        return fail(f"there were {len(before.tables)} tables, now {len(after.tables)}")
    for i, (b, a) in enumerate(zip(before.tables, after.tables, strict=True)):
        if i != table and a.cells != b.cells:
            return fail(f"table {i + 1} changed too")
    got = after.tables[table].cells
    if got != expected:
        return fail(f"table {table + 1} is not as asked: its rows are {got[:4]}")
    return same_paragraphs(before, after)


def _menu(top: str, *path: str) -> list:
    """`steps.menu` for paths whose submenus share names with others (Table - Insert and
    Insert), each submenu found inside the one before it."""
    rules = menu(top, *path)
    parents = (top, *path)[: len(path) - 1]
    rules[1:-1] = [_submenu(parent, name) for parent, name in zip(parents, path[:-1], strict=True)]
    return rules


def _submenu(parent: str, name: str):
    def rule(obs: Observation) -> Action:
        found = next(
            (c for c in obs.controls if (c.name, c.type, c.context) == (name, "menu", parent)),
            None,
        )
        if found is None:
            raise LookupError(f"no submenu {name!r} in the {parent!r} menu")
        return Action(function="click_input", control_label=found.label, control_name=name)

    return rule


def _in_cell(params: dict[str, Any], row: int, column: int):
    return call("select_cells", table=params["table"], first=cell_name(row, column))


# -- converting ------------------------------------------------------------------------


def _text_runs(facts: DocFacts) -> list[tuple[int, int]]:
    """(first paragraph, count) of 2 to 4 consecutive short paragraphs of one style, next to
    each other in the body (no table between them)."""
    texts = facts.blocks
    out = []
    paragraphs = facts.paragraphs
    for first in range(len(paragraphs)):
        for count in (2, 3, 4):
            group = paragraphs[first : first + count]
            if len(group) < count:
                break
            if not all(
                p.text.strip()
                and len(p.text.split()) <= 14
                and not is_heading(p)
                and p.style == group[0].style
                and "\t" not in p.text
                and texts.count(p.text) == 1
                for p in group
            ):
                break
            at = texts.index(group[0].text)
            if texts[at : at + count] != [p.text for p in group]:
                break
            if unique_prefix(facts, first):
                out.append((first, count))
    return out


def _normal_blocks(blocks: list[str]) -> list[str]:
    return ["<table>" if b.startswith("<table ") else b for b in blocks]


class TextToTable(WriterFamily):
    id = "writer/text-to-table-v1"
    category = "table"
    phrasings = styled(
        terse=(
            'Convert the {count} paragraphs from "{start}" on into a one-column table.',
            'Text to table: the {count} lines starting "{start}", one row each.',
        ),
        polite=(
            'Could you please turn the {count} paragraphs beginning with "{start}" into a '
            "table with one column and a row for each paragraph?",
            'Would you mind putting the {count} lines that start at "{start}" into a '
            "single-column table, one line per row?",
        ),
        context=(
            'I want borders around these, so convert the {count} paragraphs starting "{start}" '
            "into a table, one paragraph per row in a single column.",
            "They will be easier to line up in a grid: make the {count} short paragraphs from "
            '"{start}" onwards a one-column table, each in its own row.',
        ),
        indirect=(
            'The {count} paragraphs starting with "{start}" should sit in a one-column table, '
            "each in a row of its own.",
            'Those {count} lines from "{start}" on belong in a table: one column, one row each.',
        ),
        reference=(
            "Convert {position} and the {more} after it into a one-column table with one "
            "row per paragraph.",
            "Put {position} and the next {more} into a table of one column, a row for each.",
        ),
        typo=(
            'convert the {count} paragrahs from "{start}" into a table, one column',
            'make the {count} lines starting "{start}" a one colum table pls, one row each',
        ),
    )

    def sample_params(self, facts, rng):
        options = _text_runs(facts)
        if not options:
            return None
        first, count = rng.choice(options)
        more = "paragraph" if count == 2 else f"{count - 1} paragraphs"
        return {
            "paragraph": first,
            "count": count,
            "start": unique_prefix(facts, first),
            "position": position(facts, first),
            "more": more,
        }

    def solution(self, params):
        return [
            select_paragraphs(params["start"], params["count"]),
            *_menu("Table", "Convert", "Text to Table..."),
            click("Tabs", "radio button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        first, count = params["paragraph"], params["count"]
        texts = [p.text for p in before.paragraphs[first : first + count]]
        at = before.blocks.index(texts[0])
        expected = [*before.blocks[:at], "<table>", *before.blocks[at + count :]]
        if _normal_blocks(after.blocks) != _normal_blocks(expected):
            return fail("the paragraphs are not replaced by one table where they were")
        number = sum(b.startswith("<table ") for b in before.blocks[:at])
        new = after.tables[number]
        if new.cells != [[text] for text in texts]:
            return fail(f"the new table is {new.cells}, not one paragraph per row")
        others = [t.cells for i, t in enumerate(after.tables) if i != number]
        if others != [t.cells for t in before.tables]:
            return fail("another table changed")
        return OK

    def wrong_params(self, params, facts, rng):
        return {**params, "count": params["count"] - 1}


class TableToText(WriterFamily):
    id = "writer/table-to-text-v1"
    category = "table"
    phrasings = styled(
        terse=(
            "Convert table {table} to text, cells separated by {mark}.",
            "Table {table} to plain text, one paragraph per row, {separator} between cells.",
        ),
        polite=(
            "Could you please turn table {table} back into ordinary text, with {mark} between "
            "the cells of each row?",
            "Would you mind converting table {table} to text, using {separator} to separate "
            "the cells?",
        ),
        context=(
            "I need to paste this into a plain email, so convert table {table} to text with "
            "{mark} between cells and each row on its own line.",
            "The grid doesn't survive our import tool: make table {table} plain text, cells "
            "separated by {separator}.",
        ),
        indirect=(
            "Table {table} shouldn't be a table any more; each row should be a line of text "
            "with {mark} between the cells.",
            "I'd like the contents of table {table} as plain text, {separator} separating the "
            "cells.",
        ),
        reference=(
            "Convert {place} to text, with {mark} between the cells of a row.",
            "Turn {place} into plain text, one line per row and {separator} between cells.",
        ),
        typo=(
            "convert table {table} to text with {separator} between the cels",
            "turn tabel {table} into text, {mark} separating cells",
        ),
    )

    def sample_params(self, facts, rng):
        options = [
            t
            for t in plain_tables(facts)
            if not any(re.search(r"[\n\t;]", c) for row in facts.tables[t].cells for c in row)
        ]
        if not options:
            return None
        t = rng.choice(options)
        separator = rng.choice(sorted(SEPARATORS))
        return {
            **_table_params(facts, t),
            "separator": separator,
            "mark": SEPARATORS[separator][2],
        }

    def solution(self, params):
        return [
            _in_cell(params, 0, 0),
            *_menu("Table", "Convert", "Table to Text..."),
            click(SEPARATORS[params["separator"]][0], "radio button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        t = params["table"] - 1
        mark = SEPARATORS[params["separator"]][1]
        rows = [mark.join(row) for row in before.tables[t].cells]
        blocks, now = body_blocks(before), body_blocks(after)
        at = blocks.index(f"<table {t + 1}>")
        expected = [*blocks[:at], *rows, *blocks[at + 1 :]]
        if _normal_blocks(now) != _normal_blocks(expected):
            got = [b for b in now if b not in blocks][:2]
            return fail(f"table {t + 1} is not text with {mark!r} between cells: {got}")
        others = [b.cells for i, b in enumerate(before.tables) if i != t]
        if [a.cells for a in after.tables] != others:
            return fail("another table changed")
        return OK

    def wrong_params(self, params, facts, rng):
        other = next(s for s in SEPARATORS if s != params["separator"])
        return {**params, "separator": other, "mark": SEPARATORS[other][2]}


# -- merging and splitting -------------------------------------------------------------


def _grid_words(facts: DocFacts, table: int) -> list[list[tuple[str, str | None]]]:
    return [[(c.words, c.merge) for c in row] for row in cells(facts, table)]


class MergeCells(WriterFamily):
    """Two cells, one above the other, become one (Table - Merge Cells)."""

    id = "writer/merge-cells-v1"
    category = "table"
    help_sources = MERGE_HELP
    phrasings = styled(
        terse=(
            'In table {table}, merge the cell "{top}" with the cell below it ("{bottom}").',
            'Merge cells "{top}" and "{bottom}" (column {column}) of table {table}.',
        ),
        polite=(
            'Could you please merge the cell reading "{top}" in table {table} with the one just '
            'below it, "{bottom}", keeping both texts?',
            'Would you mind combining the cells "{top}" and "{bottom}" in table {table} into a '
            "single cell?",
        ),
        context=(
            'Those two rows belong together, so merge the cell "{top}" in table {table} with '
            'the cell under it, "{bottom}".',
            'The layout needs one tall cell there: join "{top}" and "{bottom}" in table {table} '
            "into one merged cell.",
        ),
        indirect=(
            'In table {table}, "{top}" and the cell beneath it ("{bottom}") should be one cell.',
            'I\'d like a single merged cell where "{top}" and "{bottom}" sit in table {table}.',
        ),
        reference=(
            "Merge the cells in rows {row} and {next_row} of column {column} in {place}.",
            "In {place}, join the cell at row {row}, column {column} with the cell below it.",
        ),
        typo=(
            'merge the cell "{top}" with the one below it in table {table}',
            'combine cells "{top}" and "{bottom}" in tabel {table} into one',
        ),
    )

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        options = []
        for t in plain_tables(facts):
            grid = facts.tables[t].cells
            values = [c for row in grid for c in row]
            for r in range(1, len(grid) - 1):
                for c in range(len(grid[0])):
                    top, bottom = grid[r][c], grid[r + 1][c]
                    if unique_in(values, top) and bottom.strip() and "\n" not in top + bottom:
                        options.append(
                            {
                                **_table_params(facts, t),
                                "row": r + 1,
                                "next_row": r + 2,
                                "column": c + 1,
                                "top": top,
                                "bottom": bottom,
                            }
                        )
        return options

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def solution(self, params):
        column = column_name(params["column"] - 1)
        return [
            call(
                "select_cells",
                table=params["table"],
                first=f"{column}{params['row']}",
                last=f"{column}{params['next_row']}",
            ),
            *_menu("Table", "Merge Cells"),
        ]

    def check(self, params, before, after, answer):
        t, r, c = params["table"] - 1, params["row"] - 1, params["column"] - 1
        if len(after.tables) != len(before.tables):
            return fail("the number of tables changed")
        expected = _grid_words(before, t)
        expected[r][c] = (f"{params['top']}\n{params['bottom']}", "restart")
        expected[r + 1][c] = ("", "continue")
        got = _grid_words(after, t)
        if got != expected:
            changed = [
                (g, e)
                for gr, er in zip(got, expected, strict=False)
                for g, e in zip(gr, er, strict=False)
                if g != e
            ]
            return fail(f"table {t + 1} is not merged as asked: {changed[:2] or got[:3]}")
        for i in range(len(before.tables)):
            if i != t and _grid_words(after, i) != _grid_words(before, i):
                return fail(f"table {i + 1} changed too")
        return same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        options = [
            o
            for o in self._options(facts)
            if o["table"] == params["table"]
            and (o["row"], o["column"]) != (params["row"], params["column"])
        ]
        return rng.choice(options) if options else None


class SplitCell(WriterFamily):
    """A cell becomes two cells one above the other (Table - Split Cells)."""

    id = "writer/split-cell-v1"
    category = "table"
    help_sources = SPLIT_HELP
    phrasings = styled(
        terse=(
            'Split the cell "{text}" in table {table} into two cells, one above the other.',
            'Table {table}: split cell "{text}" horizontally in two.',
        ),
        polite=(
            'Could you please split the cell that says "{text}" in table {table} into two '
            "cells stacked on top of each other?",
            'Would you mind dividing the cell "{text}" of table {table} into an upper and a '
            "lower cell?",
        ),
        context=(
            'I need room for a second entry under "{text}", so split that cell of table {table} '
            "into two, one above the other, leaving the rest of the row whole.",
            'We add a note below "{text}" later: split its cell in table {table} horizontally '
            "into two cells.",
        ),
        indirect=(
            'The cell "{text}" in table {table} should be two cells, the text in the upper one '
            "and an empty one below.",
            'I\'d like an empty cell directly under "{text}" inside the same row of table '
            "{table}, made by splitting that cell.",
        ),
        reference=(
            "Split the cell at row {row}, column {column} of {place} into two cells, one above "
            "the other.",
            "In {place}, divide the cell in row {row}, column {column} horizontally into two.",
        ),
        typo=(
            'split the cell "{text}" in table {table} into two, one abvoe the other',
            'split cell "{text}" horizontaly in tabel {table}',
        ),
    )

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        options = []
        for t in plain_tables(facts):
            grid = facts.tables[t].cells
            values = [c for row in grid for c in row]
            for r in range(1, len(grid)):
                for c in range(len(grid[0])):
                    if unique_in(values, grid[r][c]) and "\n" not in grid[r][c]:
                        options.append(
                            {
                                **_table_params(facts, t),
                                "row": r + 1,
                                "column": c + 1,
                                "text": grid[r][c],
                            }
                        )
        return options

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def solution(self, params):
        return [
            _in_cell(params, params["row"] - 1, params["column"] - 1),
            *_menu("Table", "Split Cells..."),
            set_box("Split cell into", "2", "spin button"),
            click("Horizontally", "radio button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        t, r, c = params["table"] - 1, params["row"] - 1, params["column"] - 1
        if len(after.tables) != len(before.tables):
            return fail("the number of tables changed")
        grid = _grid_words(before, t)
        upper = [(text, None if k == c else "restart") for k, (text, _) in enumerate(grid[r])]
        lower = [("", None if k == c else "continue") for k in range(len(grid[r]))]
        expected = [*grid[:r], upper, lower, *grid[r + 1 :]]
        got = _grid_words(after, t)
        if got != expected:
            return fail(f"cell {params['text']!r} is not split in two, one above the other")
        for i in range(len(before.tables)):
            if i != t and _grid_words(after, i) != _grid_words(before, i):
                return fail(f"table {i + 1} changed too")
        return same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        options = [
            o
            for o in self._options(facts)
            if o["table"] == params["table"] and o["text"] != params["text"]
        ]
        return rng.choice(options) if options else None


# -- rows and columns ------------------------------------------------------------------


class DeleteRow(WriterFamily):
    id = "writer/delete-table-row-v1"
    category = "table"
    phrasings = styled(
        terse=(
            'Delete the row "{key}" from table {table}.',
            'Remove the "{key}" row of table {table}.',
        ),
        polite=(
            'Could you please delete the whole row that starts with "{key}" in table {table}?',
            'Would you mind taking the row for "{key}" out of table {table}?',
        ),
        context=(
            'That entry is cancelled, so delete the row beginning "{key}" from table {table}.',
            'We no longer report on "{key}": please remove its row from table {table}.',
        ),
        indirect=(
            'Table {table} shouldn\'t have a row for "{key}" any more.',
            'The row starting "{key}" in table {table} is obsolete and should go.',
        ),
        reference=(
            "Delete row {row} of {place}.",
            "Remove the {nth} row of {place}, counting the heading row.",
        ),
        typo=(
            'delete the row "{key}" from tabel {table}',
            'remove row "{key}" in table {table} pls',
        ),
    )

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        options = []
        for t in plain_tables(facts):
            grid = facts.tables[t].cells
            keys_ = [row[0] for row in grid]
            if len(grid) < 3:
                continue
            for r in range(1, len(grid)):
                if unique_in(keys_, grid[r][0]) and "\n" not in grid[r][0]:
                    options.append(
                        {
                            **_table_params(facts, t),
                            "row": r + 1,
                            "nth": ordinal(r + 1),
                            "key": grid[r][0],
                        }
                    )
        return options

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def solution(self, params):
        return [
            _in_cell(params, params["row"] - 1, 0),
            *_menu("Table", "Delete", "Delete Rows"),
        ]

    def check(self, params, before, after, answer):
        t, r = params["table"] - 1, params["row"] - 1
        expected = [row for i, row in enumerate(before.tables[t].cells) if i != r]
        return tables_as(before, after, t, expected)

    def wrong_params(self, params, facts, rng):
        options = [
            o
            for o in self._options(facts)
            if o["table"] == params["table"] and o["row"] != params["row"]
        ]
        return rng.choice(options) if options else None


def _column_options(facts: DocFacts, min_columns: int) -> list[dict[str, Any]]:
    options = []
    for t in plain_tables(facts):
        header = facts.tables[t].cells[0]
        if len(header) < min_columns:
            continue
        for c, name in enumerate(header):
            if unique_in(header, name) and "\n" not in name:
                options.append(
                    {
                        **_table_params(facts, t),
                        "column": c + 1,
                        "nth": ordinal(c + 1),
                        "header": name,
                    }
                )
    return options


class DeleteColumn(WriterFamily):
    id = "writer/delete-table-column-v1"
    category = "table"
    phrasings = styled(
        terse=(
            'Delete the "{header}" column of table {table}.',
            'Remove column "{header}" from table {table}.',
        ),
        polite=(
            'Could you please delete the whole "{header}" column from table {table}?',
            'Would you mind removing the column headed "{header}" in table {table}?',
        ),
        context=(
            'Readers don\'t need the "{header}" column, so delete it from table {table}.',
            'The table is too wide to print: drop the "{header}" column of table {table}.',
        ),
        indirect=(
            'Table {table} should no longer have a "{header}" column.',
            'The column headed "{header}" in table {table} is superfluous; it should go.',
        ),
        reference=(
            "Delete the {nth} column of {place}.",
            "Remove column {column} (counting from the left) of {place}.",
        ),
        typo=(
            'delete the "{header}" colum from table {table}',
            'remove the column "{header}" in tabel {table}',
        ),
    )

    def sample_params(self, facts, rng):
        options = _column_options(facts, 3)
        return rng.choice(options) if options else None

    def solution(self, params):
        return [
            _in_cell(params, 0, params["column"] - 1),
            *_menu("Table", "Delete", "Delete Columns"),
        ]

    def check(self, params, before, after, answer):
        t, c = params["table"] - 1, params["column"] - 1
        expected = [[v for k, v in enumerate(row) if k != c] for row in before.tables[t].cells]
        return tables_as(before, after, t, expected)

    def wrong_params(self, params, facts, rng):
        options = [
            o
            for o in _column_options(facts, 3)
            if o["table"] == params["table"] and o["column"] != params["column"]
        ]
        return rng.choice(options) if options else None


class InsertColumn(WriterFamily):
    id = "writer/insert-table-column-v1"
    category = "table"
    phrasings = styled(
        terse=(
            'Insert an empty column {side} the "{header}" column of table {table}.',
            'New blank column {side} "{header}" in table {table}.',
        ),
        polite=(
            "Could you please add a blank column to table {table}, just {side} the column "
            'headed "{header}"?',
            'Would you mind inserting an empty column {side} "{header}" in table {table}?',
        ),
        context=(
            "We'll add another set of figures later, so put an empty column {side} the "
            '"{header}" column of table {table}.',
            'There\'s a field missing in table {table}: insert a blank column {side} "{header}".',
        ),
        indirect=(
            'Table {table} needs an empty column directly {side} the "{header}" one.',
            'There should be a new, blank column {side} the column headed "{header}" in table '
            "{table}.",
        ),
        reference=(
            "Insert an empty column {side} the {nth} column of {place}.",
            "Add a blank column {side} column {column} of {place}.",
        ),
        typo=(
            'insert an empty colum {side} "{header}" in table {table}',
            'add a blank column {side} the "{header}" column in tabel {table}',
        ),
    )

    def sample_params(self, facts, rng):
        options = _column_options(facts, 2)
        if not options:
            return None
        return {**rng.choice(options), "side": rng.choice(("before", "after"))}

    def solution(self, params):
        item = "Columns Before" if params["side"] == "before" else "Columns After"
        return [_in_cell(params, 0, params["column"] - 1), *_menu("Table", "Insert", item)]

    def check(self, params, before, after, answer):
        t = params["table"] - 1
        at = params["column"] - 1 + (params["side"] == "after")
        expected = [[*row[:at], "", *row[at:]] for row in before.tables[t].cells]
        return tables_as(before, after, t, expected)

    def wrong_params(self, params, facts, rng):
        return {**params, "side": "after" if params["side"] == "before" else "before"}


# -- formatting ------------------------------------------------------------------------


def _others_same(before: DocFacts, after: DocFacts, changed: set[tuple[int, int, int]], what):
    """No cell outside `changed` (table, row, column) changed `what` (a Cell attribute)."""
    for t in range(len(before.tables)):
        for r, (row_b, row_a) in enumerate(zip(cells(before, t), cells(after, t), strict=True)):
            for c, (b, a) in enumerate(zip(row_b, row_a, strict=True)):
                if (t, r, c) not in changed and getattr(a, what) != getattr(b, what):
                    return fail(f"cell {b.words[:30]!r} of table {t + 1} changed its {what}")
    return OK


def _same_tables(before: DocFacts, after: DocFacts) -> CheckResult:
    if [t.cells for t in after.tables] != [t.cells for t in before.tables]:
        return fail("a table's content changed")
    return same_paragraphs(before, after)


class BoldHeader(WriterFamily):
    id = "writer/bold-table-header-v1"
    category = "table"
    phrasings = styled(
        terse=(
            "Bold the heading row of table {table}.",
            'Make the first row of table {table} ("{first}"...) bold.',
        ),
        polite=(
            "Could you please put the whole top row of table {table} in bold?",
            'Would you mind making the header cells of table {table}, starting with "{first}", '
            "bold?",
        ),
        context=(
            "People can't tell the column titles from the data, so make the first row of table "
            "{table} bold.",
            "For the printout, the header row of table {table} needs to stand out: bold all of it.",
        ),
        indirect=(
            "The column headings in the first row of table {table} should be in bold type.",
            'Every cell of the top row of table {table} ("{first}" and the rest) ought to be bold.',
        ),
        reference=(
            "Make the heading row of {place} bold.",
            "Put the first row of {place} in bold.",
        ),
        typo=(
            "bold the header row of tabel {table}",
            "make the frist row of table {table} bold",
        ),
    )

    def sample_params(self, facts, rng):
        options = [
            t
            for t in plain_tables(facts)
            if not all(c.bold for c in cells(facts, t)[0] if c.words)
            and not any(c.bold for c in cells(facts, t)[1])
        ]
        if not options:
            return None
        t = rng.choice(options)
        return {**_table_params(facts, t), "first": facts.tables[t].cells[0][0], "row": 1}

    def solution(self, params):
        return [
            _select_rows(params["table"], params["row"], params["row"]),
            click("Bold", "toggle button"),
        ]

    def check(self, params, before, after, answer):
        same = _same_tables(before, after)
        if not same.success:
            return same
        t = params["table"] - 1
        header = cells(after, t)[0]
        if not all(c.bold for c in header if c.words):
            return fail(f"the first row of table {t + 1} is not all bold")
        changed = {(t, 0, c) for c in range(len(header))}
        return _others_same(before, after, changed, "bold")

    def wrong_params(self, params, facts, rng):
        return {**params, "row": 2}


def _hue_class(fill: str | None, colour: str) -> bool:
    if fill is None:
        return False
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    hues = COLOURS[colour][1]
    if hues is None:  # grey
        return saturation < 0.12 and 0.55 <= lightness < 0.97
    return saturation >= 0.15 and hues[0] <= hue * 360 <= hues[1] and lightness >= 0.5


class TableBackground(WriterFamily):
    """A background colour on the heading row or the whole table (Table - Properties)."""

    id = "writer/table-background-v1"
    category = "table"
    help_sources = BACKGROUND_HELP
    phrasings = styled(
        terse=(
            "Give {scope} table {table} a {colour} background.",
            "Shade {scope} table {table} {colour}.",
        ),
        polite=(
            "Could you please colour the background of {scope} table {table} {colour}?",
            "Would you mind giving {scope} table {table} a {colour} cell background?",
        ),
        context=(
            "To match our brand colours, the background of {scope} table {table} should be "
            "{colour}.",
            "It looks too plain on screen, so shade {scope} table {table} in {colour}.",
        ),
        indirect=(
            "I'd like {scope} table {table} to sit on a {colour} background.",
            "{scope} table {table} ought to be filled with {colour}.",
        ),
        reference=(
            "Give {scope} {place} a {colour} background.",
            "Fill {scope} {place} with {colour}.",
        ),
        typo=(
            "make the backgroud of {scope} table {table} {colour}",
            "shade {scope} tabel {table} {colour} pls",
        ),
    )

    def sample_params(self, facts, rng):
        options = [
            t
            for t in plain_tables(facts)
            if not any(c.fill for row in cells(facts, t) for c in row)
        ]
        if not options:
            return None
        t = rng.choice(options)
        scope = rng.choice((HEADING_ROW, WHOLE_TABLE))
        return {**_table_params(facts, t), "scope": scope, "colour": rng.choice(sorted(COLOURS))}

    def solution(self, params):
        last_row = 1 if params["scope"] == HEADING_ROW else None
        return [
            _select_rows(params["table"], 1, last_row),
            *_menu("Table", "Properties..."),
            click("Background", "page tab"),
            click("Color", "toggle button"),
            click(COLOURS[params["colour"]][0], "list item"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        same = _same_tables(before, after)
        if not same.success:
            return same
        t = params["table"] - 1
        grid = cells(after, t)
        rows = 1 if params["scope"] == HEADING_ROW else len(grid)
        for r in range(rows):
            for c, cell in enumerate(grid[r]):
                if not _hue_class(cell.fill, params["colour"]):
                    name = f"cell {cell_name(r, c)} of table {t + 1}"
                    return fail(f"{name} is filled {cell.fill}, not {params['colour']}")
        changed = {(t, r, c) for r in range(rows) for c in range(len(grid[0]))}
        return _others_same(before, after, changed, "fill")

    def wrong_params(self, params, facts, rng):
        if rng.random() < 0.5:
            scope = WHOLE_TABLE if params["scope"] == HEADING_ROW else HEADING_ROW
            return {**params, "scope": scope}
        return {
            **params,
            "colour": rng.choice([c for c in sorted(COLOURS) if c != params["colour"]]),
        }


class RepeatHeading(WriterFamily):
    """The first row repeats at the top of each page (Table - Properties - Text Flow)."""

    id = "writer/repeat-table-heading-v1"
    category = "table"
    help_sources = REPEAT_HELP
    phrasings = styled(
        terse=(
            "Repeat the heading row of table {table} on every page.",
            "Table {table}: repeat its first row at the top of each new page.",
        ),
        polite=(
            "Could you please set table {table} so that its first row is repeated at the top "
            "of every page it runs onto?",
            "Would you mind making the header row of table {table} repeat on each page?",
        ),
        context=(
            "This table will grow over several pages, so make the first row of table {table} "
            "repeat as a heading on every page.",
            "Readers lose track of the columns after a page break: have table {table} repeat "
            "its heading row on each page.",
        ),
        indirect=(
            "Whenever table {table} continues on a new page, its heading row should appear "
            "again at the top.",
            'The header of table {table} ("{first}"...) ought to be repeated on every page the '
            "table spans.",
        ),
        reference=(
            "Make the heading row of {place} repeat on each page.",
            "Set {place} to repeat its first row at the top of every page.",
        ),
        typo=(
            "repeat the heading row of tabel {table} on every page",
            "make table {table}s header row repeat on each page",
        ),
    )

    def sample_params(self, facts, rng):
        options = [t for t in plain_tables(facts) if not repeats_heading(facts, t)]
        if not options:
            return None
        t = rng.choice(options)
        box = "Repeat heading"
        return {**_table_params(facts, t), "first": facts.tables[t].cells[0][0], "box": box}

    def solution(self, params):
        return [
            _in_cell(params, 0, 0),
            *_menu("Table", "Properties..."),
            click("Text Flow", "page tab"),
            click(params["box"], "check box"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        same = _same_tables(before, after)
        if not same.success:
            return same
        t = params["table"] - 1
        for i in range(len(before.tables)):
            now = repeats_heading(after, i)
            if i == t and not now:
                return fail(f"table {t + 1} does not repeat its heading row")
            if i != t and now != repeats_heading(before, i):
                return fail(f"table {i + 1} changed its heading repeat too")
        return OK

    def wrong_params(self, params, facts, rng):
        return {**params, "box": "Keep with next paragraph"}


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if NUMBER.fullmatch(text) else None


class SumColumn(WriterFamily):
    """A new last row with the total of a column (a table formula)."""

    id = "writer/sum-table-column-v1"
    category = "table"
    help_sources = SUM_HELP
    phrasings = styled(
        terse=(
            'Add a row at the bottom of table {table} with the sum of the "{header}" column '
            "under that column.",
            'Total the "{header}" column of table {table} in a new last row.',
        ),
        polite=(
            "Could you please add a row at the end of table {table} and put the total of the "
            '"{header}" column in it, below that column?',
            'Would you mind summing the "{header}" column of table {table} into a new row at '
            "the bottom, leaving the row's other cells empty?",
        ),
        context=(
            "The board wants the total, so add a last row to table {table} with the sum of the "
            '"{header}" figures under that column.',
            "I keep adding these up by hand: give table {table} a new bottom row containing the "
            '"{header}" total in that column.',
        ),
        indirect=(
            'Table {table} should end with a row showing the total of the "{header}" column '
            "beneath it.",
            'The sum of all the "{header}" values in table {table} ought to appear in a new '
            "row under that column.",
        ),
        reference=(
            "Add a row at the bottom of {place} with the total of its {nth} column in that column.",
            "Under the last row of {place}, add a row holding the sum of column {column}.",
        ),
        typo=(
            'add a row at the botom of table {table} with the total of the "{header}" column',
            'sum the "{header}" colum of table {table} in a new last row',
        ),
    )

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        options = []
        for t in plain_tables(facts):
            grid = facts.tables[t].cells
            if len(grid) < 3:
                continue
            for c, header in enumerate(grid[0]):
                values = [_number(row[c]) for row in grid[1:]]
                if NOT_QUANTITIES.search(header) or not header.strip():
                    continue
                if all(v is not None for v in values):
                    options.append(
                        {
                            **_table_params(facts, t),
                            "column": c + 1,
                            "nth": ordinal(c + 1),
                            "header": header,
                            "total": round(sum(values), 2),
                            "rows": len(grid),
                            "columns": len(grid[0]),
                        }
                    )
        return options

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def solution(self, params):
        column, rows = column_name(params["column"] - 1), params["rows"]
        last = column_name(params["columns"] - 1)
        return [
            call("select_cells", table=params["table"], first=f"{last}{rows}"),
            keys("{End}{Tab}"),  # Tab in the last cell adds a row
            call("select_cells", table=params["table"], first=f"{column}{rows + 1}"),
            keys(f"{{F2}}sum <{column}2:{column}{rows}>{{Return}}"),
        ]

    def check(self, params, before, after, answer):
        t, c = params["table"] - 1, params["column"] - 1
        if len(after.tables) != len(before.tables):
            return fail("the number of tables changed")
        table = after.tables[t]
        if table.cells[:-1] != before.tables[t].cells or table.rows != before.tables[t].rows + 1:
            return fail(f"table {t + 1} did not get exactly one new row at the bottom")
        last = table.cells[-1]
        value = _number(last[c].replace(",", ""))
        if value is None or abs(value - params["total"]) > 0.01:
            return fail(f"the new row shows {last[c]!r} under {params['header']!r}, not the total")
        if any(v.strip() for k, v in enumerate(last) if k != c):
            return fail(f"the new row has other text: {last}")
        for i, (b, a) in enumerate(zip(before.tables, after.tables, strict=True)):
            if i != t and a.cells != b.cells:
                return fail(f"table {i + 1} changed too")
        return same_paragraphs(before, after)

    def wrong_params(self, params, facts, rng):
        columns = facts.tables[params["table"] - 1].columns
        other = params["column"] - 1 if params["column"] > 1 else params["column"] + 1
        return {**params, "column": other} if other <= columns else None


def _sort_key(text: str) -> str:
    return text.casefold()


class SortTable(WriterFamily):
    """The rows below the heading sorted by the first column (Table - Sort)."""

    id = "writer/sort-table-v1"
    category = "table"
    phrasings = styled(
        terse=(
            'Sort table {table} alphabetically by its first column ("{header}"), keeping the '
            "heading row on top.",
            'Sort the rows of table {table} A to Z by "{header}", heading row excluded.',
        ),
        polite=(
            "Could you please put the rows of table {table} in alphabetical order of the "
            '"{header}" column? The heading row should stay at the top.',
            "Would you mind sorting table {table} by its first column, A to Z, leaving the "
            "header row where it is?",
        ),
        context=(
            "People look entries up by name, so sort the rows of table {table} alphabetically "
            'by "{header}" (the heading row stays first).',
            "The order is random at the moment: sort table {table} A to Z on its first column, "
            "below the heading row.",
        ),
        indirect=(
            "The rows under the heading of table {table} should run in alphabetical order of "
            '"{header}".',
            "Table {table} ought to be ordered A to Z by its first column, with its heading row "
            "still on top.",
        ),
        reference=(
            "Sort the rows of {place} alphabetically by the first column, keeping the heading "
            "row at the top.",
            "Put {place} in A to Z order of its first column, below the unchanged heading row.",
        ),
        typo=(
            'sort tabel {table} alphabeticaly by "{header}", keep the heading row on top',
            "sort table {table} a-z by the first column (not the header row)",
        ),
    )

    def sample_params(self, facts, rng):
        options = []
        for t in plain_tables(facts):
            grid = facts.tables[t].cells
            first = [row[0] for row in grid[1:]]
            if len(first) < 3 or len(set(map(_sort_key, first))) != len(first):
                continue
            if any(not v[:1].isalpha() for v in first):
                continue
            alnum = sorted(first, key=lambda v: re.sub(r"[^a-z0-9]", "", v.casefold()))
            ordered = sorted(first, key=_sort_key)
            if ordered == first or ordered != alnum:
                continue
            options.append({**_table_params(facts, t), "header": grid[0][0], "from_row": 2})
        return rng.choice(options) if options else None

    def solution(self, params):
        return [
            _select_rows(params["table"], params["from_row"]),
            *_menu("Table", "Sort..."),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        t = params["table"] - 1
        grid = before.tables[t].cells
        expected = [grid[0], *sorted(grid[1:], key=lambda row: _sort_key(row[0]))]
        return tables_as(before, after, t, expected)

    def wrong_params(self, params, facts, rng):
        grid = facts.tables[params["table"] - 1].cells
        if sorted(grid, key=lambda row: _sort_key(row[0]))[0] == grid[0]:
            return None  # sorting the heading row too would keep it on top
        return {**params, "from_row": 1}


def _select_rows(table: int, first_row: int, last_row: int | None = None):
    """Select whole rows (1-based) of a table, to its last row when `last_row` is None."""

    def rule(obs: Observation) -> Action:
        tables = obs.document.tables if obs.document else []
        if table > len(tables):
            raise LookupError(f"the document shows {len(tables)} tables")
        shown = tables[table - 1]
        last = f"{column_name(shown.columns - 1)}{last_row or shown.rows}"
        return Action(
            function="select_cells", args={"table": table, "first": f"A{first_row}", "last": last}
        )

    return rule


def table_families() -> list[WriterFamily]:
    return [
        TextToTable(),
        TableToText(),
        MergeCells(),
        SplitCell(),
        DeleteRow(),
        DeleteColumn(),
        InsertColumn(),
        BoldHeader(),
        TableBackground(),
        RepeatHeading(),
        SumColumn(),
        SortTable(),
    ]
