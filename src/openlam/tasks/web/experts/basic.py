"""Solutions of the first task kinds: buttons, check boxes, tabs, text fields, log-in forms,
lists, dates and times, and answers read from the page text."""

from __future__ import annotations

import re

from openlam.agent.scripted import Rule
from openlam.records import Action, Control, Observation
from openlam.tasks.web.experts.common import (
    SUBMIT,
    TEXT_TYPES,
    NoTarget,
    Solution,
    act,
    click,
    fill,
    find,
    listed,
    ordinal,
    page_lines,
    quoted,
)


def click_button(utterance: str) -> list[Rule]:
    return [click(name=quoted(utterance)[0], types=("button",))]


def click_button_sequence(utterance: str) -> list[Rule]:
    first, second = re.findall(r"button (\w+)", utterance)
    return [click(name=first, types=("button",)), click(name=second, types=("button",))]


def click_named_button(utterance: str) -> list[Rule]:
    return [click(name=re.search(r"button (\w+)", utterance).group(1), types=("button",))]


def click_test(utterance: str) -> list[Rule]:
    return [click(types=("button",))]


def click_checkboxes(utterance: str) -> list[Rule]:
    words = listed(re.match(r"Select (.*) and click Submit", utterance).group(1))
    return [*(click(name=w, types=("checkbox",)) for w in words), SUBMIT]


def click_option(utterance: str) -> list[Rule]:
    word = re.match(r"Select (.*) and click Submit", utterance).group(1)
    return [click(name=word, types=("radio",)), SUBMIT]


def click_collapsible(utterance: str) -> list[Rule]:
    def open_section(obs: Observation) -> Action:
        tab = next((c for c in obs.controls if c.name.startswith("Section")), None)
        if tab is None:
            raise NoTarget("no section header")
        return act("click", tab)

    return [open_section, SUBMIT]


def click_dialog(utterance: str) -> list[Rule]:
    return [click(name="Close", types=("button",))]


def click_dialog_2(utterance: str) -> list[Rule]:
    label = quoted(utterance)[0]
    return [click(name="Close" if label == "x" else label, types=("button",))]


def click_link(utterance: str) -> list[Rule]:
    return [click(name=quoted(utterance)[0], types=("link", "clickable"))]


def click_tab(utterance: str) -> list[Rule]:
    return [click(name=re.search(r"(Tab #\d+)", utterance).group(1), types=("tab",))]


def search_then_click(target: str, opener_prefix: str, opener_types: tuple[str, ...]) -> Rule:
    """Click the target once it shows; until then open the next opener (a tab, a section)
    that was not opened yet."""
    opened: list[str] = []

    def rule(obs: Observation) -> Action:
        shown = [c for c in obs.controls if c.name == target and c.type in ("link", "clickable")]
        if shown:
            return act("click", shown[0])
        for c in obs.controls:
            if c.type in opener_types and c.name.startswith(opener_prefix) and c.name not in opened:
                opened.append(c.name)
                return act("click", c)
        raise NoTarget(f"{target!r} is in no {opener_prefix} section")

    return rule


def click_tab_2(utterance: str) -> list[Rule]:
    target = quoted(utterance)[0]
    # Tab #1 is open at the start; the search clicks it too only if the link is not there.
    return [search_then_click(target, "Tab #", ("tab",))] * 4


def click_collapsible_2(utterance: str) -> list[Rule]:
    target = quoted(utterance)[0]
    return [search_then_click(target, "Section #", ("tab",))] * 4


def enter_text(utterance: str) -> list[Rule]:
    return [fill(quoted(utterance)[0]), SUBMIT]


def enter_text_2(utterance: str) -> list[Rule]:
    word = quoted(utterance)[0]
    return [fill(word.upper() if "upper case" in utterance else word.lower()), SUBMIT]


def enter_password(utterance: str) -> list[Rule]:
    password = quoted(utterance)[0]
    return [fill(password, nth=0), fill(password, nth=1), SUBMIT]


def focus_text(utterance: str) -> list[Rule]:
    match = re.search(r"(\d+(?:st|nd|rd|th)) input", utterance)
    nth = ordinal(match.group(1)) if match else 0
    return [click(types=("textbox",), nth=nth)]


def login_user(utterance: str, button: str = "Login") -> list[Rule]:
    user, password = quoted(utterance)[:2]
    return [
        fill(user, near="Username"),
        fill(password, near="Password"),
        click(name=button, types=("button",)),
    ]


def login_user_popup(utterance: str) -> list[Rule]:
    """As login-user, but focusing a field may open a pop-up that disables the form: cancel
    it, then do again the step it interrupted."""
    steps = login_user(utterance, button="OK")
    position = {"step": 0}

    def next_step(obs: Observation) -> Action:
        cancel = next((c for c in obs.controls if c.name == "Cancel"), None)
        if cancel is not None:
            position["step"] = max(position["step"] - 1, 0)
            return act("click", cancel)
        rule = steps[position["step"]]
        position["step"] += 1
        return rule(obs)

    # Each rule slot takes the next step unless the pop-up needs closing first.
    return [_until_done(next_step, position, len(steps)) for _ in range(len(steps) + 2)]


def _until_done(rule: Rule, position: dict, total: int) -> Rule:
    def guarded(obs: Observation) -> Action:
        if position["step"] >= total:
            raise NoTarget("the solution has no step left")
        return rule(obs)

    return guarded


def choose_list(utterance: str) -> list[Rule]:
    item = re.match(r"Select (.*) from the list", utterance).group(1)
    return [
        lambda obs: act("select_option", find(obs, types=("combobox",)), value=item),
        SUBMIT,
    ]


