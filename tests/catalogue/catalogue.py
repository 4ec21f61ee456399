"""Every case of the bad-input catalogue, from the modules that build them by class."""

from tests.catalogue import (
    cases,
    cases_arithmetic,
    cases_digits,
    cases_files,
    cases_gate,
    cases_outputs,
    cases_text,
    cases_yaml,
)

CASES = [
    *cases.CASES,
    *cases_outputs.CASES,
    *cases_files.CASES,
    *cases_yaml.CASES,
    *cases_text.CASES,
    *cases_digits.CASES,
    *cases_arithmetic.CASES,
    *cases_gate.CASES,
]
