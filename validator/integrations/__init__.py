"""Rounding-aware checks for the tools data teams already use: pandera (and Great Expectations)."""
