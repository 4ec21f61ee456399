"""Marks this folder as the package data validator.standard.schemas (see pyproject.toml)."""
