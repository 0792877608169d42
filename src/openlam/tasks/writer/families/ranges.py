"""Formatting across the document or a range: every paragraph, the first or last N, text in tables, every run of a kind."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def range_families() -> list[WriterFamily]:
    return []
