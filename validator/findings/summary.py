"""Counts per source document: a check belongs to every document one of its figures is in."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from validator.findings.model import VERDICTS, DocumentSummary, Findings
from validator.model.document import Document


def summarise(f: Findings, documents: tuple[Document, ...]) -> Findings:
    pairs = f.check_documents
    verdict = f.table["verdict"].astype(object).to_numpy()
    waived = f.table["waived"].to_numpy(dtype=bool)
    label = np.where(waived, "waived", verdict)
    checks = pairs["check"].to_numpy() if len(pairs) else np.array([], dtype=np.int64)
    per_doc = (
        pd.DataFrame({"document": pairs["document"].to_numpy(), "label": label[checks]})
        .value_counts()
        .to_dict()
        if len(pairs)
        else {}
    )
    fact_counts = f.fact_table["document"].value_counts().to_dict()
    summaries = []
    for doc in documents:
        counts = {v.value: int(per_doc.get((doc.id, v.value), 0)) for v in VERDICTS}
        counts["waived"] = int(per_doc.get((doc.id, "waived"), 0))
        counts["checks"] = sum(counts.values())
        summaries.append(DocumentSummary(doc, int(fact_counts.get(doc.id, 0)), counts))
    return replace(f, documents=tuple(summaries))
