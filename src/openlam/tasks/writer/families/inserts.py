"""Inserting objects: hyperlinks, comments, footnotes, endnotes, bookmarks, a table of
contents, captions and images; saving a PDF or an .odt copy."""

from __future__ import annotations

import hashlib
import html
import re
import struct
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path

from openlam.agent.scripted import call
from openlam.tasks.base import CheckResult, styled
from openlam.tasks.writer import object_facts
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    all_of,
    fail,
    other_paragraph,
    other_word,
    pick_paragraph,
    pick_word,
    same_text,
)
from openlam.tasks.writer.families.page import same_parts
from openlam.tasks.writer.steps import click, keys, menu, select, select_paragraphs, set_box

URLS = (
    "https://example.com/details",
    "https://www.example.org/more-information",
    "https://intranet.example.net/documents",
    "https://example.com/contact",
    "https://www.example.org/faq",
)
COMMENTS = (
    "Please double-check this",
    "Is this the right word here?",
    "Source needed",
    "Confirm with the client before sending",
    "Could we say this more simply?",
)
NOTES = (
    "See the appendix for details",
    "Figures are provisional",
    "Source: internal records",
    "Confirmed by telephone on Monday",
    "This may change next year",
)
BOOKMARKS = ("review_here", "key_point", "read_first", "open_question", "main_argument")
TOC_TITLES = ("Contents", "In this document", "Overview", "What is inside")
CAPTIONS = ("Summary of the figures", "Key numbers at a glance", "Overview", "Details by item")
EXPORTS = Path("/tmp/openlam-exports")
EXPORT_NAMES = ("handout", "print-copy", "for-review", "final-version", "board-pack")
IMAGES_DIR = Path("/tmp/openlam-images")


def _new(before: list, after: list) -> list:
    """What `after` has that `before` had not (a multiset difference, in after's order)."""
    left = Counter(before)
    out = []
    for item in after:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


def _norm(text: str) -> str:
    """Text compared the way a reader would: spaces, case and a final full stop aside."""
    return " ".join(text.split()).casefold().rstrip(".")


def _word_then(text: str, word: str) -> bool:
    """Whether `text` (what comes before a mark) ends with the word, give or take spaces and
    the punctuation right after it."""
    return text.rstrip(" \t,.;:!?)'\"").endswith(word)


class Hyperlink(WriterFamily):
    id = "writer/hyperlink-word-v1"
    category = "insert"
    help_sources = ("swriter/guide/hyperlinks.html#hd_id3155845",)
    phrasings = styled(
        terse=("Link the word {word} to {url}.", "Hyperlink {word} -> {url}"),
        polite=(
            "Could you please make the word {word} a hyperlink to {url}?",
            "Would you mind turning {word} into a link that opens {url}?",
        ),
        context=(
            "Readers will want the background, so please link {word} to {url}.",
            "This goes out by e-mail and people click through: make {word} open {url}.",
        ),
        indirect=(
            "Clicking the word {word} should take the reader to {url}.",
            "I want {word} to work as a link to {url}.",
        ),
        reference=(
            "In {position}, turn the word {word} into a hyperlink to {url}.",
            "Attach the web address {url} as a link to {word}, in {position}.",
        ),
        typo=("hyperlink the word {word} to {url} pls", "make {word} a link to {url}, thnaks"),
    )

    def sample_params(self, facts, rng):
        params = pick_word(facts, rng)
        return None if params is None else {**params, "url": rng.choice(URLS)}

    def solution(self, params):
        return [select(params["word"]), call("insert_hyperlink", url=params["url"])]

    def check(self, params, before, after, answer):
        new = _new(
            object_facts.hyperlinks(before.document), object_facts.hyperlinks(after.document)
        )
        want = object_facts.Link(params["word"], params["url"])
        got = [object_facts.Link(link.text.strip(), link.url.rstrip("/")) for link in new]
        if got != [object_facts.Link(want.text, want.url.rstrip("/"))]:
            return fail(f"expected one new link {want}, found {new!r:.200}")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        return other_word(params, facts, rng)


