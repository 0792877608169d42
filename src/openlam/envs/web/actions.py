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


def navigate(url: Url):
    """Open an address in the current tab (only addresses the environment allows).

    Examples:
        navigate(url="http://127.0.0.1:8000/form.html")
    """


@cache
def web_action_space() -> ActionSpace:
    """The web action space (built once per process)."""
    return ActionSpace([click, set_edit_text, press, select_option, scroll, navigate])
