"""Rulebooks: declarative relations between concepts, and the safe formula parser."""
