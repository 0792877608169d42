"""The answers a model may give at one step, as a grammar for constrained decoding.

The grammar admits exactly the `call` variant's answers that are valid here: a function of the
action space, a label among the controls shown, arguments of the declared types in declaration
order, and for grounded arguments (`actions.Grounded`) only what the document holds: a stretch
of whole words of one paragraph or table cell, an existing paragraph index, an existing table
number. A model decoded under it cannot produce an invalid action; the parser still checks
everything, for endpoints that cannot be constrained.

One builder writes two dialects: Lark as llguidance reads it (the transformers backend) and
GBNF as llama.cpp reads it. The only construct they do not share is "a stretch of whole words
of this text": llguidance has it built in (`substring_words`); in GBNF it is a chain of one
rule per word, each optionally followed by the rest.
"""

from __future__ import annotations

import json
import math
import re
import types
import typing
from typing import Annotated, Any, Literal

from pydantic.fields import FieldInfo

from openlam.actions import LABEL_ARG, ActionSpace, ActionSpec, Grounded
from openlam.agent import grammar_numbers as numbers
from openlam.records import Control, DocumentState

Syntax = Literal["lark", "gbnf"]
FREE_TEXT_CHARS = 100
# No answer of the grammar is longer (two free texts of 100 characters, one token each at
# worst, and the call around them), so decoding under it never stops half-way.
MAX_ANSWER_TOKENS = 320
MAX_TEXT_SOURCES = 400
NUMBER_LIMIT = 9999


def action_grammar(
    actions: ActionSpace,
    controls: list[Control],
    document: DocumentState | None,
    syntax: Syntax = "lark",
) -> str:
    """A grammar of every valid answer for this step, in Lark (llguidance) or GBNF."""
    g = _Grammar(syntax)
    calls = []
    for spec in actions.specs.values():
        if spec.needs_control and not controls:
            continue
        call = _call_rule(g, spec, controls, document)
        if call is not None:
            calls.append(call)
    # A status alone ends the task; CONFIRM asks about a call, so it only follows one.
    g.rule("end", g.alt([g.lit("[FINISH]"), g.lit("[FAIL]")]))
    if not calls:  # nothing can be acted on: the answer can only end the task
        g.rule(g.start, "end")
        return g.text()
    g.rule("status", g.alt(["end", g.lit("[CONFIRM]")]))
    g.rule("call", g.alt(calls))
    g.rule(g.start, g.alt(["call", f"call {g.lit(' ')} status", "end"]))
    return g.text()


