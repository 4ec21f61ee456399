"""Source documents: a folder with document.yaml and the facts files printed in it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from validator.errors import InputError, Problem
from validator.io.shape import check_shape, date_check, is_date
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


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
_REQUIRED = ("id", "entity", "title", "publisher", "date")
_LENGTHS = {"entity": 60, "title": 300, "publisher": 200}


def surely_valid(data: dict) -> bool:
    """True only when `_DOCUMENT_SCHEMA` would pass the document: every field a string that
    meets its check (notes a list), none missing or unknown. A pandera run costs about 10 ms
    a document; this costs microseconds, and anything it does not prove goes to pandera, whose
    messages are the located errors."""
    if not all(k in data for k in _REQUIRED) or not set(data) <= set(_DOCUMENT_SCHEMA.columns):
        return False
    if not all(isinstance(v, str) for k, v in data.items() if k != "notes"):
        return False
    if "notes" in data and not isinstance(data["notes"], list):
        return False
    if not all(1 <= len(data[k]) <= n for k, n in _LENGTHS.items()):
        return False
    return bool(_ID.match(data["id"])) and is_date(data["date"])


def load_document(folder: Path, display: str) -> Document:
    path = folder / DOCUMENT_FILE
    shown = f"{display}/{DOCUMENT_FILE}"
    raw = load_yaml(path, shown)
    if not isinstance(raw, dict):
        raise InputError(Problem("expected a mapping of document fields", shown))
    data = strip_lines(raw)
    if isinstance(data.get("date"), object) and not isinstance(data.get("date"), str):
        data["date"] = str(data.get("date"))
    if not surely_valid(data):
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
