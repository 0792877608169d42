"""Parameters of a demonstration: which typed or chosen values vary, and what to call them.

Every value typed into a field or chosen in a list becomes a parameter. One that appears in
the request is required at replay and replaced by a `{name}` placeholder in the request
template; one that does not keeps its demonstrated value as a default. A name comes from the
control the value went into (a field named "(Username)" -> `username`), else from the word
before the value in the request ("the word Portsmouth" -> `word`), else `param1`, ....
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from openlam.teach.skill import Parameter, SkillStep, Target, template_fields, value_text

# The arguments that carry a value the user typed or chose, per action. Writer's
# keyboard_input is left out unless its text is in the request: it also carries key chords.
VALUE_ARGS: dict[str, tuple[str, ...]] = {
    "set_edit_text": ("text",),
    "select_option": ("value",),
    "select_text": ("text",),
    "set_font": ("font_name", "font_size"),
    "keyboard_input": ("keys",),
}
ONLY_IF_IN_REQUEST = {"keyboard_input"}
# Targets whose name says nothing about the value (the document canvas, a window title).
UNNAMING_ROLES = {"document text", "document", "RootWebArea"}
STOPWORDS = {
    "a", "an", "the", "and", "or", "of", "to", "in", "into", "on", "as", "with", "for", "is",
    "be", "by", "at", "from", "it", "its", "enter", "type", "set", "make", "select", "choose",
    "write", "put", "fill", "click", "press", "then", "this", "that",
}  # fmt: skip
MAX_NAME_WORDS = 3


@dataclass
class Suggestion:
    """Parameters, the step bindings (per step, argument -> parameter) and the template."""

    parameters: list[Parameter] = field(default_factory=list)
    bindings: list[dict[str, str]] = field(default_factory=list)
    request_template: str = ""


def suggest_parameters(request: str, steps: list[SkillStep]) -> Suggestion:
    """Parameters for the typed and chosen values of these steps."""
    suggestion = Suggestion()
    spans: dict[str, tuple[int, int]] = {}  # parameter -> where its value sits in the request
    by_value: dict[str, str] = {}
    for number, step in enumerate(steps, start=1):
        binding: dict[str, str] = {}
        for arg in VALUE_ARGS.get(step.function, ()):
            value = step.args.get(arg)
            if value is None or value_text(value) == "":
                continue
            key = value_text(value)
            if key in by_value:
                binding[arg] = by_value[key]
                continue
            span = find_value(request, key, list(spans.values()))
            if span is None and step.function in ONLY_IF_IN_REQUEST:
                continue
            taken = {p.name for p in suggestion.parameters}
            name = _unique(suggest_name(step.target, request, span) or "", taken)
            suggestion.parameters.append(
                Parameter(
                    name=name,
                    example=value,
                    required=span is not None,
                    description=_where(step, arg, number),
                )
            )
            if span is not None:
                spans[name] = span
            by_value[key], binding[arg] = name, name
        suggestion.bindings.append(binding)
    suggestion.request_template = _template(request, spans)
    return suggestion


def find_value(
    request: str, value: str, taken: list[tuple[int, int]] | None = None
) -> tuple[int, int] | None:
    """Where the value stands in the request: quoted first, then as a whole word (exact
    case, then any case); never inside a span already taken."""
    escaped = re.escape(value)
    patterns = [
        (rf"([\"'“‘]){escaped}[\"'”’]", 0),
        (rf"(?<!\w){escaped}(?!\w)", 0),
        (rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE),
    ]
    for pattern, flags in patterns:
        for match in re.finditer(pattern, request, flags):
            start, end = match.span()
            if match.groups():
                start, end = start + 1, end - 1  # inside the quotes
            if not any(start < e and s < end for s, e in taken or []):
                return start, end
    return None


def suggest_name(target: Target | None, request: str, span: tuple[int, int] | None) -> str | None:
    """A parameter name from the target's name, else from the word before the value."""
    if target is not None and target.role not in UNNAMING_ROLES:
        name = identifier(target.name)
        if name:
            return name
    if span is not None:
        words = re.findall(r"[A-Za-z]+", request[: span[0]])
        if words and words[-1].lower() not in STOPWORDS and len(words[-1]) > 2:
            return identifier(words[-1])
    return None


def identifier(text: str) -> str:
    """Up to three words of a text as a snake_case name ("(Font Name)" -> font_name)."""
    words = re.findall(r"[a-z0-9]+", text.casefold())[:MAX_NAME_WORDS]
    name = "_".join(words)
    if name and name[0].isdigit():
        name = f"p_{name}"
    return name


def params_from_request(template: str, request: str) -> dict[str, str] | None:
    """The parameter values a request gives, read against the request template (None if
    the request does not have the template's form)."""
    template_fields(template)  # a malformed template is an error, not a failed match
    pattern, seen = "", set()
    for literal, name, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if name is not None:
            pattern += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
            seen.add(name)
    match = re.fullmatch(pattern, request.strip(), re.DOTALL)
    return match.groupdict() if match else None


def _unique(name: str, taken: set[str]) -> str:
    if name and name not in taken:
        return name
    if name:
        n = 2
        while f"{name}{n}" in taken:
            n += 1
        return f"{name}{n}"
    n = 1
    while f"param{n}" in taken:
        n += 1
    return f"param{n}"


def _template(request: str, spans: dict[str, tuple[int, int]]) -> str:
    out, position = [], 0
    for name, (start, end) in sorted(spans.items(), key=lambda item: item[1]):
        out += [_literal(request[position:start]), f"{{{name}}}"]
        position = end
    return "".join([*out, _literal(request[position:])])


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _where(step: SkillStep, arg: str, number: int) -> str:
    where = f' on the {step.target.role} "{step.target.name}"' if step.target else ""
    return f"{arg} of step {number} ({step.function}{where})"
