"""Solutions of the small sites: e-mail inboxes, social media, flight booking, search
results, menus and trees."""

from __future__ import annotations

from openlam.tasks.web.experts.common import Solution

SOLUTIONS: dict[str, Solution] = {}
