"""Timing whole processes: wall seconds and peak memory of each run, alternating commands.

Each run is one child process, reaped with `os.wait4` so that its peak resident memory and CPU
time are its own (not the largest of all children so far). The parent stays small: a child's
peak counts the parent's memory at the fork. Commands are run in turn (A B A B …), so that a
ratio is taken between neighbouring runs and survives the drift of a shared machine.
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    seconds: float  # wall
    cpu: float  # user + system seconds of the process and its threads
    peak_mib: float
    code: int  # exit code; -1 when killed at the time bound

    @property
    def finished(self) -> bool:
        return self.code >= 0


def run_once(cmd: Sequence[str], bound: float) -> Run:
    """One run of `cmd`, killed after `bound` seconds; its output is discarded."""
    # Error output goes to a file, not a pipe: a full pipe would stall the run.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > bound:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -1  # reaped here: keep Popen from waiting again
                return Run(time.perf_counter() - start, _cpu(usage), usage.ru_maxrss / 1024, -1)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {err.strip()[-2000:]}")
    return Run(seconds, _cpu(usage), usage.ru_maxrss / 1024, code)


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def alternate(
    commands: dict[str, Sequence[str]], rounds: int, bound: float
) -> dict[str, list[Run]]:
    """`rounds` rounds of every command in turn. A command that hits the bound is not run again
    (its one run stands for a lower bound)."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            if runs[name] and not runs[name][-1].finished:
                continue
            runs[name].append(run_once(cmd, bound))
    return runs


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratios(a: list[Run], b: list[Run], cpu: bool = False) -> list[float]:
    """a/b of the runs of one round each (a lower bound where `a` hit the time bound), of
    wall seconds or of CPU seconds (steadier on a shared machine)."""
    if cpu:
        return [x.cpu / y.cpu for x, y in zip(a, b, strict=False)]
    return [x.seconds / y.seconds for x, y in zip(a, b, strict=False)]
