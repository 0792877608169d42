"""Numbers within bounds as alternatives of digit patterns, for the step grammar.

A bounded argument (`ge=1, le=200`, `gt=0`) admits exactly the numbers the parser accepts:
digits without leading zeros, a minus sign only where negatives are allowed, and for a float
up to two decimals. Each alternative is a list of atoms, rendered per dialect by the grammar:
`Lit` (a literal), `Span` (a character class of digits) and `Opt` (an optional group).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Lit:
    text: str


@dataclass(frozen=True)
class Span:
    low: str
    high: str


@dataclass(frozen=True)
class Opt:
    atoms: tuple


Atom = Lit | Span | Opt
Alternative = list[Atom]
ANY_DIGIT = Span("0", "9")
ANY_DECIMALS = Opt((Lit("."), ANY_DIGIT, Opt((ANY_DIGIT,))))


def within(
    low: float, high: float, low_in: bool, high_in: bool, decimals: bool
) -> list[Alternative]:
    """Alternatives matching exactly the numbers from low to high (each end included or not),
    integers, or with `decimals` up to two decimal places."""
    if decimals and high != math.floor(high):
        raise ValueError(f"a float's upper bound must be a whole number, not {high}")
    out: list[Alternative] = []
    if low < 0:  # the negatives, as a minus sign before their magnitude
        top, top_in = -low, low_in
        bottom, bottom_in = (0.0, False) if high >= 0 else (-high, high_in)
        out += [[Lit("-"), *alt] for alt in _magnitudes(bottom, top, bottom_in, top_in, decimals)]
    if high >= 0:
        out += _magnitudes(max(low, 0.0), high, low_in or low < 0, high_in, decimals)
    return out


def _magnitudes(
    low: float, high: float, low_in: bool, high_in: bool, decimals: bool
) -> list[Alternative]:
    """Non-negative numbers between the bounds."""
    if not decimals:
        first = math.ceil(low) + (0 if low_in or low != math.ceil(low) else 1)
        last = math.floor(high) - (0 if high_in or high != math.floor(high) else 1)
        return _integers(first, last)
    whole = math.floor(low)
    fraction = round(low - whole, 2)
    on_edge = fraction > 0 or not low_in  # the integer part of `low` needs large decimals
    first = whole + 1 if on_edge else whole
    out = [[*alt, ANY_DECIMALS] for alt in _integers(first, int(high) - 1)]
    if on_edge and whole < high:
        tails = _decimals_from(fraction, low_in)
        out += [[*alt, *tail] for alt in _integers(whole, whole) for tail in tails]
    if high_in and high >= first:
        out += _integers(int(high), int(high))
    return out


def _decimals_from(fraction: float, included: bool) -> list[Alternative]:
    """Decimal parts (".5", ".75") at least `fraction` (above it if not included)."""
    digits = f"{fraction:.2f}"[2:]
    d1, d2 = int(digits[0]), int(digits[1])
    out: list[Alternative] = []
    if d1 < 9:
        out.append([Lit("."), Span(str(d1 + 1), "9"), Opt((ANY_DIGIT,))])
    if d2 == 0 and included:
        out.append([Lit("."), Lit(str(d1))])
    second = d2 if included else d2 + 1
    if second <= 9:
        out.append([Lit("."), Lit(str(d1)), Span(str(second), "9")])
    return out


def _integers(first: int, last: int) -> list[Alternative]:
    """Alternatives matching the integers first..last (both >= 0), without leading zeros."""
    if first > last:
        return []
    out: list[Alternative] = []
    for length in range(len(str(first)), len(str(last)) + 1):
        low = max(first, 10 ** (length - 1) if length > 1 else 0)
        high = min(last, 10**length - 1)
        if low <= high:
            out += _same_length(str(low), str(high))
    return out


def _same_length(low: str, high: str) -> list[Alternative]:
    """Digit patterns for the numbers low..high written with the same number of digits."""
    if low == high:
        return [[Lit(d) for d in low]]
    if len(low) == 1:
        return [[Span(low, high)]]
    rest = len(low) - 1
    if low[1:] == "0" * rest and high[1:] == "9" * rest:
        return [[Span(low[0], high[0]), *[ANY_DIGIT] * rest]]
    if low[0] == high[0]:
        return [[Lit(low[0]), *alt] for alt in _same_length(low[1:], high[1:])]
    out = [[Lit(low[0]), *alt] for alt in _same_length(low[1:], "9" * rest)]
    if int(high[0]) - int(low[0]) > 1:
        out.append([Span(str(int(low[0]) + 1), str(int(high[0]) - 1)), *[ANY_DIGIT] * rest])
    out += [[Lit(high[0]), *alt] for alt in _same_length("0" * rest, high[1:])]
    return out
