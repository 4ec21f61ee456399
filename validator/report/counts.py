"""Counts in words: "1 document", "2 documents", "1 discrepancy"; Chinese labels need no plural."""

from __future__ import annotations

_IRREGULAR = {"discrepancy": "discrepancies", "waits": "wait"}


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """`n` and the noun in the form English wants for it."""
    if n == 1:
        return f"{n} {singular}"
    return f"{n} {plural_form or _IRREGULAR.get(singular) or singular + 's'}"


def noun(n: int, singular: str) -> str:
    """The noun (or verb) alone, agreeing with `n`: noun(2, "waits") == "wait"."""
    return plural(n, singular).split(" ", 1)[1]
