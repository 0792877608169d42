"""Template documents for Writer tasks, generated reproducibly with python-docx.

Each template has a name, a short description (used to pick a template for a task) and a
builder. Files are written once into a cache folder and reused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.shared import Pt


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    build: Callable[[Document], None]


def _letter(doc: Document) -> None:
    doc.add_paragraph("Harbour Lane Bakery", style="Title")
    doc.add_paragraph("14 Harbour Lane, Portsmouth PO1 3AX")
    doc.add_paragraph("3 March 2025")
    doc.add_paragraph("Dear Ms Okafor,")
    doc.add_paragraph(
        "Thank you for choosing us to cater your daughter's wedding in June. We have "
        "reserved the morning of the fourteenth for baking and delivery."
    )
    doc.add_paragraph(
        "Our pastry chef suggests a three tier lemon sponge with elderflower cream, which "
        "serves about one hundred and twenty guests."
    )
    doc.add_paragraph(
        "Please confirm the final guest count by the end of April so that we can order "
        "fresh fruit from our regular supplier."
    )
    doc.add_paragraph("Kind regards,")
    doc.add_paragraph("Daniel Reyes, Head Baker")


TEMPLATES: tuple[Template, ...] = (
    Template(
        "letter",
        "A business letter from a bakery to a customer about a wedding cake order.",
        _letter,
    ),
)


def templates() -> dict[str, Template]:
    return {t.name: t for t in TEMPLATES}


def cache_dir() -> Path:
    base = os.environ.get("OPENLAM_CACHE") or Path.home() / ".cache" / "openlam"
    return Path(base) / "templates"


def build(name: str, folder: Path | None = None) -> Path:
    """Write the template's .docx (once) and return its path."""
    template = templates()[name]
    folder = folder or cache_dir()
    path = folder / f"{name}.docx"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        document = docx.Document()
        document.styles["Normal"].font.name = "Liberation Serif"
        document.styles["Normal"].font.size = Pt(12)
        template.build(document)
        tmp = path.with_suffix(".tmp")
        document.save(tmp)
        tmp.replace(path)
    return path


def default_template() -> Path:
    return build("letter")
