"""Whole-column text in Arrow: JSON literals, templates filled over columns, strings joined per
group, and the UTF-8 bytes of a column as one buffer.

A string column here is a `pyarrow` string array, its values already UTF-8: filling a template
over columns is `binary_join_element_wise` and a chunk of records is the data buffer of one
array, written to the file as it is (never joined or encoded again in Python).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from json.encoder import encode_basestring
from string import Formatter

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from validator import heap
from validator.findings.numbers import fmt
from validator.report.columns import coded

Column = pa.Array | str  # a column of text, or one text for every row


def retaining_pool() -> pa.MemoryPool | None:
    """An Arrow pool that keeps the pages it frees (mimalloc, else jemalloc), if built in."""
    for make in (pa.mimalloc_memory_pool, pa.jemalloc_memory_pool):
        try:
            return make()
        except (NotImplementedError, pa.ArrowException):
            continue
    return None


@contextmanager
def pages_kept() -> Iterator[None]:
    """Arrow allocates from a retaining pool while a writer lays out its chunks, then from
    the pool it had; the C heap keeps its freed pages meanwhile (`heap.kept`).

    A writer frees and allocates the same few hundred megabytes for every chunk of records.
    The run's own pool (`cli.memory`) hands every freed block back to the system, so each
    chunk's buffers would be fresh mappings, faulted in page by page: 2.4M page faults and
    11 s of kernel time for the 1M-fact JSON report, against 0.19M and 5.5 s from a pool
    that reuses its pages.
    """
    pool, before = retaining_pool(), pa.default_memory_pool()
    with heap.kept():
        if pool is None:
            yield
            return
        pa.set_memory_pool(pool)
        try:
            yield
        finally:
            pa.set_memory_pool(before)


def text_array(values: object) -> pa.Array:
    """An Arrow string array of Python strings (a list or an object array)."""
    if isinstance(values, np.ndarray):
        values = values.tolist()
    return pa.array(values, type=pa.string())


def arrow_column(column: pd.Series, text: Callable[[str], str] = str) -> pa.Array:
    """`text` of each value of a table's text column, in Arrow: a categorical's categories
    converted once and taken by code, a column held in Arrow as it is (with `str`)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, names = coded(column)  # a missing value reads as the empty text
        return take([text(n) for n in names], codes)
    if text is str and isinstance(column.array, pd.arrays.ArrowStringArray):
        return pa.array(column.array).cast(pa.string())
    return converted(column, text)


def converted(column: pd.Series, text: Callable[[str], str]) -> pa.Array:
    """`text` of each value of any column, each distinct value converted once."""
    codes, uniques = pd.factorize(
        np.asarray(column.astype(object), dtype=object), use_na_sentinel=False
    )
    return take([text("" if u is None or u != u else str(u)) for u in uniques.tolist()], codes)


def take(texts: object, codes: np.ndarray) -> pa.Array:
    """`texts[codes]` as an Arrow string array (`texts`: few strings, `codes`: many rows)."""
    return text_array(texts).take(pa.array(np.asarray(codes, dtype=np.int64)))


