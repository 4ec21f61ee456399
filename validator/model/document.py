"""A source document: where a set of stated figures was printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    id: str
    entity: str
    title: str
    publisher: str
    date: str
    published_at: str
    source_file: str
    folder: str
    notes: tuple[str, ...] = ()
