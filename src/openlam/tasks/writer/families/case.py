"""Case changes: lower, upper, title and sentence case, through Format - Text."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def case_families() -> list[WriterFamily]:
    return []
