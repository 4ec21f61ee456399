"""YAML loading that keeps the line of every mapping, for errors that point at the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from validator.errors import InputError, Problem
from validator.io.text import read_text

LINE_KEY = "__line__"
MAX_DEPTH = 50  # nested mappings and lists; the data files need fewer than 10


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present


class _LineLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that records, in each mapping, the 1-based line where it starts."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """An unquoted date that is not a real one (2024-02-30) is an error at its line."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"not a valid date {node.value!r} ({exc})", node.start_mark
            ) from None


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)


def _check_events(text: str, display: str) -> None:
    """Refuse, before anything is built, what would make building explode: an anchor or alias
    (nine aliases of nine aliases expand to gigabytes; a self-reference never ends) and nesting
    deeper than MAX_DEPTH. The data files never need either."""
    depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        mark = event.start_mark
        where = (display, mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise InputError(
                Problem(
                    "YAML anchors and aliases (&name, *name, <<) are not allowed in data "
                    "files: write each value out",
                    *where,
                )
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(Problem(f"YAML nested deeper than {MAX_DEPTH} levels", *where))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load_yaml(path: Path, display: str) -> Any:
    """Parse a YAML file safely (no object construction, no aliases, bounded depth); syntax
    errors name line and column."""
    text = read_text(path, display)
    try:
        _check_events(text, display)
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
