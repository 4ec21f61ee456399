"""Literals at typographic distance one: the slips a printed figure is likely to carry, and the
edits that would undo each of them.

Both directions use the same vocabulary so that a proposal can say which slip it undoes: a
printed literal that dropped a digit is corrected by inserting one, a doubled digit by removing
one of the pair. Only plain decimal literals (`-12.34`) are edited; any other form has no
candidates, which the caller reports.
"""

from __future__ import annotations

import itertools
import re
from enum import StrEnum

PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
UNIT_SLIPS = {"万元": "亿元", "亿元": "万元"}
DIGITS = "0123456789"


class Slip(StrEnum):
    """What went wrong between the true literal and the printed one."""

    SUBSTITUTED = "substituted digit"
    TRANSPOSED = "transposed digits"
    DROPPED = "dropped digit"
    DOUBLED = "doubled digit"
    SIGN = "sign flip"
    DECIMAL_POINT = "shifted decimal point"
    UNIT = "万元/亿元 slip"


def is_plain(literal: str) -> bool:
    return PLAIN.fullmatch(literal) is not None


def _valid(literal: str) -> bool:
    if not is_plain(literal):
        return False
    whole = literal.lstrip("-").split(".")[0]
    return not (len(whole) > 1 and whole[0] == "0")


def _split(literal: str) -> tuple[str, str]:
    return ("-", literal[1:]) if literal.startswith("-") else ("", literal)


def _point_moves(body: str) -> list[str]:
    """The body with its decimal point one digit to the left or right."""
    digits = body.replace(".", "")
    at = body.index(".") if "." in body else len(body)
    out = []
    for new in (at - 1, at + 1):
        if 0 <= new <= len(digits):
            whole, frac = digits[:new].lstrip("0") or "0", digits[new:]
            out.append(f"{whole}.{frac}" if frac else whole)
    return out


def slips(literal: str, unit: str) -> list[tuple[str, str, Slip]]:
    """Every (printed literal, printed unit, slip) a true `literal unit` can turn into."""
    if not is_plain(literal):
        return []
    sign, body = _split(literal)
    out: list[tuple[str, str, Slip]] = []
    pos = [i for i, ch in enumerate(body) if ch.isdigit()]
    for i in pos:
        out += [(body[:i] + d + body[i + 1 :], Slip.SUBSTITUTED) for d in DIGITS if d != body[i]]
        out.append((body[:i] + body[i + 1 :], Slip.DROPPED))
        out.append((body[:i] + body[i] + body[i:], Slip.DOUBLED))
    for i, j in itertools.pairwise(pos):
        if j == i + 1 and body[i] != body[j]:
            out.append((body[:i] + body[j] + body[i] + body[j + 1 :], Slip.TRANSPOSED))
    out += [(b, Slip.DECIMAL_POINT) for b in _point_moves(body)]
    printed = [(sign + b, unit, s) for b, s in out]
    printed.append((literal[1:] if sign else "-" + literal, unit, Slip.SIGN))
    if unit in UNIT_SLIPS:
        printed.append((literal, UNIT_SLIPS[unit], Slip.UNIT))
    return _unique(literal, unit, printed)


def corrections(literal: str, unit: str) -> list[tuple[str, str, Slip]]:
    """Every (true literal, true unit, slip) that a printed `literal unit` may have come from:
    the inverse of `slips`."""
    if not is_plain(literal):
        return []
    sign, body = _split(literal)
    out: list[tuple[str, str, Slip]] = []
    pos = [i for i, ch in enumerate(body) if ch.isdigit()]
    for i in pos:
        out += [(body[:i] + d + body[i + 1 :], Slip.SUBSTITUTED) for d in DIGITS if d != body[i]]
    for i in range(len(body) + 1):  # a digit was dropped here
        out += [(body[:i] + d + body[i:], Slip.DROPPED) for d in DIGITS]
    for i, j in itertools.pairwise(pos):
        if j == i + 1 and body[i] == body[j]:  # one of a doubled pair is the slip
            out.append((body[:i] + body[j:], Slip.DOUBLED))
        elif j == i + 1:
            out.append((body[:i] + body[j] + body[i] + body[j + 1 :], Slip.TRANSPOSED))
    out += [(b, Slip.DECIMAL_POINT) for b in _point_moves(body)]
    true = [(sign + b, unit, s) for b, s in out]
    true.append((literal[1:] if sign else "-" + literal, unit, Slip.SIGN))
    if unit in UNIT_SLIPS:
        true.append((literal, UNIT_SLIPS[unit], Slip.UNIT))
    return _unique(literal, unit, true)


def _unique(
    literal: str, unit: str, found: list[tuple[str, str, Slip]]
) -> list[tuple[str, str, Slip]]:
    seen: set[tuple[str, str]] = {(literal, unit)}
    out = []
    for lit, u, s in found:
        if (lit, u) not in seen and _valid(lit):
            seen.add((lit, u))
            out.append((lit, u, s))
    return out
