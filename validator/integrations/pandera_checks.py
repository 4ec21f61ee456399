"""Rounding-aware pandera checks over a wide table of printed literals.

One row per entity and period, one column per line item, each cell the literal as printed
(strings). Each check is registered with pandera, so it can be used in a `DataFrameModel` or a
`DataFrameSchema`, and survives `to_yaml` / `from_yaml`:

    import validator.integrations.pandera_checks  # registers the checks
    schema = pa.DataFrameSchema(checks=[
        pa.Check.sums_within_rounding(total="total_assets", items=["current", "noncurrent"]),
        pa.Check.ratio_within_rounding(ratio="debt_ratio", numerator="liabilities",
                                       denominator="total_assets", scale="0.01"),
        pa.Check.growth_within_rounding(growth="growth", current="y2024", base="y2023",
                                        scale="0.01"),
    ])

A row passes when the stated figure's rounding interval and the interval derived from the
others overlap, decided exactly in rational arithmetic (no tolerance). `explain_rounding` gives,
for the failing rows, the stated and derived intervals and the miss. An empty cell is not
stated: the row is not checkable and passes.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pandera.pandas as pa
from pandera import extensions

from validator.model.exact import UNDEFINED, ExactInterval, Undefined, overlap_miss
from validator.model.exact_literals import literal_interval

Result = ExactInterval | Undefined


def _interval(text: object, scale: str = "1") -> ExactInterval | None:
    if text is None or (isinstance(text, float) and text != text) or str(text).strip() == "":
        return None
    return literal_interval(str(text).strip(), None, "", Fraction(scale), False)


def _sum_row(row: pd.Series, total: str, items: list[str]) -> tuple[Result, Result] | None:
    stated = _interval(row[total])
    parts = [_interval(row[c]) for c in items]
    if stated is None or any(p is None for p in parts):
        return None
    derived: Result = ExactInterval.point(0)
    for p in parts:
        derived = derived + p
    return stated, derived


def _ratio_row(
    row: pd.Series, ratio: str, numerator: str, denominator: str, scale: str
) -> tuple[Result, Result] | None:
    stated = _interval(row[ratio], scale)
    num, den = _interval(row[numerator]), _interval(row[denominator])
    if stated is None or num is None or den is None:
        return None
    return stated, num / den


def _growth_row(
    row: pd.Series, growth: str, current: str, base: str, scale: str
) -> tuple[Result, Result] | None:
    stated = _interval(row[growth], scale)
    cur, bas = _interval(row[current]), _interval(row[base])
    if stated is None or cur is None or bas is None or bas.contains_zero():
        return None
    sign = 1 if (bas.lo is not None and bas.lo > 0) else -1
    ratio = cur / bas
    if isinstance(ratio, Undefined):
        return stated, UNDEFINED
    derived = (ratio - 1) * sign if sign > 0 else -(ratio - 1)
    return stated, derived


def _judge(frame: pd.DataFrame, one) -> pd.Series:
    def ok(row: pd.Series) -> bool:
        pair = one(row)
        if pair is None or any(isinstance(x, Undefined) for x in pair):
            return True  # not checkable: nothing contradicts
        miss = overlap_miss(*pair)
        return isinstance(miss, Undefined) or miss == 0

    return frame.apply(ok, axis=1).astype(bool)


@extensions.register_check_method(statistics=["total", "items"], supported_types=pd.DataFrame)
def sums_within_rounding(frame: pd.DataFrame, *, total: str, items: list[str]) -> pd.Series:
    """total = Σ items, each cell a printed literal standing for its rounding interval."""
    return _judge(frame, lambda row: _sum_row(row, total, list(items)))


@extensions.register_check_method(
    statistics=["ratio", "numerator", "denominator", "scale"], supported_types=pd.DataFrame
)
def ratio_within_rounding(
    frame: pd.DataFrame, *, ratio: str, numerator: str, denominator: str, scale: str = "1"
) -> pd.Series:
    """ratio × scale = numerator / denominator (scale "0.01" for a ratio printed in %)."""
    return _judge(frame, lambda row: _ratio_row(row, ratio, numerator, denominator, scale))


@extensions.register_check_method(
    statistics=["growth", "current", "base", "scale"], supported_types=pd.DataFrame
)
def growth_within_rounding(
    frame: pd.DataFrame, *, growth: str, current: str, base: str, scale: str = "0.01"
) -> pd.Series:
    """growth × scale = (current − base) / |base| (scale "0.01" for a growth printed in %)."""
    return _judge(frame, lambda row: _growth_row(row, growth, current, base, scale))


def explain_rounding(frame: pd.DataFrame, check: pa.Check) -> pd.DataFrame:
    """For a registered rounding check: the failing rows with their stated and derived
    intervals and the miss (floats for reading; the verdict itself was exact)."""
    stats = dict(check.statistics)
    one = {
        "sums_within_rounding": lambda r: _sum_row(r, stats["total"], list(stats["items"])),
        "ratio_within_rounding": lambda r: _ratio_row(
            r, stats["ratio"], stats["numerator"], stats["denominator"], stats.get("scale", "1")
        ),
        "growth_within_rounding": lambda r: _growth_row(
            r, stats["growth"], stats["current"], stats["base"], stats.get("scale", "0.01")
        ),
    }[check.name]
    rows = []
    for index, row in frame.iterrows():
        pair = one(row)
        if pair is None or any(isinstance(x, Undefined) for x in pair):
            continue
        miss = overlap_miss(*pair)
        if isinstance(miss, Undefined) or miss == 0:
            continue
        stated, derived = pair
        rows.append(
            {
                "row": index,
                "stated": f"[{float(stated.lo):.12g}, {float(stated.hi):.12g}]",
                "derived": f"[{_show(derived.lo)}, {_show(derived.hi)}]",
                "miss": float(miss),
            }
        )
    return pd.DataFrame(rows, columns=["row", "stated", "derived", "miss"])


def _show(x: Fraction | None) -> str:
    return "∞" if x is None else f"{float(x):.12g}"