def multi_layouts(utterance: str) -> list[Rule]:
    match = re.match(r"Search for (.*) movies directed by (.*) from year (\d+)", utterance)
    genre, director, year = match.groups()
    values = {"director": director, "genre": genre, "year": year}

    def field(key: str) -> Rule:
        def rule(obs: Observation) -> Action:
            boxes = form_fields(obs, list(values))
            return act("set_edit_text", boxes[key], text=values[key])

        return rule

    def submit(obs: Observation) -> Action:
        buttons = [c for c in obs.controls if c.type in ("button", "clickable")]
        if not buttons:
            raise NoTarget("no submit button")
        return act("click", buttons[-1])

    return [field("director"), field("genre"), field("year"), submit]


def form_fields(obs: Observation, keys: list[str]) -> dict[str, Control]:
    """The text box of each key, by the label text beside it: before each box or, in some
    layouts, after it (then the text before a box is the label of the box before it)."""
    boxes = [c for c in obs.controls if c.type in TEXT_TYPES]
    labels = [c.name.strip("()").lower() for c in boxes]

    def key_of(label: str) -> str | None:
        aliases = {"released date": "year", "date": "year"}
        label = aliases.get(label, label)
        return next((k for k in keys if k in label), None)

    if key_of(labels[0]) is None:  # labels follow their boxes
        keyed = [key_of(label) for label in labels[1:]]
        missing = [k for k in keys if k not in keyed]
        keyed.append(missing[0] if missing else None)
    else:
        keyed = [key_of(label) for label in labels]
    found = {k: box for k, box in zip(keyed, boxes, strict=True) if k is not None}
    if set(found) != set(keys):
        raise NoTarget(f"cannot tell the fields apart: {labels}")
    return found


def enter_date(utterance: str) -> list[Rule]:
    month, day, year = re.search(r"(\d\d)/(\d\d)/(\d{4})", utterance).groups()
    return [fill(f"{year}-{month}-{day}", types=("Date",)), SUBMIT]


def enter_time(utterance: str) -> list[Rule]:
    hour, minute, half = re.search(r"(\d+):(\d\d) (AM|PM)", utterance).groups()
    hour = int(hour) % 12 + (12 if half == "PM" else 0)
    return [fill(f"{hour:02d}:{minute}", types=("InputTime",)), SUBMIT]


def simple_arithmetic(utterance: str) -> list[Rule]:
    def answer(obs: Observation) -> str:
        for line in page_lines(obs):
            match = re.search(r"(-?\d+)\s*([-+x*])\s*(-?\d+)\s*=", line)
            if match:
                a, op, b = int(match.group(1)), match.group(2), int(match.group(3))
                return str({"+": a + b, "-": a - b}.get(op, a * b))
        raise NoTarget("no arithmetic problem in the page text")

    return [fill(answer), SUBMIT]


def find_word(utterance: str) -> list[Rule]:
    nth = ordinal(re.search(r"(\d+(?:st|nd|rd|th)) word", utterance).group(1))

    def answer(obs: Observation) -> str:
        lines = page_lines(obs)
        query = next(i for i, line in enumerate(lines) if line.startswith("Find the"))
        words = re.findall(r"[A-Za-z]+", lines[query + 1])
        return words[nth]

    return [fill(answer), SUBMIT]


def read_table(utterance: str) -> list[Rule]:
    label = re.search(r"value of (.*) into the text field", utterance).group(1)

    def answer(obs: Observation) -> str:
        for line in page_lines(obs):
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) == 2 and cells[0] == label:
                return cells[1]
        raise NoTarget(f"no table row {label!r} in the page text")

    return [fill(answer), SUBMIT]


def email_inbox_delete(utterance: str) -> list[Rule]:
    sender = re.search(r"email by (\S+) and", utterance).group(1)
    return [click(types=("image", "clickable"), name="[trash]", after=sender + " ")]


def odd_or_even(utterance: str) -> list[Rule]:
    def mark(index: int) -> Rule:
        def rule(obs: Observation) -> Action:
            numbers = [int(n) for line in page_lines(obs) for n in re.findall(r"^-?\d+$", line)]
            word = "Even" if numbers[index] % 2 == 0 else "Odd"
            return act("click", find(obs, name=word, types=("button",), nth=index))

        return rule

    return [mark(i) for i in range(3)] + [SUBMIT]


SOLUTIONS: dict[str, Solution] = {
    "click-button": click_button,
    "click-button-sequence": click_button_sequence,
    "click-checkboxes": click_checkboxes,
    "click-checkboxes-large": click_checkboxes,
    "click-checkboxes-transfer": click_checkboxes,
    "click-collapsible": click_collapsible,
    "click-collapsible-nodelay": click_collapsible,
    "click-collapsible-2": click_collapsible_2,
    "click-dialog": click_dialog,
    "click-dialog-2": click_dialog_2,
    "click-link": click_link,
    "click-option": click_option,
    "click-tab": click_tab,
    "click-tab-2": click_tab_2,
    "click-tab-2-easy": click_tab_2,
    "click-test": click_test,
    "click-test-2": click_named_button,
    "click-test-transfer": click_named_button,
    "enter-text": enter_text,
    "enter-text-dynamic": enter_text,
    "enter-text-2": enter_text_2,
    "enter-password": enter_password,
    "focus-text": focus_text,
    "focus-text-2": focus_text,
    "login-user": login_user,
    "login-user-popup": login_user_popup,
    "choose-list": choose_list,
    "multi-layouts": multi_layouts,
    "multi-orderings": multi_layouts,
    "enter-date": enter_date,
    "enter-time": enter_time,
    "simple-arithmetic": simple_arithmetic,
    "find-word": find_word,
    "read-table": read_table,
    "email-inbox-delete": email_inbox_delete,
    "odd-or-even": odd_or_even,
}
