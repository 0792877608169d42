"""Lists beyond one paragraph: restart, start number, remove, switch bullets and numbers."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def list_families() -> list[WriterFamily]:
    return []
