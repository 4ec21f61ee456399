"""Source documents: a folder with document.yaml and the facts files printed in it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.shape import check_shape, date_check
from validator.io.yaml_file import line_of, load_yaml, strip_lines
from validator.model.document import Document

DOCUMENT_FILE = "document.yaml"


_DOCUMENT_SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(
            str,
            pa.Check.str_matches(
                r"^[a-z0-9][a-z0-9-]*\Z", error="id must be lower-case letters, digits and hyphens"
            ),
        ),
        "entity": pa.Column(str, pa.Check.str_length(1, 60)),
        "title": pa.Column(str, pa.Check.str_length(1, 300)),
        "publisher": pa.Column(str, pa.Check.str_length(1, 200)),
        "date": pa.Column(str, date_check()),
        "published_at": pa.Column(str, required=False),
        "reference": pa.Column(str, required=False),
        "source_file": pa.Column(str, required=False),
        "notes": pa.Column(object, required=False),
    },
    strict=True,
)


def load_document(folder: Path, display: str) -> Document:
    path = folder / DOCUMENT_FILE
    shown = f"{display}/{DOCUMENT_FILE}"
    raw = load_yaml(path, shown)
    if not isinstance(raw, dict):
        raise InputError(Problem("expected a mapping of document fields", shown))
    data = strip_lines(raw)
    if isinstance(data.get("date"), object) and not isinstance(data.get("date"), str):
        data["date"] = str(data.get("date"))
    frame = pd.DataFrame([{k: v for k, v in data.items()}])
    check_shape(frame, _DOCUMENT_SCHEMA, [shown], [line_of(raw)])
    notes = data.get("notes") or []
    return Document(
        id=data["id"],
        entity=data["entity"],
        title=data["title"],
        publisher=data["publisher"],
        date=data["date"],
        published_at=str(data.get("published_at", "")),
        source_file=str(data.get("source_file", "")),
        folder=display,
        notes=tuple(str(n) for n in notes),
    )