class AddComment(WriterFamily):
    id = "writer/comment-word-v1"
    category = "insert"
    phrasings = styled(
        terse=('Comment on {word}: "{text}"', 'Add the comment "{text}" to the word {word}.'),
        polite=(
            'Could you please attach a comment saying "{text}" to the word {word}?',
            'Would you mind leaving the comment "{text}" on {word}?',
        ),
        context=(
            'My colleague reviews this tomorrow, so please put a comment "{text}" on the word '
            "{word}.",
            'I am not sure about {word}; add a comment to it that says "{text}".',
        ),
        indirect=(
            'The word {word} should carry a review comment reading "{text}".',
            'I want a note in the margin at {word}, saying "{text}".',
        ),
        reference=(
            'In {position}, add a comment on the word {word} that reads "{text}".',
            'Mark the word {word} in {position} with the comment "{text}".',
        ),
        typo=('add a coment "{text}" on {word}', 'comment on the word {word} sayng "{text}"'),
    )

    def sample_params(self, facts, rng):
        params = pick_word(facts, rng)
        return None if params is None else {**params, "text": rng.choice(COMMENTS)}

    def solution(self, params):
        return [select(params["word"]), call("insert_comment", text=params["text"])]

    def check(self, params, before, after, answer):
        new = _new(object_facts.comments(before.document), object_facts.comments(after.document))
        if len(new) != 1:
            return fail(f"expected one new comment, found {len(new)}")
        comment = new[0]
        if _norm(comment.text) != _norm(params["text"]):
            return fail(f"the comment says {comment.text!r}, not {params['text']!r}")
        if comment.anchor.strip(" ,.;:") != params["word"]:
            return fail(f"the comment is on {comment.anchor!r}, not on {params['word']!r}")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        return other_word(params, facts, rng)


class AddNote(WriterFamily):
    """A footnote or endnote after a word, typed into the note area Writer opens."""

    category = "insert"
    help_sources = ("swriter/guide/footnote_usage.html#hd_id3155881",)

    def __init__(self, kind: str, phrasings):
        self.kind, self.phrasings = kind, phrasings
        self.id = f"writer/{kind}-word-v1"

    def sample_params(self, facts, rng):
        params = pick_word(facts, rng)
        return None if params is None else {**params, "text": rng.choice(NOTES), "kind": self.kind}

    def solution(self, params):
        if params["kind"] == "footnote":
            insert = menu("Insert", "Footnote and Endnote", "Footnote")
        else:
            insert = [click("Endnote", "push button")]  # the Insert toolbar's button
        return [select(params["word"]), *insert, keys(params["text"])]

    def check(self, params, before, after, answer):
        other = "endnote" if self.kind == "footnote" else "footnote"
        if len(object_facts.notes(after.document, other)) != len(
            object_facts.notes(before.document, other)
        ):
            return fail(f"the {other}s changed")
        new = _new(
            object_facts.notes(before.document, self.kind),
            object_facts.notes(after.document, self.kind),
        )
        if len(new) != 1:
            return fail(f"expected one new {self.kind}, found {len(new)}")
        note = new[0]
        if _norm(note.text) != _norm(params["text"]):
            return fail(f"the {self.kind} says {note.text!r}, not {params['text']!r}")
        if not _word_then(note.before, params["word"]):
            return fail(f"the {self.kind} mark is not right after {params['word']!r}")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        if rng.random() < 0.5:
            return {**params, "kind": "endnote" if self.kind == "footnote" else "footnote"}
        return other_word(params, facts, rng)


class Bookmark(WriterFamily):
    id = "writer/bookmark-paragraph-v1"
    category = "insert"
    help_sources = ("swriter/guide/references.html#hd_id3156105",)
    phrasings = styled(
        terse=(
            'Bookmark the paragraph starting "{start}" as {name}.',
            'Insert a bookmark named {name} at "{start}...".',
        ),
        polite=(
            "Could you please set a bookmark called {name} at the start of the paragraph "
            'beginning "{start}"?',
            'Would you mind adding the bookmark {name} to the paragraph "{start}"?',
        ),
        context=(
            "I will cross-reference this paragraph later, so bookmark the one beginning "
            '"{start}" under the name {name}.',
            "We jump back to this spot during editing: put a bookmark {name} at the paragraph "
            '"{start}".',
        ),
        indirect=(
            'The paragraph that opens with "{start}" should be reachable through a bookmark '
            "named {name}.",
            'I want a bookmark called {name} marking the paragraph "{start}...".',
        ),
        reference=(
            "Set a bookmark named {name} at the beginning of {position}.",
            "Mark {position} with a bookmark called {name}.",
        ),
        typo=(
            'bookmark the paragrph "{start}" as {name}',
            'add a bookmakr {name} at "{start}"',
        ),
    )

    def sample_params(self, facts, rng):
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        taken = {b.name for b in object_facts.bookmarks(facts.document)}
        names = [n for n in BOOKMARKS if n not in taken]
        return {**params, "name": rng.choice(names)} if names else None

    def solution(self, params):
        return [
            select(params["start"]),
            keys("{Home}"),
            *menu("Insert", "Bookmark..."),
            set_box("Name", params["name"]),
            click("Insert", "push button"),
        ]

    def check(self, params, before, after, answer):
        new = _new(object_facts.bookmarks(before.document), object_facts.bookmarks(after.document))
        target = before.paragraphs[params["paragraph"]].text
        want = object_facts.Bookmark(params["name"], target)
        if new != [want]:
            return fail(f"expected one new bookmark {params['name']!r} there, found {new!r:.200}")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        return other_paragraph(params, facts, rng)


