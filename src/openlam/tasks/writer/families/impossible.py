"""Requests Writer cannot do or that are out of scope: the answer is FAIL with a reason."""

from __future__ import annotations

from openlam.tasks.writer.families.common import WriterFamily


def impossible_families() -> list[WriterFamily]:
    return []
