"""Renderers of one Report: text, json, junit and github annotations."""
