"""The facts files of a document folder, and reading one by its format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from validator.io.facts_csv import read_facts_csv
from validator.io.facts_parquet import read_facts_parquet

READERS = {".csv": read_facts_csv, ".parquet": read_facts_parquet}
PATTERNS = " or ".join(f"*{suffix}" for suffix in READERS)


def facts_files(folder: Path) -> list[Path]:
    """Every facts file of the folder, CSV and Parquet, in name order."""
    return sorted(p for suffix in READERS for p in folder.glob(f"*{suffix}"))


def read_facts_file(path: Path, display: str) -> pd.DataFrame:
    """The facts table of one file (string columns plus `file` and `line`)."""
    return READERS[path.suffix](path, display)
