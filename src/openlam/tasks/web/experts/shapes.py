"""Solutions of tasks on shapes and positions: SVG shapes, points, drags, selections of text.

They read what the observation says of a shape: its name (a letter, a digit or its kind),
its colour and its box (x, y, width, height in page pixels).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from functools import cache

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


# -- points of a drawing ------------------------------------------------------------------


def point_at(x: float, y: float) -> Action:
    return Action(function="click_point", args={"x": round(x), "y": round(y)})


def middle(c: Control) -> tuple[float, float]:
    """The exact centre of a control's box (a 7-pixel dot's centre is half a pixel in)."""
    x, y, width, height = c.box
    return x + width / 2, y + height / 2


def dots(obs: Observation) -> list[Control]:
    """The small circles a point task draws (its points), in drawing order."""
    return [c for c in obs.controls if c.name == "circle" and c.box and c.box[2] <= 10]


def _one(found: list[Control], what: str) -> Control:
    if len(found) != 1:
        raise NoTarget(f"expected one {what}, found {len(found)}")
    return found[0]


def circle_center(utterance: str) -> list[Rule]:
    def rule(obs: Observation) -> Action:
        circles = [c for c in obs.controls if c.name == "circle" and c.box]
        return point_at(*middle(_one(circles, "circle")))

    return [rule, SUBMIT]


def find_midpoint(utterance: str) -> list[Rule]:
    def rule(obs: Observation) -> Action:
        found = dots(obs)
        if len(found) != 2:
            raise NoTarget(f"expected two points, found {len(found)}")
        (ax, ay), (bx, by) = (middle(c) for c in found)
        return point_at((ax + bx) / 2, (ay + by) / 2)

    return [rule, SUBMIT]


def right_angle(utterance: str) -> list[Rule]:
    """The blue point is the vertex: the third point goes on the perpendicular through it."""

    def rule(obs: Observation) -> Action:
        found = dots(obs)
        vx, vy = middle(_one([c for c in found if c.color == "blue"], "blue point"))
        ax, ay = middle(_one([c for c in found if c.color != "blue"], "other point"))
        return point_at(*_inside(obs, (vx, vy), (ay - vy, vx - ax), both_ways=True))

    return [rule, SUBMIT]


def bisect_angle(utterance: str) -> list[Rule]:
    """The blue point is the vertex; the line to the new point splits the angle at it."""

    def rule(obs: Observation) -> Action:
        found = dots(obs)
        vx, vy = middle(_one([c for c in found if c.color == "blue"], "blue point"))
        arms = [middle(c) for c in found if c.color != "blue"]
        if len(arms) != 2:
            raise NoTarget(f"expected two arm points, found {len(arms)}")
        units = [_unit(x - vx, y - vy) for x, y in arms]
        dx, dy = units[0][0] + units[1][0], units[0][1] + units[1][1]
        if math.hypot(dx, dy) < 1e-6:  # a straight angle: its bisector is the perpendicular
            dx, dy = -units[0][1], units[0][0]
        return point_at(*_inside(obs, (vx, vy), (dx, dy)))

    return [rule, SUBMIT]


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = math.hypot(dx, dy)
    return dx / length, dy / length


# How far from the vertex a point on a ray is put: far enough that a pixel of rounding turns
# the angle little, and inside the drawing.
RAY_PX = (60, 45, 30, 20, 12)
EDGE_PX = 4


def _inside(
    obs: Observation,
    start: tuple[float, float],
    direction: tuple[float, float],
    *,
    both_ways: bool = False,
) -> tuple[float, float]:
    """A point on the ray from `start` (or, both ways, on the opposite one) that lies inside
    the drawing."""
    area = next((c for c in obs.controls if c.name == "[svg-grid]" and c.box), None)
    if area is None:
        raise NoTarget("no drawing area [svg-grid]")
    x0, y0, width, height = area.box
    ux, uy = _unit(*direction)
    for distance in RAY_PX:
        for sign in (1, -1) if both_ways else (1,):
            x, y = start[0] + sign * distance * ux, start[1] + sign * distance * uy
            if (
                x0 + EDGE_PX <= x <= x0 + width - EDGE_PX
                and y0 + EDGE_PX <= y <= y0 + height - EDGE_PX
            ):
                return x, y
    raise NoTarget("no point of the ray inside the drawing")


def grid_coordinate(utterance: str) -> list[Rule]:
    """Click the dot at (x, y) of a grid whose axes are the two drawn lines."""
    gx, gy = (int(v) for v in re.search(r"\((-?\d+),\s*(-?\d+)\)", utterance).groups())

    def rule(obs: Observation) -> Action:
        lines = [c for c in obs.controls if c.name == "line" and c.box]
        x_axis = _one([c for c in lines if c.box[3] <= 2], "horizontal axis")
        y_axis = _one([c for c in lines if c.box[2] <= 2], "vertical axis")
        points = [c for c in obs.controls if c.name == "circle" and c.box]
        if not points:
            raise NoTarget("no grid points")
        xs = sorted({middle(c)[0] for c in points})
        step = min((b - a for a, b in itertools.pairwise(xs) if b - a > 2), default=0)
        if not step:
            raise NoTarget("no spacing of the grid points")
        x, y = middle(y_axis)[0] + gx * step, middle(x_axis)[1] - gy * step
        nearest = min(points, key=lambda c: math.dist(middle(c), (x, y)))
        return act("click", nearest)

    return [rule]


def ascending_numbers(utterance: str) -> list[Rule]:
    """Click 1; the page then hides every number under a blank square, so the places of the
    others are remembered from the first sight and their squares clicked in turn."""
    places: dict[str, tuple[float, float]] = {}

    def first(obs: Observation) -> Action:
        numbers = [c for c in obs.controls if c.name.isdigit() and c.box]
        places.update((c.name, middle(c)) for c in numbers)
        return act("click", _named(obs, "1", "clickable"))

    def then(number: str) -> Rule:
        def rule(obs: Observation) -> Action:
            if number not in places:
                raise NoTarget(f"the number {number} was not seen")
            squares = [c for c in obs.controls if c.name == "rectangle" and c.box]
            if not squares:
                raise NoTarget("no squares over the numbers")
            return act("click", min(squares, key=lambda c: math.dist(middle(c), places[number])))

        return rule

    return [first, *(then(str(n)) for n in range(2, 6))]


# -- tic-tac-toe ----------------------------------------------------------------------------

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]
# The page's opponent plays a random free cell this often; otherwise it wins if it can, else
# blocks, else plays at random.
OPPONENT_RANDOM = 0.55
MARKS = {"[mark-x]": 1, "[mark-o]": -1}


def tic_tac_toe(utterance: str) -> list[Rule]:
    """Play X: each move the one most likely to win against the page's opponent.

    Not in SOLUTIONS: a draw fails the task too, and against this opponent (who moves first
    in half the games) no play wins more than about 85% of games (`_after_x`, `_after_o`).
    """

    def rule(obs: Observation) -> Action:
        cells = [c for c in obs.controls if c.name.startswith(("[ttt-", "[mark-"))]
        if len(cells) != 9:
            raise NoTarget(f"expected nine cells, found {len(cells)}")
        board = tuple(MARKS.get(c.name, 0) for c in cells)
        move = max(_free(board), key=lambda i: _after_x(_put(board, i, 1)))
        return act("click", cells[move])

    return [rule] * 5


def _free(board: tuple[int, ...]) -> list[int]:
    return [i for i, v in enumerate(board) if v == 0]


def _put(board: tuple[int, ...], cell: int, mark: int) -> tuple[int, ...]:
    return (*board[:cell], mark, *board[cell + 1 :])


def _won(board: tuple[int, ...], mark: int) -> bool:
    return any(all(board[i] == mark for i in line) for line in LINES)


def _completing(board: tuple[int, ...], mark: int) -> list[int]:
    """Free cells that complete a line of `mark`."""
    return [i for i in _free(board) if _won(_put(board, i, mark), mark)]


@cache
def _after_x(board: tuple[int, ...]) -> float:
    """The chance X wins from here, X having just moved."""
    if _won(board, 1):
        return 1.0
    free = _free(board)
    if not free:
        return 0.0
    aimed = _completing(board, -1) or _completing(board, 1) or free
    return sum(
        share * sum(_after_o(_put(board, i, -1)) for i in cells) / len(cells)
        for share, cells in ((OPPONENT_RANDOM, free), (1 - OPPONENT_RANDOM, aimed))
    )


@cache
def _after_o(board: tuple[int, ...]) -> float:
    """The chance X wins from here, O having just moved."""
    if _won(board, -1) or not _free(board):
        return 0.0
    return max(_after_x(_put(board, i, 1)) for i in _free(board))


# Where shapes dropped into a box go, around its centre, so that they do not hide each other.
DROP_SLOTS = [(-20, -10), (0, -10), (20, -10), (-20, 10), (0, 10), (20, 10)]
BOX_MIN_PX = 40  # a target box is larger than any shape


def drag_shapes(utterance: str) -> list[Rule]:
    """Drag the shapes of a kind or colour into the (left) box and, where asked, every other
    shape into the right box; then submit."""
    match = re.search(r"Drag all (?:(\w+) shapes|(rectangle|circle|triangle)s)", utterance)
    color, kind = match.groups()
    color = COLOR_ALIASES.get(color, color)
    others_too = "everything else" in utterance

    def wanted(c: Control) -> bool:
        return c.color == color if color else c.name == kind

    def rule(obs: Observation) -> Action:
        boxes = sorted(
            (c for c in obs.controls if c.name == "rectangle" and c.box[2] >= BOX_MIN_PX),
            key=lambda c: c.box[0],
        )
        if not boxes:
            raise NoTarget("no box to drag shapes into")
        shapes = [
            c
            for c in obs.controls
            if c.name in SHAPE_KINDS and c.box and c.box[2] < BOX_MIN_PX and c.type != "graphic"
        ]
        for shape in shapes:
            target = boxes[0] if wanted(shape) else boxes[-1] if others_too else None
            if target is None or _contains(target, middle(shape)):
                continue
            slot = sum(_contains(target, middle(c)) for c in shapes) % len(DROP_SLOTS)
            (x, y), (dx, dy) = middle(target), DROP_SLOTS[slot]
            sx, sy = middle(shape)
            args = {"x": round(sx), "y": round(sy), "to_x": round(x + dx), "to_y": round(y + dy)}
            return Action(function="drag_point", args=args)
        return SUBMIT(obs)

    # One drag a shape (five at most), then Submit: the rule submits once every shape is in.
    return [rule] * 7


def _contains(box: Control, point: tuple[float, float]) -> bool:
    x, y, width, height = box.box
    return x < point[0] < x + width and y < point[1] < y + height


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
    "circle-center": circle_center,
    "find-midpoint": find_midpoint,
    "right-angle": right_angle,
    "bisect-angle": bisect_angle,
    "grid-coordinate": grid_coordinate,
    "ascending-numbers": ascending_numbers,
    "drag-shapes": drag_shapes,
    "drag-shapes-2": drag_shapes,
}
