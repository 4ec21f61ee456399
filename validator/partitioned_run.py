"""One run of `validate` with the facts loaded where they are checked: the client reads the
project's small files and the entity column of each facts file, places whole entities (the
files that name them) on partitions, and each worker reads, validates and checks its own files
(`engine/partition_task.py`). The client merges the findings and reviews them as
`pipeline.check` does; errors are those of the single run, in its order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from validator.engine.merge import concat_frames, merge_findings
from validator.engine.packed import PackedFindings
from validator.engine.partition import PARTITION_BYTES, assign_files, partition_count
from validator.engine.partition_task import PartitionResult, load_and_check, peak_mib
from validator.engine.partitioned import PartitionedBackend, TaskMap
from validator.errors import InputError, Problem
from validator.findings.model import Findings
from validator.heap import trim
from validator.io.partition_load import read_error, validation_error
from validator.io.project_files import ProjectFiles, project_files
from validator.pipeline import empty_findings, review
from validator.rules.locality import entity_local
from validator.rules.rulebook import load_rulebooks


class FactRows:
    """Some rows of the corpus's typed facts, by their corpus positions: what
    `review.locate` reads through `facts.iloc[rows]` (only rows around discrepancies)."""

    def __init__(self, frame: pd.DataFrame, positions: np.ndarray):
        order = np.argsort(positions, kind="stable")
        self.frame = frame.iloc[order].reset_index(drop=True)
        self.positions = positions[order]

    @property
    def iloc(self) -> FactRows:
        return self

    def __getitem__(self, rows: np.ndarray) -> pd.DataFrame:
        rows = np.asarray(rows, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.positions, rows), max(len(self.positions) - 1, 0))
        if len(rows) and not np.array_equal(self.positions[at], rows):
            raise KeyError("a fact row outside the rows returned by the partitions")
        return self.frame.iloc[at]


class Phases:
    """Wall and CPU seconds of each phase of the client (`name`, `name_cpu`), and the client's
    peak resident MiB at its end (`name_peak_mib`): which phase sets the client's peak."""

    def __init__(self, into: dict[str, float]):
        self.into = into
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def done(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.into[name], self.into[f"{name}_cpu"] = wall - self.wall, cpu - self.cpu
        self.into[f"{name}_peak_mib"] = peak_mib()
        self.wall, self.cpu = wall, cpu


def check_on_workers(
    paths: list[Path],
    mapper: TaskMap,
    schemas: Path | None = None,
    changed_since: str | None = None,
    progress: Callable[[str], None] = lambda _: None,
    timings: dict[str, float] | None = None,
    results: list[PartitionResult] | None = None,
    partition_bytes: int = PARTITION_BYTES,
) -> Findings:
    """`pipeline.check` with the facts read on the workers of `mapper` (`results`, if given,
    receives each partition's result without its findings: the benchmark reads their costs).
    The files go on one partition a worker, or more when the corpus holds more than
    `partition_bytes` a worker: a worker then checks several partitions one after the other,
    and its memory is bounded by a partition's, whatever the corpus's size."""
    times = timings if timings is not None else {}
    phase = Phases(times)
    progress("reading the project")
    pf = project_files(paths, schemas, changed_since)
    phase.done("files")  # the small files and each facts file's entity column
    plan, plan_error = None, None
    if pf.error is None:
        try:
            plan = load_rulebooks(list(pf.rule_files), pf.dictionary)
        except InputError as exc:
            plan_error = exc
        if plan is not None and (problems := entity_local(plan)):
            raise InputError(problems)
    phase.done("plan")
    files = list(enumerate(pf.files))
    sizes = [f.size for _, f in files]
    n = partition_count(sizes, max(mapper.threads, 1), partition_bytes)
    parts = assign_files([f.entities for _, f in files], sizes, n) if files else []
    phase.done("partition")
    failing = pf.error or pf.duplicate_documents or plan_error or pf.waiver_error
    progress(f"checking {len(files):,} facts files on {len(parts)} partitions")
    shared = (None if failing else plan, pf.dictionary)
    done = mapper.map(load_and_check, shared, [[files[i] for i in p] for p in parts])
    if results is not None:
        results.extend(replace(r, findings=None, near=None) for r in done)
    phase.done("workers")  # waiting, and receiving the findings
    _raise_first_error(pf, done, plan_error)
    if not pf.documents:
        return empty_findings()
    assert plan is not None
    found = [r.findings for r in done]  # the received parts, freed as they are merged
    done = [replace(r, findings=None) for r in done]
    trim()  # the buffers the results were received in
    findings, near = _merge(done, found, parts, len(pf.files))
    trim()  # the received parts
    phase.done("merge")
    # Localisation judges its candidate corrections on copies of the facts around them, one
    # entity per copy: they are checked on the workers too.
    d, again = pf.dictionary, PartitionedBackend(max(mapper.threads, 1), mapper)
    found = review(findings, near, lambda f: again.run(plan, f, d), pf.documents, pf.waivers,
                   times, suspects_named=True)  # fmt: skip
    phase.done("review")  # locate (`locate`: its wall seconds), ranges, waivers, summary
    return found


def _raise_first_error(
    pf: ProjectFiles, done: Sequence[PartitionResult], plan_error: InputError | None
) -> None:
    """In the order of `load_project` then `load_rulebooks`."""
    loaded = [r.loaded for r in done]
    for error in (read_error(loaded), pf.error, pf.duplicate_documents):
        if error is not None:
            raise error
    if pf.documents and not sum(sum(p.counts) for p in loaded):
        raise InputError(Problem("no facts found: the facts files have no rows", pf.first_path))
    for error in (validation_error(loaded, pf.dictionary), pf.waiver_error, plan_error):
        if error is not None:
            raise error


def _merge(
    done: Sequence[PartitionResult],
    found: list[PackedFindings | None],
    parts: Sequence[Sequence[int]],
    n_files: int,
) -> tuple[Findings, FactRows]:
    """The partitions' findings (`found`, emptied) as one run's, and the facts around their
    discrepancies."""
    counts = np.zeros(n_files, dtype=np.int64)
    for r, p in zip(done, parts, strict=True):
        counts[list(p)] = r.loaded.counts
    start = np.concatenate([[0], np.cumsum(counts)])
    rows = [
        np.concatenate([np.arange(start[i], start[i + 1]) for i in p]).astype(np.int64)
        for p in parts
    ]
    kept = [i for i, f in enumerate(found) if f is not None]
    packed: list = [found[i] for i in kept]
    found.clear()
    merged = merge_findings(packed, [rows[i] for i in kept])
    near = [(r.near, w[r.near_rows]) for r, w in zip(done, rows, strict=True)
            if r.near is not None and len(r.near)]  # fmt: skip
    if near:
        facts = concat_frames([f for f, _ in near]).reset_index(drop=True)
        return merged, FactRows(facts, np.concatenate([w for _, w in near]))
    return merged, FactRows(pd.DataFrame(), np.zeros(0, dtype=np.int64))