class _Grammar:
    """Rules in one dialect; the start rule is written first."""

    def __init__(self, syntax: Syntax):
        self.syntax = syntax
        self.start = "start" if syntax == "lark" else "root"
        self.rules: dict[str, str] = {}

    def rule(self, name: str, body: str) -> str:
        self.rules[name] = body
        return name

    def text(self) -> str:
        sep = ": " if self.syntax == "lark" else " ::= "
        order = [self.start, *(n for n in self.rules if n != self.start)]
        return "\n".join(f"{name}{sep}{self.rules[name]}" for name in order) + "\n"

    def name(self, *parts: str) -> str:
        """A rule name both dialects accept (GBNF: letters, digits and dashes)."""
        joined = "_".join(parts).lower()
        return joined if self.syntax == "lark" else joined.replace("_", "-")

    @staticmethod
    def lit(text: str) -> str:
        return json.dumps(text)  # JSON's escapes are both dialects' escapes

    @staticmethod
    def alt(items: list[str]) -> str:
        return " | ".join(f"({item})" for item in items)

    def free_text(self, min_chars: int = 0, max_chars: int | None = None) -> str:
        """A double-quoted string without newlines, escapes allowed, bounded in length."""
        most = min(FREE_TEXT_CHARS, max_chars or FREE_TEXT_CHARS)
        if self.syntax == "lark":
            return rf'/"([^"\\\n]|\\["\\n]){{{min_chars},{most}}}"/'
        return rf'"\"" ([^"\\\n] | "\\" ["\\n]){{{min_chars},{most}}} "\""'

    def pattern(self, regex: str) -> str:
        """A double-quoted string matching a pattern (a plain regular expression)."""
        body = regex.removeprefix("^").removesuffix("$")
        if self.syntax == "lark":
            return f'/"({body})"/'
        return f'"\\"" ({_gbnf_regex(body)}) "\\""'

    def number(self, bounds: tuple[float, float, bool, bool], decimals: bool) -> str:
        """A number within bounds, as the parser reads it: digits, and for a float up to two
        decimals."""
        alternatives = [self.atoms(a) for a in numbers.within(*bounds, decimals=decimals)]
        if self.syntax == "lark":
            return "/(" + "|".join(alternatives) + ")/"
        return " | ".join(f"({a})" for a in alternatives)

    def atoms(self, atoms: list[numbers.Atom] | tuple[numbers.Atom, ...]) -> str:
        return ("" if self.syntax == "lark" else " ").join(self.atom(a) for a in atoms)

    def atom(self, atom: numbers.Atom) -> str:
        if isinstance(atom, numbers.Lit):
            return re.escape(atom.text) if self.syntax == "lark" else self.lit(atom.text)
        if isinstance(atom, numbers.Span):
            return f"[{atom.low}-{atom.high}]"
        return f"({self.atoms(atom.atoms)})?"

    def words_of(self, name: str, text: str) -> str:
        """A rule for any stretch of whole words of `text`."""
        if self.syntax == "lark":
            # `& /.+/`: at least one word, never the empty stretch.
            words = "%regex " + json.dumps({"substring_words": text})
            return self.rule(name.upper(), f"{words} & /.+/")
        words = re.findall(r"\S+", text)
        gaps = re.findall(r"\s+", text.strip())
        starts = []
        for k in reversed(range(len(words))):
            rest = f" ({self.lit(gaps[k])} {name}-{k + 1})?" if k + 1 < len(words) else ""
            starts.append(self.rule(f"{name}-{k}", f"{self.lit(words[k])}{rest}"))
        return self.rule(name, " | ".join(reversed(starts)))


def _call_rule(
    g: _Grammar, spec: ActionSpec, controls: list[Control], document: DocumentState | None
) -> str | None:
    """The rule of one function's calls; None where a required argument has no valid value."""
    items: list[tuple[str, str, bool]] = []
    if spec.needs_control:
        g.rule("label", g.alt([g.lit(json.dumps(c.label)) for c in controls]))
        items.append((LABEL_ARG, "label", True))
    for name, field in spec.args_model.model_fields.items():
        value = _value_rule(g, spec.name, name, field, document)
        if value is None and field.is_required():
            return None
        if value is not None:
            items.append((name, value, field.is_required()))
    inner = _arguments(g, items, 0, False)
    return " ".join(part for part in (g.lit(spec.name + "("), inner, g.lit(")")) if part)


def _arguments(g: _Grammar, items: list[tuple[str, str, bool]], i: int, lead: bool) -> str:
    """Keyword arguments from the i-th on, in order, optional ones optional, with a comma
    before each but the first written ("" when none is left)."""
    if i == len(items):
        return ""
    name, value, required = items[i]
    item = f"{g.lit((', ' if lead else '') + name + '=')} {value}"
    if required:
        return f"{item} {_arguments(g, items, i + 1, True)}".strip()
    if lead:
        return f"({item})? {_arguments(g, items, i + 1, True)}".strip()
    with_it = f"{item} {_arguments(g, items, i + 1, True)}".strip()
    without = _arguments(g, items, i + 1, False)
    return f"({with_it} | {without})" if without else f"({with_it})?"


def _value_rule(
    g: _Grammar, function: str, name: str, field: FieldInfo, document: DocumentState | None
) -> str | None:
    """The rule name for one argument's values, or None where nothing valid exists."""
    grounded = next((m for m in field.metadata if isinstance(m, Grounded)), None)
    if grounded is not None:
        return _grounded_rule(g, grounded.kind, document)
    return g.rule(g.name(function, name), _type_rule(g, field.annotation, field))


