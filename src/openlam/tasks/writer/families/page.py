"""Headers, footers, page numbers and other fields, breaks and sections."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def page_families() -> list[WriterFamily]:
    return []
