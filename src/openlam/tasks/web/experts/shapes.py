"""Solutions of tasks on shapes and positions: SVG shapes, points, drags, selections of text.

They read what the observation says of a shape: its name (a letter, a digit or its kind),
its colour and its box (x, y, width, height in page pixels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openlam.agent.scripted import Rule
from openlam.records import Action, Control, Observation
from openlam.tasks.web.experts.common import SUBMIT, NoTarget, Solution, act, click

SHAPE_KINDS = ("circle", "rectangle", "triangle")
# The shapes grid draws a large item 20 pixels high and a small one 10 (text: 22 and 11).
LARGE_PX = 16
# Colour names of the task pages that CSS computes to another name.
COLOR_ALIASES = {"aqua": "cyan", "fuchsia": "magenta", "grey": "gray"}


def drawn(obs: Observation) -> list[Control]:
    """The letters, digits and shapes drawn on the page."""
    return [
        c for c in obs.controls if c.box is not None and (len(c.name) == 1 or c.name in SHAPE_KINDS)
    ]


@dataclass(frozen=True)
class Description:
    """A shapes-grid description: "large red circle", "small letter", "blue item"."""

    size: str  # "large", "small" or ""
    color: str  # a colour name or ""
    what: str  # a letter, digit or shape kind; "letter", "digit", "shape"; or "item"

    @classmethod
    def parse(cls, text: str) -> Description:
        words = text.split()
        size = words.pop(0) if words[0] in ("large", "small") else ""
        color = words.pop(0) if len(words) > 1 else ""
        return cls(size, COLOR_ALIASES.get(color, color), words[0])

    def matches(self, c: Control) -> bool:
        large = c.box[3] >= LARGE_PX
        if self.size and (self.size == "large") != large:
            return False
        if self.color and c.color != self.color:
            return False
        kind = "shape" if c.name in SHAPE_KINDS else "digit" if c.name.isdigit() else "letter"
        return self.what in ("item", kind, c.name)


def click_shape(utterance: str) -> list[Rule]:
    wanted = Description.parse(re.match(r"Click on an? (.*)", utterance).group(1))

    def rule(obs: Observation) -> Action:
        found = [c for c in drawn(obs) if wanted.matches(c)]
        if not found:
            raise NoTarget(f"no drawn item is a {wanted}")
        return act("click", found[0])

    return [rule]


def count_shape(utterance: str) -> list[Rule]:
    wanted = Description.parse(re.match(r"How many (.*)s are there\?", utterance).group(1))

    def rule(obs: Observation) -> Action:
        count = str(sum(wanted.matches(c) for c in drawn(obs)))
        buttons = [c for c in obs.controls if c.type == "button" and c.name == count]
        if not buttons:
            raise NoTarget(f"no button {count}")
        return act("click", buttons[0])

    return [rule]


def identify_shape(utterance: str) -> list[Rule]:
    def rule(obs: Observation) -> Action:
        (shape,) = [c for c in obs.controls if c.type == "graphic"]
        kind = shape.name
        answer = (
            kind.capitalize() if kind in SHAPE_KINDS else "Number" if kind.isdigit() else "Letter"
        )
        return act("click", _named(obs, answer, "button"))

    return [rule]


def click_color(utterance: str) -> list[Rule]:
    color = re.search(r"Click on the (\w+) colored box", utterance).group(1)
    color = COLOR_ALIASES.get(color, color)

    def rule(obs: Observation) -> Action:
        boxes = [c for c in obs.controls if c.color == color and c.type == "clickable"]
        if not boxes:
            raise NoTarget(f"no {color} box")
        # The request shows the colour in a small swatch of its own: click the largest box.
        return act("click", max(boxes, key=lambda c: c.box[2] * c.box[3]))

    return [rule]


HUES = {"red": 0, "green": 120, "blue": 240}


def click_shades(utterance: str) -> list[Rule]:
    color = re.search(r"shades of (\w+)", utterance).group(1)

    def shade(obs: Observation) -> list[Control]:
        return [c for c in obs.controls if c.color and _hue_name(c.color) == color]

    def pick(index: int) -> Rule:
        def rule(obs: Observation) -> Action:
            found = shade(obs)
            if index >= len(found):
                return SUBMIT(obs)
            return act("click", found[index])

        return rule

    # Twelve swatches at most, then Submit; a rule past the last shade submits, and the
    # episode ends with it.
    return [pick(i) for i in range(13)]


def _hue_name(color: str) -> str | None:
    """red, green or blue for a colour name or hsl() of one of those hues."""
    if color in HUES:
        return color
    match = re.match(r"hsl\((\d+)", color)
    if match is None:
        return None
    hue = int(match.group(1))
    return min(HUES, key=lambda name: min(abs(hue - HUES[name]), 360 - abs(hue - HUES[name])))


def drag_box(utterance: str) -> list[Rule]:
    def rule(obs: Observation) -> Action:
        boxes = sorted(
            (c for c in obs.controls if c.box is not None and c.type == "clickable"),
            key=lambda c: c.box[2] * c.box[3],
        )
        if len(boxes) < 2:
            raise NoTarget("no two boxes to drag")
        return act("drag", boxes[0], to=boxes[-1].label)

    return [rule, click(name="Submit", types=("button",))]


DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
DRAG_PX = 30


def drag_direction(utterance: str) -> list[Rule]:
    """Drag the one shape some pixels left, right, up or down, then submit."""
    dx, dy = DIRECTIONS[re.search(r"Drag the \w+ (left|right|up|down)", utterance).group(1)]

    def rule(obs: Observation) -> Action:
        shape = next((c for c in obs.controls if c.name in SHAPE_KINDS and c.box), None)
        if shape is None:
            raise NoTarget("no shape to drag")
        x, y = centre(shape)
        to = {"to_x": x + dx * DRAG_PX, "to_y": y + dy * DRAG_PX}
        return Action(function="drag_point", args={"x": x, "y": y, **to})

    return [rule, click(name="Submit", types=("button",))]


def centre(c: Control) -> tuple[int, int]:
    x, y, width, height = c.box
    return x + width // 2, y + height // 2


def _named(obs: Observation, name: str, type: str) -> Control:
    found = next((c for c in obs.controls if c.name == name and c.type == type), None)
    if found is None:
        raise NoTarget(f"no {type} {name!r}")
    return found


SOLUTIONS: dict[str, Solution] = {
    "click-shape": click_shape,
    "count-shape": count_shape,
    "identify-shape": identify_shape,
    "click-color": click_color,
    "click-shades": click_shades,
    "drag-box": drag_box,
    "drag-circle": drag_direction,
    "drag-single-shape": drag_direction,
}
