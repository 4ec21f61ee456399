"""Reading and validating the facts files of one partition (on its worker), with the same
steps as `project.load_project`; and, in the client, the single run's error from the partitions'.

Every check of the facts schema and of `typed_facts` judges one row at a time, so the problems of
the whole corpus are those of the rows the partitions flag, judged again together in corpus
order: each partition returns its first flagged rows (as many as a message lists) and how many
rows it flags, and the client validates those rows with the same functions. The messages, their
order and the "… and N more problems" count are then those of one process reading everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.dictionary import Dictionary
from validator.io.facts_files import read_facts_file
from validator.io.facts_schema import STR, facts_schema
from validator.io.facts_table import PROVENANCE, validated
from validator.io.normalise import stated_rows
from validator.io.project_files import FactsFile
from validator.io.shape import MAX_PROBLEMS


@dataclass(frozen=True)
class Loaded:
    """A partition's facts, or why they are not valid. `counts[i]`: stated rows of file i."""

    facts: pd.DataFrame | None = None
    counts: tuple[int, ...] = ()
    read_error: tuple[int, list[Problem]] | None = None  # (file number in the corpus, problems)
    shape_rows: pd.DataFrame | None = None  # rows the facts schema flags (the first ones)
    shape_count: int = 0  # failure cases on rows (one per check and row)
    shape_frame_checks: frozenset[str] = frozenset()  # checks failing the frame as a whole
    typed_rows: pd.DataFrame | None = None  # rows typed_facts flags


def load_partition(files: Sequence[tuple[int, FactsFile]], d: Dictionary) -> Loaded:
    """Read the files (numbered in corpus order), keep the stated rows, validate them."""
    frames = []
    for number, f in files:
        try:
            frame = read_facts_file(Path(f.path), f.display)
        except InputError as exc:
            return Loaded(read_error=(number, exc.problems))
        frame["document"] = pd.array([f.document] * len(frame), dtype=STR)
        frames.append(frame)
    facts = pd.concat(frames, ignore_index=True)
    facts, stated = stated_rows(facts)
    starts = np.cumsum([0] + [len(f) for f in frames[:-1]])
    counts = tuple(int(c) for c in np.add.reduceat(stated.astype(np.int64), starts))
    numbers = np.repeat([n for n, _ in files], [len(f) for f in frames])[stated]
    if facts.empty:
        return Loaded(facts, counts)
    try:
        return Loaded(validated(facts, d), counts)
    except InputError as exc:
        return _flagged(facts, numbers, exc, d, counts)


def _flagged(
    facts: pd.DataFrame, numbers: np.ndarray, exc: InputError, d: Dictionary, counts: tuple
) -> Loaded:
    """The rows behind a validation error, each with its file's number in the corpus."""
    cases = _shape_cases(facts, d)
    if cases is not None:
        on_rows = cases["index"].notna().to_numpy()
        rows = cases["index"][on_rows].astype(np.int64).unique()[:MAX_PROBLEMS]
        return Loaded(
            counts=counts,
            shape_rows=facts.iloc[rows].assign(file_number=numbers[rows]),
            shape_count=int(on_rows.sum()),
            shape_frame_checks=frozenset(cases["check"][~on_rows].astype(str)),
        )
    flagged = {(p.file, p.line) for p in exc.problems}
    keys = pd.Series(list(zip(facts["file"].astype(object), facts["line"], strict=True)))
    rows = np.flatnonzero(keys.isin(flagged).to_numpy())
    return Loaded(counts=counts, typed_rows=facts.iloc[rows].assign(file_number=numbers[rows]))


def _shape_cases(facts: pd.DataFrame, d: Dictionary) -> pd.DataFrame | None:
    """The schema's failure cases, one per check and row (as `shape.check_shape` counts them)."""
    data_columns = [c for c in facts.columns if c not in PROVENANCE]
    try:
        facts_schema(d).validate(facts[data_columns], lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases.drop_duplicates(subset=["check", "index"])
    return None


def read_error(parts: Sequence[Loaded]) -> InputError | None:
    """The first facts file, in corpus order, that cannot be read (`read_facts_file`)."""
    failed = [p.read_error for p in parts if p.read_error]
    return InputError(min(failed, key=lambda e: e[0])[1]) if failed else None


def validation_error(parts: Sequence[Loaded], d: Dictionary) -> InputError | None:
    """The error `validated` would raise on every partition's stated facts together."""
    shape = [p for p in parts if p.shape_rows is not None]
    if shape:
        problems = _judge_again([p.shape_rows for p in shape], d)
        problems = [p for p in problems if not _is_tail(p)][:MAX_PROBLEMS]
        total = sum(p.shape_count for p in shape)
        total += len(frozenset().union(*(p.shape_frame_checks for p in shape)))
        if total > MAX_PROBLEMS:
            problems.append(Problem(f"… and {total - MAX_PROBLEMS} more problems"))
        return InputError(problems)
    typed = [p.typed_rows for p in parts if p.typed_rows is not None]
    return InputError(_judge_again(typed, d)) if typed else None


def _judge_again(rows: Sequence[pd.DataFrame], d: Dictionary) -> list[Problem]:
    """Validate the flagged rows of every partition together, in corpus order."""
    frame = pd.concat(rows, ignore_index=True)
    order = np.lexsort((frame["line"].to_numpy(), frame["file_number"].to_numpy()))
    frame = frame.iloc[order].drop(columns="file_number").reset_index(drop=True)
    try:
        validated(frame, d)
    except InputError as exc:
        return exc.problems
    raise AssertionError("flagged rows passed validation")  # pragma: no cover - a bug


def _is_tail(p: Problem) -> bool:
    return p.file is None and p.message.startswith("… and ") and p.message.endswith(" problems")
