"""Loaders for the files the validator reads: one format per module."""
