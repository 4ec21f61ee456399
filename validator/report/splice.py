"""Laying out many records of one template as a flat list of pieces, joined once: no string
is built per record, each field is one column of already-encoded text."""

from __future__ import annotations

from string import Formatter

import numpy as np

Parts = list[tuple[str, str | None]]


def parts(template: str) -> Parts:
    """A `str.format` template (named fields, `{{`/`}}` for braces) as (literal, field) pairs."""
    return [(literal, field) for literal, field, _, _ in Formatter().parse(template)]


def width(p: Parts) -> int:
    """How many pieces one record of the template takes."""
    return sum(1 + (field is not None) for _, field in p)


def splice(
    n: int,
    head: Parts,
    tail: Parts,
    values: dict[str, np.ndarray],
    link_check: np.ndarray,
    link_pieces: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """The pieces of n records in output order: each record's head, two pieces per link of it
    (`link_check` ascending, the record of each link), then its tail. `values[field]` holds one
    text per record."""
    k, m = width(head), width(tail)
    count = np.bincount(link_check, minlength=n)
    start = np.arange(n) * (k + m) + 2 * (np.cumsum(count) - count)
    pieces = np.empty(n * (k + m) + 2 * len(link_check), dtype=object)
    link_at = link_check * (k + m) + k + 2 * np.arange(len(link_check))
    pieces[link_at], pieces[link_at + 1] = link_pieces
    for offset, template in ((start, head), (start + k + 2 * count, tail)):
        i = 0
        for literal, field in template:
            pieces[offset + i] = literal
            if field is not None:
                pieces[offset + i + 1] = values[field]
            i += 1 + (field is not None)
    return pieces


def record_starts(n: int, head: Parts, tail: Parts, link_check: np.ndarray) -> np.ndarray:
    """Where each record's first piece is in `splice`'s layout."""
    count = np.bincount(link_check, minlength=n)
    return np.arange(n) * (width(head) + width(tail)) + 2 * (np.cumsum(count) - count)
