"""The Chinese name of every concept in the dictionary, for naming figures that are not stated
(a stated figure carries its own name in the report)."""

from __future__ import annotations

from pathlib import Path

from validator.io.dictionary import load_dictionary
from validator.io.project import find_schemas


def concept_names(paths: list[Path], schemas: Path | None = None) -> dict[str, str]:
    d = load_dictionary(schemas or find_schemas(paths), Path.cwd())
    return {concept_id: concept.zh for concept_id, concept in d.concepts.items()}
