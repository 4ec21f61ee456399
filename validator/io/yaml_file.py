"""YAML loading that keeps the line of every mapping, for errors that point at the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from validator.errors import InputError, Problem
from validator.io.text import read_text

LINE_KEY = "__line__"


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records, in each mapping, the 1-based line where it starts."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def load_yaml(path: Path, display: str) -> Any:
    """Parse a YAML file safely (no object construction); syntax errors name line and column."""
    text = read_text(path, display)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(
            Problem(f"YAML syntax error: {exc.problem}", display, line, column)
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(f"YAML error: {exc}", display)) from None


def line_of(mapping: object) -> int | None:
    return mapping.get(LINE_KEY) if isinstance(mapping, dict) else None


def strip_lines(value: Any) -> Any:
    """The same data without the recorded line numbers."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value
