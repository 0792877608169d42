"""Questions about the document, answered with `summary` and judged from the answer.

The answer is read from the template's facts; the document must stay as it is. A judge
accepts the right value said in any words and rejects another value (another count, cell,
heading or font), or an answer that lists the right value among rivals.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn

from openlam.agent.scripted import call
from openlam.tasks.base import styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    FUNCTION_WORDS,
    OK,
    WriterFamily,
    all_of,
    body_paragraphs,
    fail,
    ordinal,
    pick_paragraph,
    position,
    same_text,
    unique_prefix,
)

NUMBER_WORDS = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
ORDINALS = ("first", "second", "third", "fourth", "fifth")
WORD_COUNT = "swriter/guide/words_count.html#hd_id3149686"
FIND_FORMATS = "swriter/guide/finding.html#hd_id3231299"
# Writer's word count also breaks words at these "additional separators" (its default).
DASHES = "\u2013\u2014"


def numbers_in(answer: str) -> list[int]:
    """The numbers an answer says, in digits ("1,100" is one number) or words to twenty."""
    found = []
    for token in re.findall(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+|[a-z]+", answer.lower()):
        if token[0].isdigit():
            found.append(int(token.replace(",", "")))
        elif token in NUMBER_WORDS:
            found.append(NUMBER_WORDS.index(token))
    return found


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def mentions(answer: str, text: str) -> bool:
    """Whether the answer says the text: its words in order, whatever the punctuation."""
    said, wanted = _tokens(answer), _tokens(text)
    n = len(wanted)
    return n > 0 and any(said[i : i + n] == wanted for i in range(len(said) - n + 1))


class Answer(WriterFamily):
    """A question whose answer is read from the template; the document must stay as it is."""

    category = "question"

    def __init__(self, id, phrasings, sample, judge, reply, wrong, help_sources=()):
        self.id, self.phrasings, self.help_sources = id, phrasings, tuple(help_sources)
        self._sample, self._judge, self._reply, self._wrong = sample, judge, reply, wrong

    def sample_params(self, facts, rng):
        return self._sample(facts, rng)

    def solution(self, params):
        return [call("summary", text=self._reply(params))]

    def check(self, params, before, after, answer):
        if not answer:
            return fail("no answer was given")
        return all_of(self._judge(params, answer), same_text(before, after))

    def wrong_params(self, params, facts, rng):
        """The same answer about a wrong value: another count, heading, cell or font."""
        return self._wrong(params, facts, rng)


# -- judges ------------------------------------------------------------------------------


def _given(params: dict[str, Any]) -> set[int]:
    """Numbers the question itself says (a table's number, a quoted paragraph's figures):
    an answer may repeat them."""
    said = " ".join(
        str(v) for k, v in params.items() if k not in ("answer", "low", "high", "paragraph")
    )
    return set(numbers_in(said))


# Counts of something else that Writer's statistics show beside the words ("1,410
# characters", "2 pages"): an answer may pass them on.
OTHER_STATISTICS = re.compile(r"\d[\d,]*\s+(?:characters?|chars?|pages?)\b", re.IGNORECASE)


def _judge_count(params, answer):
    """The count is said (within [low, high] where a count has a tolerance), and no other
    number but those the question says."""
    low, high = params.get("low", params["answer"]), params.get("high", params["answer"])
    numbers = numbers_in(OTHER_STATISTICS.sub(" ", answer))
    if low == 0 and {"no", "none"} & set(_tokens(answer)):
        numbers.append(0)
    if not any(low <= n <= high for n in numbers):
        expected = str(low) if low == high else f"{low} to {high}"
        return fail(f"the answer {answer!r} does not give the count {expected}")
    given = _given(params)
    stray = [n for n in numbers if not low <= n <= high and n not in given]
    if stray:
        return fail(f"the answer {answer!r} also gives other numbers: {stray}")
    return OK


def _judge_text(params, answer):
    """Every expected text is said, and no rival (another heading, cell, font...) unless
    it is part of an expected text or of the context the answer may repeat."""
    wanted = params["answer"] if isinstance(params["answer"], list) else [params["answer"]]
    missing = [w for w in wanted if not mentions(answer, w)]
    if missing:
        return fail(f"the answer {answer!r} does not contain {missing[0]!r}")
    allowed = [*wanted, *params.get("context", [])]
    for other in params.get("others", []):
        if mentions(answer, other) and not any(mentions(a, other) for a in allowed):
            return fail(f"the answer names {other!r} too")
    return OK


# -- what the document says, beyond the facts' fields ------------------------------------


def headings(facts: DocFacts) -> list[int]:
    return [
        i
        for i, p in enumerate(facts.paragraphs)
        if p.style.startswith("Heading") and p.text.strip()
    ]


def title_of(facts: DocFacts) -> str | None:
    titles = [p.text for p in facts.paragraphs if p.style == "Title" and p.text.strip()]
    return titles[0] if len(titles) == 1 else None


def body_order(facts: DocFacts) -> list[tuple[str, int]]:
    """The body in order: ("p", paragraph index) and ("t", table index)."""
    out, paragraphs, tables = [], 0, 0
    for child in facts.document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(("p", paragraphs))
            paragraphs += 1
        elif child.tag == qn("w:tbl"):
            out.append(("t", tables))
            tables += 1
    return out


def _placed(facts: DocFacts, items: list[tuple[int, str | None]], noun: str) -> dict:
    """Names for things (tables, lists) by the heading they stand under: "the table under
    the heading "Budget"", "the second table under ...", else counted from the top."""
    texts = [facts.paragraphs[i].text for i in headings(facts)]
    names = {}
    for n, (key, heading) in enumerate(items):
        if heading is None or texts.count(heading) != 1:
            names[key] = f"the {ordinal(n + 1)} {noun} of the document"
            continue
        same = [k for k, h in items if h == heading]
        nth = "" if len(same) == 1 else f"{ordinal(same.index(key) + 1)} "
        names[key] = f'the {nth}{noun} under the heading "{heading}"'
    return names


