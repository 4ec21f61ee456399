"""The check-id format: what a waiver pins, so it must never change by accident.

An id format is text with fields in braces. A field may carry literal text before or after its
name inside the braces, printed only when the field is not empty: `{/member}` prints `/` and the
member for a figure with a member and nothing otherwise; `{ vs base}` prints ` vs 2023`.

    growth:山石网科/合并/2024/rd_expenses vs 2023
    = "{rule}:{entity}/{scope}/{period}/{concept}{/member}{ vs base}{ of whole}"

Fields: rule, entity, scope, period, concept, member, measure (empty for a level), base, whole
(`concept@scope[axis:name]`), whole_concept, axis, target (`合计` when a sum is checked against
the printed total).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

FIELDS = (
    "rule",
    "entity",
    "scope",
    "period",
    "concept",
    "member",
    "measure",
    "base",
    "whole",
    "whole_concept",
    "axis",
    "target",
)
_PART = re.compile(r"\{([^{}]*)\}")
_FIELD = re.compile(r"^(.*?)(" + "|".join(sorted(FIELDS, key=len, reverse=True)) + r")(.*)$")


class IdFormatError(ValueError):
    """An id format that names no known field in a brace, or has an unbalanced brace."""


@dataclass(frozen=True)
class Segment:
    """Literal text (field empty) or a field with the text around it."""

    text: str
    field: str = ""
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class IdFormat:
    text: str
    segments: tuple[Segment, ...]

    @staticmethod
    def parse(text: str) -> IdFormat:
        segments: list[Segment] = []
        pos = 0
        for m in _PART.finditer(text):
            literal = text[pos : m.start()]
            if "{" in literal or "}" in literal:
                raise IdFormatError(f"unbalanced brace in id format {text!r}")
            if literal:
                segments.append(Segment(literal))
            f = _FIELD.match(m[1])
            if not f:
                known = ", ".join(FIELDS)
                raise IdFormatError(f"unknown field in {{{m[1]}}} of {text!r} (fields: {known})")
            segments.append(Segment("", f[2], f[1], f[3]))
            pos = m.end()
        rest = text[pos:]
        if "{" in rest or "}" in rest:
            raise IdFormatError(f"unbalanced brace in id format {text!r}")
        if rest:
            segments.append(Segment(rest))
        return IdFormat(text, tuple(segments))

    @staticmethod
    def literal(text: str) -> IdFormat:
        """A format with no field: the text itself."""
        return IdFormat(text, (Segment(text),) if text else ())

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(s.field for s in self.segments if s.field)

    def render(self, values: Mapping[str, np.ndarray], n: int) -> np.ndarray:
        """Ids for n checks at once; `values[field]` holds an object array of strings."""
        out = np.full(n, "", dtype=object)
        for s in self.segments:
            if not s.field:
                out = out + s.text
                continue
            v = np.asarray(values[s.field], dtype=object)
            out = out + np.where(v != "", s.before + v + s.after, "")
        return out

    def one(self, **values: str) -> str:
        """The id of one check (for tests, templates and documentation)."""
        arrays = {k: np.array([values.get(k, "")], dtype=object) for k in self.fields}
        return str(self.render(arrays, 1)[0])
