"""XML attribute text for whole columns: `escape.xml` (controls made visible) and then the
markup escape ElementTree applies, with one test per chunk for the common case where no
string needs either."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import numpy as np

from validator.report.columns import filled
from validator.report.escape import xml

_MARKUP = re.compile('[&<>"]')


def attributes(values: np.ndarray) -> np.ndarray:
    """`ET._escape_attrib(escape.xml(v))` of each string."""
    values = np.asarray(values, dtype=object)
    out = values.copy()
    joined = " ".join(values.tolist())
    if not joined.isprintable():  # every character escape.xml changes is unprintable
        odd = ~np.fromiter(map(str.isprintable, values.tolist()), bool, len(values))
        out[odd] = filled(map(xml, values[odd].tolist()), int(odd.sum()))
        joined = " ".join(out.tolist())
    if _MARKUP.search(joined):
        marked = np.fromiter(map(bool, map(_MARKUP.search, out.tolist())), bool, len(out))
        out[marked] = filled(map(ET._escape_attrib, out[marked].tolist()), int(marked.sum()))
    return out