def table_places(facts: DocFacts) -> dict[int, str]:
    heading, items, marks = None, [], set(headings(facts))
    for kind, i in body_order(facts):
        if kind == "p" and i in marks:
            heading = facts.paragraphs[i].text
        elif kind == "t":
            items.append((i, heading))
    return _placed(facts, items, "table")


def bullet_lists(facts: DocFacts) -> list[tuple[list[int], str | None]]:
    """Runs of bulleted paragraphs (paragraph indices) with the heading they stand under."""
    heading, lists, current = None, [], None
    marks = set(headings(facts))
    for kind, i in body_order(facts):
        paragraph = facts.paragraphs[i] if kind == "p" else None
        if paragraph is not None and not paragraph.text.strip():
            continue
        if paragraph is not None and paragraph.list_kind == "bullet":
            if current is None:
                current = ([], heading)
                lists.append(current)
            current[0].append(i)
            continue
        current = None
        if kind == "p" and i in marks:
            heading = paragraph.text
    return lists


def writer_words(text: str) -> int:
    """Words as Writer counts them (measured in Writer 7): split at white space and at
    en and em dashes, and a double hyphen ("--check") starts a word of its own."""
    words = [w for w in re.split(rf"[\s{DASHES}]+", text) if w]
    return len(words) + sum(w.count("--") for w in words)


def plain_words(text: str) -> int:
    """Words as a reader counts them: white-space separated, with a letter or digit."""
    return len([w for w in text.split() if re.search(r"\w", w)])


THEME_FONT = {"major": "majorFont", "minor": "minorFont"}


def _theme_fonts(document) -> dict[str, str]:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            xml = rel.target_part.blob.decode("utf-8", "replace")
            found = {}
            for key, tag in THEME_FONT.items():
                match = re.search(rf"<a:{tag}>\s*<a:latin typeface=\"([^\"]*)\"", xml)
                if match and match.group(1):
                    found[key] = match.group(1)
            return found
    return {}


def _font_of(rpr, theme: dict[str, str]) -> str | None:
    """The Latin font a run-properties element sets (a theme font wins over a name)."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    themed = fonts.get(qn("w:asciiTheme"))
    if themed:
        return theme.get(themed[:5])
    return fonts.get(qn("w:ascii"))


def _style_font(style, theme: dict[str, str]) -> str | None:
    while style is not None:
        font = _font_of(style.element.rPr, theme)
        if font:
            return font
        style = style.base_style
    return None


def paragraph_font(facts: DocFacts, index: int) -> str | None:
    """The one font every character of a paragraph is shown in (None when it mixes
    fonts): the run's own, else its character style's, the paragraph style's, the
    document default's."""
    document = facts.document
    theme = _theme_fonts(document)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = None if defaults is None else defaults.find(f".//{qn('w:rPr')}")
    default = _font_of(rpr, theme) or "Liberation Serif"
    paragraph = document.paragraphs[index]
    base = _style_font(paragraph.style, theme) or default
    fonts = set()
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        style = run.style if run._r.rPr is not None and run._r.rPr.rStyle is not None else None
        fonts.add(_font_of(run._r.rPr, theme) or _style_font(style, theme) or base)
    return fonts.pop() if len(fonts) == 1 else None


# -- the families' samplers --------------------------------------------------------------


def _count_tables(facts, rng):
    title = title_of(facts)
    return {"answer": len(facts.tables), "title": title} if title else None


def _heading(facts, rng):
    marks = headings(facts)
    if len(marks) < 2:
        return None
    texts = [facts.paragraphs[i].text for i in marks]
    usable = [n for n in range(min(len(marks), len(ORDINALS))) if _below(facts, marks[n])]
    if not usable:
        return None
    n = rng.choice(usable)
    return {
        "nth": ORDINALS[n],
        "answer": texts[n],
        "below": _below(facts, marks[n]),
        "others": [h for h in texts if h != texts[n]],
    }


