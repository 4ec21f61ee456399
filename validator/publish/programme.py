"""The audit programme: the committed GX suite read as plain data (which column holds which kinds).

The suite `expectations/expectations/audit_programme.json` is the single source of truth: each
group expectation names its findings column and, in `meta.kinds`, the kinds of relation it
covers. Reading it needs no GX import, so the findings table can be built and tested without GX.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from validator.model.verdict import Kind
from validator.publish.errors import PublishError

SUITE_NAME = "audit_programme"
SUITE_FILE = Path("expectations") / f"{SUITE_NAME}.json"
ACKNOWLEDGED = "acknowledged"  # the group-column value of a discrepancy a reviewer acknowledged
ROW_COUNT_PARAMETER = "findings"


@dataclass(frozen=True)
class Group:
    """One section of the programme: a findings column and the kinds of relation it covers."""

    column: str
    kinds: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Programme:
    groups: tuple[Group, ...]
    acknowledged_column: str
    stale_column: str

    @property
    def columns(self) -> list[str]:
        return [g.column for g in self.groups] + [self.acknowledged_column, self.stale_column]

    def group_of(self, kind: str) -> Group:
        for g in self.groups:
            if kind in g.kinds:
                return g
        raise PublishError(f"kind {kind!r} is in no group of the audit programme ({SUITE_FILE})")


def load_programme(context_dir: Path) -> Programme:
    """The groups of the committed suite, checked to cover every kind exactly once."""
    path = context_dir / SUITE_FILE
    try:
        suite = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PublishError(f"cannot read the audit programme {path}: {exc}") from None
    groups: list[Group] = []
    acknowledged = stale = ""
    for exp in suite.get("expectations", []):
        meta = exp.get("meta") or {}
        column = (exp.get("kwargs") or {}).get("column", "")
        if meta.get("role") == "group":
            groups.append(Group(column, tuple(meta.get("kinds", ())), exp.get("description", "")))
        elif meta.get("role") == ACKNOWLEDGED:
            acknowledged = column
        elif meta.get("role") == "stale":
            stale = column
    covered = [k for g in groups for k in g.kinds]
    missing = sorted({k.value for k in Kind} - set(covered))
    twice = sorted({k for k in covered if covered.count(k) > 1})
    if not groups or not acknowledged or not stale or missing or twice:
        raise PublishError(
            f"{path}: the audit programme must have group expectations covering every kind once, "
            f"an acknowledged-discrepancies and a stale-waivers expectation (missing kinds: "
            f"{missing or 'none'}, kinds in two groups: {twice or 'none'})"
        )
    return Programme(tuple(groups), acknowledged, stale)
