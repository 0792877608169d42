"""Line and paragraph spacing, indents, tab stops and text flow, on paragraphs and ranges."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from openlam.agent.scripted import call
from openlam.tasks.base import styled
from openlam.tasks.writer.facts import DocFacts, ParagraphFacts
from openlam.tasks.writer.families.common import (
    WriterFamily,
    is_heading,
    unique_prefix,
)
from openlam.tasks.writer.families.paragraph import (
    INDENT_HELP,
    ParagraphFormat,
    headings,
    paragraphs_changed,
)
from openlam.tasks.writer.steps import click, menu, select_paragraphs, set_box

MM_PER_PT = 25.4 / 72


def _near(a: float, b: float, tolerance: float = 0.6) -> bool:
    return abs(a - b) <= tolerance


# -- ranges of paragraphs --------------------------------------------------------------------


def _plain(paragraph: ParagraphFacts) -> bool:
    return paragraph.style == "Normal" and paragraph.list_kind is None


def _words(facts: DocFacts, index: int, n: int = 5) -> str:
    return " ".join(facts.paragraphs[index].text.split()[:n])


def _sections(facts: DocFacts, plain: bool) -> list[dict[str, Any]]:
    """The paragraphs under each uniquely named heading, up to the next heading."""
    out = []
    for h in headings(facts):
        end = h + 1
        while end < len(facts.paragraphs) and not is_heading(facts.paragraphs[end]):
            end += 1
        targets = [i for i in range(h + 1, end) if facts.paragraphs[i].text.strip()]
        if not targets or (plain and not all(_plain(facts.paragraphs[i]) for i in targets)):
            continue
        start = unique_prefix(facts, targets[0])
        if start is None:
            continue
        heading = facts.paragraphs[h].text
        n = len(targets)
        out.append(
            {
                "scope": f'the text under the heading "{heading}"',
                "scope_ref": f'the {n} paragraph{"s" * (n > 1)} of the section "{heading}"',
                "first": start,
                "count": targets[-1] - targets[0] + 1,
                "targets": targets,
            }
        )
    return out


def _spans(facts: DocFacts, plain: bool) -> list[dict[str, Any]]:
    """Two to four consecutive body paragraphs, named by their first and last."""
    out = []
    body = [
        i
        for i, p in enumerate(facts.paragraphs)
        if p.text.strip() and not is_heading(p) and (_plain(p) or not plain)
    ]
    for k in range(len(body)):
        for n in (2, 3, 4):
            run = body[k : k + n]
            if len(run) < n or run[-1] - run[0] != n - 1:
                break
            start, end = unique_prefix(facts, run[0]), unique_prefix(facts, run[-1])
            if start is None or end is None:
                break
            out.append(
                {
                    "scope": f'the paragraphs from the one beginning "{start}" to the one '
                    f'beginning "{end}"',
                    "scope_ref": f'the {n} paragraphs starting with "{start}"',
                    "first": start,
                    "count": n,
                    "targets": run,
                }
            )
    return out


def _whole(facts: DocFacts) -> dict[str, Any] | None:
    if not facts.paragraphs[0].text.strip():
        return None  # the selection starts from the first paragraph, found by its text
    targets = [i for i, p in enumerate(facts.paragraphs) if p.text.strip()]
    return {
        "scope": "the whole document",
        "scope_ref": f"every one of the document's {len(targets)} paragraphs (title and "
        "headings too)",
        "first": facts.paragraphs[0].text,
        "count": len(facts.paragraphs),
        "targets": targets,
    }


def pick_range(
    facts: DocFacts, rng: random.Random, plain: bool = False, whole: bool = True
) -> dict[str, Any] | None:
    """A range of paragraphs: a heading's section, a span of paragraphs or the whole text.
    `plain` keeps to plain body paragraphs (no headings, no lists)."""
    kinds = [k for k in (_sections(facts, plain), _spans(facts, plain)) if k]
    everything = _whole(facts) if whole and not plain else None
    if everything is not None:
        kinds.append([everything])
    if not kinds:
        return None
    return dict(rng.choice(rng.choice(kinds)))


def select_range(params: dict[str, Any]) -> list:
    # Whole paragraphs, even for the whole document: Select All is not reliable where the
    # document ends with a table (it then selected the first paragraph only).
    return [select_paragraphs(params["first"], params["count"])]


class RangeFormat(WriterFamily):
    """Set one paragraph attribute on a range of paragraphs."""

    category = "spacing"

    def __init__(
        self,
        id: str,
        what: str,
        getter: Callable[[ParagraphFacts], Any],
        wanted: Callable[[Any, Any, dict], bool],
        apply: Callable[[dict], list],
        phrasings,
        values: tuple[dict[str, Any], ...],
        plain: bool = False,
        help_sources: tuple[str, ...] = (),
    ):
        self.id, self.what, self.phrasings, self.values = id, what, phrasings, values
        self._getter, self._wanted, self._apply, self.plain = getter, wanted, apply, plain
        self.help_sources = help_sources

    def sample_params(self, facts, rng):
        params = pick_range(facts, rng, plain=self.plain)
        if params is None:
            return None
        params.update(rng.choice(self.values))
        got = [self._getter(facts.paragraphs[i]) for i in params["targets"]]
        if all(self._wanted(value, value, params) for value in got):
            return None
        return params

    def solution(self, params):
        return [*select_range(params), *self._apply(params)]

    def check(self, params, before, after, answer):
        wanted = lambda now, was: self._wanted(now, was, params)  # noqa: E731
        return paragraphs_changed(before, after, params["targets"], self._getter, wanted, self.what)

    def wrong_params(self, params, facts, rng):
        targets = params["targets"]
        if len(targets) > 1 and rng.random() < 0.5:
            # One paragraph short: the range's last paragraph stays as it was.
            return {**params, "count": targets[-2] - targets[0] + 1}
        others = [v for v in self.values if any(params[k] != x for k, x in v.items())]
        return {**params, **rng.choice(others)} if others else None


# -- families over every heading ------------------------------------------------------------


class HeadingSpacing(WriterFamily):
    """Space above or below every section heading, set paragraph by paragraph (API)."""

    id = "writer/heading-spacing-v1"
    category = "spacing"
    phrasings = styled(
        terse=(
            "Put {points} pt of space {where} every section heading (not the title).",
            "Section headings: {points} pt spacing {where} each one.",
        ),
        polite=(
            "Could you please set the spacing {where} each section heading to {points} pt? "
            "The title can stay as it is.",
            "Would you mind giving every heading, apart from the title, {points} points of "
            "space {where} it?",
        ),
        context=(
            "The sections run into each other when printed, so please put {points} pt of space "
            "{where} every section heading, leaving the title alone.",
            "Our template asks for {points} pt {where} headings: set that on all the section "
            "headings (not the title).",
        ),
        indirect=(
            "Every section heading should have a {points} pt gap {where} it; the title and "
            "body text stay as they are.",
            "The space {where} the headings (the title excepted) should be {points} points, "
            "all of them the same.",
        ),
        reference=(
            'Set the spacing {where} the {count} headings from "{first}" to "{last}" to '
            "{points} pt.",
            'Give each of the {count} section headings, "{first}" through "{last}", {points} pt '
            "of space {where}.",
        ),
        typo=(
            "put {points}pt space {where} all the headings, not the titel",
            "spacing {where} evry section heading = {points} pt pls",
        ),
    )
    values = tuple(
        {"side": side, "where": where, "points": points}
        for side, where in (("before", "above"), ("after", "below"))
        for points in (6, 12, 18)
    )

    def sample_params(self, facts, rng):
        found = headings(facts)
        if len(found) < 2 or len(found) != sum(
            p.style.startswith("Heading") for p in facts.paragraphs if p.text.strip()
        ):
            return None
        params = dict(rng.choice(self.values))
        side = f"space_{params['side']}_pt"
        if all(_near(getattr(facts.paragraphs[i], side), params["points"]) for i in found):
            return None
        texts = [facts.paragraphs[i].text for i in found]
        return {
            **params,
            "headings": texts,
            "count": len(texts),
            "first": texts[0],
            "last": texts[-1],
        }

    def solution(self, params):
        mm = round(params["points"] * MM_PER_PT, 2)
        rules = []
        for text in params["headings"]:
            rules += [
                select_paragraphs(text),
                call("format_paragraph", **{f"space_{params['side']}_mm": mm}),
            ]
        return rules

    def check(self, params, before, after, answer):
        targets = [i for i, p in enumerate(before.paragraphs) if p.text in params["headings"]]
        return paragraphs_changed(
            before, after, targets, _spacing, _spaced(params), f"spaced {params['points']} pt"
        )

    def wrong_params(self, params, facts, rng):
        return {**params, "headings": params["headings"][:-1]}


def _spacing(p: ParagraphFacts) -> tuple[float, float]:
    return (p.space_before_pt, p.space_after_pt)


def _spaced(params: dict[str, Any]):
    """The asked side has the asked space; the other side kept its own (the Paragraph
    dialog rewrites both, rounded to its unit)."""
    side = 0 if params["side"] == "before" else 1

    def wanted(now, was) -> bool:
        if not _near(now[side], params["points"]):
            return False
        return was is None or _near(now[1 - side], was[1 - side])

    return wanted


# -- the families -----------------------------------------------------------------------------


def _paragraph_dialog(tab: str) -> list:
    return [*menu("Format", "Paragraph..."), click(tab, "page tab")]


def _indents(p: ParagraphFacts) -> tuple[float, float]:
    return (p.left_indent_mm, p.first_line_indent_mm)


def _first_line(now, was, params) -> bool:
    wanted = float(params["inches"]) * 25.4
    return _near(now[1], wanted) and (was is None or _near(now[0], was[0], 0.3))


def _hanging(now, was, params) -> bool:
    wanted = params["cm"] * 10
    return _near(now[0], wanted) and _near(now[1], -wanted)


def _new_tab(now, was, params) -> bool:
    wanted = float(params["inches"]) * 25.4
    added = [t for t in now if was is None or not any(_near(t, w, 0.1) for w in was)]
    return len(added) == 1 and _near(added[0], wanted)


def spacing_families() -> list[WriterFamily]:
    return [
        RangeFormat(
            "writer/line-spacing-range-v1",
            "at the asked line spacing",
            lambda p: p.line_spacing,
            lambda now, was, params: now == params["spacing"],
            lambda p: menu("Format", "Spacing", p["menu"]),
            styled(
                terse=(
                    "Set {scope} to {label} line spacing.",
                    "{scope}: {label} line spacing.",
                ),
                polite=(
                    "Could you please give {scope} {label} line spacing?",
                    "Would you mind changing the line spacing of {scope} to {label}?",
                ),
                context=(
                    "The reviewers want room to scribble notes, so please set {scope} to "
                    "{label} line spacing.",
                    "It has to meet the submission rules: {scope} in {label} line spacing, please.",
                ),
                indirect=(
                    "{scope} should be set in {label} line spacing.",
                    "I'd like {label} line spacing throughout {scope}.",
                ),
                reference=(
                    "Use {label} line spacing for {scope_ref}.",
                    "Set the line spacing of {scope_ref} to {label}.",
                ),
                typo=(
                    "linespacing {label} for {scope} pls",
                    "set {scope} to {label} line spaceing",
                ),
            ),
            values=(
                {"spacing": 1.5, "label": "1.5", "menu": "Line Spacing: 1.5"},
                {"spacing": 2.0, "label": "double", "menu": "Line Spacing: 2"},
            ),
        ),
        RangeFormat(
            "writer/indent-range-v1",
            "indented",
            lambda p: p.left_indent_mm,
            lambda now, was, params: _near(now, params["cm"] * 10),
            lambda p: [call("format_paragraph", left_indent_mm=p["cm"] * 10)],
            styled(
                terse=(
                    "Indent {scope} by {cm:g} cm from the left.",
                    "Left indent of {cm:g} cm for {scope}.",
                ),
                polite=(
                    "Could you please indent {scope} {cm:g} cm from the left margin?",
                    "Would you mind giving {scope} a left indent of {cm:g} cm?",
                ),
                context=(
                    "That passage is quoted from the contract, so please indent {scope} by "
                    "{cm:g} cm on the left.",
                    "To set the example apart from the explanation, move {scope} {cm:g} cm in "
                    "from the left margin.",
                ),
                indirect=(
                    "{scope} should start {cm:g} cm in from the left margin.",
                    "I'd like a {cm:g} cm left indent on {scope}.",
                ),
                reference=(
                    "Indent {scope_ref} by {cm:g} cm on the left.",
                    "Give {scope_ref} a {cm:g} cm left indent.",
                ),
                typo=(
                    "indent {scope} {cm:g}cm from the left pls",
                    "left indnet of {cm:g} cm on {scope}",
                ),
            ),
            values=tuple({"cm": cm} for cm in (1.0, 1.5, 2.0)),
            plain=True,
            help_sources=INDENT_HELP,
        ),
        ParagraphFormat(
            "writer/paragraph-spacing-v1",
            "spaced as asked",
            _spacing,
            lambda now, was, params: _spaced(params)(now, was),
            lambda p: [
                call(
                    "format_paragraph",
                    **{f"space_{p['side']}_mm": round(p["points"] * MM_PER_PT, 2)},
                )
            ],
            styled(
                terse=(
                    'Add {points} pt of space {where} the paragraph that begins "{start}".',
                    'Spacing {where} "{start}...": {points} pt.',
                ),
                polite=(
                    'Could you please set the space {where} the paragraph starting "{start}" '
                    "to {points} pt?",
                    "Would you mind leaving {points} points of space {where} the paragraph that "
                    'opens "{start}"?',
                ),
                context=(
                    "That paragraph is crammed against its neighbour, so please put {points} pt "
                    'of space {where} the paragraph beginning "{start}".',
                    'For a cleaner layout, the "{start}" paragraph needs exactly {points} pt of '
                    "spacing {where} it.",
                ),
                indirect=(
                    'There should be a {points} pt gap {where} the paragraph starting "{start}".',
                    'The spacing {where} "{start}..." should be {points} points.',
                ),
                reference=(
                    "Set the spacing {where} {position} to {points} pt.",
                    "Leave {points} pt of space {where} {position}.",
                ),
                typo=(
                    'put {points}pt space {where} the paragrpah "{start}"',
                    'spacing {where} the para begining "{start}" = {points} pt pls',
                ),
            ),
            category="spacing",
            values=HeadingSpacing.values,
        ),
        HeadingSpacing(),
        ParagraphFormat(
            "writer/first-line-indent-v1",
            "first-line indented",
            _indents,
            _first_line,
            lambda p: [
                *_paragraph_dialog("Indents & Spacing"),
                set_box("First line", p["inches"], "spin button"),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    'Indent the first line of the paragraph that begins "{start}" by {inches} '
                    "inch.",
                    'First-line indent of {inches}" for "{start}...".',
                ),
                polite=(
                    'Could you please give the paragraph starting "{start}" a first-line '
                    "indent of {inches} inch?",
                    "Would you mind indenting just the first line of the paragraph that opens "
                    '"{start}" by {inches} in?',
                ),
                context=(
                    "The house style marks new paragraphs with an indent, so please indent the "
                    'first line of the paragraph beginning "{start}" by {inches} inch.',
                    'It reads like a novel, so give "{start}..." a {inches} inch first-line '
                    "indent.",
                ),
                indirect=(
                    'The first line of the paragraph starting "{start}" should start {inches} '
                    "inch in from the rest of it.",
                    'I\'d like "{start}..." to open with a {inches} inch first-line indent.',
                ),
                reference=(
                    "Give {position} a first-line indent of {inches} inch.",
                    "Indent the first line of {position} by {inches} in.",
                ),
                typo=(
                    'first line indent {inches} inch on the paragrpah "{start}"',
                    'indent the frist line of the para "{start}" by {inches} in',
                ),
            ),
            category="spacing",
            help_sources=INDENT_HELP,
            values=tuple({"inches": i} for i in ("0.25", "0.5", "0.75")),
        ),
        ParagraphFormat(
            "writer/hanging-indent-v1",
            "hanging-indented",
            _indents,
            _hanging,
            lambda p: [
                call(
                    "format_paragraph",
                    left_indent_mm=p["cm"] * 10,
                    first_line_indent_mm=-p["cm"] * 10,
                )
            ],
            styled(
                terse=(
                    'Give the paragraph that begins "{start}" a {cm:g} cm hanging indent.',
                    'Hanging indent, {cm:g} cm, on "{start}...".',
                ),
                polite=(
                    "Could you please set a hanging indent of {cm:g} cm on the paragraph "
                    'starting "{start}"?',
                    'Would you mind formatting the paragraph that opens "{start}" with a '
                    "{cm:g} cm hanging indent?",
                ),
                context=(
                    'It\'s a bibliography entry, so the paragraph beginning "{start}" needs a '
                    "{cm:g} cm hanging indent.",
                    'To match the glossary layout, give "{start}..." a hanging indent of '
                    "{cm:g} cm.",
                ),
                indirect=(
                    'Every line but the first of the paragraph starting "{start}" should sit '
                    "{cm:g} cm in from the left margin, with the first line at the margin.",
                    'I\'d like "{start}..." to hang: a {cm:g} cm hanging indent.',
                ),
                reference=(
                    "Give {position} a hanging indent of {cm:g} cm.",
                    "Set {position} with a {cm:g} cm hanging indent.",
                ),
                typo=(
                    'hanging indent {cm:g}cm on the paragraph startng "{start}"',
                    'make the para "{start}" a {cm:g} cm haning indent',
                ),
            ),
            category="spacing",
            help_sources=INDENT_HELP,
            values=tuple({"cm": cm} for cm in (0.5, 1.0, 1.5)),
        ),
        ParagraphFormat(
            "writer/tab-stop-v1",
            "given the tab stop",
            lambda p: p.tab_stops_mm,
            _new_tab,
            lambda p: [
                *_paragraph_dialog("Tabs"),
                set_box("Position", p["inches"]),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    "Add a left tab stop at {inches} inches to the paragraph that begins "
                    '"{start}".',
                    'Tab stop at {inches}" in "{start}...".',
                ),
                polite=(
                    "Could you please set a left-aligned tab stop {inches} inches from the left "
                    'in the paragraph starting "{start}"?',
                    "Would you mind adding a tab stop at {inches} in to the paragraph that opens "
                    '"{start}"?',
                ),
                context=(
                    "I need to line up some figures there, so please add a left tab stop at "
                    '{inches} inches to the paragraph beginning "{start}".',
                    'The prices should line up: give "{start}..." a tab stop at {inches} inches.',
                ),
                indirect=(
                    'Pressing Tab in the paragraph starting "{start}" should jump to a left tab '
                    "stop at {inches} inches.",
                    'The paragraph "{start}..." should have its own tab stop at {inches} in.',
                ),
                reference=(
                    "Add a left tab stop at {inches} inches to {position}.",
                    "Set a tab stop {inches} in from the left margin in {position}.",
                ),
                typo=(
                    'add a tab stop at {inches} inchs to the paragraph "{start}"',
                    'tabstop at {inches} in for the para begining "{start}"',
                ),
            ),
            category="spacing",
            values=tuple({"inches": i} for i in ("1.5", "2", "3", "4.5")),
        ),
        ParagraphFormat(
            "writer/keep-with-next-v1",
            "kept with the next paragraph",
            lambda p: p.keep_with_next,
            lambda now, was: now is True,
            lambda p: [
                *_paragraph_dialog("Text Flow"),
                click("Keep with next paragraph", "check box"),
                click("OK", "push button"),
            ],
            styled(
                terse=(
                    'Keep the paragraph that begins "{start}" with the next paragraph.',
                    'Turn on "keep with next" for "{start}...".',
                ),
                polite=(
                    'Could you please make sure the paragraph starting "{start}" always stays '
                    "on the same page as the paragraph after it?",
                    'Would you mind setting the paragraph that opens "{start}" to keep with '
                    "the next paragraph?",
                ),
                context=(
                    "That paragraph introduces the one after it, so please keep the paragraph "
                    'beginning "{start}" with the next paragraph.',
                    'A page break keeps splitting these two, so set "{start}..." to keep with '
                    "the next paragraph.",
                ),
                indirect=(
                    'The paragraph starting "{start}" should never end up on a different page '
                    "from the paragraph after it.",
                    'Both "{start}..." and the paragraph that follows it should always stay '
                    "together on one page.",
                ),
                reference=(
                    "Keep {position} with the paragraph that follows it.",
                    'Set "keep with next paragraph" on {position}.',
                ),
                typo=(
                    'keep the paragraph "{start}" with teh next one',
                    'turn on keep with next for the para begining "{start}"',
                ),
            ),
            category="spacing",
        ),
    ]
