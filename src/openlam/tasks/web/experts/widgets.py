"""Solutions of widgets and puzzles: date pickers, sliders, spinners, scrolling lists, copy
and paste, forms in sequence, guessing games."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from openlam.agent.scripted import Rule
from openlam.records import Action, Observation
from openlam.tasks.web.experts.common import (
    SUBMIT,
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


def seek_link(target: str, fallback: str | None = None) -> Rule:
    """Click the link once it shows; until then open the next tab or section not opened yet,
    and when none is left, click the `fallback` control (a tab that means "no such link")."""
    opened: set[str] = set()

    def rule(obs: Observation) -> Action:
        shown = [c for c in obs.controls if c.name == target and c.type in ("link", "clickable")]
        if shown:
            return act("click", shown[0])
        tabs = [c for c in obs.controls if c.type == "tab"]
        for tab in tabs:
            if tab.name not in opened and "selected" not in tab.state:
                opened.add(tab.name)
                return act("click", tab)
        if fallback is not None:
            return act("click", next(c for c in tabs if c.name == fallback))
        raise NoTarget(f"{target!r} is in no tab or section")

    return rule


def click_tab_2_medium(utterance: str) -> list[Rule]:
    # The second tab is empty: clicking it says the first tab has no such link.
    return [seek_link(quoted(utterance)[0], fallback="Tab #2")]


def click_tabs(utterance: str) -> list[Rule]:
    return [seek_link(quoted(utterance)[0])] * 8


def unicode_test(utterance: str) -> list[Rule]:
    return [click(name=quoted(utterance)[0], types=("button",))]


def copy_paste(utterance: str) -> list[Rule]:
    """Copy through the clipboard, as a person would: the text box shows the text trimmed,
    and the page wants it to the last space."""
    match = re.search(r"(\d+(?:st|nd|rd|th)) text area", utterance)
    nth = ordinal(match.group(1)) if match else 0

    def source(keys: str) -> Rule:
        def rule(obs: Observation) -> Action:
            areas = [c for c in obs.controls if c.type == "textbox" and c.value]
            if len(areas) <= nth:
                raise NoTarget(f"no text area #{nth + 1} with text")
            return act("press", areas[nth], keys=keys)

        return rule

    def paste(obs: Observation) -> Action:
        empty = [c for c in obs.controls if c.type == "textbox" and not c.value]
        if not empty:
            raise NoTarget("no empty text input to paste into")
        return act("press", empty[0], keys="Control+V")

    return [source("Control+A"), source("Control+C"), paste, SUBMIT]


def read_table_2(utterance: str) -> list[Rule]:
    def field(index: int) -> Rule:
        def rule(obs: Observation) -> Action:
            lines = page_lines(obs)
            table = dict(line.split("\t", 1) for line in lines if line.count("\t") == 1)
            labels = [line[:-1] for line in lines if line.endswith(":") and line[:-1] in table]
            boxes = [c for c in obs.controls if c.type == "textbox"]
            if len(boxes) <= index or len(labels) != len(boxes):
                raise NoTarget(f"cannot pair the fields with their labels: {labels}")
            return act("set_edit_text", boxes[index], text=table[labels[index]].strip())

        return rule

    return [field(0), field(1), SUBMIT]


def generate_number(utterance: str) -> list[Rule]:
    """Generate until the number shown meets the request, then submit."""
    less = re.search(r"less than (\d+)", utterance)
    greater = re.search(r"greater than (\d+)", utterance)

    def wanted(number: int) -> bool:
        if less:
            return number < int(less.group(1))
        if greater:
            return number > int(greater.group(1))
        return number % 2 == (1 if "odd" in utterance else 0)

    def rule(obs: Observation) -> Action:
        shown = [int(line) for line in page_lines(obs) if re.fullmatch(r"-?\d+", line)]
        name = "Submit" if shown and wanted(shown[0]) else "Generate"
        return act("click", find(obs, name=name, types=("button",)))

    return [rule] * 25


def simple_algebra(utterance: str) -> list[Rule]:
    def answer(obs: Observation) -> str:
        for line in page_lines(obs):
            match = re.fullmatch(r"(\S+) ([-+]) (\S+) = (-?\d+)", line)
            if match:
                left, op, right, total = match.groups()
                total = int(total)
                if left == "x":
                    return str(total - int(right) if op == "+" else total + int(right))
                return str(total - int(left) if op == "+" else int(left) - total)
        raise NoTarget("no equation in the page text")

    return [fill(answer), SUBMIT]


def find_greatest(utterance: str) -> list[Rule]:
    def pick(obs: Observation) -> Action:
        cards = [c for c in obs.controls if c.type == "clickable" and c.name.isdigit()]
        if not cards:
            raise NoTarget("no numbered card")
        return act("click", max(cards, key=lambda c: int(c.name)))

    return [pick, SUBMIT]


# The digits as the page draws them on its 4 x 7 grid of check boxes, row by row.
DIGITS = {
    "0": ["0110", "1001", "1001", "1001", "1001", "1001", "0110"],
    "1": ["0010", "0110", "0010", "0010", "0010", "0010", "0010"],
    "2": ["0110", "1001", "1001", "0010", "0100", "1000", "1111"],
    "3": ["0110", "1001", "0001", "0110", "0001", "1001", "0110"],
    "4": ["1000", "1010", "1010", "1111", "0010", "0010", "0010"],
    "5": ["1111", "1000", "1000", "1110", "0001", "1001", "0110"],
    "6": ["0110", "1001", "1000", "1110", "1001", "1001", "0110"],
    "7": ["1111", "1001", "0001", "0010", "0010", "0100", "0100"],
    "8": ["0110", "1001", "1001", "0110", "1001", "1001", "0110"],
    "9": ["0110", "1001", "1001", "0111", "0001", "1001", "0110"],
}


def number_checkboxes(utterance: str) -> list[Rule]:
    grid = "".join(DIGITS[quoted(utterance)[0]])
    cells = [i for i, bit in enumerate(grid) if bit == "1"]
    return [click(types=("checkbox",), nth=i) for i in cells] + [SUBMIT]


def press(keys: str, **where) -> Rule:
    """Press a key on the control `find` picks with these arguments."""
    return lambda obs: act("press", find(obs, **where), keys=keys)


def scroll_text(utterance: str) -> list[Rule]:
    """The observation shows the start of a long text area only: go to its end, select the
    last word (two word steps back: the final stop, then the word) and paste it."""
    area = {"types": ("textbox",), "nth": 0}
    return [
        press("Control+End", **area),
        press("Control+Shift+ArrowLeft", **area),
        press("Control+Shift+ArrowLeft", **area),
        press("Control+C", **area),
        press("Control+V", types=("textbox",), nth=1),
        SUBMIT,
    ]


def scroll_text_2(utterance: str) -> list[Rule]:
    # Moving the caret to the end or the start scrolls the text area with it.
    keys = "Control+End" if "to the bottom" in utterance else "Control+Home"
    return [press(keys, types=("textbox",)), SUBMIT]


def click_scroll_list(utterance: str) -> list[Rule]:
    """Select the first item, then move the list's focus down to each further one without
    changing the selection (Control+ArrowDown) and add it (Control+Space)."""
    names = listed(re.match(r"Select (.*) from the scroll list", utterance).group(1))
    return plan(lambda obs: _multi_select(obs, names))


def _multi_select(obs: Observation, names: list[str]) -> list[Rule]:
    options = [c.name for c in obs.controls if c.type == "option"]
    missing = [n for n in names if n not in options]
    if missing:
        raise NoTarget(f"no option {missing} in the list")
    rows = sorted(options.index(n) for n in names)
    steps = [click(name=options[rows[0]], types=("option",))]
    for before, row in pairwise(rows):
        steps += [press("Control+ArrowDown", types=("listbox",))] * (row - before)
        steps.append(press("Control+Space", types=("listbox",)))
    return [*steps, SUBMIT]


def use_spinner(utterance: str) -> list[Rule]:
    """Step the spinner with the arrow keys until it shows the number, then submit."""
    target = int(re.search(r"Select (-?\d+)", utterance).group(1))

    def rule(obs: Observation) -> Action:
        spinner = find(obs, types=("spinbutton",))
        value = int(spinner.value or 0)
        if value == target:
            return SUBMIT(obs)
        return act("press", spinner, keys="ArrowUp" if value < target else "ArrowDown")

    return [rule] * 25


def use_slider(utterance: str) -> list[Rule]:
    target = int(re.search(r"Select (-?\d+)", utterance).group(1))
    return slide([target])


def use_slider_2(utterance: str) -> list[Rule]:
    targets = [int(n) for n in re.findall(r"-?\d+", utterance.split("combination")[1])]
    return slide(targets)


def slide(targets: list[int], then: Rule = SUBMIT) -> list[Rule]:
    """Move each slider to its number with its keys, reading the values the page prints
    below the sliders, then play `then` (submit).

    A click on a slider's track gives its handle the keyboard focus; keys pressed on the
    slider then go to that handle. An arrow moves one step, a page key a share of the range
    the page does not show: the first page key tells how far it goes, and arrows do the rest
    once the number is nearer than that."""
    clicked: set[int] = set()
    paging: dict[int, int] = {}  # slider -> the value before its last page key
    page_size: dict[int, int] = {}

    def rule(obs: Observation) -> Action:
        sliders = [c for c in obs.controls if "ui-slider" in c.name]
        values = [int(line) for line in page_lines(obs) if re.fullmatch(r"-?\d+", line)]
        if len(sliders) != len(targets) or len(values) != len(targets):
            raise NoTarget(f"{len(sliders)} sliders and {len(values)} values on the page")
        for index, (slider, value, target) in enumerate(zip(sliders, values, targets, strict=True)):
            if index in paging:
                page_size[index] = max(abs(value - paging.pop(index)), 1)
            if value == target:
                continue
            if index not in clicked:
                clicked.add(index)
                return act("click", slider)
            up = target > value
            if abs(target - value) >= page_size.get(index, 0):
                paging[index] = value
                return act("press", slider, keys="PageUp" if up else "PageDown")
            return act("press", slider, keys="ArrowUp" if up else "ArrowDown")
        return then(obs)

    return [rule] * 29


def use_autocomplete(utterance: str) -> list[Rule]:
    """Type the beginning, leave the box and come back to open the suggestions at once
    (typing would open them again a moment later, losing the place in the list), step
    through them (each one shows in the box) until one ends as asked, leave the box to
    take it, and submit."""
    start, *end = quoted(utterance)
    typed = False

    def rule(obs: Observation) -> Action:
        nonlocal typed
        box = find(obs, types=("textbox",))
        value = box.value or ""
        suggestions = [c for c in obs.controls if c.type == "list"]
        if not value.startswith(start):
            typed = True
            return act("set_edit_text", box, text=start)
        if typed:
            typed = False
            return act("press", box, keys="Tab")
        if end:
            chosen = value.endswith(end[0])
        else:
            chosen = value != start or any(c.name == value for c in suggestions)
        if not chosen:
            return act("press", box, keys="ArrowDown")
        if suggestions:
            return act("press", box, keys="Tab")
        return SUBMIT(obs)

    return [rule] * 30


MONTHS = "January February March April May June July August September October November December"


def choose_date(utterance: str) -> list[Rule]:
    """Open the calendar, page to the month, click the day, and submit once the box shows
    the date."""
    wanted = re.search(r"(\d\d)/(\d\d)/(\d{4})", utterance)
    month, day, year = (int(n) for n in wanted.groups())

    def rule(obs: Observation) -> Action:
        box = find(obs, types=("textbox",))
        if box.value == wanted.group(0):
            return SUBMIT(obs)
        shown = _calendar_month(obs)
        if shown is None:
            return act("click", box)
        if shown != (year, month):
            return act("click", find(obs, name="Prev" if shown > (year, month) else "Next"))
        return act("click", find(obs, name=str(day), types=("link",)))

    return [rule] * 20


def _calendar_month(obs: Observation) -> tuple[int, int] | None:
    """(year, month) of the calendar the page shows, or None when none is open."""
    for line in page_lines(obs):
        match = re.fullmatch(rf"({MONTHS.replace(' ', '|')})\s(\d{{4}})", line)
        if match:
            return int(match.group(2)), MONTHS.split().index(match.group(1)) + 1
    return None


def form_sequence(utterance: str) -> list[Rule]:
    number = int(re.search(r"Select (-?\d+)", utterance).group(1))
    nth = ordinal(re.search(r"the (\d+(?:st|nd|rd|th)) checkbox", utterance).group(1))

    def check_then_submit(obs: Observation) -> Action:
        box = find(obs, types=("checkbox",), nth=nth)
        return SUBMIT(obs) if "checked" in box.state else act("click", box)

    return slide([number], then=check_then_submit)


def form_sequence_2(utterance: str) -> list[Rule]:
    radio, box = (ordinal(n) for n in re.findall(r"the (\d+(?:st|nd|rd|th))", utterance))
    number = quoted(utterance)[0]
    return [click(types=("radio",), nth=radio), fill(number, types=("textbox",), nth=box), SUBMIT]


def form_sequence_3(utterance: str) -> list[Rule]:
    item = re.match(r"Choose (.*) from the dropdown", utterance).group(1)
    return [
        lambda obs: act("select_option", find(obs, types=("combobox",)), value=item),
        click(name=quoted(utterance)[0], types=("button",)),
    ]


def guess_number(utterance: str) -> list[Rule]:
    """Halve the range the page's feedback leaves until the guess is right."""
    low, high = (int(n) for n in re.search(r"between (\d+)-(\d+)", utterance).groups())
    bounds = [low, high]

    def rule(obs: Observation) -> Action:
        for line in page_lines(obs):
            hint = re.fullmatch(r"The number is (lower|higher) than (-?\d+)\.", line)
            if hint and hint.group(1) == "lower":
                bounds[1] = min(bounds[1], int(hint.group(2)) - 1)
            elif hint:
                bounds[0] = max(bounds[0], int(hint.group(2)) + 1)
        guess = str(sum(bounds) // 2)
        box = find(obs, types=("spinbutton", "textbox"))
        if box.value != guess:
            return act("set_edit_text", box, text=guess)
        return SUBMIT(obs)

    return [rule] * 12


def text_transform(utterance: str) -> list[Rule]:
    def answer(obs: Observation) -> str:
        lines = page_lines(obs)
        query = next((i for i, line in enumerate(lines) if line.startswith("Type the text")), None)
        if query is None or query + 1 >= len(lines):
            raise NoTarget("no text to copy below the request")
        return lines[query + 1]

    return [fill(answer), SUBMIT]


def terminal(utterance: str) -> list[Rule]:
    """List the files, then remove the shortest one with the extension asked for, typing
    each command key by key: the terminal reads key presses, not its hidden input's text."""
    match = re.search(r"extension \.(\S+)", utterance)
    suffix = f".{match.group(1)}" if match else None
    keys: list[str] = []
    listed_files = False

    def rule(obs: Observation) -> Action:
        nonlocal listed_files
        if not keys:
            if listed_files:
                keys.extend(_keys(f"rm {_file_to_remove(obs, suffix)}"))
            else:
                keys.extend(_keys("ls"))
                listed_files = True
        return act("press", find(obs, types=("textbox",)), keys=keys.pop(0))

    return [rule] * 30


def _keys(command: str) -> list[str]:
    return ["Space" if key == " " else key for key in command] + ["Enter"]


def _file_to_remove(obs: Observation, suffix: str | None) -> str:
    lines = page_lines(obs)
    listing = next((i + 1 for i, line in enumerate(lines) if line.endswith("$ ls")), None)
    if listing is None or listing >= len(lines):
        raise NoTarget("no file listing in the terminal")
    files = lines[listing].split()
    fitting = [f for f in files if (f.endswith(suffix) if suffix else "." not in f)]
    if not fitting:
        raise NoTarget(f"no file ending in {suffix or 'no extension'} among {files}")
    return min(fitting, key=len)


# Groups of words the page counts as similar (from the task page's own word list).
SYNONYMS = [
    ["big", "large", "huge", "enormous", "gigantic"],
    ["small", "tiny", "little", "mini", "petite"],
    ["red", "scarlet", "crimson", "vermillion"],
    ["happy", "cheerful", "joyful", "gleeful", "delighted"],
    ["sad", "unhappy", "sorrowful", "miserable", "tragic"],
    ["angry", "mad", "furious", "irritated"],
    ["evil", "wicked", "immoral", "sinful", "corrupt", "depraved"],
    ["wrong", "incorrect", "mistaken", "erroneous"],
    ["real", "genuine", "actual"],
    ["strange", "odd", "peculiar", "unusual", "weird"],
    ["stop", "cease", "halt", "end", "finish"],
    ["scared", "terrified", "panicked", "fearful", "frightened", "afraid"],
    ["quiet", "calm", "peaceful", "serene", "mild"],
    ["old", "aged", "archaic"],
    ["love", "like", "adore", "favor"],
    ["kill", "murder", "assassinate"],
    ["keep", "retain", "preserve", "sustain", "maintain"],
    ["hide", "conceal", "camouflage"],
    ["hate", "despise", "loathe", "detest", "dislike"],
    ["funny", "humorous", "amusing", "comical", "laughable"],
    ["fat", "fleshy", "plump", "chubby"],
    ["stupid", "dumb", "dull", "unwise"],
    ["delicious", "savory", "delectable", "appetizing"],
    ["cut", "slice", "carve", "chop"],
    ["brave", "courageous", "fearless"],
    ["begin", "start", "initiate", "launch"],
    ["answer", "reply", "response"],
    ["television", "televisions", "TV", "TVs"],
    ["house", "home", "houses", "homes"],
    ["fire", "flame", "fires", "flames"],
    ["pig", "pork", "swine"],
    ["rabbit", "rabbits", "bunny", "bunnies"],
    ["car", "cars", "automobile", "automobiles", "vehicle", "vehicles"],
    ["water"],
]


def click_checkboxes_soft(utterance: str) -> list[Rule]:
    words = listed(re.match(r"Select words similar to (.*) and click Submit", utterance).group(1))
    groups = [next(g for g in SYNONYMS if w in g) for w in words]

    def check(group: list[str]) -> Rule:
        def rule(obs: Observation) -> Action:
            boxes = [c for c in obs.controls if c.type == "checkbox" and c.name in group]
            if len(boxes) != 1:
                raise NoTarget(f"{len(boxes)} check boxes similar to {group[0]!r}")
            return act("click", boxes[0])

        return rule

    return [*(check(g) for g in groups), SUBMIT]


def plan(make: Callable[[Observation], list[Rule]], limit: int = 30) -> list[Rule]:
    """Rules that play the steps `make` plans from the first observation, one per step."""
    steps: list[Rule] = []
    planned = False

    def rule(obs: Observation) -> Action:
        nonlocal planned
        if not planned:
            steps.extend(make(obs))
            planned = True
        if not steps:
            raise NoTarget("the plan has no step left")
        return steps.pop(0)(obs)

    return [rule] * limit


SOLUTIONS: dict[str, Solution] = {
    "click-collapsible-2-nodelay": click_tabs,
    "click-tab-2-medium": click_tab_2_medium,
    "click-tab-2-hard": click_tabs,
    "unicode-test": unicode_test,
    "copy-paste": copy_paste,
    "copy-paste-2": copy_paste,
    "read-table-2": read_table_2,
    "generate-number": generate_number,
    "simple-algebra": simple_algebra,
    "find-greatest": find_greatest,
    "number-checkboxes": number_checkboxes,
    "scroll-text": scroll_text,
    "scroll-text-2": scroll_text_2,
    "click-scroll-list": click_scroll_list,
    "use-spinner": use_spinner,
    "use-slider": use_slider,
    "use-slider-2": use_slider_2,
    "use-autocomplete": use_autocomplete,
    "use-autocomplete-nodelay": use_autocomplete,
    "choose-date": choose_date,
    "choose-date-easy": choose_date,
    "choose-date-medium": choose_date,
    "choose-date-nodelay": choose_date,
    "form-sequence": form_sequence,
    "form-sequence-2": form_sequence_2,
    "form-sequence-3": form_sequence_3,
    "guess-number": guess_number,
    "text-transform": text_transform,
    "terminal": terminal,
    "click-checkboxes-soft": click_checkboxes_soft,
}