def _below(facts: DocFacts, index: int) -> str | None:
    """The opening words of the paragraph right after a heading, if it names it alone."""
    following = [
        i for i in range(index + 1, len(facts.paragraphs)) if facts.paragraphs[i].text.strip()
    ]
    if not following or facts.paragraphs[following[0]].style.startswith("Heading"):
        return None
    if facts.paragraphs[following[0]].style == "Title":
        return None
    return unique_prefix(facts, following[0])


def _title(facts, rng):
    title = title_of(facts)
    return {"answer": title} if title else None


def _document_words(facts, rng):
    """Writer's count (Tools - Word Count, the status bar) is the words of the paragraphs,
    the table cells, the header and the footer, plus one word for each list item's bullet
    or number, with words also broken at en and em dashes (checked against Writer on every
    template); a reader counting the text skips the labels and the page furniture. Any
    count from the reader's to Writer's is right: the tolerance is exactly how far the two
    ways of counting can differ, so another count (the paragraphs without the tables, a
    miscount by one past either end) is wrong."""
    title = title_of(facts)
    if title is None:
        return None
    cells = [c for t in facts.tables for row in t.cells for c in _unique_row(row)]
    texts = [p.text for p in facts.paragraphs] + cells
    labels = sum(1 for p in facts.paragraphs if p.list_kind and p.text.strip())
    furniture = [facts.header or "", facts.footer or ""]
    low = sum(plain_words(t) for t in texts)
    high = sum(writer_words(t) for t in texts + furniture) + labels
    return {"title": title, "answer": high, "low": low, "high": high}


def _unique_row(row: list[str]) -> list[str]:
    """A row's cells, a merged cell (python-docx repeats it) once."""
    return [c for n, c in enumerate(row) if n == 0 or c != row[n - 1]]


def _paragraph_words(facts, rng):
    """A plain paragraph (no list label): Writer's count of it selected is its words,
    broken also at en and em dashes; a reader's count may keep "2015\u20132016" as one
    word, so both are right, and nothing else."""
    params = pick_paragraph(facts, rng)
    if params is None:
        return None
    text = facts.paragraphs[params["paragraph"]].text
    low, high = sorted((plain_words(text), writer_words(text)))
    return {**params, "answer": high, "low": low, "high": high}


