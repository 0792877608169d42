"""Find and replace: every occurrence, whole words, case, deleting text."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def replace_families() -> list[WriterFamily]:
    return []
