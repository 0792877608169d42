"""Line and paragraph spacing, indents and tab stops, on paragraphs and ranges."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def spacing_families() -> list[WriterFamily]:
    return []