def _wrong_count(params, facts, rng):
    """A count outside the accepted range: off by one or by a tenth, as a miscount is."""
    high = params.get("high", params["answer"])
    low = params.get("low", params["answer"])
    step = max(1, high // 10) if rng.random() < 0.5 else 1
    answer = high + step if low - step < 1 or rng.random() < 0.5 else low - step
    return {**params, "answer": answer}


def _marked_text(attribute: str):
    """A paragraph with some (not all) of its text directly bold or italic: the marked
    stretches are the answer, the paragraph's other words its rivals."""

    def sample(facts, rng):
        options = []
        for i, paragraph in enumerate(facts.paragraphs):
            if paragraph.style == "Title" or paragraph.style.startswith("Heading"):
                continue
            stretches = _stretches(paragraph, attribute)
            start = unique_prefix(facts, i) if stretches else None
            if start is None:
                continue
            said = " ".join([start, *stretches]).lower()
            others = sorted(
                {
                    w
                    for w in re.findall(r"[A-Za-z]{4,}", _unmarked(paragraph, attribute))
                    if w.lower() not in FUNCTION_WORDS and not mentions(said, w)
                }
            )
            if others:
                options.append((i, start, stretches, others))
        if not options:
            return None
        i, start, stretches, others = rng.choice(options)
        return {
            "paragraph": i,
            "start": start,
            "position": position(facts, i),
            "answer": stretches,
            "others": others,
            "context": [start],
        }

    return sample


def _stretches(paragraph, attribute: str) -> list[str]:
    """The paragraph's stretches of text that carry an attribute, each once; [] when all
    of it (or none) does."""
    out, current = [], ""
    for run in paragraph.runs:
        if getattr(run, attribute):
            current += run.text
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    out = [s.strip() for s in out if s.strip()]
    if not out or "".join(out).replace(" ", "") == paragraph.text.replace(" ", ""):
        return []
    return list(dict.fromkeys(out))


def _unmarked(paragraph, attribute: str) -> str:
    return " ".join(r.text for r in paragraph.runs if not getattr(r, attribute))


def _wrong_marked(params, facts, rng):
    return {**params, "answer": [rng.choice(params["others"])]}


def _cells(facts: DocFacts, t: int) -> list[tuple[int, int, str]]:
    """(row, column, text) of a table's non-empty cells whose text occurs once in it."""
    grid = facts.tables[t].cells
    texts = [c for row in grid for c in row]
    return [
        (r, c, text)
        for r, row in enumerate(grid)
        for c, text in enumerate(row)
        if text.strip() and texts.count(text) == 1
    ]


def _short_number(text: str) -> bool:
    return bool(re.fullmatch(r"\W*\d{1,2}\W*", text))


def _cell(facts, rng):
    places = table_places(facts)
    options = [(t, cell) for t in range(len(facts.tables)) for cell in _cells(facts, t)]
    if not options:
        return None
    t, (r, c, text) = rng.choice(options)
    return _cell_params(facts, t, r, c, text, places[t])


def _cell_params(facts, t, r, c, text, place):
    grid = facts.tables[t].cells
    column = [row[c] for row in grid[1:] if c < len(row)]
    return {
        "table": t + 1,
        "place": place,
        "row": r + 1,
        "column": c + 1,
        "answer": text,
        # The rest of the column: a whole column read out names them (short numbers are
        # left out, as an answer may well say "row 3").
        "others": [o for o in column if o != text and o.strip() and not _short_number(o)],
    }


def _wrong_cell(params, facts, rng):
    t = params["table"] - 1
    others = [
        cell
        for cell in _cells(facts, t)
        if cell[2] != params["answer"] and not mentions(cell[2], params["answer"])
    ]
    if not others:
        return None
    r, c, text = rng.choice(others)
    return {**params, "row": r + 1, "column": c + 1, "answer": text}


def _lookup(facts, rng):
    """A cell found by its row's first cell and its column's header ("the Revenue of
    Great Lakes"), where that pair names one cell in the whole document."""
    places = table_places(facts)
    pairs: dict[tuple[str, str], list] = {}
    for t, table in enumerate(facts.tables):
        grid = table.cells
        if len(grid) < 3 or len(grid[0]) < 2:
            continue
        header = grid[0]
        keys = [row[0] for row in grid[1:]]
        for r, row in enumerate(grid[1:], start=1):
            for c in range(1, min(len(row), len(header))):
                fine = (
                    re.search(r"[A-Za-z]", row[0])
                    and re.search(r"[A-Za-z]", header[c])
                    and header.count(header[c]) == 1
                    and keys.count(row[0]) == 1
                    and row[c].strip()
                    and row[c] not in (row[0], header[c])
                )
                if fine:
                    pairs.setdefault((header[c].strip(), row[0].strip()), []).append(
                        (t, r, c, row[c])
                    )
    options = [(key, cells[0]) for key, cells in pairs.items() if len(cells) == 1]
    if not options:
        return None
    (column_name, row_name), (t, r, c, text) = rng.choice(options)
    params = _cell_params(facts, t, r, c, text, places[t])
    params["others"] = [o for o in params["others"] if o not in (row_name, column_name)]
    return {**params, "column_name": column_name, "row_name": row_name}


def _wrong_lookup(params, facts, rng):
    """The same column in another row."""
    grid = facts.tables[params["table"] - 1].cells
    c = params["column"] - 1
    rows = [
        row
        for row in grid[1:]
        if c < len(row) and row[c].strip() and row[c] != params["answer"]
        if not mentions(row[c], params["answer"])
    ]
    if not rows:
        return None
    return {**params, "answer": rng.choice(rows)[c]}


def _table_rows(facts, rng):
    if not facts.tables:
        return None
    places = table_places(facts)
    t = rng.randrange(len(facts.tables))
    return {"table": t + 1, "place": places[t], "answer": facts.tables[t].rows}


def _wrong_rows(params, facts, rng):
    """Without the header row (a common slip), or one too many."""
    rows = params["answer"]
    return {**params, "answer": rows - 1 if rows > 2 and rng.random() < 0.5 else rows + 1}


def _bullets(facts, rng):
    lists = bullet_lists(facts)
    names = _placed(facts, [(n, h) for n, (_, h) in enumerate(lists)], "bulleted list")
    options = []
    for n, (items, _) in enumerate(lists):
        first = " ".join(facts.paragraphs[items[0]].text.split()[:5])
        if len(items) >= 2 and facts.count(first) == 1:
            options.append((n, items, first))
    if not options:
        return None
    n, items, first = rng.choice(options)
    return {"place": names[n], "first": first, "answer": len(items)}


def _wrong_bullets(params, facts, rng):
    n = params["answer"]
    return {**params, "answer": n - 1 if n > 2 and rng.random() < 0.5 else n + 1}


def _page_part(facts, rng):
    parts = [part for part in ("header", "footer") if (getattr(facts, part) or "").strip()]
    if not parts:
        return None
    part = rng.choice(parts)
    other = "footer" if part == "header" else "header"
    rival = (getattr(facts, other) or "").strip()
    return {
        "part": part,
        "edge": "top" if part == "header" else "bottom",
        "answer": getattr(facts, part).strip(),
        "others": [rival] if rival else [],
    }


def _wrong_page_part(params, facts, rng):
    if params["others"]:
        return {**params, "answer": params["others"][0]}
    return {**params, "answer": f"There is no {params['part']}."}


def _font(facts, rng):
    """The title, a heading or a paragraph, with the one font it is shown in; half the
    time one whose font differs from the body text's, where the document has such."""
    options = []
    title = title_of(facts)
    marks = headings(facts)
    body = set(body_paragraphs(facts))
    for i, paragraph in enumerate(facts.paragraphs):
        if not paragraph.text.strip():
            continue
        if paragraph.style == "Title" and paragraph.text == title:
            target, place = "the title", "the big line at the very top of the document"
        elif i in marks and facts.count(paragraph.text) == 1:
            target = f'the heading "{paragraph.text}"'
            place = f"the {ordinal(marks.index(i) + 1)} heading of the document"
        elif (i in body or paragraph.style == "Quote") and unique_prefix(facts, i):
            target = f'the paragraph that begins "{unique_prefix(facts, i)}"'
            place = position(facts, i)
        else:
            continue
        font = paragraph_font(facts, i)
        if font:
            options.append((i, target, place, font))
    if not options:
        return None
    fonts = {font for *_, font in options}
    usual = paragraph_font(facts, min(body)) if body else None
    unusual = [o for o in options if o[3] != usual]
    i, target, place, font = rng.choice(unusual if unusual and rng.random() < 0.5 else options)
    return {
        "paragraph": i,
        "target": target,
        "place": place,
        "answer": font,
        "others": sorted(fonts - {font}),
        "context": [facts.paragraphs[i].text],
    }


def _wrong_font(params, facts, rng):
    rivals = params["others"] or [
        f for f in ("Liberation Sans", "Liberation Serif") if f != params["answer"]
    ]
    return {**params, "answer": rng.choice(rivals)}


def _count_headings(facts, rng):
    marks = headings(facts)
    return {"answer": len(marks)} if len(marks) >= 2 else None


def _wrong_headings(params, facts, rng):
    """The title counted as a heading too, or one missed."""
    n = params["answer"]
    return {**params, "answer": n + 1 if rng.random() < 0.5 else n - 1}


def _last_heading(facts, rng):
    marks = headings(facts)
    if len(marks) < 2:
        return None
    texts = [facts.paragraphs[i].text for i in marks]
    below = _below(facts, marks[-1])
    if below is None or texts.count(texts[-1]) != 1:
        return None
    return {"answer": texts[-1], "below": below, "others": texts[:-1]}


def _wrong_heading(params, facts, rng):
    return {**params, "answer": rng.choice(params["others"])}


def _said(values) -> str:
    values = values if isinstance(values, list) else [values]
    return ", ".join(f'"{v}"' for v in values)


def question_families() -> list[WriterFamily]:
    return [
        Answer(
            "writer/count-tables-v1",
            styled(
                terse=("How many tables are in this document?", "Count the tables."),
                polite=(
                    "Could you tell me how many tables this document contains?",
                    "Would you mind counting the tables in the document for me?",
                ),
                context=(
                    "I have to list every figure and table in an appendix, so how many "
                    "tables does this document have?",
                    "Before I send this off I want to check the layout: how many tables "
                    "are there in the document?",
                ),
                indirect=(
                    "I'd like to know the number of tables in here.",
                    "I'm unsure whether this document has any tables, and if so how many.",
                ),
                reference=(
                    'How many tables are there in "{title}"?',
                    'Count every table in the document titled "{title}", from top to bottom.',
                ),
                typo=(
                    "how many tabels does the document have",
                    "hw many tables are in this doc?",
                ),
            ),
            _count_tables,
            _judge_count,
            lambda p: f"The document has {p['answer']} tables.",
            lambda p, facts, rng: {**p, "answer": p["answer"] + 1},
        ),
        Answer(
            "writer/nth-heading-v1",
            styled(
                terse=("What does the {nth} heading say?", "Read out the {nth} heading."),
                polite=(
                    "Could you tell me what the {nth} heading of the document says?",
                    "Would you please read me the text of the {nth} heading?",
                ),
                context=(
                    "I'm writing the table of contents by hand, so what's the {nth} "
                    "heading in the document?",
                    "My colleague asked about a section and I can't scroll right now: "
                    "what does the {nth} heading say?",
                ),
                indirect=(
                    "I need the wording of the {nth} heading.",
                    "I forget what the {nth} section of this document is called.",
                ),
                reference=(
                    'What is the heading just above the paragraph beginning "{below}"?',
                    'Which heading does the paragraph that starts "{below}" sit under? '
                    "Give me its text.",
                ),
                typo=(
                    "whats the {nth} heading say",
                    "tell me the {nth} heding of the document",
                ),
            ),
            _heading,
            _judge_text,
            lambda p: f"The {p['nth']} heading says: {p['answer']}",
            lambda p, facts, rng: {**p, "answer": p["others"][0]},
        ),
        Answer(
            "writer/document-title-v1",
            styled(
                terse=("What is the document's title?", "Title of this document?"),
                polite=(
                    "Could you tell me the title of this document?",
                    "Would you mind reading out the document's title for me?",
                ),
                context=(
                    "I need to cite this file in my report, so what is its title?",
                    "I'm filing this with the others and want to label the folder: what "
                    "is the document called?",
                ),
                indirect=(
                    "I'd like to know what this document is called.",
                    "I can't remember the title of the document I have open.",
                ),
                reference=(
                    "What does the large title line at the very top of the first page say?",
                    "Read me the line set in the Title style at the start of the document.",
                ),
                typo=("whats the title of this documnet", "what is this doc called"),
            ),
            _title,
            _judge_text,
            lambda p: f"The title is: {p['answer']}",
            lambda p, facts, rng: {**p, "answer": "Untitled"},
        ),
        Answer(
            "writer/count-words-v1",
            styled(
                terse=("How many words does this document have?", "Word count of the document?"),
                polite=(
                    "Could you tell me how many words the whole document has?",
                    "Would you mind checking the document's word count for me?",
                ),
                context=(
                    "The submission limit is strict, so I need to know: how many words are "
                    "in this document, tables included?",
                    "I'm invoicing the translator per word, so what's the word count of the "
                    "whole document?",
                ),
                indirect=(
                    "I'd like to know the length of this document in words.",
                    "I wonder whether the document is long; tell me its total number of words.",
                ),
                reference=(
                    'How many words are there in "{title}", from the title to the end?',
                    'What is the total word count of the document titled "{title}"?',
                ),
                typo=("how many words is this doc", "whats the word cuont of the document?"),
            ),
            _document_words,
            _judge_count,
            lambda p: f"The document has {p['answer']} words.",
            _wrong_count,
            (WORD_COUNT,),
        ),
        Answer(
            "writer/count-paragraph-words-v1",
            styled(
                terse=(
                    'How many words are in the paragraph beginning "{start}"?',
                    'Word count of the paragraph "{start}..."?',
                ),
                polite=(
                    'Could you count the words in the paragraph that starts "{start}"?',
                    'Would you please tell me how many words the paragraph "{start}..." has?',
                ),
                context=(
                    'I\'m quoting the paragraph that begins "{start}" in a form with a word '
                    "limit, so how many words does it have?",
                    'To see whether the paragraph starting "{start}" fits in a text box, I '
                    "need its number of words.",
                ),
                indirect=(
                    'I\'d like to know how long the paragraph beginning "{start}" is, in words.',
                    'The paragraph "{start}..." feels wordy to me; how many words is it?',
                ),
                reference=(
                    "How many words are in {position}?",
                    "Count the words of {position}, please.",
                ),
                typo=(
                    'how many words in the paragrpah starting "{start}"',
                    'count the words of the para that begins "{start}"',
                ),
            ),
            _paragraph_words,
            _judge_count,
            lambda p: f"That paragraph has {p['answer']} words.",
            _wrong_count,
            (WORD_COUNT,),
        ),
        Answer(
            "writer/bold-words-question-v1",
            styled(
                terse=(
                    'Which words are bold in the paragraph beginning "{start}"?',
                    'Bold text in the paragraph "{start}..."?',
                ),
                polite=(
                    'Could you tell me which words of the paragraph starting "{start}" are '
                    "in bold?",
                    'Would you mind reading out the bold part of the paragraph "{start}..."?',
                ),
                context=(
                    "I'm copying this into a plain-text email and will lose the formatting, "
                    'so which words of the paragraph beginning "{start}" are bold?',
                    "My screen reader doesn't announce formatting: what's set in bold in the "
                    'paragraph that starts "{start}"?',
                ),
                indirect=(
                    'I want to know what the paragraph beginning "{start}" emphasises in bold.',
                    'Something in the paragraph "{start}..." is in bold; I need to know '
                    "exactly which words.",
                ),
                reference=(
                    "Which words in {position} are set in bold?",
                    "What text is bold in {position}?",
                ),
                typo=(
                    'which words are bold in the paragrah starting "{start}"',
                    'whats in bold in the "{start}" paragraph',
                ),
            ),
            _marked_text("bold"),
            _judge_text,
            lambda p: f"The bold text is {_said(p['answer'])}.",
            _wrong_marked,
            (FIND_FORMATS,),
        ),
        Answer(
            "writer/italic-words-question-v1",
            styled(
                terse=(
                    'Which words are italic in the paragraph beginning "{start}"?',
                    'Italic text in the paragraph "{start}..."?',
                ),
                polite=(
                    'Could you tell me which words of the paragraph starting "{start}" are '
                    "in italics?",
                    'Would you please read out what is italicised in the paragraph "{start}..."?',
                ),
                context=(
                    "The journal wants a list of every foreign term and title we italicised, "
                    'so which words in the paragraph beginning "{start}" are italic?',
                    "I'm reading this aloud and want to stress the right words: what's in "
                    'italics in the paragraph that starts "{start}"?',
                ),
                indirect=(
                    'I need to know exactly which words of the paragraph "{start}..." are '
                    "slanted in italics.",
                    'Part of the paragraph beginning "{start}" is italic; tell me which part.',
                ),
                reference=(
                    "Which words in {position} are in italics?",
                    "What text is italicised in {position}?",
                ),
                typo=(
                    'which words r italic in the paragraph starting "{start}"',
                    'whats in itallics in the "{start}" paragraph?',
                ),
            ),
            _marked_text("italic"),
            _judge_text,
            lambda p: f"The italic text is {_said(p['answer'])}.",
            _wrong_marked,
            (FIND_FORMATS,),
        ),
        Answer(
            "writer/table-cell-question-v1",
            styled(
                terse=(
                    "What does row {row}, column {column} of table {table} say?",
                    "Table {table}, row {row}, column {column}: what's in that cell?",
                ),
                polite=(
                    "Could you read me the cell in row {row}, column {column} of table {table}?",
                    "Would you mind telling me what table {table} says in row {row}, column "
                    "{column}?",
                ),
                context=(
                    "I'm filling in a form from this document and need one value: what is in "
                    "row {row}, column {column} of table {table}?",
                    "My printout is smudged, so please tell me what the cell at row {row}, "
                    "column {column} of table {table} says.",
                ),
                indirect=(
                    "I need the contents of the cell at row {row}, column {column} in table "
                    "{table}.",
                    "I can't make out the entry in row {row}, column {column} of table "
                    "{table}; what is it?",
                ),
                reference=(
                    "In {place}, what does the cell in row {row}, column {column} say?",
                    "Look at {place}: what is written in row {row}, column {column}?",
                ),
                typo=(
                    "whats in row {row} column {column} of table {table}",
                    "read me table {table} row {row}, colum {column}",
                ),
            ),
            _cell,
            _judge_text,
            lambda p: f"It says: {p['answer']}",
            _wrong_cell,
        ),
        Answer(
            "writer/table-lookup-question-v1",
            styled(
                terse=(
                    'What is the "{column_name}" for "{row_name}" in the table?',
                    'Table lookup: "{column_name}" of "{row_name}"?',
                ),
                polite=(
                    'Could you look up the "{column_name}" of "{row_name}" in the table for me?',
                    'Would you mind telling me what the table gives as "{column_name}" for '
                    '"{row_name}"?',
                ),
                context=(
                    "I'm on the phone and need one figure quickly: what does the table say "
                    'under "{column_name}" for "{row_name}"?',
                    'I\'m preparing slides and only need the "{column_name}" value for '
                    '"{row_name}" from the table. What is it?',
                ),
                indirect=(
                    'I\'d like to know the table\'s "{column_name}" entry for "{row_name}".',
                    'I can\'t find the "{column_name}" of "{row_name}" in the table; tell me '
                    "what it says.",
                ),
                reference=(
                    'In {place}, what is in the "{column_name}" column on the row of "{row_name}"?',
                    'Find the row that starts with "{row_name}" in {place} and read me its '
                    '"{column_name}" cell.',
                ),
                typo=(
                    'whats the "{column_name}" of "{row_name}" in the table',
                    'look up "{column_name}" for "{row_name}" in teh table',
                ),
            ),
            _lookup,
            _judge_text,
            lambda p: f"It is {p['answer']}.",
            _wrong_lookup,
        ),
        Answer(
            "writer/count-table-rows-v1",
            styled(
                terse=(
                    "How many rows does table {table} have, header row included?",
                    "Number of rows in table {table}, counting the header row?",
                ),
                polite=(
                    "Could you count all the rows of table {table}, including its header row?",
                    "Would you mind telling me how many rows table {table} has in total, "
                    "header included?",
                ),
                context=(
                    "I'm recreating table {table} in a spreadsheet, so how many rows does it "
                    "have altogether, with the header row?",
                    "To size the slide I'm making, I need the total number of rows in table "
                    "{table}, the header row counted.",
                ),
                indirect=(
                    "I'd like to know how many rows table {table} has, counting the header "
                    "row as one.",
                    "I'm not sure how long table {table} is; tell me its number of rows with "
                    "the header row.",
                ),
                reference=(
                    "How many rows does {place} have, header row included?",
                    "Count all the rows of {place}, including the header row.",
                ),
                typo=(
                    "how many rows in table {table} incl the header row",
                    "count the rows of tabel {table}, header row too",
                ),
            ),
            _table_rows,
            _judge_count,
            lambda p: f"It has {p['answer']} rows.",
            _wrong_rows,
        ),
        Answer(
            "writer/count-bullets-v1",
            styled(
                terse=(
                    "How many bullet points are in {place}?",
                    "Count the bullet points in {place}.",
                ),
                polite=(
                    "Could you tell me how many bullet points {place} has?",
                    "Would you please count the items in {place}?",
                ),
                context=(
                    "I want to give each point its own slide, so how many bullet points are "
                    "there in {place}?",
                    "The template only allows five points per list; how many bullet points "
                    "does {place} have?",
                ),
                indirect=(
                    "I'd like to know the number of bullet points in {place}.",
                    "I'm wondering how long {place} is, counted in bullet points.",
                ),
                reference=(
                    'How many bullet points does the list that starts with "{first}" have?',
                    'Count the points of the bulleted list whose first item begins "{first}".',
                ),
                typo=(
                    "how many bulet points in {place}",
                    "count the bullets in {place} pls",
                ),
            ),
            _bullets,
            _judge_count,
            lambda p: f"That list has {p['answer']} bullet points.",
            _wrong_bullets,
        ),
        Answer(
            "writer/page-part-question-v1",
            styled(
                terse=("What does the page {part} say?", "Read out the {part}."),
                polite=(
                    "Could you tell me what the document's {part} says?",
                    "Would you mind reading me the text in the page {part}?",
                ),
                context=(
                    "The {part} is cut off when I print, so what does it actually say?",
                    "I'm checking the document before it goes out: what text is in the {part}?",
                ),
                indirect=(
                    "I'd like to know the wording of the page {part}.",
                    "I can't see what the {part} of this document says.",
                ),
                reference=(
                    "What is written in the small repeated line at the {edge} of every page?",
                    "Read me the text that repeats at the {edge} of each page.",
                ),
                typo=("whats in the {part}", "what does the {part} of this documnet say"),
            ),
            _page_part,
            _judge_text,
            lambda p: f"The {p['part']} says: {p['answer']}",
            _wrong_page_part,
        ),
        Answer(
            "writer/font-question-v1",
            styled(
                terse=("Which font is {target} set in?", "Font of {target}?"),
                polite=(
                    "Could you tell me which font {target} uses?",
                    "Would you mind finding out the typeface of {target}?",
                ),
                context=(
                    "I want my new document to match this one, so which font is {target} in?",
                    "The printer asked for the fonts we used: what font is {target} set in?",
                ),
                indirect=(
                    "I'd like to know the name of the font used for {target}.",
                    "I like the look of {target} and want to know its typeface.",
                ),
                reference=(
                    "Which font is {place} set in?",
                    "What is the name of the font used in {place}?",
                ),
                typo=("wich font is {target} in", "what font does {target} use"),
            ),
            _font,
            _judge_text,
            lambda p: f"It is set in {p['answer']}.",
            _wrong_font,
        ),
        Answer(
            "writer/count-headings-v1",
            styled(
                terse=(
                    "How many headings does the document have, not counting the title?",
                    "Count the headings, leaving out the title.",
                ),
                polite=(
                    "Could you count the headings in this document for me (the title "
                    "doesn't count)?",
                    "Would you mind telling me how many section headings there are, apart "
                    "from the title?",
                ),
                context=(
                    "I'm planning one slide per section, so how many headings are there, "
                    "the title not included?",
                    "The style guide limits documents to a dozen sections: how many "
                    "headings does this one have, not counting the title?",
                ),
                indirect=(
                    "I'd like to know the number of headings below the title.",
                    "I wonder how many sections this document has, as counted by its "
                    "headings (not the title).",
                ),
                reference=(
                    "How many entries does the Navigator list under Headings here? The "
                    "title is not one of them.",
                    "Count the paragraphs in Heading styles (Heading 1, Heading 2 and so "
                    "on) in this document.",
                ),
                typo=(
                    "how many headings r there not counting the title",
                    "count the hedings in the doc (not the title)",
                ),
            ),
            _count_headings,
            _judge_count,
            lambda p: f"There are {p['answer']} headings.",
            _wrong_headings,
        ),
        Answer(
            "writer/last-heading-v1",
            styled(
                terse=("What is the last heading?", "Read out the final heading."),
                polite=(
                    "Could you tell me what the last heading of the document says?",
                    "Would you mind reading me the document's final heading?",
                ),
                context=(
                    "I need to add a section after the last one, so what is the last "
                    "heading called?",
                    "I'm checking that the document ends properly: what does its last heading say?",
                ),
                indirect=(
                    "I'd like to know how the document's final section is headed.",
                    "I can't remember the name of the last section of this document.",
                ),
                reference=(
                    'What is the heading just above the paragraph beginning "{below}"?',
                    "Which heading comes closest to the end of the document? Give its text.",
                ),
                typo=("whats the last heading", "tell me the last heding in the doc"),
            ),
            _last_heading,
            _judge_text,
            lambda p: f"The last heading is: {p['answer']}",
            _wrong_heading,
        ),
    ]
