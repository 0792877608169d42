"""The answers a model may give at one step, as a grammar for constrained decoding.

The grammar (Lark, in llguidance's dialect) admits exactly the `call` variant's answers that
are valid here: a function of the action space, a label among the controls shown, arguments of
the declared types in declaration order, and for grounded arguments (`actions.Grounded`) only
what the document holds: a stretch of whole words of one paragraph or table cell, an existing
paragraph index, an existing table number. A model decoded under it cannot produce an invalid
action; the parser still checks everything, for endpoints that cannot be constrained.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Annotated, Any

from pydantic.fields import FieldInfo

from openlam.actions import LABEL_ARG, ActionSpace, ActionSpec, Grounded
from openlam.records import Control, DocumentState

# Free text is bounded so that every answer ends within `MAX_ANSWER_TOKENS`; labels, numbers
# and grounded text are bounded by what exists.
FREE_TEXT = r'/"([^"\\\n]|\\["\\n]){0,100}"/'
# No answer of the grammar is longer (two free texts of 100 characters, one token each at
# worst, and the call around them), so decoding under it never stops half-way.
MAX_ANSWER_TOKENS = 320
MAX_TEXT_SOURCES = 400


def action_grammar(
    actions: ActionSpace, controls: list[Control], document: DocumentState | None
) -> str:
    """A Lark grammar of every valid answer for this step."""
    rules: dict[str, str] = {}
    calls = []
    for spec in actions.specs.values():
        if spec.needs_control and not controls:
            continue
        call = _call_rule(spec, controls, document, rules)
        if call is not None:
            calls.append(call)
    rules["call"] = " | ".join(calls)
    head = [
        'start: call | call " " STATUS | STATUS',
        'STATUS: "[FINISH]" | "[FAIL]" | "[CONFIRM]"',
    ]
    return "\n".join(head + [f"{name}: {body}" for name, body in rules.items()]) + "\n"


def _call_rule(
    spec: ActionSpec, controls: list[Control], document: DocumentState | None, rules: dict
) -> str | None:
    """The rule of one function's calls; None where a required argument has no valid value."""
    items: list[tuple[str, str, bool]] = []
    if spec.needs_control:
        rules["label"] = " | ".join(_lit(json.dumps(c.label)) for c in controls)
        items.append((LABEL_ARG, "label", True))
    for name, field in spec.args_model.model_fields.items():
        value = _value_rule(spec.name, name, field, document, rules)
        if value is None and field.is_required():
            return None
        if value is not None:
            items.append((name, value, field.is_required()))
    return f"({_lit(spec.name + '(')} {_arguments(items, 0, False)} {_lit(')')})"


def _arguments(items: list[tuple[str, str, bool]], i: int, lead: bool) -> str:
    """Keyword arguments from the i-th on, in order, optional ones optional, with a comma
    before each but the first written."""
    if i == len(items):
        return '""'
    name, value, required = items[i]
    item = f"{_lit((', ' if lead else '') + name + '=')} {value}"
    if required:
        return f"{item} {_arguments(items, i + 1, True)}"
    if lead:
        return f"({item})? {_arguments(items, i + 1, True)}"
    return f"({item} {_arguments(items, i + 1, True)} | {_arguments(items, i + 1, False)})"


def _value_rule(
    function: str, name: str, field: FieldInfo, document: DocumentState | None, rules: dict
) -> str | None:
    """The rule name for one argument's values, or None where nothing valid exists."""
    grounded = next((m for m in field.metadata if isinstance(m, Grounded)), None)
    if grounded is not None:
        return _grounded_rule(grounded.kind, document, rules)
    key = f"{function}_{name}".lower()
    rules[key] = _type_rule(field.annotation, field)
    return key


def _grounded_rule(kind: str, document: DocumentState | None, rules: dict) -> str | None:
    if document is None:
        return None
    if kind == "paragraph":
        values = [str(p.index) for p in document.paragraphs]
    elif kind == "table":
        values = [str(n) for n in range(1, len(document.tables) + 1)]
    else:
        return _text_rule(document, rules)
    if not values:
        return None
    rules[f"{kind}_value"] = " | ".join(_lit(v) for v in values)
    return f"{kind}_value"


def _text_rule(document: DocumentState, rules: dict) -> str | None:
    """Whole-word stretches of one paragraph or cell, inside double quotes."""
    sources = [p.text for p in document.paragraphs]
    sources += [cell for t in document.tables for row in t.cells for cell in row]
    # A quote or backslash would need escaping inside the literal: split the text there.
    pieces = {
        piece.strip()
        for text in sources
        for chunk in text.replace("\\", '"').split('"')
        if (piece := chunk.strip())
    }
    if not pieces:
        return None
    names = []
    for i, piece in enumerate(sorted(pieces)[:MAX_TEXT_SOURCES]):
        rules[f"TEXT{i}"] = "%regex " + json.dumps({"substring_words": piece})
        names.append(f"TEXT{i}")
    rules["document_text"] = " | ".join(names)
    return '"\\"" document_text "\\""'


def _type_rule(annotation: Any, field: FieldInfo) -> str:
    """Values of a plain argument type: literals, bool, bounded numbers, free text."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Literal:
        return " | ".join(_lit(json.dumps(v) if isinstance(v, str) else repr(v)) for v in args)
    if origin in (typing.Union, types.UnionType, Annotated):
        return _type_rule(args[0], field)  # Optional[X]: an explicit None is never needed
    if annotation is bool:
        return '"True" | "False"'
    if annotation is int:
        sign = "" if _lower_bound(field) >= 0 else "-?"
        return f"/{sign}[0-9]{{1,4}}/"
    if annotation is float:
        return r"/[0-9]{1,3}(\.[0-9]{1,2})?/"
    return FREE_TEXT


def _lower_bound(field: FieldInfo) -> float:
    for meta in field.metadata:
        for attr in ("ge", "gt"):
            if getattr(meta, attr, None) is not None:
                return getattr(meta, attr)
    return float("-inf")


def _lit(text: str) -> str:
    return json.dumps(text)
