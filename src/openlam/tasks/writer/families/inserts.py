"""Inserting objects: images, hyperlinks, comments, footnotes, bookmarks; export to PDF."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def insert_families() -> list[WriterFamily]:
    return []
