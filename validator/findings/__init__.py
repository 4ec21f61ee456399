"""The finished result of a run: every check, typed and complete; renderers only read it."""
