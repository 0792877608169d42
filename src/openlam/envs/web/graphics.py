"""What the DOM knows about shapes: the kind, colour, text and box of SVG shapes and of other
boxes drawn on the page, read from Chromium's DOM snapshot.

The accessibility tree leaves out an SVG circle without a name, and says nothing of colour or
place; a task that asks for "the small red circle" or "the centre of the circle" needs all
three. Boxes are in CSS pixels of the page (its top-left corner is 0, 0), the coordinates the
point actions take. Only the main document is read: a frame's boxes would need its offset.
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from typing import Any

# Computed styles the snapshot is asked for, in this order.
STYLES = ["fill", "stroke", "background-color", "position"]
# SVG elements that draw something, and the word a person would call each one.
SVG_KINDS = {
    "circle": "circle",
    "ellipse": "ellipse",
    "rect": "rectangle",
    "polygon": "polygon",
    "polyline": "polyline",
    "line": "line",
    "path": "path",
    "text": "text",
    "image": "image",
}
STROKED = frozenset({"line", "polyline"})
POLYGON_KINDS = {3: "triangle", 4: "quadrilateral", 5: "pentagon", 6: "hexagon"}
# CSS names of the colours pages use most; any other colour is written as hsl(), whose hue a
# reader can place ("a shade of blue") where a hex code hides it.
NAMED_COLORS = {
    (0, 0, 0): "black",
    (255, 255, 255): "white",
    (255, 0, 0): "red",
    (0, 128, 0): "green",
    (0, 255, 0): "lime",
    (0, 0, 255): "blue",
    (255, 255, 0): "yellow",
    (0, 255, 255): "cyan",
    (255, 0, 255): "magenta",
    (128, 128, 128): "gray",
    (192, 192, 192): "silver",
    (128, 0, 0): "maroon",
    (128, 128, 0): "olive",
    (128, 0, 128): "purple",
    (0, 128, 128): "teal",
    (0, 0, 128): "navy",
    (255, 165, 0): "orange",
    (255, 192, 203): "pink",
    (165, 42, 42): "brown",
}
_RGB = re.compile(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)")


@dataclass(frozen=True)
class Graphic:
    """One element with a box: its tag, box (x, y, width, height), colour and own text."""

    tag: str
    box: tuple[int, int, int, int]
    color: str | None
    text: str
    positioned: bool  # CSS position absolute or fixed: placed by the page, not by the flow
    points: int  # the corners of a polygon, 0 for anything else

    @property
    def drawn(self) -> bool:
        """An SVG element that draws a shape or text."""
        return self.tag in SVG_KINDS

    def kind(self) -> str:
        """What a person would call the shape: "circle", "triangle", its text."""
        if self.tag == "text" and self.text:
            return self.text
        if self.tag == "polygon" and self.points:
            return POLYGON_KINDS.get(self.points, f"polygon of {self.points} sides")
        return SVG_KINDS.get(self.tag, self.tag)


def read_graphics(snapshot: dict[str, Any]) -> dict[int, Graphic]:
    """backend node id -> Graphic, for every element of the main document with a box, in
    document order; the snapshot must have been taken with `STYLES`."""
    strings = snapshot["strings"]
    doc = snapshot["documents"][0]
    nodes, layout = doc["nodes"], doc["layout"]
    names = [strings[i].lower() for i in nodes["nodeName"]]
    texts = _own_texts(nodes, names, strings)
    found: dict[int, Graphic] = {}
    for index, bounds, styles in zip(
        layout["nodeIndex"], layout["bounds"], layout["styles"], strict=True
    ):
        x, y, width, height = bounds
        if width <= 0 or height <= 0 or names[index].startswith("#"):
            continue
        fill, stroke, background, position = (strings[i] if i >= 0 else "" for i in styles)
        tag = names[index]
        # A line has no inside: its colour is its stroke's; so is that of an unfilled shape.
        paint = stroke if tag in STROKED or color_name(fill) is None else fill
        points = _attribute(nodes["attributes"][index], strings, "points")
        found[nodes["backendNodeId"][index]] = Graphic(
            tag=tag,
            box=(round(x), round(y), round(width), round(height)),
            color=color_name(paint if tag in SVG_KINDS else background),
            text=texts.get(index, ""),
            positioned=position in ("absolute", "fixed"),
            points=len(re.findall(r"[-\d.]+[ ,]+[-\d.]+", points)) if tag == "polygon" else 0,
        )
    return found


def color_name(css: str) -> str | None:
    """A computed CSS colour as a name or hsl(); None for none or transparent."""
    match = _RGB.fullmatch(css.strip())
    if match is None:
        return None
    red, green, blue = (int(v) for v in match.groups()[:3])
    if match.group(4) is not None and float(match.group(4)) == 0:
        return None
    named = NAMED_COLORS.get((red, green, blue))
    if named:
        return named
    hue, light, sat = colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)
    return f"hsl({round(hue * 360)}, {round(sat * 100)}%, {round(light * 100)}%)"


def _own_texts(nodes: dict[str, Any], names: list[str], strings: list[str]) -> dict[int, str]:
    """node index -> the text of its own text children (not of deeper elements)."""
    texts: dict[int, str] = {}
    for i, parent in enumerate(nodes["parentIndex"]):
        if names[i] == "#text" and parent >= 0:
            value = strings[nodes["nodeValue"][i]] if nodes["nodeValue"][i] >= 0 else ""
            texts[parent] = (texts.get(parent, "") + value).strip()
    return texts


def _attribute(attributes: list[int], strings: list[str], name: str) -> str:
    for key, value in zip(attributes[::2], attributes[1::2], strict=True):
        if strings[key] == name:
            return strings[value]
    return ""
