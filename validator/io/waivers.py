"""Waivers: reviewed acknowledgements of discrepancies that are genuinely in a source.

A waiver names a check id and pins the figures of the discrepancy it acknowledges (each as
`role value+unit`, e.g. `stated 25.84%`), so that it can never hide a different or a new
discrepancy under the same id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.characters import visible_id_check
from validator.io.shape import check_shape
from validator.io.shape import is_date as _real_date
from validator.io.yaml_file import line_of, load_yaml

WAIVERS_FILE = "waivers.yaml"
# What `validate --waiver-template` writes for a reviewer to replace: a waiver that still holds
# any of it was never completed, and acknowledging a discrepancy with it would hide the slip.
PLACEHOLDER = "TODO"
PLACEHOLDER_REASON = f"{PLACEHOLDER}: verified against the source text: why this is in the source"
PLACEHOLDER_DATE = "YYYY-MM-DD"


def _no_placeholder(field: str) -> pa.Check:
    return pa.Check(
        lambda s: ~s.astype(str).str.contains(rf"\b{PLACEHOLDER}\b", regex=True),
        element_wise=False,
        error=f"{field} still holds the --waiver-template placeholder {PLACEHOLDER!r}: "
        f"complete it after verifying the discrepancy against the source",
    )


@dataclass(frozen=True)
class Waiver:
    check: str
    reason: str
    reviewer: str
    date: str
    figures: tuple[str, ...]
    file: str
    line: int | None


_SCHEMA = pa.DataFrameSchema(
    {
        "check": pa.Column(
            str,
            [pa.Check.str_length(3, 500), visible_id_check("check id")],
            unique=True,
            report_duplicates="exclude_first",
        ),
        "reason": pa.Column(
            str,
            [
                pa.Check.str_length(
                    10, 2000, error="reason must say why the discrepancy is in the source"
                ),
                _no_placeholder("reason"),
            ],
        ),
        "reviewer": pa.Column(
            str,
            [
                pa.Check.str_length(1, 100, error="reviewer is required"),
                _no_placeholder("reviewer"),
            ],
        ),
        "date": pa.Column(
            str,
            [
                pa.Check(
                    lambda s: s != PLACEHOLDER_DATE,
                    error=f"date still holds the --waiver-template placeholder "
                    f"{PLACEHOLDER_DATE!r}: give the date of the review",
                ),
                pa.Check(  # the placeholder is named by the check above
                    lambda s: (s == PLACEHOLDER_DATE) | s.map(_real_date),
                    error="date must be a real date written YYYY-MM-DD",
                ),
            ],
        ),
        "figures": pa.Column(
            object,
            pa.Check(
                lambda s: s.map(
                    lambda v: (
                        isinstance(v, list) and len(v) > 0 and all(isinstance(x, str) for x in v)
                    )
                ),
                error="figures must be a non-empty list of 'role value' strings",
            ),
        ),
    },
    strict=True,
)


def load_waivers(path: Path, display: str) -> list[Waiver]:
    doc = load_yaml(path, display)
    items = doc.get("waivers") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(
            Problem("expected a mapping with a list `waivers:` of mappings", display, 1)
        )
    if not items:
        return []
    lines = [line_of(i) for i in items]
    rows = [
        {k: (str(v) if k == "date" else v) for k, v in i.items() if k != "__line__"} for i in items
    ]
    frame = pd.DataFrame(rows)
    check_shape(frame, _SCHEMA, [display] * len(frame), lines)
    return [
        Waiver(
            r["check"],
            r["reason"].strip(),
            r["reviewer"],
            r["date"],
            tuple(r["figures"]),
            display,
            line,
        )
        for r, line in zip(rows, lines, strict=True)
    ]


def find_waiver_files(folders: list[Path], data_roots: list[Path]) -> list[Path]:
    """Every waivers.yaml beside a document or at a data root, whatever its kind: a FIFO or a
    link is then refused by the reader rather than silently ignored."""
    found = [f / WAIVERS_FILE for f in folders if os.path.lexists(f / WAIVERS_FILE)]
    found += [r / WAIVERS_FILE for r in data_roots if os.path.lexists(r / WAIVERS_FILE)]
    return sorted(set(found))


def duplicate_ids(waivers: list[Waiver]) -> list[Problem]:
    seen: dict[str, Waiver] = {}
    problems = []
    for w in waivers:
        if w.check in seen:
            problems.append(
                Problem(
                    f"check {w.check!r} is waived twice (also in {seen[w.check].file})",
                    w.file,
                    w.line,
                    "check",
                )
            )
        seen[w.check] = w
    return problems
