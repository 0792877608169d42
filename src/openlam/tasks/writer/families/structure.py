"""Lists, tables and content: bullets, numbering, table edits, inserting, deleting, replacing
text and page breaks."""

from __future__ import annotations

from typing import Any

from openlam.agent.scripted import call
from openlam.tasks.base import CheckResult, Phrasings, styled
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
    position,
    same_text,
    unique_prefix,
)
from openlam.tasks.writer.families.lists import moved
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

    def __init__(
        self,
        id: str,
        kind: str,
        button: str,
        phrasings: Phrasings,
        help_sources: tuple[str, ...] = (),
    ):
        self.id, self.kind, self.button, self.phrasings = id, kind, button, phrasings
        self.help_sources = help_sources

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
    help_sources = (
        "swriter/guide/table_insert.html#hd_id3153135",
        "swriter/guide/table_insert.html#hd_id3155908",
        "swriter/guide/keyboard.html#hd_id3153367",
    )
    phrasings = styled(
        terse=(
            'Insert a {rows}x{columns} table after the paragraph beginning "{start}".',
            'Table with {rows} rows and {columns} columns below "{start}...", please.',
        ),
        polite=(
            "Could you please add an empty table of {rows} rows and {columns} columns right "
            'after the paragraph that starts "{start}"?',
            "Would you mind putting a blank {rows} by {columns} table (rows by columns) under "
            'the paragraph opening with "{start}"?',
        ),
        context=(
            "I want to fill in some figures later, so insert an empty table with {rows} rows "
            'and {columns} columns just after the paragraph "{start}".',
            "We'll compare the options in a grid: add a blank table, {columns} columns wide and "
            '{rows} rows tall, following the paragraph that begins "{start}".',
        ),
        indirect=(
            'The paragraph starting "{start}" should be followed by an empty table of {rows} '
            "rows and {columns} columns.",
            'Right below "{start}..." there ought to be a blank grid: {rows} rows, {columns} '
            "columns.",
        ),
        reference=(
            "Insert an empty table with {rows} rows and {columns} columns after {position}.",
            "Below {position}, add a blank table that is {columns} columns wide and {rows} rows "
            "high.",
        ),
        typo=(
            'insert a {rows}x{columns} tabel after the paragraph begining "{start}"',
            'pls add an empty table {rows} rows {columns} colums under "{start}"',
        ),
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
    phrasings = styled(
        terse=(
            'Table {table}, row {row}, column {column}: change "{old}" to "{value}".',
            'Replace "{old}" in table {table} with "{value}".',
        ),
        polite=(
            'Could you please change the cell reading "{old}" in table {table} (row {row}, '
            'column {column}) so that it says "{value}"?',
            'Would you mind writing "{value}" in place of "{old}" in row {row}, column '
            "{column} of table {table}?",
        ),
        context=(
            'The numbers were updated this morning, so the cell "{old}" in table {table} '
            '(row {row}, column {column}) should now read "{value}".',
            'Our records changed: please set the cell with "{old}" in table {table} to "{value}".',
        ),
        indirect=(
            'In table {table}, the cell that says "{old}" is out of date; it should say "{value}".',
            'Row {row}, column {column} of table {table} ought to read "{value}", not "{old}".',
        ),
        reference=(
            'Make the cell in row {row}, column {column} of table {table} say "{value}" '
            "instead of what it says now.",
            'Overwrite the contents of table {table}, row {row}, column {column} with "{value}".',
        ),
        typo=(
            'chnage "{old}" to "{value}" in table {table}',
            'table {table} row {row} col {column} shoud say "{value}" insted of "{old}"',
        ),
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
    phrasings = styled(
        terse=(
            "Add a row at the bottom of table {table}.",
            "Append an empty row to table {table}.",
        ),
        polite=(
            "Could you please add one blank row at the end of table {table}?",
            "Would you mind giving table {table} an extra empty row below its last one?",
        ),
        context=(
            "We have another entry to add later, so put an empty row at the bottom of table "
            "{table}.",
            "The list in table {table} will grow next month: please add a blank last row to it.",
        ),
        indirect=(
            "Table {table} needs one more empty row at the end.",
            "There should be a blank row after the last row of table {table}.",
        ),
        reference=(
            'Add an empty row at the end of the table whose last cell reads "{last}".',
            'Below the row that ends with "{last}", give that table one more blank row at '
            "the bottom.",
        ),
        typo=(
            "add a row at the botom of table {table}",
            "table {table} needs one more empty row at the end pls",
        ),
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
    phrasings = styled(
        terse=(
            "Delete table {table}.",
            "Remove table {table} entirely.",
        ),
        polite=(
            "Could you please take table {table} out of the document?",
            "Would you mind deleting the whole of table {table}?",
        ),
        context=(
            "Those figures are now published elsewhere, so delete table {table} completely.",
            "The reader doesn't need the detail in table {table}; please remove that table.",
        ),
        indirect=(
            "Table {table} should no longer be in the document.",
            "Table {table} is redundant; the document is better without it.",
        ),
        reference=(
            'Delete the table whose first cell says "{first}".',
            'Remove the whole table that starts with the heading cell "{first}".',
        ),
        typo=(
            "delete tabel {table}",
            "get rid of table {table} pls, all of it",
        ),
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
    phrasings = styled(
        terse=(
            'After the paragraph beginning "{start}", add a paragraph: "{text}"',
            'New paragraph "{text}" below "{start}...".',
        ),
        polite=(
            'Could you please add a new paragraph reading "{text}" right after the one that '
            'starts "{start}"?',
            'Would you mind inserting "{text}" as its own paragraph after the paragraph '
            'opening with "{start}"?',
        ),
        context=(
            'Readers keep asking about this, so add the paragraph "{text}" straight after the '
            'paragraph beginning "{start}".',
            'To round off that section, put a new paragraph saying "{text}" after the '
            'paragraph "{start}".',
        ),
        indirect=(
            'The paragraph starting "{start}" should be followed by a new paragraph that says '
            '"{text}"',
            'There ought to be a separate paragraph, "{text}", just after "{start}...".',
        ),
        reference=(
            'After {position}, add a new paragraph with the text "{text}"',
            'Insert a paragraph reading "{text}" below {position}.',
        ),
        typo=(
            'add a new paragraph after "{start}" saying "{text}"',
            'put "{text}" as a new paragrpah under the one begining "{start}"',
        ),
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
    phrasings = styled(
        terse=(
            'Delete the paragraph beginning "{start}".',
            'Remove the "{start}..." paragraph.',
        ),
        polite=(
            'Could you please take out the whole paragraph that starts "{start}"?',
            'Would you mind deleting the paragraph opening with "{start}"?',
        ),
        context=(
            'That point is no longer true, so delete the paragraph beginning "{start}" completely.',
            'The document is too long; please cut the paragraph starting "{start}" entirely.',
        ),
        indirect=(
            'The paragraph that opens with "{start}" should go.',
            'The document no longer needs the paragraph starting "{start}".',
        ),
        reference=(
            "Delete {position}.",
            "Remove {position} entirely, leaving the rest as it is.",
        ),
        typo=(
            'delete the paragraph startng "{start}"',
            'pls remove the whole paragraph "{start}"',
        ),
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
    phrasings = styled(
        terse=(
            'Replace "{word}" with "{new}".',
            "Change {word} to {new}.",
        ),
        polite=(
            'Could you please change the word "{word}" to "{new}"?',
            'Would you mind swapping "{word}" for "{new}" in the text?',
        ),
        context=(
            'Our editor prefers another word here, so replace "{word}" with "{new}".',
            'The wording was queried in review: please put "{new}" where it says "{word}".',
        ),
        indirect=(
            'Where the text says "{word}", it should say "{new}".',
            'The word "{word}" is wrong there; the document should read "{new}" instead.',
        ),
        reference=(
            'In {position}, change the word "{word}" to "{new}".',
            'Replace "{word}" in {position} with "{new}".',
        ),
        typo=(
            "replace {word} wiht {new}",
            'change "{word}" to "{new}" pls',
        ),
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
    help_sources = ("swriter/guide/page_break.html#hd_id3149833",)
    phrasings = styled(
        terse=(
            'Page break before the paragraph beginning "{start}".',
            'Start a new page at "{start}...".',
        ),
        polite=(
            'Could you please insert a page break just before the paragraph that starts "{start}"?',
            'Would you mind making the paragraph opening with "{start}" begin on a new page?',
        ),
        context=(
            "This part is handed out separately, so put a page break before the paragraph "
            '"{start}".',
            'When printed, the paragraph beginning "{start}" splits badly; start a new page '
            "just before it.",
        ),
        indirect=(
            'The paragraph starting "{start}" should be at the top of a fresh page.',
            'Everything from "{start}..." onwards belongs on the next page.',
        ),
        reference=(
            "Insert a page break before {position}.",
            "Make {position} start a new page.",
        ),
        typo=(
            'insert a page brake before "{start}"',
            'new page at the paragraph begining "{start}" pls',
        ),
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


class MoveParagraph(WriterFamily):
    """A paragraph swaps places with its neighbour: cut and paste with keys."""

    id = "writer/move-paragraph-v1"
    category = "content"
    help_sources = ("swriter/guide/dragdroptext.html#hd_id3155919",)
    phrasings = styled(
        terse=(
            'Move the paragraph beginning "{start}" {where}.',
            'Swap the paragraphs "{start}..." and "{other}...".',
        ),
        polite=(
            'Could you please move the paragraph that starts "{start}" so it comes {when} the '
            'one beginning "{other}"?',
            'Would you mind swapping the paragraph "{start}" with the paragraph {neighbour} it?',
        ),
        context=(
            'The argument flows better the other way round, so put the paragraph "{start}" '
            '{when} the paragraph "{other}".',
            'Readers need this point {first}: move "{start}..." {where}.',
        ),
        indirect=(
            'The paragraph starting "{start}" should come {when} the one starting "{other}".',
            'The paragraphs "{other}..." and "{start}..." are in the wrong order.',
        ),
        reference=(
            "Move {position} {where}.",
            "Swap {position} with the paragraph {neighbour} it.",
        ),
        typo=(
            'move the paragrpah "{start}" {where}',
            'swap "{start}" with the paragraph {neighbour} it pls',
        ),
    )

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        blocks, body = facts.blocks, set(body_paragraphs(facts, 8))
        index = {facts.paragraphs[i].text: i for i in body}
        options = []
        for i in sorted(body):
            text, start = facts.paragraphs[i].text, unique_prefix(facts, i)
            if blocks.count(text) != 1 or start is None:
                continue
            at = blocks.index(text)
            for direction, step in (("up", -1), ("down", 1)):
                # the keys need a paragraph after the cut one, and after the neighbour below
                after = at + 1 if step < 0 else at + 2
                other = blocks[at + step] if 0 <= at + step < len(blocks) else ""
                if other not in index or after >= len(blocks) or blocks[after].startswith("<"):
                    continue
                neighbour = unique_prefix(facts, index[other])
                if neighbour is None:
                    continue
                up = step < 0
                options.append(
                    {
                        "paragraph": i,
                        "start": start,
                        "position": position(facts, i),
                        "direction": direction,
                        "other": neighbour,
                        "neighbour": "before" if up else "after",
                        "when": "before" if up else "after",
                        "where": "above the paragraph before it"
                        if up
                        else "below the paragraph after it",
                        "first": "earlier" if up else "later",
                    }
                )
        return options

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def solution(self, params):
        to = "{ctrl+Up}" if params["direction"] == "up" else "{ctrl+Down}"
        # the whole paragraph with its end, cut, and pasted at the start of the one it passes
        return [select_paragraphs(params["start"]), keys("{shift+Right}{ctrl+x}" + to + "{ctrl+v}")]

    def check(self, params, before, after, answer):
        return moved(before, after, params["paragraph"], params["direction"])

    def wrong_params(self, params, facts, rng):
        flipped = "down" if params["direction"] == "up" else "up"
        options = self._options(facts)
        for option in options:
            if option["paragraph"] == params["paragraph"] and option["direction"] == flipped:
                return option
        # else another pair swapped (not the asked pair seen from the other paragraph)
        swap = {params["start"], params["other"]}
        others = [o for o in options if {o["start"], o["other"]} != swap]
        return rng.choice(others) if others else None


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
            styled(
                terse=(
                    'Bullet the paragraph beginning "{start}"{extent}.',
                    'Make "{start}..."{extent} a bulleted list.',
                ),
                polite=(
                    'Could you please turn the paragraph that starts "{start}"{extent} into '
                    "bullet points?",
                    'Would you mind formatting the paragraph opening with "{start}"{extent} as '
                    "a bulleted list?",
                ),
                context=(
                    "It reads like a list of separate points, so put bullets on the paragraph "
                    'beginning "{start}"{extent}.',
                    'For the slide handout, the paragraph "{start}"{extent} should become a '
                    "bullet list.",
                ),
                indirect=(
                    'The paragraph starting "{start}"{extent} should appear as bullet points.',
                    'I\'d like a bullet in front of the paragraph "{start}"{extent}.',
                ),
                reference=(
                    "Make {position}{extent} a bulleted list.",
                    "Add bullets to {position}{extent}.",
                ),
                typo=(
                    'make the paragraph begining "{start}"{extent} a bulleted list',
                    'bullet points for "{start}"{extent} pls',
                ),
            ),
            ("swriter/guide/using_numbered_lists.html#hd_id3291116",),
        ),
        MakeList(
            "writer/numbered-list-v1",
            "number",
            "Ordered List",
            styled(
                terse=(
                    'Number the paragraph beginning "{start}"{extent}.',
                    'Make "{start}..."{extent} a numbered list.',
                ),
                polite=(
                    'Could you please turn the paragraph that starts "{start}"{extent} into a '
                    "numbered list?",
                    "Would you mind adding numbering to the paragraph opening with "
                    '"{start}"{extent}?',
                ),
                context=(
                    "These are steps people follow in order, so make the paragraph beginning "
                    '"{start}"{extent} a numbered list.',
                    "We refer to it by number in meetings: please number the paragraph "
                    '"{start}"{extent} as a list.',
                ),
                indirect=(
                    'The paragraph starting "{start}"{extent} should be a 1, 2, 3 list.',
                    'I\'d like a list number in front of the paragraph "{start}"{extent}.',
                ),
                reference=(
                    "Make {position}{extent} a numbered list.",
                    "Add list numbering to {position}{extent}.",
                ),
                typo=(
                    'make the paragraph "{start}"{extent} a numberd list',
                    'number the paragrpah starting "{start}"{extent} pls',
                ),
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
        MoveParagraph(),
    ]
