"""The web action vocabulary: Playwright's verbs on the controls of the observation.

These functions are declarations: their signatures and docstrings define what the model is
shown and what the parser accepts; `WebEnv` carries them out. A `label` names a control of
the last observation.

Typing into a box is `set_edit_text`, the name Writer uses, not Playwright's `fill`: prompts
and data from Writer then carry over, and `ActionSpace` has no hidden aliases (a second
declaration named `fill` would show the model the same action twice).
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field

from openlam.actions import ActionSpace

Text = Annotated[str, Field(max_length=10_000)]
Keys = Annotated[str, Field(min_length=1, max_length=100)]
Url = Annotated[str, Field(min_length=1, max_length=2_000)]
# A point of the page in CSS pixels from its top-left corner, as the boxes of shapes are given.
Coordinate = Annotated[int, Field(ge=0, le=9_999)]
Label = Annotated[str, Field(pattern=r"^[0-9]{1,4}$")]


def click(label: str):
    """Click a control (button, link, check box, radio button, tab, option, menu item).

    Examples:
        click(label="3")
    """


def set_edit_text(label: str, text: Text):
    """Replace the text of a text box or search box (Playwright's fill).

    Examples:
        set_edit_text(label="2", text="Ada Lovelace")
        set_edit_text(label="5", text="")
    """


def press(label: str, keys: Keys):
    """Focus a control and press one key or chord, named as in Playwright.

    Examples:
        press(label="2", keys="Enter")
        press(label="2", keys="Control+A")
    """


def select_option(label: str, value: Text):
    """Choose the option of a drop-down list (select) by its value or its text.

    Examples:
        select_option(label="4", value="Green")
    """


def scroll(direction: Literal["up", "down"], amount: Annotated[int, Field(ge=1, le=50)] = 3):
    """Scroll the page up or down by mouse-wheel notches (about 100 pixels each).

    Examples:
        scroll(direction="down", amount=5)
    """


def click_point(x: Coordinate, y: Coordinate):
    """Click a point of the page, x and y in pixels from its top-left corner (the boxes of
    shapes are shown as @x,y width x height): a spot of a drawing no control covers.

    Examples:
        click_point(x=85, y=120)
    """


def drag(label: str, to: Label):
    """Drag a control onto another control: press the mouse on the first one's centre, move
    and release it on the second one's.

    Examples:
        drag(label="3", to="7")
    """


def drag_point(x: Coordinate, y: Coordinate, to_x: Coordinate, to_y: Coordinate):
    """Press the mouse at a point of the page, move it to another and release it there (a
    resize handle, a shape, a line to draw), points as in click_point.

    Examples:
        drag_point(x=150, y=120, to_x=200, to_y=180)
    """


def navigate(url: Url):
    """Open an address in the current tab (only addresses the environment allows).

    Examples:
        navigate(url="http://127.0.0.1:8000/form.html")
    """


@cache
def web_action_space() -> ActionSpace:
    """The web action space (built once per process)."""
    return ActionSpace(
        [
            click,
            set_edit_text,
            press,
            select_option,
            scroll,
            navigate,
            click_point,
            drag,
            drag_point,
        ]
    )
