"""Qualifiers of printed figures (约, 超过, 低于, 近) and their one rendering, used everywhere."""

from __future__ import annotations

from enum import StrEnum


class Qualifier(StrEnum):
    """How a printed figure relates to the true value."""

    EXACT = ""
    ABOUT = "about"
    OVER = "over"
    UNDER = "under"
    NEARLY = "nearly"

    @property
    def zh(self) -> str:
        """The word printed before the figure (约 20%, 超过 65%)."""
        return _ZH[self]


_ZH = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "约",
    Qualifier.OVER: "超过",
    Qualifier.UNDER: "低于",
    Qualifier.NEARLY: "近",
}


def with_qualifier(qualifier: str, value: str, unit: str) -> str:
    """A figure as an auditor reads it: qualifier word, printed literal, unit (约20%)."""
    return f"{Qualifier(qualifier).zh}{value}{unit}"
