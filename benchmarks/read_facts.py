"""Memory of reading one facts file: the figure behind the per-file size limit.

    python benchmarks/read_facts.py --facts 1000000

Writes one facts file of N rows, reads it as `validate` does, and prints the file size, the
time and the peak resident memory (with the interpreter's share measured before reading).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.io.facts_csv import read_facts_csv  # noqa: E402
from validator.io.facts_schema import COLUMNS  # noqa: E402

ROW = "甲公司,合并,2024-12-31,total_assets,segment:{i},level,,,,19.85,亿元,表1 资产总额 第{i}行,,\n"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.csv"
        with path.open("w", encoding="utf-8") as fh:
            fh.write(",".join(COLUMNS) + "\n")
            fh.writelines(ROW.format(i=i % 5000) for i in range(args.facts))
        before = _peak_mb()
        start = time.perf_counter()
        frame = read_facts_csv(path, "facts.csv")
        seconds = time.perf_counter() - start
        size = path.stat().st_size / 1e6
    print(
        f"{len(frame):,} facts, {size:.0f} MB: read in {seconds:.1f} s, peak {_peak_mb():.0f} MB "
        f"({before:.0f} MB before reading: {(_peak_mb() - before) / size:.1f} × the file)"
    )


if __name__ == "__main__":
    main()