def literals(values: object) -> pa.Array:
    """Each value as a JSON string literal (`json.dumps(s, ensure_ascii=False)`), each distinct
    value encoded once."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    return take(list(map(encode_basestring, uniques.tolist())), codes)


def distinct_literals(values: np.ndarray | pa.Array) -> pa.Array:
    """`literals` of strings known to differ (no look-up of repeats)."""
    return quoted(values if isinstance(values, pa.Array) else text_array(values))


# What `encode_basestring` escapes: a quote, a backslash, a C0 control character.
_ESCAPED = r'[\x00-\x1f"\\]'
# The same as bytes of UTF-8, where no byte of a multi-byte character is below 0x80.
_ESCAPED_BYTES = np.zeros(256, dtype=bool)
_ESCAPED_BYTES[[*range(0x20), ord('"'), ord("\\")]] = True


def quoted(texts: pa.Array) -> pa.Array:
    """`encode_basestring` of each string (no nulls): in quotes, and escaped in Python only
    where a string holds a character to escape."""
    texts = texts.cast(pa.string())
    out = pc.binary_join_element_wise('"', texts, '"', "")
    if not _ESCAPED_BYTES[np.frombuffer(utf8(texts), dtype=np.uint8)].any():
        return out  # no string needs escaping: one look-up per byte, not a regex per string
    escape = pc.match_substring_regex(texts, _ESCAPED)
    if not pc.any(escape).as_py():
        return out
    rows = np.flatnonzero(escape.to_numpy(zero_copy_only=False))
    escaped = list(map(encode_basestring, texts.take(pa.array(rows)).to_pylist()))
    return pc.replace_with_mask(out, escape, pa.array(escaped, pa.string()))


def number_codes(values: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """`json_number` of each value as JSON text, as a code per value into the texts of the
    distinct values: `null` for NaN and infinities, otherwise the float of its 12 significant
    digits (each distinct value formatted once).

    That float's `repr` has the digits `{:.12g}` prints (two decimals of at most 12 digits
    are two normal doubles, so none shorter reads back the same); only the layouts differ:
    `repr` adds `.0` to an integral value and prints 1e12 ≤ |x| < 1e16 without an exponent.
    Those and the subnormal values are formatted as `json_number` does.
    """
    # By bit pattern: as values, -0.0 and 0.0 are one, and the first met would print both.
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.int64)
    codes, unique_bits = pd.factorize(bits, use_na_sentinel=False)
    uniques = np.asarray(unique_bits, dtype=np.int64).view(np.float64)
    finite = np.isfinite(uniques)
    at = uniques[finite]
    g = _formatted(at, "{:.12g}".format)
    integral = pc.invert(pc.match_substring_regex(g, r"[.e]"))
    texts = pc.if_else(integral, pc.binary_join_element_wise(g, ".0", ""), g)
    subnormal = (np.abs(at) < np.finfo(np.float64).tiny) & (at != 0)  # fewer digits are exact
    wide = pc.match_substring_regex(g, r"e\+1[2-5]$").to_numpy(zero_copy_only=False)
    again = wide | subnormal
    if again.any():
        fixed = [repr(float(f"{v:.12g}")) for v in at[again].tolist()]
        texts = pc.replace_with_mask(texts, pa.array(again), pa.array(fixed, pa.string()))
    codes = np.asarray(codes, dtype=np.int64)
    if not finite.all():  # NaN and infinities: null, the last of the texts
        texts = pa.concat_arrays([texts, pa.array(["null"], pa.string())])
        slot = np.full(len(uniques), len(at), dtype=np.int64)
        slot[finite] = np.arange(len(at))
        codes = slot[codes]
    return codes, texts


_BATCH = 65536  # values formatted into Python strings at once (a million would be 100 MB)


def _formatted(values: np.ndarray, text: Callable[[float], str]) -> pa.Array:
    """`text` of each value as an Arrow string array, a batch of Python strings at a time."""
    batches = [
        pa.array(list(map(text, values[i : i + _BATCH].tolist())), pa.string())
        for i in range(0, len(values), _BATCH)
    ]
    return pa.concat_arrays(batches) if batches else pa.array([], pa.string())


_POW10 = [float(10**k) for k in range(23)]  # exact: every power of ten to 10**22 is a double
_SCALED_MAX = 2.0**52  # beyond it a double's integer part is no longer every integer


def fixed(values: np.ndarray, decimals: np.ndarray) -> pa.Array:
    """`numbers.fmt` of each value with its own number of decimals d.

    `{:.df}` prints the exact binary value rounded to d decimals (a half to even): the scaled
    value x·10**d rounded to an integer, with the decimal point put back. The product is
    rounded to the nearest double, and below 2**52 every half-integer is a double, so the
    product can cross a half only by landing on it: those values (0.05·10 is 0.5 in floats,
    while 0.05 is above a half tenth), and any beyond 2**52 or 22 decimals, are formatted one
    by one as `fmt` does."""
    values = np.asarray(values, dtype=np.float64)
    decimals = np.asarray(decimals, dtype=np.int64)
    finite = np.isfinite(values)
    pieces: list[pa.Array] = []
    rows: list[np.ndarray] = []
    special = np.flatnonzero(~finite)
    if len(special):
        v = values[special]
        words = np.where(np.isnan(v), "undefined", np.where(v > 0, "+∞", "−∞"))
        pieces.append(pa.array(words.tolist(), pa.string()))
        rows.append(special)
    for d in np.unique(decimals[finite]).tolist():
        at = np.flatnonzero(finite & (decimals == d))
        exact = np.zeros(len(at), dtype=bool)
        if d < len(_POW10):
            with np.errstate(over="ignore", invalid="ignore"):  # too large: NaN, not exact
                scaled = values[at] * _POW10[d]
                half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5)  # exact differences
            exact = (np.abs(scaled) < _SCALED_MAX) & (half > 0)
            if exact.any():
                pieces.append(_point_placed(np.rint(scaled[exact]).astype(np.int64), d))
                rows.append(at[exact])
        if not exact.all():
            slow = at[~exact]
            pieces.append(pa.array([fmt(v, d) for v in values[slow].tolist()], pa.string()))
            rows.append(slow)
    if not pieces:
        return pa.array([], pa.string())
    order = np.empty(len(values), dtype=np.int64)
    order[np.concatenate(rows)] = np.arange(len(values))
    return pa.chunked_array(pieces, pa.string()).take(pa.array(order)).combine_chunks()


def _point_placed(units: np.ndarray, d: int) -> pa.Array:
    """Integers counted in 10**-d as decimal texts of d decimals (a negative zero prints 0)."""
    texts = pc.cast(pa.array(np.abs(units)), pa.string())
    if d:
        texts = pc.utf8_lpad(texts, width=d + 1, padding="0")
        whole, part = pc.utf8_slice_codeunits(texts, 0, -d), pc.utf8_slice_codeunits(texts, -d)
        texts = pc.binary_join_element_wise(whole, pa.scalar("."), part, "")
    negative = units < 0
    if negative.any():
        signed = pc.binary_join_element_wise(pa.scalar("-"), texts, "")
        texts = pc.if_else(pa.array(negative), signed, texts)
    return texts


def intervals(lo: np.ndarray, hi: np.ndarray, decimals: np.ndarray) -> pa.Array:
    """`numbers.fmt_interval` of each pair: `[lo, hi]`, or `undefined` when a side is NaN."""
    lo, hi = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    n = len(lo)
    decimals = np.asarray(decimals, dtype=np.int64)
    sides = fixed(np.concatenate([lo, hi]), np.concatenate([decimals, decimals]))
    out = fill("[{lo}, {hi}]", {"lo": sides.slice(0, n), "hi": sides.slice(n)}, n)
    undefined = np.isnan(lo) | np.isnan(hi)
    if undefined.any():
        out = pc.if_else(pa.array(undefined), pa.scalar("undefined"), out)
    return out


def fill(template: str, values: Mapping[str, Column], n: int) -> pa.Array:
    """`template.format(**row)` for each of n rows (named fields, `{{`/`}}` for braces): one
    element-wise join of the literals and the columns."""
    args: list[pa.Array | pa.Scalar] = []
    for literal, field, _, _ in Formatter().parse(template):
        if literal:
            args.append(pa.scalar(literal, pa.string()))
        if field is not None:
            value = values[field]
            args.append(pa.scalar(value, pa.string()) if isinstance(value, str) else value)
    if not any(isinstance(a, pa.Array) for a in args):  # one text for every row
        args.append(pa.array([""] * n, pa.string()))
    return pc.binary_join_element_wise(*args, "")


def grouped(items: pa.Array, counts: np.ndarray, sep: str) -> pa.Array:
    """`sep.join` of the items of each group, the groups in order and `counts[g]` items each
    (the items ordered by group); an empty group gives the empty string."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), items), sep)


def choose(mask: np.ndarray, yes: Column, no: Column) -> pa.Array:
    """`yes` where the mask holds, else `no`, row by row."""
    pick = [pa.scalar(v, pa.string()) if isinstance(v, str) else v for v in (yes, no)]
    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), *pick)


def utf8(texts: pa.Array) -> pa.Buffer:
    """The UTF-8 bytes of every string of a column without nulls, one after another: a slice
    of the array's own data buffer, no copy."""
    if not len(texts):
        return pa.py_buffer(b"")
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32)
    start, stop = int(offsets[texts.offset]), int(offsets[texts.offset + len(texts)])
    data = texts.buffers()[2]
    return data.slice(start, stop - start) if data is not None else pa.py_buffer(b"")
