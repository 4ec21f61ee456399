"""Marks this folder as the package data validator.standard.expectations (see pyproject.toml)."""
