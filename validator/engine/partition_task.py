"""What a worker does with one partition: read and validate its facts files, check them with
the numpy backend, and return the findings with the few facts the review needs.

The typed facts stay on the worker. The client's review (suspects, localisation, waivers) reads
the findings, and localisation also the facts around each discrepancy: every fact of every check
that shares a figure with a discrepancy (`neighbourhood`), returned with the findings.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from validator.engine.packed import PackedFindings, pack_findings
from validator.engine.run import NumpyBackend
from validator.findings.model import Findings
from validator.io.dictionary import Dictionary
from validator.io.partition_load import Loaded, load_partition
from validator.io.project_files import FactsFile
from validator.model.verdict import Verdict
from validator.review.suspects import with_suspects
from validator.rules.plan import Plan


@dataclass(frozen=True)
class PartitionResult:
    """`loaded` without its facts; `near`: the typed facts at `near_rows` of the partition;
    `seconds`: wall and CPU seconds of the load and the check on the worker, and
    the worker process's peak resident MiB (`peak_mib`) when it returned."""

    loaded: Loaded
    findings: PackedFindings | None = None
    near: pd.DataFrame | None = None
    near_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    seconds: dict[str, float] = field(default_factory=dict)
    facts: int = 0


def load_and_check(
    files: Sequence[tuple[int, FactsFile]], plan: Plan | None, d: Dictionary
) -> PartitionResult:
    """Load the partition; check it unless `plan` is None (the run already failed) or its
    facts are not valid. The suspects are named (`review.suspects`, as the client's review
    would) and the check table goes back packed (`engine/packed.py`)."""
    clock, cpu = time.perf_counter(), time.process_time()
    loaded = load_partition(files, d)
    seconds = {"load": time.perf_counter() - clock, "load_cpu": time.process_time() - cpu}
    facts = loaded.facts
    result = PartitionResult(replace(loaded, facts=None), seconds=seconds)
    if plan is None or facts is None or facts.empty:
        seconds["peak_mib"] = peak_mib()
        return result
    clock, cpu = time.perf_counter(), time.process_time()
    # Suspects stay within an entity (every relation does): named here, not on the client.
    found = with_suspects(NumpyBackend().run(plan, facts, d))
    rows = neighbourhood(found)
    packed = pack_findings(found)
    seconds["check"] = time.perf_counter() - clock
    seconds["check_cpu"] = time.process_time() - cpu
    seconds["peak_mib"] = peak_mib()
    return replace(result, findings=packed, near=facts.iloc[rows], near_rows=rows, facts=len(facts))


def peak_mib() -> float:
    """This process's peak resident size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def neighbourhood(f: Findings) -> np.ndarray:
    """Fact rows of every check that shares a figure with a discrepancy, and of those figures
    (what `review.locate` copies to judge a correction)."""
    discrepant = np.flatnonzero(f.table["verdict"].astype(object).to_numpy() == Verdict.DISCREPANT)
    if not len(discrepant):
        return np.zeros(0, dtype=np.int64)
    check, fact, key = (f.links[c].to_numpy() for c in ("check", "fact", "key"))
    keys = np.unique(key[np.isin(check, discrepant)])
    checks = np.unique(check[np.isin(key, keys)])
    of_keys = np.flatnonzero(np.isin(f.fact_table["key"].to_numpy(), keys))
    return np.unique(np.concatenate([fact[np.isin(check, checks)], of_keys])).astype(np.int64)
