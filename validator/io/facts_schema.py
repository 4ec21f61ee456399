"""The pandera schema of a facts table: the shape every row of a facts CSV must have."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from validator.io.columns import by_value
from validator.io.dictionary import Dictionary
from validator.model.literals import LITERAL_PATTERN, Qualifier
from validator.model.periods import PERIOD_PATTERN

COLUMNS = [
    "entity",
    "scope",
    "period",
    "concept",
    "member",
    "measure",
    "base",
    "whole",
    "qualifier",
    "value",
    "unit",
    "location",
    "src_line",
    "note",
]
# Optional, after `note`: the rounding of a figure when its digits do not show it (XBRL
# `decimals`: an integer, negative for tens, hundreds …; INF for an exact figure).
# `composition`: the slot of a composition sentence or list the figure is printed in
# (`complete:NAME`, `partial:NAME`, or `total:NAME` for the whole an amounts list adds up to).
# Either may be left out; those present come in this order.
OPTIONAL_COLUMNS = ["decimals", "composition"]
DECIMALS_PATTERN = r"^(|-?[0-9]{1,2}|INF)$"
COMPOSITION_PATTERN = r"^(|(complete|partial|total):[^:\s][^:]{0,79})$"
SCOPES = ["合并", "本部"]
MEASURES = ["level", "growth", "narrowing", "share", "pp_change", "abs_change", "cagr"]
CHANGE_MEASURES = ["growth", "narrowing", "pp_change", "abs_change", "cagr"]
WHOLE_PATTERN = r"^([a-z][a-z0-9_]*)(@(合并|本部))?(\[([a-z][a-z0-9_]*):([^\]]+)\])?$"
MEMBER_PATTERN = r"^([a-z][a-z0-9_]*):(.+)$"
STR = "string[pyarrow]"
_MEMBER = re.compile(MEMBER_PATTERN)


def facts_schema(d: Dictionary) -> pa.DataFrameSchema:
    """Column checks come from the vocabulary; row checks tie columns together."""
    axes = sorted(d.axes)
    return pa.DataFrameSchema(
        {
            "entity": pa.Column(
                STR,
                pa.Check.isin(
                    sorted(d.entities), error="unknown entity (not in data/entities.yaml)"
                ),
            ),
            "scope": pa.Column(STR, pa.Check.isin(SCOPES, error="scope must be 合并 or 本部")),
            "period": pa.Column(
                STR,
                pa.Check.str_matches(
                    PERIOD_PATTERN,
                    error=(
                        "period must be YYYY-MM-DD, YYYY, YYYYH1/H2, YYYYQ1-4 or "
                        "YYYY-MM-DD..YYYY-MM-DD"
                    ),
                ),
            ),
            "concept": pa.Column(
                STR,
                pa.Check.isin(
                    sorted(d.concepts), error="unknown concept (not in schemas/concepts/)"
                ),
            ),
            "member": pa.Column(
                STR,
                pa.Check(
                    lambda s: pd.Series(by_value(s, lambda m: _member_ok(m, axes), bool), s.index),
                    error=f"member must be empty or axis:name with an axis from schemas/axes.yaml "
                    f"({', '.join(axes)})",
                ),
            ),
            "measure": pa.Column(
                STR, pa.Check.isin(MEASURES, error=f"measure must be one of {', '.join(MEASURES)}")
            ),
            "base": pa.Column(
                STR,
                pa.Check.str_matches(
                    f"^$|{PERIOD_PATTERN}", error="base must be empty or a period"
                ),
            ),
            "whole": pa.Column(
                STR,
                pa.Check.str_matches(
                    f"^$|{WHOLE_PATTERN}",
                    error=("whole must be empty or concept[@scope][[axis:name]]"),
                ),
            ),
            "qualifier": pa.Column(
                STR,
                pa.Check.isin(
                    [q.value for q in Qualifier],
                    error=("qualifier must be empty, about, over, under or nearly"),
                ),
            ),
            "value": pa.Column(STR, value_checks()),
            "unit": pa.Column(
                STR,
                pa.Check.isin(sorted(d.units), error="unknown unit (not in schemas/units.yaml)"),
            ),
            "location": pa.Column(
                STR,
                pa.Check.str_length(1, 300, error="location must say where the figure is printed"),
            ),
            "src_line": pa.Column(
                STR,
                pa.Check.str_matches(
                    r"^$|^[1-9][0-9]*$", error="src_line must be empty or a line number"
                ),
            ),
            "note": pa.Column(STR),
            "decimals": pa.Column(
                STR,
                pa.Check.str_matches(
                    DECIMALS_PATTERN,
                    error="decimals must be empty, an integer from -99 to 99, or INF (exact)",
                ),
                required=False,
            ),
            "composition": pa.Column(
                STR,
                pa.Check.str_matches(
                    COMPOSITION_PATTERN,
                    error="composition must be empty or complete:NAME, partial:NAME or total:NAME",
                ),
                required=False,
            ),
        },
        checks=[
            pa.Check(
                lambda f: ~f["measure"].isin(CHANGE_MEASURES) | (f["base"] != ""),
                error="growth, narrowing, pp_change, abs_change and cagr need a base period",
            ),
            pa.Check(
                lambda f: (f["measure"] != "share") | (f["whole"] != ""),
                error="a share needs a whole",
            ),
            pa.Check(
                lambda f: f["measure"].isin(["share", "pp_change"]) | (f["whole"] == ""),
                error="only a share (or the pp change of a share) has a whole",
            ),
            pa.Check(
                lambda f: f["measure"].isin(CHANGE_MEASURES) | (f["base"] == ""),
                error="only growth, narrowing, pp_change, abs_change and cagr have a base",
            ),
            pa.Check(
                lambda f: ("composition" not in f)
                | (f.get("composition", "") == "")
                | f["measure"].isin(["level", "share"]),
                error="a composition slot is a level or a share",
            ),
        ],
        strict=True,
        ordered=True,
    )


# Specific mistakes get specific messages; the general pattern reports everything else.
VALUE_MISTAKES = [
    (
        r"^[-0-9.]*,[-0-9.,]*$",
        "thousands separators are not accepted: write 79546.45, not 79,546.45",
    ),
    (r"%", "a percent sign belongs in the unit column, not in the value"),
    (r"^\(.*\)$", "a negative in parentheses is not accepted: write -1.44, not (1.44)"),
    (
        r"^[-+]?[0-9.]+[eE][-+]?[0-9]+$",
        "scientific notation is not accepted: write the number as printed",
    ),
    (r"(?i)^[-+]?(?:nan|inf|infinity)$", "NaN and infinity are not figures"),
    (r"^[^.]*\.[^.]*\.", "a number has at most one decimal point"),
]


def value_checks() -> list[pa.Check]:
    mistakes = "|".join(f"(?:{p})" for p, _ in VALUE_MISTAKES)
    checks = [
        pa.Check(lambda s, p=p: ~s.str.contains(p, regex=True), error=m) for p, m in VALUE_MISTAKES
    ]
    checks.append(
        pa.Check(
            lambda s: s.str.match(LITERAL_PATTERN) | s.str.contains(mistakes, regex=True),
            error="value must be a plain number as printed: digits, an optional '-' and at "
            "most one '.' (no units, spaces or letters)",
        )
    )
    return checks


def _member_ok(member: str, axes: list[str]) -> bool:
    m = _MEMBER.match(member)
    return member == "" or (m is not None and m[1] in axes)


def header_ok(names: list[str]) -> bool:
    """The required columns in order, then any of the optional ones, in their order."""
    rest = names[len(COLUMNS) :]
    return names[: len(COLUMNS)] == COLUMNS and rest == [c for c in OPTIONAL_COLUMNS if c in rest]


def empty_facts() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=STR) for c in COLUMNS + OPTIONAL_COLUMNS})
