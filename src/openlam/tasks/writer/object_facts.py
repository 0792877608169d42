"""What a .docx holds beyond text and formatting: fields, links, notes, comments, bookmarks,
images, sections, captions and tables of contents.

Query functions over `DocFacts.document` (the python-docx Document) and its XML parts, for
checkers of the families that insert such objects. Like `facts`, they read only the file,
so a checker never trusts the agent or the application.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

# Bookmarks the applications make for themselves: Word's _GoBack and _Toc..., Writer's
# __RefHeading___Toc... anchors of a table of contents.
INTERNAL_BOOKMARK = re.compile(r"^_")
TOC_ENTRY_STYLE = re.compile(r"^(Contents|TOC)\s*\d+$", re.IGNORECASE)
SKIPPED = frozenset(qn(tag) for tag in ("w:pPr", "w:rPr", "w:sectPr", "w:instrText"))


# -- fields ------------------------------------------------------------------------------


@dataclass
class _Walk:
    out: list[str] = field(default_factory=list)
    depth: int = 0  # how many complex fields the walk is inside
    instr: list[str] = field(default_factory=list)
    shown: bool = False  # whether the outermost open field was written


def field_text(element: Any) -> str:
    """The text of the paragraphs under an element, each field written as {NAME} (its
    instruction's first word: {PAGE}, {NUMPAGES}, {DATE}...) in place of its result;
    paragraphs are joined by newlines."""
    return "\n".join(_paragraph_field_text(p) for p in element.iter(qn("w:p")))


def _paragraph_field_text(paragraph: Any) -> str:
    walk = _Walk()
    _walk(paragraph, walk)
    return "".join(walk.out)


def _walk(node: Any, walk: _Walk) -> None:
    for child in node:
        tag = child.tag
        if tag in SKIPPED:
            if tag == qn("w:instrText") and walk.depth == 1:
                walk.instr.append(child.text or "")
            continue
        if tag == qn("w:fldSimple"):
            if walk.depth == 0:
                walk.out.append(_marker(child.get(qn("w:instr")) or ""))
            continue
        if tag == qn("w:fldChar"):
            _field_char(child.get(qn("w:fldCharType")), walk)
            continue
        if walk.depth == 0:
            if tag == qn("w:t"):
                walk.out.append(child.text or "")
            elif tag == qn("w:tab"):
                walk.out.append("\t")
        if tag != qn("w:p"):  # a nested paragraph (a text box) is a paragraph of its own
            _walk(child, walk)


def _field_char(kind: str | None, walk: _Walk) -> None:
    if kind == "begin":
        walk.depth += 1
        if walk.depth == 1:
            walk.instr, walk.shown = [], False
    elif kind in ("separate", "end") and walk.depth >= 1:
        if walk.depth == 1 and not walk.shown:
            walk.out.append(_marker("".join(walk.instr)))
            walk.shown = True
        if kind == "end":
            walk.depth -= 1


def _marker(instruction: str) -> str:
    words = instruction.split()
    return "{" + (words[0].upper() if words else "?") + "}"


def field_names(text: str) -> list[str]:
    """The field names in a `field_text`: "Page {PAGE} of {NUMPAGES}" -> [PAGE, NUMPAGES]."""
    return re.findall(r"\{([A-Z?][A-Z0-9?]*)\}", text)


def without_fields(text: str) -> str:
    """A `field_text` with the field markers taken out."""
    return re.sub(r"\{[A-Z?][A-Z0-9?]*\}", "", text)


def header_footer(document: Any, part: str) -> str | None:
    """The first section's default header or footer ("header" or "footer") as a
    `field_text`, stripped; None when the section has none of its own."""
    section = document.sections[0]
    element = getattr(section, part)
    if element.is_linked_to_previous:
        return None
    return field_text(element._element).strip()


# -- links, comments, notes, bookmarks ---------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def hyperlinks(document: Any) -> list[Link]:
    """The body's hyperlinks: their text and target (a URL, or "#name" for a place inside
    the document), tables of contents included."""
    rels = document.part.rels
    out = []
    for link in document.element.body.iter(qn("w:hyperlink")):
        rid = link.get(qn("r:id"))
        if rid and rid in rels:
            url = rels[rid].target_ref
        else:
            url = "#" + (link.get(qn("w:anchor")) or "")
        out.append(Link(_text(link), url))
    return out


@dataclass(frozen=True)
class Comment:
    text: str
    anchor: str  # the body text the comment spans ("" for a comment at a point)


def comments(document: Any) -> list[Comment]:
    """The comments, each with the text it spans."""
    root = _related_xml(document, "comments")
    if root is None:
        return []
    spans = _spans(document.element.body, "w:commentRangeStart", "w:commentRangeEnd")
    return [
        Comment(_text(c, "\n").strip(), spans.get(c.get(qn("w:id")), ""))
        for c in root.iter(qn("w:comment"))
    ]


@dataclass(frozen=True)
class Note:
    text: str
    before: str  # the body text of the paragraph up to the note's reference mark


def notes(document: Any, kind: str = "footnote") -> list[Note]:
    """The footnotes or endnotes ("footnote" / "endnote") that the body refers to, in the
    order of their references."""
    root = _related_xml(document, f"{kind}s")
    if root is None:
        return []
    texts = {
        n.get(qn("w:id")): _text(n, "\n").strip()
        for n in root.iter(qn(f"w:{kind}"))
        if n.get(qn("w:type")) in (None, "normal")
    }
    out = []
    for paragraph in document.element.body.iter(qn("w:p")):
        seen: list[str] = []
        for node in paragraph.iter(qn("w:t"), qn(f"w:{kind}Reference")):
            if node.tag == qn("w:t"):
                seen.append(node.text or "")
            elif node.get(qn("w:id")) in texts:
                out.append(Note(texts[node.get(qn("w:id"))], "".join(seen)))
    return out


@dataclass(frozen=True)
class Bookmark:
    name: str
    paragraph: str  # the text of the body paragraph it starts in (or before)


def bookmarks(document: Any) -> list[Bookmark]:
    """The bookmarks a person set, not the applications' own (names starting "_")."""
    out = []
    for start in document.element.body.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name")) or ""
        if INTERNAL_BOOKMARK.match(name):
            continue
        paragraph = start.getparent()
        if paragraph.tag != qn("w:p"):  # between paragraphs: it marks the next one
            paragraph = start.getnext()
            while paragraph is not None and paragraph.tag != qn("w:p"):
                paragraph = paragraph.getnext()
        out.append(Bookmark(name, "" if paragraph is None else _text(paragraph)))
    return out


