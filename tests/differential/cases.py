"""Seeded summation cases and their exact Calculations 1.1 verdicts (round-to-nearest).

Each case is one total and up to four items with weights ±1, each fact printed rounded to its
decimals (−6 … 4): some exactly as the true values round, some with the total moved by whole
units, some built to touch the items' sum in exactly one point or to miss it by one unit of the
last place (also at 15 to 19 significant digits); some items unreported; some facts duplicated,
consistently (same value, or the same true value at other decimals) or not.

The verdict follows the Calculations 1.1 Recommendation (2023-02-22):
- a fact with value v and decimals d stands for [v − ½·10^−d, v + ½·10^−d]; INF is exact
  (section "Rounding": round-to-nearest);
- a set of duplicate facts stands for the intersection of their intervals; it is inconsistent
  when that intersection is empty, or (OIM consistent duplicates) when two of them have the same
  decimals and different values; a summation binding an inconsistent set is not checked and
  oime:disallowedDuplicateFacts is raised (section "Duplicate facts");
- a summation is checked when its total and at least one item are reported; unreported items
  are left out; it is consistent when the total's interval and the weighted sum of the items'
  intervals share at least one point (section "Calculation consistency").
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import product

from validator.model.exact import ExactInterval, exact_sum, overlap_miss
from validator.model.exact_literals import literal_interval, parse_literal

SEED = 20261201
COUNT = 600


class Verdict(StrEnum):
    CONSISTENT = "consistent"
    INCONSISTENT = "inconsistent"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Shape:
    """A summation: total = Σ weight · item."""

    id: str
    weights: tuple[int, ...]

    @property
    def total(self) -> str:
        return f"{self.id}_total"

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(f"{self.id}_i{j + 1}" for j in range(len(self.weights)))

    def formula(self) -> str:
        terms = [
            ("- " if w < 0 else "+ ") + c for w, c in zip(self.weights, self.items, strict=True)
        ]
        text = " ".join(terms)
        return f"{self.total} = " + (text[2:] if text.startswith("+ ") else "-" + text[2:])


SHAPES = tuple(
    Shape(f"s{n}{''.join('p' if w > 0 else 'm' for w in ws)}", ws)
    for n in range(1, 5)
    for ws in product((1, -1), repeat=n)
)


@dataclass(frozen=True)
class Fact:
    concept: str
    value: str
    decimals: int | str  # an integer, or "INF"

    @property
    def interval(self) -> ExactInterval:
        return literal_interval(self.value, self.decimals, "", Fraction(1), False)

    @property
    def number(self) -> Fraction:
        return parse_literal(self.value)[0]


@dataclass(frozen=True)
class Case:
    id: str
    shape: Shape
    facts: tuple[Fact, ...]
    kind: str  # how it was made, for the figures

    def facts_of(self, concept: str) -> list[Fact]:
        return [f for f in self.facts if f.concept == concept]

    @property
    def reported_shape(self) -> Shape | None:
        """The shape of the items actually reported (what a formula over them must say)."""
        weights = tuple(
            w for w, c in zip(self.shape.weights, self.shape.items, strict=True) if self.facts_of(c)
        )
        return next((s for s in SHAPES if s.weights == weights), None)

    @property
    def has_same_decimals_conflict(self) -> bool:
        """Duplicates with equal decimals and different values (inconsistent per OIM)."""
        seen: dict[tuple[str, int | str], Fraction] = {}
        for f in self.facts:
            key = (f.concept, f.decimals)
            if key in seen and seen[key] != f.number:
                return True
            seen.setdefault(key, f.number)
        return False

    @property
    def bound(self) -> bool:
        """The total and at least one item are reported, so a processor binds the summation."""
        return bool(self.facts_of(self.shape.total)) and any(
            self.facts_of(c) for c in self.shape.items
        )

    @property
    def min_decimals(self) -> int:
        return min(f.decimals for f in self.facts if f.decimals != "INF")

    @property
    def max_digits(self) -> int:
        return max(len(f.value.lstrip("-").replace(".", "").lstrip("0")) for f in self.facts)


_INCONSISTENT = object()


class Reading(StrEnum):
    """How a set of duplicates is read: the specification (OIM's rule for equal decimals, then
    the intersection), a plain intersection of intervals, or as Arelle does."""

    SPEC = "spec"
    INTERSECTION = "intersection"
    ARELLE = "arelle"  # of duplicates with equal decimals, only the first counts


def binding(facts: list[Fact], reading: Reading = Reading.SPEC) -> ExactInterval | object | None:
    """The interval a concept's facts stand for in one context: None when unreported."""
    if not facts:
        return None
    by_decimals: dict[int | str, Fraction] = {}
    interval: ExactInterval | None = facts[0].interval
    for f in facts:
        if f.decimals in by_decimals and reading is not Reading.INTERSECTION:
            if by_decimals[f.decimals] == f.number or reading is Reading.ARELLE:
                continue
            return _INCONSISTENT
        by_decimals[f.decimals] = f.number
        interval = interval.intersect(f.interval) if interval is not None else None
    return _INCONSISTENT if interval is None else interval


def total_and_items(
    case: Case, reading: Reading = Reading.SPEC
) -> tuple[ExactInterval | None, ExactInterval | None]:
    """The total's interval and Σ weight · item over the reported items; None for a side that
    is unreported or bound to inconsistent duplicates."""
    total = binding(case.facts_of(case.shape.total), reading)
    terms = []
    for w, concept in zip(case.shape.weights, case.shape.items, strict=True):
        b = binding(case.facts_of(concept), reading)
        if b is _INCONSISTENT:
            return (None if total is _INCONSISTENT else total), None
        if b is not None:
            terms.append(b if w > 0 else -b)
    items = exact_sum(terms) if terms else None
    return (None if total is _INCONSISTENT else total), items


