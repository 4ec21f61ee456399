"""Rounding-aware consistency validation of the figures stated in reports."""

__version__ = "0.1.0"