def _grounded_rule(g: _Grammar, kind: str, document: DocumentState | None) -> str | None:
    if document is None:
        return None
    if kind == "text":
        return _text_rule(g, document)
    if kind == "paragraph":
        values = [str(p.index) for p in document.paragraphs]
    else:
        values = [str(n) for n in range(1, len(document.tables) + 1)]
    if not values:
        return None
    return g.rule(g.name(kind, "value"), g.alt([g.lit(v) for v in values]))


def _text_rule(g: _Grammar, document: DocumentState) -> str | None:
    """Whole-word stretches of one paragraph or cell, inside double quotes."""
    sources = [p.text for p in document.paragraphs]
    sources += [cell for t in document.tables for row in t.cells for cell in row]
    # A quote or backslash would need escaping inside the literal: split the text there.
    pieces = {
        piece
        for text in sources
        for chunk in text.replace("\\", '"').split('"')
        if (piece := chunk.strip())
    }
    if not pieces:
        return None
    names = [
        g.words_of(f"text{i}", piece) for i, piece in enumerate(sorted(pieces)[:MAX_TEXT_SOURCES])
    ]
    g.rule(g.name("document", "text"), g.alt(names))
    return f"{g.lit(chr(34))} {g.name('document', 'text')} {g.lit(chr(34))}"


def _type_rule(g: _Grammar, annotation: Any, field: FieldInfo) -> str:
    """Values of a plain argument type: literals, bool, numbers within their bounds, text of
    the allowed length or pattern."""
    inner, limits = _unwrap(annotation, list(field.metadata))
    origin = typing.get_origin(inner)
    if origin is typing.Literal:
        values = typing.get_args(inner)
        return g.alt([g.lit(json.dumps(v) if isinstance(v, str) else repr(v)) for v in values])
    if inner is bool:
        return g.alt([g.lit("True"), g.lit("False")])
    if inner in (int, float):
        return g.number(_bounds(limits, inner is int), decimals=inner is float)
    pattern = _limit(limits, "pattern")
    if pattern is not None:
        return g.pattern(pattern)
    return g.free_text(_limit(limits, "min_length") or 0, _limit(limits, "max_length"))


def _unwrap(annotation: Any, limits: list[Any]) -> tuple[Any, list[Any]]:
    """The plain type inside Optional[...] and Annotated[...], with every constraint found on
    the way (pydantic keeps those of an Annotated inside a union out of `field.metadata`)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0], limits)  # Optional[X]: an explicit None is never needed
    if origin is Annotated:
        base, *extra = typing.get_args(annotation)
        for item in extra:
            limits += item.metadata if isinstance(item, FieldInfo) else [item]
        return _unwrap(base, limits)
    return annotation, limits


def _limit(limits: list[Any], name: str) -> Any:
    return next((getattr(m, name) for m in limits if getattr(m, name, None) is not None), None)


def _bounds(limits: list[Any], integer: bool) -> tuple[float, float, bool, bool]:
    """(low, high, low included, high included); unbounded sides stop at four digits."""
    low, high = _limit(limits, "ge"), _limit(limits, "le")
    low_in, high_in = low is not None or _limit(limits, "gt") is None, True
    if low is None:
        low = _limit(limits, "gt")
    if high is None and _limit(limits, "lt") is not None:
        high, high_in = _limit(limits, "lt"), False
    low = -NUMBER_LIMIT if low is None else low
    high = NUMBER_LIMIT if high is None else high
    if integer and not low_in:
        low, low_in = math.floor(low) + 1, True
    if integer and not high_in:
        high, high_in = math.ceil(high) - 1, True
    return low, high, low_in, high_in


GBNF_SPECIAL = set("[](){}|?*+")


def _gbnf_regex(regex: str) -> str:
    """A plain regular expression (literals, escapes, classes, groups, alternatives and
    quantifiers) in GBNF, where literals are quoted."""
    out, i = [], 0
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            out.append(json.dumps(regex[i + 1]))
            i += 2
        elif char == "[":
            end = regex.index("]", i + 1)
            out.append(regex[i : end + 1])
            i = end + 1
        elif char == "{":
            end = regex.index("}", i)
            out.append(regex[i : end + 1])
            i = end + 1
        elif char in GBNF_SPECIAL:
            out.append(char)
            i += 1
        else:
            out.append(json.dumps(char))
            i += 1
    return " ".join(out)