def has_inconsistent_duplicates(case: Case, reading: Reading = Reading.SPEC) -> bool:
    return any(
        binding(case.facts_of(c), reading) is _INCONSISTENT
        for c in (case.shape.total, *case.shape.items)
    )


def calc11_verdict(case: Case, reading: Reading = Reading.SPEC) -> Verdict:
    total, items = total_and_items(case, reading)
    if total is None or items is None:
        return Verdict.UNCHECKED
    return Verdict.CONSISTENT if overlap_miss(total, items) == 0 else Verdict.INCONSISTENT


# --- generation ------------------------------------------------------------------------------


def printed(x: Decimal | Fraction, decimals: int) -> str:
    """x rounded half-even to `decimals` (negative: to tens, hundreds …), as printed."""
    if isinstance(x, Fraction):
        x = Decimal(x.numerator) / Decimal(x.denominator)
    q = x.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    text = format(q, "f")
    return text.lstrip("-") if q.is_zero() else text


def _value(rng: random.Random, big: bool, digits: int) -> Decimal:
    if big:  # `digits` significant digits at four decimals
        return Decimal(rng.randrange(10 ** (digits - 1), 10**digits)).scaleb(-4)
    return Decimal(rng.randrange(-(10**12), 10**12)).scaleb(-6)


def generate(count: int = COUNT, seed: int = SEED) -> list[Case]:
    rng = random.Random(seed)
    return [_case(rng, i) for i in range(count)]


KINDS = ("rounded", "shifted", "touch", "touch+1", "big-touch", "big-touch+1", "big-shifted")


def _case(rng: random.Random, i: int) -> Case:
    shape = rng.choice(SHAPES)
    kind = rng.choice(KINDS)
    big = kind.startswith("big")
    digits = rng.choice([14, 15, 15, 16, 17, 18, 19])  # the misses are at 15
    truth = [_value(rng, big, digits) for _ in shape.weights]
    lowest = rng.choice([-6, 0])  # half the cases print every digit they round to
    decimals = [rng.choice([3, 4]) if big else rng.randint(lowest, 4) for _ in shape.weights]
    items = [
        Fact(c, printed(t, d), d) for c, t, d in zip(shape.items, truth, decimals, strict=True)
    ]
    reported = [f for f in items if rng.random() > 0.12]  # some items unreported
    weights = dict(zip(shape.items, shape.weights, strict=True))
    total_true = sum((w * t for w, t in zip(shape.weights, truth, strict=True)), Decimal(0))
    d_total = rng.choice([3, 4]) if big else rng.randint(lowest, 4)
    total = Fact(shape.total, printed(total_true, d_total), d_total)
    if kind.endswith("shifted"):
        step = Decimal(1).scaleb(-d_total) * rng.choice([-5, -3, -2, -1, 1, 2, 3, 5])
        total = Fact(shape.total, printed(total_true + step, d_total), d_total)
    elif "touch" in kind and reported:
        total = _touching(reported, weights, shape, rng, kind.endswith("+1"), big, lowest) or total
    facts = [*reported, total]
    facts = _duplicates(facts, rng, 3 if big else lowest)
    rng.shuffle(facts)
    return Case(f"k{i:04d}", shape, tuple(facts), kind)


def _touching(
    items: list[Fact],
    weights: dict[str, int],
    shape: Shape,
    rng: random.Random,
    beyond: bool,
    big: bool,
    low: int,
) -> Fact | None:
    """A total whose interval touches the items' sum in one point (or one unit beyond it)."""
    s = exact_sum(f.interval if weights[f.concept] > 0 else -f.interval for f in items)
    above = rng.random() < 0.5
    end = s.hi if above else s.lo
    choices = [3, 4] if big else list(range(low, 5))
    rng.shuffle(choices)
    for d in choices:
        half = Fraction(1, 2) * Fraction(10) ** -d
        v = end + half if above else end - half
        if (v / (2 * half)).denominator == 1:
            if beyond:
                v += 2 * half if above else -2 * half
            return Fact(shape.total, printed(v, d), d)
    return None


def _duplicates(facts: list[Fact], rng: random.Random, low: int) -> list[Fact]:
    roll = rng.random()
    if roll > 0.3:
        return facts
    f = rng.choice(facts)
    if roll < 0.08:  # a complete duplicate
        return [*facts, f]
    if (
        roll < 0.18 and isinstance(f.decimals, int) and f.decimals > low
    ):  # same number, fewer digits
        d = rng.randint(low, f.decimals - 1)
        return [*facts, Fact(f.concept, printed(f.number, d), d)]
    if roll < 0.25 and isinstance(f.decimals, int):  # same decimals, another value
        step = Fraction(10) ** -f.decimals * rng.choice([1, -1, 1, 3])
        return [*facts, Fact(f.concept, printed(f.number + step, f.decimals), f.decimals)]
    d = min(4, (f.decimals if isinstance(f.decimals, int) else 4) + rng.randint(1, 2))
    moved = f.number + Fraction(10) ** -d * rng.choice([1, 4, 7, -2, -6])
    return [*facts, Fact(f.concept, printed(moved, d), d)]
