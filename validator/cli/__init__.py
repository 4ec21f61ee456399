"""The click command line: parses options and calls the library; no logic of its own."""
