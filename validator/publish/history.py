"""What changed since the previous run: findings new, fixed or still open, compared by check id.

Runs are numbered in the GX validation results store (gx_history reads and writes them). A run
is named by a key computed from what it published (the findings and the counts), so building
the same report again is the same run, not a new one: the same input and history always give
the same site.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

NEW, OPEN, FIXED = "new", "open", "fixed"


def run_key(*parts: str) -> str:
    """The key of a run: a digest of what it published."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class History:
    """This run's number and, per document, the findings of the latest earlier run that had it
    (check id -> acknowledged then) and that run's number."""

    run: int = 1
    before: Mapping[str, Mapping[str, bool]] = field(default_factory=dict)
    previous_of: Mapping[str, int] = field(default_factory=dict)
    kept: tuple[int, ...] = ()  # runs in the store, this one included

    @property
    def previous(self) -> int | None:
        """The latest earlier run any document of this run is compared with."""
        return max(self.previous_of.values(), default=None)

    def compared(self, document: str) -> bool:
        return document in self.before

    def status(self, document: str, check_id: str) -> str:
        """new or open; empty when the previous run did not have this document."""
        if document not in self.before:
            return ""
        return OPEN if check_id in self.before[document] else NEW

    def fixed(self, document: str, current: set[str]) -> list[tuple[str, bool]]:
        """Findings of the previous run that this run no longer has, by id."""
        old = self.before.get(document, {})
        return sorted((k, ack) for k, ack in old.items() if k not in current)

    def summary(self, document: str, current: set[str]) -> dict[str, int]:
        statuses = [self.status(document, c) for c in current]
        return {
            NEW: statuses.count(NEW),
            OPEN: statuses.count(OPEN),
            FIXED: len(self.fixed(document, current)),
        }
