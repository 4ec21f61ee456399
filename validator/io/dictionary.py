"""The concept dictionary, units, member axes and entities: the vocabulary facts must use."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.characters import visible_id_check
from validator.io.layers import Layers
from validator.io.shape import check_shape
from validator.io.yaml_file import line_of, load_yaml
from validator.model.literals import Scale
from validator.model.periods import PeriodType

MAX_SCALE_CHARS = 30  # a scale such as 0.0001 or 100000000; more digits are a typo
ID_PATTERN = r"^[a-z][a-z0-9_]*\Z"  # \Z: no trailing newline


@dataclass(frozen=True)
class Concept:
    id: str
    zh: str
    en: str
    period: PeriodType
    dimensions: tuple[str, ...]
    nonnegative: bool

    @property
    def label(self) -> str:
        return f"{self.zh} {self.en}"


@dataclass(frozen=True)
class Unit:
    unit: str
    dimension: str
    scale: Scale
    discrete: bool = False


@dataclass(frozen=True)
class Axis:
    id: str
    zh: str
    en: str
    complete: bool


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    code: str
    kind: str


@dataclass(frozen=True)
class Dictionary:
    concepts: dict[str, Concept]
    units: dict[str, Unit]
    axes: dict[str, Axis]
    entities: dict[str, Entity] = field(default_factory=dict)

    @property
    def dimensions(self) -> set[str]:
        return {u.dimension for u in self.units.values()}


def _rows(path: Path, display: str, key: str) -> tuple[pd.DataFrame, list[int | None]]:
    doc = load_yaml(path, display)
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise InputError(Problem(f"expected a mapping with a list `{key}:` of mappings", display))
    lines = [line_of(i) for i in items]
    frame = pd.DataFrame([{k: v for k, v in i.items() if k != "__line__"} for i in items])
    return frame, lines


def _text(frame: pd.DataFrame, column: str, default: str = "") -> pd.Series:
    if column not in frame:
        return pd.Series([default] * len(frame), dtype="string")
    return frame[column].map(lambda v: default if v is None or v != v else v)


_UNIT_SCHEMA = pa.DataFrameSchema(
    {
        "unit": pa.Column(str, [pa.Check.str_length(1, 20), visible_id_check("unit")], unique=True),
        "dimension": pa.Column(str, pa.Check.str_matches(ID_PATTERN)),
        "scale": pa.Column(
            str,
            [
                pa.Check.str_matches(
                    r"^[0-9]+(\.[0-9]+)?\Z", error="scale must be a decimal string"
                ),
                pa.Check(
                    lambda v: not re.fullmatch(r"[0.]*", v),
                    element_wise=True,
                    error="scale must be greater than zero",
                ),
                pa.Check.str_length(
                    1,
                    MAX_SCALE_CHARS,
                    error=f"scale must have at most {MAX_SCALE_CHARS} characters",
                ),
            ],
        ),
        "discrete": pa.Column(bool, required=False),
    },
    strict=True,
)


def load_units(path: Path, display: str) -> dict[str, Unit]:
    frame, lines = _rows(path, display, "units")
    frame["discrete"] = frame.get("discrete", pd.Series(False, index=frame.index)).map(
        lambda v: v if isinstance(v, bool) else (False if v is None or v != v else v)
    )
    check_shape(frame, _UNIT_SCHEMA, [display] * len(frame), lines)
    return {
        r.unit: Unit(r.unit, r.dimension, Scale.parse(r.scale), bool(r.discrete))
        for r in frame.itertuples()
    }


def _concept_schema(dimensions: set[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "id": pa.Column(
                str,
                pa.Check.str_matches(ID_PATTERN),
                unique=True,
                report_duplicates="exclude_first",
            ),
            "zh": pa.Column(str, pa.Check.str_length(1, 80)),
            "en": pa.Column(str, pa.Check.str_length(1, 200)),
            "period": pa.Column(str, pa.Check.isin([t.value for t in PeriodType])),
            "dimension": pa.Column(
                object,
                pa.Check(
                    lambda s: s.map(lambda d: all(x in dimensions for x in _as_list(d))),
                    element_wise=False,
                    error=f"dimension must be one of {sorted(dimensions)}",
                ),
            ),
            "sign": pa.Column(str, pa.Check.isin(["", "nonnegative"]), required=False),
            "note": pa.Column(str, required=False),
        },
        strict=True,
    )


def _as_list(value: object) -> list[str]:
    return list(value) if isinstance(value, list) else [value]  # type: ignore[list-item]


def load_concepts(
    folder: Path | list[Path], root: Path, dimensions: set[str]
) -> dict[str, Concept]:
    frames, files, lines = [], [], []
    paths = sorted(folder.glob("*.yaml")) if isinstance(folder, Path) else folder
    for path in paths:
        display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        frame, ls = _rows(path, display, "concepts")
        frames.append(frame)
        files += [display] * len(frame)
        lines += ls
    if not frames:
        raise InputError(Problem("no concept files (*.yaml) found", str(folder)))
    frame = pd.concat(frames, ignore_index=True)
    _twice(frame, files, lines)
    if "sign" in frame:
        frame["sign"] = _text(frame, "sign")
    check_shape(frame, _concept_schema(dimensions), files, lines)
    return {
        r.id: Concept(
            r.id,
            r.zh,
            r.en,
            PeriodType(r.period),
            tuple(_as_list(r.dimension)),
            getattr(r, "sign", "") == "nonnegative",
        )
        for r in frame.itertuples()
    }


_AXIS_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, pa.Check.str_matches(ID_PATTERN), unique=True),
        "zh": pa.Column(str),
        "en": pa.Column(str),
        "complete": pa.Column(bool),
    },
    strict=True,
)


def load_axes(path: Path, display: str) -> dict[str, Axis]:
    frame, lines = _rows(path, display, "axes")
    check_shape(frame, _AXIS_SCHEMA, [display] * len(frame), lines)
    return {r.id: Axis(r.id, r.zh, r.en, bool(r.complete)) for r in frame.itertuples()}


_ENTITY_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str, [pa.Check.str_length(1, 60), visible_id_check("entity id")], unique=True
        ),
        "name": pa.Column(str, pa.Check.str_length(1, 200)),
        "code": pa.Column(
            str, pa.Check.str_matches(r"^(|[0-9]{6}\.(SH|SZ|BJ)|[0-9]{4,5}\.HK)\Z"), required=False
        ),
        "kind": pa.Column(str, pa.Check.isin(["company", "market", "economy"])),
        "code_source": pa.Column(str, required=False),
    },
    strict=True,
)


def load_entities(path: Path, display: str) -> dict[str, Entity]:
    frame, lines = _rows(path, display, "entities")
    for column in ("code", "code_source"):
        if column in frame:
            frame[column] = _text(frame, column)
    check_shape(frame, _ENTITY_SCHEMA, [display] * len(frame), lines)
    return {r.id: Entity(r.id, r.name, getattr(r, "code", ""), r.kind) for r in frame.itertuples()}


def _twice(frame: pd.DataFrame, files: list[str], lines: list[int | None]) -> None:
    """A concept defined in two files (the standard schemas and an overlay, say) is an error
    naming both places."""
    if "id" not in frame:
        return
    seen: dict[str, int] = {}
    problems = []
    for i, concept in enumerate(frame["id"].tolist()):
        if concept in seen and files[seen[concept]] != files[i]:
            first = seen[concept]
            problems.append(
                Problem(
                    f"concept {concept!r} is defined twice: here and in "
                    f"{files[first]}:{lines[first]} (rename it, or override the whole file)",
                    files[i],
                    lines[i],
                    "id",
                )
            )
        seen.setdefault(concept, i)
    if problems:
        raise InputError(problems)


def load_dictionary(schemas: Path | Layers, root: Path) -> Dictionary:
    """Concepts, units and axes from a `schemas/` folder, or from the standard schemas overlaid
    by a data repository's (validator/io/layers.py)."""
    layers = schemas if isinstance(schemas, Layers) else Layers.of(schemas)

    def display(p: Path) -> str:
        return str(p.relative_to(root)) if p.is_relative_to(root) else str(p)

    units_file, axes_file = layers.file("units.yaml"), layers.file("axes.yaml")
    concept_files = layers.files("concepts")
    key = _contents(root, [units_file, axes_file, *concept_files])
    if key is not None and _LAST[0] == key:
        return _LAST[1]  # the same files, already read and validated in this process
    units = load_units(units_file, display(units_file))
    dims = {u.dimension for u in units.values()}
    concepts = load_concepts(concept_files, root, dims)
    axes = load_axes(axes_file, display(axes_file))
    dictionary = Dictionary(concepts, units, axes)
    if key is not None:
        _LAST[:] = [key, dictionary]
    return dictionary


# The last dictionary loaded, with what it was loaded from: a run reads it twice (the checks,
# then the names of the figures the text report says are not stated).
_LAST: list = [None, None]


def _contents(root: Path, paths: list[Path]) -> tuple | None:
    """What a dictionary is a function of: the root (for the shown paths) and every file's
    path and bytes; None when a file cannot be read (loading then reports it)."""
    contents = []
    for p in paths:
        data = _regular_bytes(p)
        if data is None:
            return None
        contents.append((p, data))
    return (root, *contents)


def _regular_bytes(path: Path) -> bytes | None:
    """The bytes of a regular file; None for anything else. Opened without blocking and
    checked on the open descriptor, so a FIFO or device put where a schema file belongs is
    never waited on here (loading then reports it, located)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)
