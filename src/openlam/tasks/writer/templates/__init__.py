"""Template documents for Writer tasks, generated reproducibly with python-docx.

Each template has a name, a short description (used to pick a template for a task) and a
builder. Its .docx (the source, whose facts tasks are sampled from and checked against) is
written once into a cache folder and reused; for an .odt template, the environment opens an
.odt that soffice converted from that .docx, also made once.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

import docx
from docx.shared import Pt

from openlam.tasks.writer.templates.blocks import Template
from openlam.tasks.writer.templates.long import LONG
from openlam.tasks.writer.templates.odt import convert_to_odt
from openlam.tasks.writer.templates.office import OFFICE
from openlam.tasks.writer.templates.public import PUBLIC
from openlam.tasks.writer.templates.research import RESEARCH
from openlam.tasks.writer.templates.short import SHORT

__all__ = [
    "TEMPLATES",
    "TEST_TEMPLATES",
    "Template",
    "build",
    "cache_dir",
    "default_template",
    "source",
    "templates",
]

TEMPLATES: tuple[Template, ...] = (*SHORT, *LONG, *RESEARCH, *OFFICE, *PUBLIC)

# Held-out templates: test tasks use them with test phrasings; training never sees either.
TEST_TEMPLATES = (
    "cv",
    "invoice",
    "newsletter",
    "recipe",
    "employee_handbook",
    "call_for_papers",
    "property_listing",
)


def templates() -> dict[str, Template]:
    return {t.name: t for t in TEMPLATES}


def cache_dir() -> Path:
    """Where the files are kept: a folder per version of the code that writes them, so that
    a changed template is never served from an older cache."""
    base = os.environ.get("OPENLAM_CACHE") or Path.home() / ".cache" / "openlam"
    return Path(base) / "templates" / _code_digest()


@cache
def _code_digest() -> str:
    digest = hashlib.sha256(docx.__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def source(name: str, folder: Path | None = None) -> Path:
    """The template's python-docx .docx (written once): its facts describe the template."""
    template = templates()[name]
    folder = folder or cache_dir()
    path = folder / f"{name}.docx"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        document = docx.Document()
        document.styles["Normal"].font.name = "Liberation Serif"
        document.styles["Normal"].font.size = Pt(12)
        template.build(document)
        tmp = folder / f".{path.name}.{os.getpid()}.tmp"
        document.save(tmp)
        tmp.replace(path)
    return path


def build(name: str, folder: Path | None = None) -> Path:
    """The file the environment opens: the .docx, or for an .odt template the .odt (made
    once from the .docx with soffice)."""
    docx_path = source(name, folder)
    if not templates()[name].odt:
        return docx_path
    path = docx_path.with_suffix(".odt")
    if not path.exists():
        convert_to_odt(docx_path, path)
    return path


def default_template() -> Path:
    return build("letter")
