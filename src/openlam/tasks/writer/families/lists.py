"""Lists beyond one paragraph: remove, switch bullets and numbers, start number, restart,
demote and move items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openlam.tasks.base import CheckResult, Phrasings, styled
from openlam.tasks.writer.facts import DocFacts
from openlam.tasks.writer.families.common import (
    OK,
    WriterFamily,
    fail,
    is_heading,
    ordinal,
    same_text,
    unique_prefix,
)
from openlam.tasks.writer.steps import click, menu, select, select_paragraphs, set_box
from openlam.tasks.writer.table_facts import ListItem, list_items

ADD_BULLETS_HELP = ("swriter/guide/using_numbered_lists.html#hd_id3291116",)
START_AT_HELP = ("swriter/guide/numbering_paras.html#hd_id3154856",)
MOVE_HELP = ("swriter/guide/dragdroptext.html#hd_id3155919",)
KIND_NAMES = {"bullet": "bulleted", "number": "numbered"}


@dataclass(frozen=True)
class ListRun:
    """Consecutive paragraphs of one list kind: `first` is their index in `facts.paragraphs`."""

    first: int
    count: int
    kind: str


def list_runs(facts: DocFacts) -> list[ListRun]:
    runs: list[ListRun] = []
    for i, paragraph in enumerate(facts.paragraphs):
        kind = paragraph.list_kind
        if kind is None or not paragraph.text.strip():
            continue
        last = runs[-1] if runs else None
        if last and last.kind == kind and last.first + last.count == i:
            runs[-1] = ListRun(last.first, last.count + 1, kind)
        else:
            runs.append(ListRun(i, 1, kind))
    return runs


def list_place(facts: DocFacts, run: ListRun) -> str:
    """How a person names a list by where it is: 'the bulleted list under the heading "X"'."""
    runs = list_runs(facts)
    heading, index = None, run.first
    for i in range(run.first - 1, -1, -1):
        paragraph = facts.paragraphs[i]
        if is_heading(paragraph) and paragraph.text.strip():
            heading, index = paragraph.text, i
            break
    name = f"{KIND_NAMES[run.kind]} list"
    if heading is None:
        same = [r for r in runs if r.kind == run.kind and r.first <= run.first]
        return f"the {ordinal(len(same))} {name} of the document"
    siblings = [r for r in runs if index < r.first <= run.first and r.kind == run.kind]
    later = [
        r
        for r in runs
        if r.first > run.first
        and r.kind == run.kind
        and not any(is_heading(p) for p in facts.paragraphs[run.first : r.first])
    ]
    which = "" if len(siblings) == 1 and not later else f"{ordinal(len(siblings))} "
    return f'the {which}{name} under the heading "{heading}"'


def items_by_paragraph(facts: DocFacts) -> list[tuple[int, ListItem | None]]:
    """(paragraph index, list item) for the paragraphs with text."""
    return [
        (i, item)
        for i, (p, item) in enumerate(zip(facts.paragraphs, list_items(facts), strict=True))
        if p.text.strip()
    ]


def pairs(before: DocFacts, after: DocFacts):
    """(index in before, before's item, after's item) for the paragraphs with text, which
    must be the same paragraphs in the same order (check the text first)."""
    mine = items_by_paragraph(before)
    theirs = items_by_paragraph(after)
    return [(i, b, a) for (i, b), (_, a) in zip(mine, theirs, strict=True)]


def _kind(item: ListItem | None) -> str | None:
    return None if item is None else item.kind


def _level(item: ListItem | None) -> int | None:
    return None if item is None else item.level


def others_unchanged(before: DocFacts, after: DocFacts, targets: set[int]) -> CheckResult:
    """No paragraph outside `targets` changed its list kind or level."""
    for i, b, a in pairs(before, after):
        if i not in targets and (_kind(a), _level(a)) != (_kind(b), _level(b)):
            return fail(f"{before.paragraphs[i].text[:40]!r} changed its list formatting too")
    return OK


def _run_params(facts: DocFacts, run: ListRun) -> dict[str, Any] | None:
    start = unique_prefix(facts, run.first)
    if start is None:
        return None
    return {
        "paragraph": run.first,
        "count": run.count,
        "start": start,
        "list": list_place(facts, run),
        "kind": KIND_NAMES[run.kind],
    }


class ListSwitch(WriterFamily):
    """A whole list loses its list formatting, or bullets become numbers or back."""

    category = "list"

    def __init__(
        self,
        id: str,
        source: str | None,
        target: str | None,
        button: str,
        phrasings: Phrasings,
        help_sources: tuple[str, ...] = (),
    ):
        self.id, self.source, self.target, self.button = id, source, target, button
        self.phrasings, self.help_sources = phrasings, help_sources

    def sample_params(self, facts, rng):
        runs = [
            r
            for r in list_runs(facts)
            if r.count >= 2 and (self.source is None or r.kind == self.source)
        ]
        options = [p for p in (_run_params(facts, r) for r in runs) if p is not None]
        return rng.choice(options) if options else None

    def solution(self, params):
        return [
            select_paragraphs(params["start"], params["count"]),
            click(self.button, "push button"),
        ]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        first, count = params["paragraph"], params["count"]
        targets = set(range(first, first + count))
        numbers = []
        for i, _, a in pairs(before, after):
            if i in targets:
                if _kind(a) != self.target:
                    what = KIND_NAMES.get(self.target, "plain")
                    found = KIND_NAMES.get(_kind(a), "plain")
                    return fail(f"{before.paragraphs[i].text[:40]!r} is {found}, not {what}")
                numbers.append(a.number if a else None)
        if self.target == "number" and numbers != list(range(1, count + 1)):
            return fail(f"the new numbered list is numbered {numbers}, not 1 to {count}")
        return others_unchanged(before, after, targets)

    def wrong_params(self, params, facts, rng):
        return {**params, "count": params["count"] - 1}  # the last item left out


class StartAt(WriterFamily):
    """A numbered list starts at another number (Format - Bullets and Numbering)."""

    id = "writer/list-start-at-v1"
    category = "list"
    help_sources = START_AT_HELP
    phrasings = styled(
        terse=(
            'Start the numbered list beginning "{start}" at {number}.',
            'Number the list "{start}..." from {number}.',
        ),
        polite=(
            'Could you please make the numbered list that begins with "{start}" start at '
            "{number} instead of 1?",
            'Would you mind having the list starting "{start}" count from {number}?',
        ),
        context=(
            "This list carries on from the previous handout, so the numbered list beginning "
            '"{start}" should start at {number}.',
            'Items 1 to {before} are on another sheet: please number the list starting "{start}" '
            "from {number}.",
        ),
        indirect=(
            'The first item of the list beginning "{start}" should be number {number}, with '
            "the rest following on.",
            'The numbering of the list that opens with "{start}" ought to begin at {number}, '
            "not 1.",
        ),
        reference=(
            "Make {list} start at number {number}.",
            "Have {list} count from {number} instead of from 1.",
        ),
        typo=(
            'start the numberd list "{start}" at {number}',
            'make the list begining "{start}" start from {number} pls',
        ),
    )

    def sample_params(self, facts, rng):
        items = list_items(facts)
        options = []
        for run in list_runs(facts):
            first = items[run.first]
            if run.kind != "number" or first is None or first.number != 1:
                continue
            params = _run_params(facts, run)
            if params is not None:
                options.append(params)
        if not options:
            return None
        params = rng.choice(options)
        number = rng.randint(2, 9)
        return {**params, "number": number, "before": number - 1}

    def solution(self, params):
        return [
            select(params["start"]),
            *menu("Format", "Bullets and Numbering..."),
            click("Customize", "page tab"),
            set_box("Start at", str(params["number"]), "spin button"),
            click("OK", "push button"),
        ]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        first, count, number = params["paragraph"], params["count"], params["number"]
        targets = set(range(first, first + count))
        shown = [a.number if a else None for i, _, a in pairs(before, after) if i in targets]
        if shown != list(range(number, number + count)):
            return fail(f"the list is numbered {shown}, not from {number}")
        return others_unchanged(before, after, targets)

    def wrong_params(self, params, facts, rng):
        return {**params, "number": params["number"] + 1}


class Restart(WriterFamily):
    """Numbering starts again at 1 at an item that now continues a count."""

    id = "writer/restart-numbering-v1"
    category = "list"
    phrasings = styled(
        terse=(
            'Restart the numbering at "{start}".',
            'Make "{start}..." number 1 again.',
        ),
        polite=(
            'Could you please restart the list numbering at the item beginning "{start}", so '
            "that it is number 1?",
            'Would you mind renumbering from the item "{start}" so it starts again at 1?',
        ),
        context=(
            "This is a separate set of steps, so the numbering should begin again at 1 from "
            'the item "{start}" rather than carrying on at {number}.',
            'People keep quoting item {number} for "{start}"; restart the numbering there so it '
            "reads 1.",
        ),
        indirect=(
            'The item starting "{start}" is numbered {number}, but it should be 1, with the '
            "items after it following on.",
            'Numbering shouldn\'t carry on at "{start}"; that item ought to be number 1.',
        ),
        reference=(
            "Restart the numbering at the {item}, which now shows {number}, so that it becomes 1.",
            "Make the {item} start the count again at 1 instead of showing {number}.",
        ),
        typo=(
            'restart numbering at "{start}" so its 1',
            'the item "{start}" shoud be number 1 again, restart the numbering',
        ),
    )

    def sample_params(self, facts, rng):
        items = list_items(facts)
        options = []
        for run in list_runs(facts):
            if run.kind != "number":
                continue
            for i in range(run.first, run.first + run.count):
                item = items[i]
                start = unique_prefix(facts, i)
                if item is None or not item.number or item.number == 1 or start is None:
                    continue
                heading = list_place(facts, run)
                options.append(
                    {
                        "paragraph": i,
                        "start": start,
                        "number": item.number,
                        "end": run.first + run.count,
                        "item": f"{ordinal(i - run.first + 1)} item of {heading}",
                    }
                )
        return rng.choice(options) if options else None

    def solution(self, params):
        return [select(params["start"]), *menu("Format", "Lists", "Restart Numbering")]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        target, end = params["paragraph"], params["end"]
        for i, b, a in pairs(before, after):
            if i < target and b is not None and (a is None or a.number != b.number):
                return fail(f"{before.paragraphs[i].text[:40]!r} was renumbered too")
            if target <= i < end:
                expected = i - target + 1
                if a is None or a.number != expected:
                    found = None if a is None else a.number
                    return fail(f"{before.paragraphs[i].text[:40]!r} is {found}, not {expected}")
        return others_unchanged(before, after, set())

    def wrong_params(self, params, facts, rng):
        items = list_items(facts)
        for i in (params["paragraph"] + 1, params["paragraph"] - 1):
            item = items[i] if 0 <= i < len(items) else None
            start = unique_prefix(facts, i) if item is not None else None
            if item is not None and item.kind == "number" and start:
                return {**params, "paragraph": i, "start": start}
        return None


class Demote(WriterFamily):
    """A list item moves one level down (becomes a sub-item)."""

    id = "writer/demote-list-item-v1"
    category = "list"
    phrasings = styled(
        terse=(
            'Demote the list item "{start}" one level.',
            'Indent "{start}..." as a sub-item of the one above it.',
        ),
        polite=(
            'Could you please move the list item beginning "{start}" down one level, making it '
            "a sub-point?",
            'Would you mind turning the item "{start}" into a sub-item of the previous one?',
        ),
        context=(
            'It only explains the point before it, so make the item "{start}" a second-level '
            "item under that point.",
            'For the outline, "{start}" belongs under the item above it: demote it one level.',
        ),
        indirect=(
            'The item starting "{start}" should sit one level lower in the list, as a sub-point.',
            'I\'d like "{start}..." nested under the item before it.',
        ),
        reference=(
            "Demote the {item} one level.",
            "Make the {item} a sub-item of the one above it.",
        ),
        typo=(
            'demote "{start}" one levle in the list',
            'make the list item "{start}" a subitem of the one above',
        ),
    )

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        """Items after the first of their list, at the top level."""
        items = list_items(facts)
        options = []
        for run in list_runs(facts):
            for i in range(run.first + 1, run.first + run.count):
                start = unique_prefix(facts, i)
                if items[i] is None or items[i].level != 0 or start is None:
                    continue
                place = list_place(facts, run)
                item = f"{ordinal(i - run.first + 1)} item of {place}"
                options.append({"paragraph": i, "start": start, "item": item})
        return options

    def solution(self, params):
        return [select(params["start"]), *menu("Format", "Lists", "Demote Outline Level")]

    def check(self, params, before, after, answer):
        text = same_text(before, after)
        if not text.success:
            return text
        target = params["paragraph"]
        for i, b, a in pairs(before, after):
            # The lower level may show another kind of label (a number under bullets).
            if i == target and (a is None or a.level != b.level + 1):
                found = "not a list item" if a is None else f"at level {a.level + 1}"
                return fail(f"the item is {found}, not one level lower (level {b.level + 2})")
        return others_unchanged(before, after, {target})

    def wrong_params(self, params, facts, rng):
        options = [p for p in self._options(facts) if p["paragraph"] != params["paragraph"]]
        return rng.choice(options) if options else None


class MoveItem(WriterFamily):
    """A list item swaps places with its neighbour (Format - Lists - Move Item Up/Down)."""

    id = "writer/move-list-item-v1"
    category = "list"
    help_sources = MOVE_HELP
    phrasings = styled(
        terse=(
            'Move the list item "{start}" {direction} one place.',
            'Swap "{start}..." with the item {neighbour} it.',
        ),
        polite=(
            'Could you please move the item beginning "{start}" one position {direction} in '
            "its list?",
            'Would you mind swapping the list item "{start}" with the one {neighbour} it?',
        ),
        context=(
            'The steps are in the wrong order: "{start}" has to come one place {direction}, '
            'swapping with "{other}".',
            'We do "{start}" {when} "{other}", so move that item {direction} one place.',
        ),
        indirect=(
            'The item "{start}" should come {when} "{other}" in the list.',
            'The items "{other}" and "{start}" are the wrong way round in the list.',
        ),
        reference=(
            "Move the {item} one place {direction}.",
            "Swap the {item} with the item {neighbour} it.",
        ),
        typo=(
            'move "{start}" {direction} one place in the lsit',
            'swap the item "{start}" with the one {neighbour} it pls',
        ),
    )

    def sample_params(self, facts, rng):
        options = self._options(facts)
        return rng.choice(options) if options else None

    def _options(self, facts: DocFacts) -> list[dict[str, Any]]:
        options = []
        for run in list_runs(facts):
            for i in range(run.first, run.first + run.count):
                start = unique_prefix(facts, i)
                if start is None:
                    continue
                place = f"{ordinal(i - run.first + 1)} item of {list_place(facts, run)}"
                for direction, step in (("up", -1), ("down", 1)):
                    other = i + step
                    if not run.first <= other < run.first + run.count:
                        continue
                    neighbour = unique_prefix(facts, other)
                    if neighbour is None:
                        continue
                    options.append(
                        {
                            "paragraph": i,
                            "start": start,
                            "direction": direction,
                            "neighbour": "above" if step < 0 else "below",
                            "when": "before" if step < 0 else "after",
                            "other": neighbour,
                            "item": place,
                        }
                    )
        return options

    def solution(self, params):
        item = "Move Item Up" if params["direction"] == "up" else "Move Item Down"
        return [select(params["start"]), *menu("Format", "Lists", item)]

    def check(self, params, before, after, answer):
        return moved(before, after, params["paragraph"], params["direction"])

    def wrong_params(self, params, facts, rng):
        flipped = "down" if params["direction"] == "up" else "up"
        options = self._options(facts)
        for option in options:
            if option["paragraph"] == params["paragraph"] and option["direction"] == flipped:
                return option
        # else another pair swapped (not the asked pair seen from the other paragraph)
        swap = {params["start"], params["other"]}
        others = [o for o in options if {o["start"], o["other"]} != swap]
        return rng.choice(others) if others else None


def moved(before: DocFacts, after: DocFacts, index: int, direction: str) -> CheckResult:
    """Paragraph `index` swapped places with its neighbour; formatting went with the text."""
    texts = [p.text for p in before.paragraphs if p.text.strip()]
    order = [i for i, p in enumerate(before.paragraphs) if p.text.strip()]
    at = order.index(index)
    other = at - 1 if direction == "up" else at + 1
    expected = list(order)
    expected[at], expected[other] = expected[other], expected[at]
    got = after.texts()
    if got != [before.paragraphs[i].text for i in expected]:
        if sorted(got) == sorted(texts):
            return fail(f"the paragraphs are not in the asked order: {got[at - 1 : at + 2]}")
        return fail("the text changed, not only its order")
    if [t.cells for t in after.tables] != [t.cells for t in before.tables]:
        return fail("a table's content changed")
    kept = [
        (before.paragraphs[i].style, before.paragraphs[i].list_kind, before.paragraphs[i].runs)
        for i in expected
    ]
    now = [(p.style, p.list_kind, p.runs) for p in after.paragraphs if p.text.strip()]
    for (style, kind, runs), (style_after, kind_after, runs_after), text in zip(
        kept, now, got, strict=True
    ):
        if (style, kind) != (style_after, kind_after):
            return fail(f"{text[:40]!r} lost its style or list formatting")
        if [(r.bold, r.italic) for r in runs] != [(r.bold, r.italic) for r in runs_after]:
            return fail(f"{text[:40]!r} lost its character formatting")
    return OK


def list_families() -> list[WriterFamily]:
    return [
        ListSwitch(
            "writer/remove-list-v1",
            None,
            None,
            "No List",
            styled(
                terse=(
                    'Remove the list formatting from the {kind} list starting "{start}".',
                    'Turn the list beginning "{start}" back into plain paragraphs.',
                ),
                polite=(
                    "Could you please take the {kind} list formatting off the list that "
                    'begins "{start}", all {count} items?',
                    "Would you mind removing the bullets or numbers from the list starting "
                    '"{start}"?',
                ),
                context=(
                    "These lines read better as ordinary text, so remove the list formatting from "
                    'the {kind} list that starts "{start}".',
                    "Our house style avoids lists here: make the {count} items of the list "
                    'beginning "{start}" plain paragraphs.',
                ),
                indirect=(
                    'The {count} items starting at "{start}" shouldn\'t be a list at all.',
                    'I don\'t want bullets or numbers in front of the items from "{start}" on; '
                    "they should be normal paragraphs.",
                ),
                reference=(
                    "Remove the list formatting from {list}.",
                    "Make {list} plain paragraphs without bullets or numbers.",
                ),
                typo=(
                    'remove the list formating from the list starting "{start}"',
                    'no bullets or numbers on the list begining "{start}" pls',
                ),
            ),
            ADD_BULLETS_HELP,
        ),
        ListSwitch(
            "writer/bullets-to-numbers-v1",
            "bullet",
            "number",
            "Ordered List",
            styled(
                terse=(
                    'Change the bulleted list starting "{start}" to a numbered list.',
                    'Number the bullet points beginning "{start}" instead.',
                ),
                polite=(
                    'Could you please switch the bullets of the list starting "{start}" to '
                    "numbers (1 to {count})?",
                    'Would you mind making the bulleted list that begins "{start}" a numbered one?',
                ),
                context=(
                    "We refer to these points by number in the meeting, so make the bulleted "
                    'list starting "{start}" a numbered list.',
                    'The order matters here: replace the bullets of the list beginning "{start}" '
                    "with numbers.",
                ),
                indirect=(
                    'The list that starts "{start}" should be numbered 1 to {count}, not bulleted.',
                    "I'd like numbers rather than bullets in front of the items from "
                    '"{start}" on.',
                ),
                reference=(
                    "Turn {list} into a numbered list.",
                    "Replace the bullets of {list} with numbers 1 to {count}.",
                ),
                typo=(
                    'change the bulleted list "{start}" to a numberd list',
                    'numbers insted of bullets for the list starting "{start}"',
                ),
            ),
            ADD_BULLETS_HELP,
        ),
        ListSwitch(
            "writer/numbers-to-bullets-v1",
            "number",
            "bullet",
            "Unordered List",
            styled(
                terse=(
                    'Change the numbered list starting "{start}" to bullets.',
                    'Bullet the numbered items beginning "{start}" instead.',
                ),
                polite=(
                    'Could you please replace the numbers of the list starting "{start}" with '
                    "bullet points?",
                    'Would you mind making the numbered list that begins "{start}" a bulleted '
                    "list?",
                ),
                context=(
                    "The order of these points doesn't matter, so turn the numbered list "
                    'starting "{start}" into bullets.',
                    "Numbers suggest a sequence that isn't there: use bullets for the list "
                    'beginning "{start}".',
                ),
                indirect=(
                    'The list that starts "{start}" should have bullets, not numbers.',
                    "I'd rather see bullet points than numbers in front of the items from "
                    '"{start}" on.',
                ),
                reference=(
                    "Turn {list} into a bulleted list.",
                    "Replace the numbers of {list} with bullets.",
                ),
                typo=(
                    'change the numbered list "{start}" to bulets',
                    'bullets insted of numbers for the list starting "{start}"',
                ),
            ),
            ADD_BULLETS_HELP,
        ),
        StartAt(),
        Restart(),
        Demote(),
        MoveItem(),
    ]
