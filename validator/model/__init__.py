"""Pure domain types: literals, intervals, periods, verdicts (no I/O)."""
