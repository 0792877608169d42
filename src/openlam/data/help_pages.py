"""Read LibreOffice's HTML help pages into procedures: the ordered HowTo lists, each with the
heading and introduction that precede it.

The help marks procedures up as `<ol itemprop="HowTo">`. Platform and application variants of a
phrase sit side by side in hidden spans; we keep the default variant (and the Linux one), never
the macOS or Windows one. UI names (`emph`, `menuitem`, `keycode` spans) become **bold**, so
plans keep the names of the controls a step acts on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BOLD_CLASSES = {"emph", "menuitem", "keycode", "literal"}
# Hidden spans carry variants; those of other platforms or named applications are dropped.
OTHER_VARIANTS = {"MAC", "WIN", "WRITER", "CALC", "IMPRESS", "DRAW", "MATH", "CHART", "BASE"}
SKIPPED_BLOCKS = {"note", "tip", "warning", "relatedtopics", "howtoget", "bug", "debug"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID_TAGS = {"br", "img", "meta", "link", "input", "hr", "base", "col", "area", "source", "wbr"}


@dataclass
class Procedure:
    """One HowTo list of a help page and the text that introduces it."""

    page: str  # path relative to the help root, e.g. "swriter/guide/table_insert.html"
    page_title: str
    heading: str  # the nearest heading above the list ("" when none but the title)
    heading_id: str
    intro: list[str]  # paragraphs between that heading and the list
    steps: list[str]


@dataclass
class _Block:
    kind: str  # heading, paragraph or step
    text: list[str] = field(default_factory=list)
    level: int = 0
    ident: str = ""


class _PageParser(HTMLParser):
    """Turns one page into a flat list of headings, paragraphs and procedure steps."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.events: list[tuple] = []
        self._open: list[tuple[str, str]] = []  # (tag, role) for every open element
        self._skip_depth = 0  # >0 inside a hidden variant or a note
        self._bold: list[list[str]] = []
        self._block: _Block | None = None
        self._howto_depth = 0  # nesting of lists inside a HowTo list
        self._steps: list[str] | None = None
        self._in_title = False
        self._in_display = False

    # -- tags -------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in VOID_TAGS:
            return
        role = self._role(tag, a)
        self._open.append((tag, role))
        if role == "skip":
            self._skip_depth += 1
        elif self._skip_depth:
            return
        elif role == "bold":
            self._bold.append([])
        elif role == "howto":
            self._steps = []
        elif role == "list" and self._steps is not None:
            self._howto_depth += 1
        elif role == "step":
            self._block = _Block("step")
        elif role == "heading" and self._steps is None:
            self._block = _Block("heading", level=int(tag[1]), ident=a.get("id", ""))
        elif role == "paragraph" and self._steps is None and self._block is None:
            self._block = _Block("paragraph")
        elif role in ("paragraph", "item") and self._block is not None:
            self._block.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or not any(t == tag for t, _ in self._open):
            return
        while self._open:
            open_tag, role = self._open.pop()
            self._close(role)
            if open_tag == tag:
                break

    def _close(self, role: str) -> None:
        if role == "skip":
            self._skip_depth -= 1
            return
        if self._skip_depth:
            return
        if role == "bold" and self._bold:
            inner = _clean("".join(self._bold.pop()))
            self._write(f" **{inner}** " if inner else " ")
        elif role == "title":
            self._in_title = False
        elif role == "list" and self._steps is not None:
            self._howto_depth -= 1
        elif role == "howto" and self._steps is not None:
            self.events.append(("procedure", self._steps))
            self._steps = None
        elif role == "step" and self._block is not None:
            self._steps.append(_clean("".join(self._block.text)))
            self._block = None
        elif role in ("heading", "paragraph") and self._block and self._block.kind == role:
            text = _clean("".join(self._block.text))
            self.events.append((role, text, self._block.level, self._block.ident))
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self._skip_depth and self._in_display:
            self._write(data)

    def _write(self, text: str) -> None:
        if self._bold:
            self._bold[-1].append(text)
        elif self._block is not None:
            self._block.text.append(text)

    def _role(self, tag: str, a: dict[str, str]) -> str:
        classes = set(a.get("class", "").split())
        if tag == "title":
            self._in_title = True
            return "title"
        if a.get("id") == "DisplayArea":
            self._in_display = True
        if classes & SKIPPED_BLOCKS or tag in ("script", "style", "table", "header", "aside"):
            return "skip"
        if "hidden" in a and (classes & OTHER_VARIANTS):
            return "skip"
        if tag == "span" and classes & BOLD_CLASSES:
            return "bold"
        if tag == "ol" and a.get("itemprop") == "HowTo" and self._steps is None:
            return "howto"
        if tag in ("ol", "ul"):
            return "list"
        if tag == "li" and self._steps is not None and self._howto_depth == 0:
            return "step"
        if tag == "li":
            return "item"
        if tag in HEADINGS:
            return "heading"
        if tag == "p":
            return "paragraph"
        return "other"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\*\*\s*\*\*", "", text)  # adjacent bold runs merge into one
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    return text.strip()


def parse_page(path: Path, root: Path) -> list[Procedure]:
    """The procedures of one help page, in page order, with their context."""
    html = path.read_text(encoding="utf-8")
    if 'itemprop="HowTo"' not in html:
        return []
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    page = path.relative_to(root).as_posix()
    title = _clean(parser.title)
    heading, heading_id, intro = "", "", []
    procedures = []
    for event in parser.events:
        if event[0] == "heading":
            text, level, ident = event[1], event[2], event[3]
            if level == 1:
                title = text or title
                heading, heading_id = "", ident
            else:
                heading, heading_id = text, ident
            intro = []
        elif event[0] == "paragraph" and event[1]:
            intro.append(event[1])
        elif event[0] == "procedure":
            steps = [s for s in event[1] if s]
            procedures.append(Procedure(page, title, heading, heading_id, list(intro), steps))
            intro = []
    return procedures


def iter_pages(root: Path, modules: list[str] | None = None) -> list[Path]:
    """Every .html page under the given modules (all modules when None), sorted."""
    if not root.is_dir():
        raise FileNotFoundError(f"no help corpus at {root} (Debian package libreoffice-help-en-us)")
    dirs = [root / m for m in modules] if modules else sorted(p for p in root.iterdir())
    missing = [d.name for d in dirs if not d.is_dir()]
    if missing:
        raise FileNotFoundError(f"no help module {missing} under {root}")
    return sorted(p for d in dirs for p in d.rglob("*.html"))
