"""Bounded numbers in the step grammar: exactly the values the parser accepts, or fewer."""

import re

import pytest

from openlam.agent.grammar import _gbnf_regex, _Grammar

BOUNDS = [
    ((1, 200, True, True), False),  # a count
    ((-50, 50, True, True), False),  # a wheel distance
    ((0, 9999, True, True), False),
    ((0, 999, False, True), True),  # a font size: above 0
    ((0.5, 4, True, True), True),  # line spacing
    ((-100, 100, True, True), True),  # an indent
]
NUMBERS = [str(n) for n in range(-1050, 1050)] + [f"{n / 100:.2f}" for n in range(-10100, 10100)]
NUMBERS += [f"{n / 10:.1f}" for n in range(-1010, 1010)] + ["007", "1.", ".5", "--1", "1e3"]


def _valid(text: str, bounds, decimals: bool) -> bool:
    low, high, low_in, high_in = bounds
    if not re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?", text):
        return False
    if "." in text and not decimals:
        return False
    value = float(text)
    return (value > low or (low_in and value == low)) and (
        value < high or (high_in and value == high)
    )


@pytest.mark.parametrize(("bounds", "decimals"), BOUNDS)
def test_a_number_rule_admits_no_value_out_of_bounds(bounds, decimals):
    rule = _Grammar("lark").number(bounds, decimals)
    pattern = re.compile(rule[1:-1])
    admitted = [n for n in NUMBERS if pattern.fullmatch(n)]
    assert admitted and all(_valid(n, bounds, decimals) for n in admitted)
    # Stricter only where harmless: a whole upper bound written with zero decimals.
    missed = [n for n in NUMBERS if _valid(n, bounds, decimals) and n not in admitted]
    assert all(abs(float(n)) in (bounds[1], -bounds[0]) and "." in n for n in missed), missed[:5]


def test_a_pattern_becomes_gbnf_with_quoted_literals():
    assert _gbnf_regex("(#[0-9A-Fa-f]{6}|none)") == ('( "#" [0-9A-Fa-f] {6} | "n" "o" "n" "e" )')