class TableOfContents(WriterFamily):
    id = "writer/table-of-contents-v1"
    category = "insert"
    help_sources = ("swriter/guide/indices_toc.html#hd_id5876949",)
    phrasings = styled(
        terse=(
            'Insert a table of contents titled "{title}" at the start of the document.',
            'Table of contents at the top, heading "{title}".',
        ),
        polite=(
            'Could you please add a table of contents with the title "{title}" at the very '
            "beginning?",
            'Would you mind inserting a table of contents, called "{title}", before the first '
            "paragraph?",
        ),
        context=(
            'The document has grown long, so put a table of contents titled "{title}" at the top.',
            'Readers skim this; start the document with a table of contents named "{title}".',
        ),
        indirect=(
            'The document should open with a table of contents, headed "{title}", listing its '
            "headings.",
            'I want the headings listed in a table of contents titled "{title}" before the text.',
        ),
        reference=(
            "Above the document's first paragraph, insert a table of contents whose title is "
            '"{title}".',
            "Generate a table of contents from the headings and place it at the top, titled "
            '"{title}".',
        ),
        typo=(
            'insert a table of contnets titled "{title}" at the start',
            'add a toc called "{title}" at the top of the document pls',
        ),
    )

    def sample_params(self, facts, rng):
        heads = [p.text for p in facts.paragraphs if p.style.startswith("Heading")]
        if len(heads) < 2 or object_facts.tables_of_contents(facts.document):
            return None
        if not facts.blocks or facts.blocks[0].startswith("<table"):
            return None
        # A title that is also a paragraph of the document could not be told from it.
        titles = [t for t in TOC_TITLES if t not in {p.text for p in facts.paragraphs}]
        return {"title": rng.choice(titles), "at": "start"} if titles else None

    def solution(self, params):
        return [
            keys("{ctrl+Home}" if params["at"] == "start" else "{ctrl+End}"),
            *menu(
                "Insert",
                "Table of Contents and Index",
                "Table of Contents, Index or Bibliography...",
            ),
            set_box("Title", params["title"]),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        tocs = object_facts.tables_of_contents(after.document)
        if len(tocs) != 1:
            return fail(f"expected one table of contents, found {len(tocs)}")
        toc = tocs[0]
        if toc.position != 0:
            return fail(f"the table of contents comes after {toc.position} paragraph(s)")
        if (toc.title or "").strip() != params["title"]:
            return fail(f"its title is {toc.title!r}, not {params['title']!r}")
        heads = tuple(p.text for p in before.paragraphs if p.style.startswith("Heading"))
        if toc.entries != heads:
            return fail(f"it lists {toc.entries!r:.200}, not the headings {heads!r:.200}")
        texts = list(after.texts())
        for line in toc.paragraphs:  # a table of contents saved as plain body paragraphs
            if line in texts:
                texts.remove(line)
        if texts != before.texts():
            return fail("the text changed")
        return same_parts(before, after)

    def wrong_params(self, params, facts, rng):
        return {**params, "at": "end"}


class TableCaption(WriterFamily):
    id = "writer/table-caption-v1"
    category = "insert"
    help_sources = ("swriter/guide/captions.html#hd_id3150537",)
    phrasings = styled(
        terse=('Caption table {table}: "{text}".', 'Add the caption "{text}" to table {table}.'),
        polite=(
            'Could you please give table {table} a caption reading "{text}"?',
            'Would you mind inserting a numbered caption "{text}" for table {table}?',
        ),
        context=(
            'The report is cited by table number, so add a caption "{text}" to table {table}.',
            'Nobody knows what table {table} shows; caption it "{text}".',
        ),
        indirect=(
            'Table {table} should carry a numbered caption with the text "{text}".',
            'I want a "Table N: {text}" caption on table {table}.',
        ),
        reference=(
            'Caption the table whose first cell says "{first}" with "{text}".',
            'Insert a caption "{text}" for the table that starts with the cell "{first}".',
        ),
        typo=('add a captoin "{text}" to table {table}', 'caption table {table} as "{text}" pls'),
    )

    def sample_params(self, facts, rng):
        if object_facts.captions(facts.document):
            return None
        options = _captionable(facts)
        if not options:
            return None
        t, first = rng.choice(options)
        return {"table": t + 1, "first": first, "text": rng.choice(CAPTIONS)}

    def solution(self, params):
        return [
            call("select_table", number=params["table"]),
            *menu("Insert", "Caption..."),
            set_box("Caption", params["text"]),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        new = _new(
            [c.text for c in object_facts.captions(before.document)],
            [c.text for c in object_facts.captions(after.document)],
        )
        if len(new) != 1:
            return fail(f"expected one new caption, found {len(new)}")
        caption = next(c for c in object_facts.captions(after.document) if c.text == new[0])
        if not caption.text.strip().endswith(params["text"]):
            return fail(f"the caption reads {caption.text!r}")
        table = f"<table {params['table']}>"
        if table not in (caption.previous, caption.next):
            return fail(f"the caption is not next to table {params['table']}")
        if [t.cells for t in after.tables] != [t.cells for t in before.tables]:
            return fail("a table's content changed")
        texts = list(after.texts())
        if caption.text in texts:
            texts.remove(caption.text)
        if texts != before.texts():
            return fail("the text changed")
        return same_parts(before, after)

    def wrong_params(self, params, facts, rng):
        others = [o for o in _captionable(facts) if o[0] + 1 != params["table"]]
        if others:
            t, first = rng.choice(others)
            return {**params, "table": t + 1, "first": first}
        return {**params, "text": rng.choice([c for c in CAPTIONS if c != params["text"]])}


def _captionable(facts: DocFacts) -> list[tuple[int, str]]:
    """(index, first cell) of the tables that their first cell's text names alone."""
    firsts = [t.cells[0][0].strip() if t.cells and t.cells[0] else "" for t in facts.tables]
    return [(t, first) for t, first in enumerate(firsts) if first and firsts.count(first) == 1]


def png(width: int, height: int, back: tuple[int, ...], stripe: tuple[int, ...]) -> bytes:
    """A small striped RGB picture as PNG bytes, the same bytes on every machine."""
    rows = []
    for y in range(height):
        pixels = [stripe if (y // 8) % 2 or (x // 8 + y // 8) % 5 == 0 else back
                  for x in range(width)]  # fmt: skip
        rows.append(b"\x00" + bytes(c for pixel in pixels for c in pixel))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


# The pictures a task can ask for: name -> (width, height, background, stripes).
PICTURES = {
    "logo.png": (96, 64, (30, 90, 160), (250, 200, 40)),
    "badge.png": (64, 64, (170, 30, 40), (255, 255, 255)),
    "chart.png": (120, 72, (240, 240, 240), (40, 140, 70)),
    "stamp.png": (80, 48, (90, 60, 130), (230, 220, 250)),
}


def picture(name: str) -> bytes:
    return png(*PICTURES[name])


class InsertImage(WriterFamily):
    """A picture from a file, on a new line after a paragraph; the file is written by
    `prepare` into a fixed folder, so the request can name it."""

    id = "writer/image-after-paragraph-v1"
    category = "insert"
    phrasings = styled(
        terse=(
            'Insert the image {path} after the paragraph starting "{start}".',
            'Picture {path} below "{start}...".',
        ),
        polite=(
            "Could you please insert the picture {path} on a new line right after the "
            'paragraph beginning "{start}"?',
            'Would you mind placing the image file {path} just below the paragraph "{start}"?',
        ),
        context=(
            "The text refers to our {label}, so put the image {path} right after the paragraph "
            'that opens with "{start}".',
            "Readers should see the {label} next to the text: insert {path} after the "
            'paragraph "{start}".',
        ),
        indirect=(
            'The picture in {path} should appear directly under the paragraph beginning "{start}".',
            'I want the image file {path} shown right after "{start}...".',
        ),
        reference=(
            "Insert the picture {path} on its own line after {position}.",
            "Place the image from the file {path} directly below {position}.",
        ),
        typo=(
            'insert the imgae {path} after the paragraph "{start}"',
            'put the picture {path} under "{start}" pls',
        ),
    )

    def sample_params(self, facts, rng):
        params = pick_paragraph(facts, rng)
        if params is None:
            return None
        name = rng.choice(sorted(PICTURES))
        label = name.removesuffix(".png")
        return {**params, "image": name, "path": str(IMAGES_DIR / name), "label": label}

    def prepare(self, params):
        IMAGES_DIR.mkdir(parents=True, exist_ok=True)
        for name in PICTURES:
            path = IMAGES_DIR / name
            if not path.is_file() or path.read_bytes() != picture(name):
                path.write_bytes(picture(name))

    def solution(self, params):
        return [
            select_paragraphs(params["start"]),
            keys("{End}{Return}"),
            call("insert_image", path=params["path"]),
        ]

    def check(self, params, before, after, answer):
        new = _new(object_facts.images(before.document), object_facts.images(after.document))
        if len(new) != 1:
            return fail(f"expected one new picture, found {len(new)}")
        image = new[0]
        if image.sha1 != hashlib.sha1(picture(params["image"])).hexdigest():
            return fail(f"the new picture is not {params['image']}")
        target = before.paragraphs[params["paragraph"]].text
        if not _just_after(after, image.paragraph, target):
            return fail(f"the picture is not right after the paragraph {target[:40]!r}")
        return all_of(same_text(before, after), same_parts(before, after))

    def wrong_params(self, params, facts, rng):
        return other_paragraph(params, facts, rng)


def _just_after(facts: DocFacts, index: int, target: str) -> bool:
    """Whether paragraph `index` is the target itself, or an empty one whose nearest
    paragraph with text before it is the target."""
    if index < 0:
        return False
    if facts.paragraphs[index].text == target:
        return True
    if facts.paragraphs[index].text.strip():
        return False
    previous = [p.text for p in facts.paragraphs[:index] if p.text.strip()]
    return bool(previous) and previous[-1] == target


class SaveCopy(WriterFamily):
    """A copy of the document in another format at a given path, the document unchanged.

    `prepare` deletes the file and notes the time, so only a file this episode wrote passes;
    the check reads the file besides the saved document."""

    category = "export"

    def __init__(self, id: str, ext: str, wrong_ext: str, phrasings):
        self.id, self.ext, self.wrong_ext, self.phrasings = id, ext, wrong_ext, phrasings
        self.prepared: dict[str, float] = {}

    def sample_params(self, facts, rng):
        name = f"{rng.choice(EXPORT_NAMES)}.{self.ext}"
        return {"path": str(EXPORTS / name), "name": name, "ext": self.ext}

    def prepare(self, params):
        path = Path(params["path"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        self.prepared[params["path"]] = time.time()

    def solution(self, params):
        return [call("save_as", path=params["path"], ext=params["ext"])]

    def check(self, params, before, after, answer):
        unchanged = all_of(same_text(before, after), same_parts(before, after))
        if not unchanged.success:
            return unchanged
        path = Path(params["path"])
        since = self.prepared.get(params["path"])
        if since is None:
            return fail("the episode did not prepare the export (prepare was not called)")
        if not path.is_file():
            return fail(f"there is no file {path}")
        if path.stat().st_mtime < since - 1:
            return fail(f"{path} is older than the episode")
        return self.file_check(path, before)

    def file_check(self, path: Path, before: DocFacts) -> CheckResult:
        if self.ext == "pdf":
            if not path.read_bytes().startswith(b"%PDF"):
                return fail(f"{path} is not a PDF")
            return OK
        try:
            with zipfile.ZipFile(path) as package:
                kind = package.read("mimetype").decode()
                content = package.read("content.xml").decode()
        except (zipfile.BadZipFile, KeyError) as exc:
            return fail(f"{path} is not an OpenDocument file: {exc}")
        if kind != "application/vnd.oasis.opendocument.text":
            return fail(f"{path} is {kind}, not an OpenDocument text")
        words = html.unescape(re.sub(r"<[^>]+>", " ", content))
        first = next((t for t in before.texts()), "")
        if first and " ".join(first.split()[:3]) not in " ".join(words.split()):
            return fail(f"{path} does not hold this document's text")
        return OK

    def wrong_params(self, params, facts, rng):
        return {**params, "ext": self.wrong_ext}


def insert_families() -> list[WriterFamily]:
    return [
        Hyperlink(),
        AddComment(),
        AddNote(
            "footnote",
            styled(
                terse=(
                    'Add a footnote after {word}: "{text}"',
                    'Footnote on the word {word} saying "{text}".',
                ),
                polite=(
                    'Could you please insert a footnote right after {word} that reads "{text}"?',
                    'Would you mind adding the footnote "{text}" to the word {word}?',
                ),
                context=(
                    "The reviewers asked where {word} comes from, so add a footnote after it: "
                    '"{text}"',
                    'To keep the sentence short, move the remark "{text}" into a footnote '
                    "attached to {word}.",
                ),
                indirect=(
                    "A footnote mark should follow the word {word}, and the footnote should "
                    'say "{text}".',
                    'I want "{text}" at the foot of the page, referenced from the word {word}.',
                ),
                reference=(
                    'In {position}, put a footnote after the word {word} with the text "{text}".',
                    'Attach the footnote "{text}" to {word}, in {position}.',
                ),
                typo=(
                    'add a foot note after {word} saying "{text}"',
                    'footnote on {word}: "{text}" thx',
                ),
            ),
        ),
        AddNote(
            "endnote",
            styled(
                terse=(
                    'Add an endnote after {word}: "{text}"',
                    'Endnote on the word {word} saying "{text}".',
                ),
                polite=(
                    'Could you please insert an endnote right after {word} that reads "{text}"?',
                    'Would you mind adding the endnote "{text}" to the word {word}?',
                ),
                context=(
                    "Our style guide puts sources at the end, so add an endnote after {word}: "
                    '"{text}"',
                    'The remark "{text}" clutters the page; make it an endnote attached to {word}.',
                ),
                indirect=(
                    'The word {word} should carry an endnote mark, with the endnote "{text}" '
                    "at the end of the document.",
                    'I want "{text}" collected at the end of the document as a note on {word}.',
                ),
                reference=(
                    'In {position}, put an endnote after the word {word} with the text "{text}".',
                    'Attach the endnote "{text}" to {word}, in {position}.',
                ),
                typo=(
                    'add an end note after {word} saying "{text}"',
                    'endnote on {word}: "{text}" thx',
                ),
            ),
        ),
        Bookmark(),
        TableOfContents(),
        TableCaption(),
        InsertImage(),
        SaveCopy(
            "writer/export-pdf-v1",
            "pdf",
            "odt",
            styled(
                terse=("Export the document as PDF to {path}.", "Save a PDF copy at {path}."),
                polite=(
                    "Could you please export this document to a PDF file at {path}?",
                    "Would you mind saving a PDF version of the document as {path}?",
                ),
                context=(
                    "The printer only takes PDFs, so export the document to {path}.",
                    "I need to e-mail this to someone without Writer: write a PDF to {path}.",
                ),
                indirect=(
                    "There should be a PDF of this document at {path}, and the document "
                    "itself should stay as it is.",
                    "I want a PDF copy of the document saved as {path}.",
                ),
                reference=(
                    "Write the document in PDF format to the file {name} in the folder "
                    "/tmp/openlam-exports.",
                    "Export the open document, unchanged, as the PDF file {path}.",
                ),
                typo=("export to pdf at {path}", "save a pdf copy to {path} pls"),
            ),
        ),
        SaveCopy(
            "writer/save-odt-copy-v1",
            "odt",
            "docx",
            styled(
                terse=(
                    "Save a copy of the document in ODF format (.odt) at {path}.",
                    "Write an .odt copy to {path}.",
                ),
                polite=(
                    "Could you please save a copy of this document as the OpenDocument file "
                    "{path}?",
                    "Would you mind storing the document in .odt format at {path}?",
                ),
                context=(
                    "Our archive only accepts OpenDocument files, so save a copy as {path}.",
                    "A colleague uses LibreOffice's own format; put an .odt copy at {path}.",
                ),
                indirect=(
                    "There should be an OpenDocument Text copy of this document at {path}.",
                    "I want this document also kept as {path}, in .odt format.",
                ),
                reference=(
                    "Save the open document in OpenDocument Text format as {name} in the "
                    "folder /tmp/openlam-exports.",
                    "Store a copy of the document, as it is, in the .odt file {path}.",
                ),
                typo=("save an odt copy to {path}", "save a copy as .odt at {path} plz"),
            ),
        ),
    ]
