"""Solutions of widgets and puzzles: date pickers, sliders, spinners, scrolling lists, copy
and paste, forms in sequence, guessing games."""

from __future__ import annotations

from openlam.tasks.web.experts.common import Solution

SOLUTIONS: dict[str, Solution] = {}
