"""Tables beyond one cell: text to table and back, merge and split, rows and columns, cell formatting."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def table_families() -> list[WriterFamily]:
    return []