# -- images ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Image:
    paragraph: int  # index in `document.paragraphs` (the body's own paragraphs); -1 if none
    sha1: str  # of the picture's bytes as stored in the package


def images(document: Any) -> list[Image]:
    """The pictures in the body, with the body paragraph each is in."""
    body = document.element.body
    paragraphs = list(body.iterchildren(qn("w:p")))  # as python-docx counts them
    rels = document.part.rels
    out = []
    for blip in body.iter(qn("a:blip")):
        rid = blip.get(qn("r:embed"))
        if not rid or rid not in rels or rels[rid].is_external:
            continue
        owner = blip
        while owner is not None and owner.getparent() is not body:
            owner = owner.getparent()
        index = paragraphs.index(owner) if owner is not None and owner in paragraphs else -1
        out.append(Image(index, hashlib.sha1(rels[rid].target_part.blob).hexdigest()))
    return out


# -- sections, breaks, captions, tables of contents ---------------------------------------


@dataclass(frozen=True)
class Section:
    texts: tuple[str, ...]  # its non-empty body paragraphs, "<table N>" for a table
    start: int | None  # the page number it starts at, None to continue the count
    number_format: str | None  # w:pgNumType/@w:fmt: decimal, lowerRoman...
    columns: int
    title_page: bool  # a first page of its own (w:titlePg)


def sections(document: Any) -> list[Section]:
    """The body's sections in order, each with its paragraphs and page numbering."""
    out, texts, tables = [], [], 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables += 1
            texts.append(f"<table {tables}>")
        elif child.tag == qn("w:p"):
            text = _text(child)
            if text.strip():
                texts.append(text)
            ppr = child.find(qn("w:pPr"))
            inner = None if ppr is None else ppr.find(qn("w:sectPr"))
            if inner is not None:
                out.append(_section(inner, texts))
                texts = []
        elif child.tag == qn("w:sectPr"):
            out.append(_section(child, texts))
            texts = []
    if texts:  # a body without a final sectPr
        out.append(Section(tuple(texts), None, None, 1, False))
    return out


def _section(sect_pr: Any, texts: list[str]) -> Section:
    numbering = sect_pr.find(qn("w:pgNumType"))
    start = None if numbering is None else numbering.get(qn("w:start"))
    cols = sect_pr.find(qn("w:cols"))
    count = None if cols is None else cols.get(qn("w:num"))
    title = sect_pr.find(qn("w:titlePg"))
    return Section(
        texts=tuple(texts),
        start=int(start) if start and start.lstrip("-").isdigit() else None,
        number_format=None if numbering is None else numbering.get(qn("w:fmt")),
        columns=int(count) if count and count.isdigit() else 1,
        title_page=title is not None and title.get(qn("w:val")) not in ("0", "false"),
    )


@dataclass(frozen=True)
class Caption:
    text: str  # the whole paragraph as shown: "Table 1: Revenue by region"
    category: str  # the SEQ field's name: Table, Figure, Illustration...
    previous: str | None  # the neighbouring body blocks ("<table N>" for a table)
    next: str | None


