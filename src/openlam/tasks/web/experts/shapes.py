"""Solutions of tasks on shapes and positions: SVG shapes, points, drags, selections of text."""

from __future__ import annotations

from openlam.tasks.web.experts.common import Solution

SOLUTIONS: dict[str, Solution] = {}
