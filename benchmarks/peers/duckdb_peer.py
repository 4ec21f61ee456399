"""Run checks.sql over a data folder with DuckDB and write its findings as JSON.

    python benchmarks/peers/duckdb_peer.py DATA --out findings.json [--schemas schemas]

The benchmark peer of `validate`: the same checks from the same CSV files, as plain SQL.
DuckDB is a benchmark-only dependency (`pip install -e '.[bench]'`), never imported by the
package.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb
import yaml

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parents[1] / "schemas"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _load_schemas(con: duckdb.DuckDBPyConnection, schemas: Path) -> None:
    """Units, concepts and axes from schemas/, the vocabulary the checks read."""
    units = yaml.safe_load((schemas / "units.yaml").read_text(encoding="utf-8"))["units"]
    con.execute("CREATE TABLE units (unit VARCHAR, dimension VARCHAR, scale DOUBLE, discrete BOOL)")
    con.executemany(
        "INSERT INTO units VALUES (?, ?, ?, ?)",
        [(u["unit"], u["dimension"], float(u["scale"]), bool(u.get("discrete"))) for u in units],
    )
    concepts = [
        (c["id"], c.get("sign") == "nonnegative")
        for path in sorted((schemas / "concepts").glob("*.yaml"))
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))["concepts"]
    ]
    con.execute("CREATE TABLE concepts (concept VARCHAR, nonnegative BOOL)")
    con.executemany("INSERT INTO concepts VALUES (?, ?)", concepts)
    axes = yaml.safe_load((schemas / "axes.yaml").read_text(encoding="utf-8"))["axes"]
    con.execute("CREATE TABLE axes (id VARCHAR, complete BOOL)")
    con.executemany("INSERT INTO axes VALUES (?, ?)", [(a["id"], a["complete"]) for a in axes])


def run(data: Path, out: Path, schemas: Path = SCHEMAS) -> dict[str, int]:
    """Run the script; the counts of checks by verdict."""
    con = duckdb.connect()
    _load_schemas(con, schemas)
    sql = (HERE / "checks.sql").read_text(encoding="utf-8")
    sql = sql.replace(":facts_glob", _quote(str(data / "**" / "*.csv")))
    sql = sql.replace(":findings", _quote(str(out)))
    con.execute(sql)
    counts = dict(con.execute("SELECT verdict, count(*) FROM findings GROUP BY 1").fetchall())
    facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    return {"facts": facts, "checks": sum(counts.values()), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--schemas", type=Path, default=SCHEMAS)
    args = parser.parse_args()
    start = time.perf_counter()
    counts = run(args.data, args.out, args.schemas)
    print(json.dumps({**counts, "seconds": round(time.perf_counter() - start, 3)}))


if __name__ == "__main__":
    main()