def captions(document: Any) -> list[Caption]:
    """The body's caption paragraphs (those with a numbering SEQ field)."""
    blocks, found = [], []
    tables = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables += 1
            blocks.append(f"<table {tables}>")
        elif child.tag == qn("w:p"):
            text = _text(child)
            sequence = [n for n in field_names(field_text(child)) if n == "SEQ"]
            if sequence:
                found.append((len(blocks), text, _seq_name(child)))
            if text.strip():
                blocks.append(text)
    return [
        Caption(
            text=text,
            category=name,
            previous=blocks[at - 1] if at > 0 else None,
            next=blocks[at + 1] if at + 1 < len(blocks) else None,
        )
        for at, text, name in found
    ]


def _seq_name(paragraph: Any) -> str:
    instructions = [n.get(qn("w:instr")) or "" for n in paragraph.iter(qn("w:fldSimple"))]
    instructions.append("".join(n.text or "" for n in paragraph.iter(qn("w:instrText"))))
    for instruction in instructions:
        words = instruction.split()
        if len(words) > 1 and words[0].upper() == "SEQ":
            return words[1]
    return ""


@dataclass(frozen=True)
class Toc:
    title: str | None
    entries: tuple[str, ...]  # each entry's text without its page number
    position: int  # how many body paragraphs with text come before it
    paragraphs: tuple[str, ...]  # every paragraph text it is made of


def tables_of_contents(document: Any) -> list[Toc]:
    """The tables of contents in the body: a "Table of Contents" content control (as Writer
    and Word save one), or else the paragraphs a TOC field spans."""
    out, before, field_paragraphs = [], 0, []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:sdt") and _is_toc_control(child):
            out.append(_toc(list(child.iter(qn("w:p"))), before))
            continue
        if child.tag != qn("w:p"):
            continue
        text = field_text(child)
        if field_paragraphs or "{TOC}" in text:
            field_paragraphs.append(child)
            if _field_closes(field_paragraphs):
                out.append(_toc(field_paragraphs, before))
                field_paragraphs = []
            continue
        if _text(child).strip():
            before += 1
    if field_paragraphs:
        out.append(_toc(field_paragraphs, before))
    return out


def _is_toc_control(sdt: Any) -> bool:
    gallery = sdt.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    if gallery is not None and "Contents" in (gallery.get(qn("w:val")) or ""):
        return True
    return any("TOC" in (n.text or "").split()[:1] for n in sdt.iter(qn("w:instrText")))


def _field_closes(paragraphs: list[Any]) -> bool:
    depth = 0
    for paragraph in paragraphs:
        for char in paragraph.iter(qn("w:fldChar")):
            kind = char.get(qn("w:fldCharType"))
            depth += {"begin": 1, "end": -1}.get(kind or "", 0)
    return depth <= 0


def _toc(paragraphs: list[Any], position: int) -> Toc:
    title, entries = None, []
    for paragraph in paragraphs:
        text = _text(paragraph)
        if _style(paragraph) and TOC_ENTRY_STYLE.match(_style(paragraph)):
            entries.append(text.split("\t")[0].strip())
        elif title is None and text.strip() and not entries:
            title = text.strip()
    return Toc(title, tuple(entries), position, tuple(_text(p) for p in paragraphs))


# -- helpers -----------------------------------------------------------------------------


def _text(element: Any, paragraph_separator: str = "") -> str:
    """The text of the w:t nodes under an element (tabs as \\t), paragraphs joined."""
    if element.tag != qn("w:p") and paragraph_separator:
        return paragraph_separator.join(_text(p) for p in element.iter(qn("w:p")))
    parts = []
    for node in element.iter(qn("w:t"), qn("w:tab")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.getparent().tag == qn("w:r"):  # not a tab stop of the paragraph's format
            parts.append("\t")
    return "".join(parts)


def _style(paragraph: Any) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(qn("w:val"))


def _spans(body: Any, start_tag: str, end_tag: str) -> dict[str, str]:
    """id -> the text between a range start and its end (comments), in document order."""
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for node in body.iter(qn(start_tag), qn(end_tag), qn("w:t")):
        if node.tag == qn("w:t"):
            for parts in open_ids.values():
                parts.append(node.text or "")
        elif node.tag == qn(start_tag):
            open_ids[node.get(qn("w:id"))] = []
        else:
            parts = open_ids.pop(node.get(qn("w:id")), None)
            if parts is not None:
                done[node.get(qn("w:id"))] = "".join(parts)
    return done


def _related_xml(document: Any, kind: str) -> Any:
    """The root element of the document part's related part of a kind ("comments",
    "footnotes", "endnotes"), or None."""
    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith(f"/{kind}"):
            continue
        part = rel.target_part
        element = getattr(part, "element", None)
        return element if element is not None else parse_xml(part.blob)
    return None
