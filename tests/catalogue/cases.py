"""The catalogue of bad and hostile inputs (docs/bad-inputs.md), one case per row.

Each case edits a fresh, valid scratch project and says what `validate` must do: accept it with
a documented normalisation (exit 0), flag a discrepancy (exit 1), or reject it with a message
naming what is wrong (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEADER = (
    "entity,scope,period,concept,member,measure,base,whole,qualifier,value,unit,location,"
    "src_line,note"
)
DOCUMENT = (
    "id: jia-2024-annual\nentity: 甲公司\ntitle: 甲公司年报\npublisher: 测试\ndate: 2025-04-30\n"
)
ROWS = [
    "甲公司,合并,2024-12-31,current_assets,,level,,,,14.78,亿元,表1 流动资产,,",
    "甲公司,合并,2024-12-31,noncurrent_assets,,level,,,,5.08,亿元,表1 非流动资产,,",
    "甲公司,合并,2024-12-31,total_assets,,level,,,,19.85,亿元,表1 资产总额,,",
    "甲公司,合并,2024-12-31,total_liabilities,,level,,,,10.62,亿元,表1 负债总额,,",
    "甲公司,合并,2024-12-31,debt_to_asset_ratio,,level,,,,53.51,%,表1 资产负债率,,",
]


@dataclass(frozen=True)
class Project:
    root: Path
    data: Path
    schemas: Path
    folder: Path  # the document folder

    @property
    def facts(self) -> Path:
        return self.folder / "facts.csv"

    def write_facts(self, rows: list[str], header: str = HEADER, end: str = "\n") -> None:
        self.facts.write_bytes((end.join([header, *rows]) + end).encode("utf-8"))

    def replace_row(self, index: int, row: str) -> None:
        rows = list(ROWS)
        rows[index] = row
        self.write_facts(rows)

    def value(self, value: str, index: int = 2) -> None:
        """Replace the printed value of row `index` (资产总额 by default)."""
        parts = ROWS[index].split(",")
        parts[9] = value if "," not in value else f'"{value}"'
        self.replace_row(index, ",".join(parts))

    def field(self, column: int, text: str, index: int = 2) -> None:
        parts = ROWS[index].split(",")
        parts[column] = text
        self.replace_row(index, ",".join(parts))

    def append_rule(self, book: str, rule: str) -> None:
        path = self.schemas / "rulebooks" / book
        path.write_text(path.read_text(encoding="utf-8") + rule, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    id: str
    what: str
    decision: str  # "accepted", "flagged" or "rejected"
    setup: Callable[[Project], list[str] | None]  # returns extra CLI args (or None)
    expect: str  # a fragment of the output
    line: int | None = None  # the data line the message must name
    exit_code: int | None = None
    docs: bool = False  # build the data-docs site (the setup gives --docs-dir)
    absent: str | None = None  # a fragment the output must not contain

    @property
    def code(self) -> int:
        if self.exit_code is not None:
            return self.exit_code
        return {"accepted": 0, "flagged": 1, "rejected": 2}[self.decision]


def _v(value: str, index: int = 2):
    return lambda p: p.value(value, index)


def _f(column: int, text: str, index: int = 2):
    return lambda p: p.field(column, text, index)


def _rows(*rows: str, header: str = HEADER, end: str = "\n"):
    return lambda p: p.write_facts(list(rows), header, end)


def _bytes(data: bytes):
    return lambda p: p.facts.write_bytes(data)


def _rule(book: str, text: str):
    return lambda p: p.append_rule(book, text)


def _yaml(path: str, text: str):
    return lambda p: (p.root / path).write_text(text, encoding="utf-8")


def _waiver(text: str):
    return lambda p: (p.folder / "waivers.yaml").write_text(text, encoding="utf-8")


BAD_RULE = "  - id: extra_rule\n    zh: 额外\n    en: Extra\n    formula: {}\n"
GOOD_BODY = "\n".join(ROWS)
CASES: list[Case] = [
    # Values
    Case("value-text", "non-numeric value", "rejected", _v("abc"), "plain number", 4),
    Case(
        "value-two-points",
        "two decimal points",
        "rejected",
        _v("19.8.5"),
        "at most one decimal point",
        4,
    ),
    Case(
        "value-thousands",
        "thousands separator (19,85 quoted)",
        "rejected",
        _v("1,985.00"),
        "thousands separators",
        4,
    ),
    Case(
        "value-full-width",
        "full-width digits and point (１９．８５)",
        "accepted",
        _v("１９．８５"),
        "no unacknowledged discrepancies",
    ),
    Case(
        "value-full-width-comma",
        "full-width thousands separator (１，９８５)",
        "rejected",
        _v("１，９８５"),
        "thousands separators",
        4,
    ),
    Case(
        "value-plus",
        "leading plus sign (+19.85)",
        "accepted",
        _v("+19.85"),
        "no unacknowledged discrepancies",
    ),
    Case(
        "value-parentheses",
        "negative in parentheses ((19.85))",
        "rejected",
        _v("(19.85)"),
        "parentheses",
        4,
    ),
    Case("value-dashes", "`--` for not applicable", "accepted", _v("--"), "4 facts"),
    Case("value-em-dash", "`—` for not applicable", "accepted", _v("—"), "4 facts"),
    Case("value-slash", "`/` for not available", "accepted", _v("/"), "4 facts"),
    Case("value-empty", "empty value cell", "accepted", _v(""), "4 facts"),
    Case(
        "value-percent",
        "percent sign inside the value",
        "rejected",
        _v("53.51%", 4),
        "percent sign",
        6,
    ),
    Case("value-scientific", "scientific notation", "rejected", _v("1.985e1"), "scientific", 4),
    Case("value-nan", "NaN", "rejected", _v("NaN"), "NaN and infinity", 4),
    Case("value-infinity", "infinity", "rejected", _v("inf"), "NaN and infinity", 4),
    Case(
        "value-too-long",
        "more than 40 significant digits",
        "rejected",
        _v("19.85" + "0" * 37 + "1"),
        "significant digits",
        4,
    ),
    Case(
        "value-thirty-digits",
        "a literal of 30 significant digits",
        "accepted",
        _v("19.8500000000000000000000000000"),
        "no unacknowledged discrepancies",
    ),
    Case("value-lone-minus", "a lone minus sign", "rejected", _v("-"), "plain number", 4),
    # Vocabulary and semantics of a row
    Case("unknown-unit", "unknown unit (亿)", "rejected", _f(10, "亿"), "unknown unit", 4),
    Case(
        "unknown-concept", "unknown concept", "rejected", _f(3, "total_asset"), "unknown concept", 4
    ),
    Case(
        "unknown-period",
        "unparseable period (FY2024)",
        "rejected",
        _f(2, "FY2024"),
        "period must be",
        4,
    ),
    Case(
        "impossible-date",
        "impossible date (2024-02-30)",
        "rejected",
        _f(2, "2024-02-30"),
        "not a valid period",
        4,
    ),
    Case(
        "unknown-scope", "unknown scope (母公司)", "rejected", _f(1, "母公司"), "scope must be", 4
    ),
    Case("unknown-entity", "unknown entity", "rejected", _f(0, "丙公司"), "unknown entity", 4),
    Case(
        "unknown-axis",
        "member on an unknown axis",
        "rejected",
        _f(4, "colour:红"),
        "member must be",
        4,
    ),
    Case(
        "unknown-qualifier",
        "unknown qualifier",
        "rejected",
        _f(8, "roughly"),
        "qualifier must be",
        4,
    ),
    Case(
        "share-without-whole",
        "a share whose whole is not named",
        "rejected",
        _rows(*ROWS, "甲公司,合并,2024-12-31,total_liabilities,,share,,,,53.51,%,表1,,"),
        "a share needs a whole",
        7,
    ),
    Case(
        "growth-without-base",
        "a growth with no base period",
        "rejected",
        _rows(*ROWS, "甲公司,合并,2024-12-31,total_assets,,growth,,,,7.20,%,表1,,"),
        "need a base period",
        7,
    ),
    Case(
        "base-is-period",
        "a growth against its own period",
        "rejected",
        _rows(*ROWS, "甲公司,合并,2024-12-31,total_assets,,growth,2024-12-31,,,7.20,%,表1,,"),
        "base period is the period itself",
        7,
    ),
    Case(
        "period-type",
        "a balance stated for a duration (2024)",
        "rejected",
        _f(2, "2024"),
        "period type does not match",
        4,
    ),
    Case(
        "unit-dimension", "a balance stated in %", "rejected", _f(10, "%"), "unit does not fit", 4
    ),
    Case(
        "conflicting-duplicates",
        "the same figure twice with different values",
        "flagged",
        _rows(*ROWS, "甲公司,合并,2024-12-31,total_assets,,level,,,,19.58,亿元,表2,,"),
        "duplicate:甲公司/合并/2024-12-31/total_assets",
    ),
    # File structure and encoding
    Case(
        "missing-column",
        "a missing column",
        "rejected",
        _rows(*[r.rsplit(",", 1)[0] for r in ROWS], header=HEADER.rsplit(",", 1)[0]),
        "missing column(s) note",
        1,
    ),
    Case(
        "extra-column",
        "an extra column",
        "rejected",
        _rows(*[r + "," for r in ROWS], header=HEADER + ",comment"),
        "unknown column(s) comment",
        1,
    ),
    Case(
        "header-order",
        "columns in the wrong order",
        "rejected",
        _rows(*ROWS, header=HEADER.replace("scope,period", "period,scope")),
        "wrong order",
        1,
    ),
    Case(
        "bom",
        "UTF-8 byte-order mark",
        "accepted",
        _bytes(("\ufeff" + HEADER + "\n" + GOOD_BODY + "\n").encode("utf-8")),
        "no unacknowledged discrepancies",
    ),
    Case(
        "gbk",
        "GBK-encoded file",
        "rejected",
        _bytes((HEADER + "\n" + GOOD_BODY + "\n").encode("gbk")),
        "GBK",
        2,
    ),
    Case(
        "invalid-utf8",
        "invalid UTF-8 bytes",
        "rejected",
        _bytes((HEADER + "\n" + GOOD_BODY + "\n").encode("utf-8").replace(b"19.85", b"19\xff85")),
        "not valid UTF-8",
        4,
    ),
    Case(
        "crlf",
        "CRLF line endings",
        "accepted",
        _rows(*ROWS, end="\r\n"),
        "no unacknowledged discrepancies",
    ),
    Case("empty-file", "an empty file", "rejected", _bytes(b""), "empty file", 1),
    Case(
        "header-only",
        "a header and no facts",
        "rejected",
        _bytes((HEADER + "\n").encode()),
        "no facts",
        2,
    ),
    Case(
        "blank-line",
        "a blank line between facts",
        "rejected",
        _rows(ROWS[0], "", *ROWS[1:]),
        "empty line",
        3,
    ),
    Case(
        "extra-field",
        "an unquoted comma (one field too many)",
        "rejected",
        _rows(ROWS[0], ROWS[1].replace("5.08", "5,08"), *ROWS[2:]),
        "expected 14 fields",
        3,
    ),
    Case(
        "multiline-field",
        "a quoted field spanning two lines",
        "rejected",
        _rows(ROWS[0], ROWS[1].replace("表1 非流动资产", '"表1\n非流动资产"'), *ROWS[2:]),
        "must not span lines",
        3,
    ),
    # Documents, entities, dictionary
    Case(
        "document-field-missing",
        "document.yaml without a title",
        "rejected",
        lambda p: (p.folder / "document.yaml").write_text(
            "id: jia-2024-annual\nentity: 甲公司\npublisher: x\ndate: 2025-04-30\n",
            encoding="utf-8",
        ),
        "missing field 'title'",
    ),
    Case(
        "document-yaml-syntax",
        "document.yaml with a YAML syntax error",
        "rejected",
        lambda p: (p.folder / "document.yaml").write_text("id: [unclosed\n", encoding="utf-8"),
        "YAML syntax error",
    ),
    Case(
        "duplicate-document-id",
        "two documents with the same id",
        "rejected",
        lambda p: __import__("shutil").copytree(p.folder, p.folder.parent / "copy"),
        "document id used twice",
    ),
    Case(
        "document-without-facts",
        "a document folder with no facts file",
        "rejected",
        lambda p: p.facts.rename(p.folder / "facts.txt"),
        "no *.csv or *.parquet facts file",
    ),
    Case(
        "entities-missing",
        "no entities.yaml",
        "rejected",
        lambda p: (p.data / "entities.yaml").unlink(),
        "no entities.yaml",
    ),
    Case(
        "concept-duplicate",
        "a concept defined twice",
        "rejected",
        _yaml(
            "schemas/concepts/extra.yaml",
            "concepts:\n  - {id: total_assets, zh: 资产, en: Assets, period: instant, "
            "dimension: money}\n",
        ),
        "concept 'total_assets' is defined twice",
    ),
    Case(
        "unit-bad-scale",
        "a unit whose scale is not a number",
        "rejected",
        _yaml("schemas/units.yaml", "units:\n  - {unit: 元, dimension: money, scale: ten}\n"),
        "scale must be a decimal string",
    ),
    # Rulebooks
    Case(
        "rulebook-yaml-syntax",
        "rulebook YAML syntax error",
        "rejected",
        _rule("operations.yaml", "  - id: [broken\n"),
        "YAML syntax error",
    ),
    Case(
        "formula-unbalanced",
        "formula with unbalanced parentheses",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = (current_assets")),
        "expected ')'",
    ),
    Case(
        "formula-unknown-function",
        "formula with an unknown function",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = sqrt(current_assets)")),
        "unknown function 'sqrt'",
    ),
    Case(
        "formula-unknown-concept",
        "formula with an unknown concept",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_asset")),
        "unknown concept 'current_asset'",
    ),
    Case(
        "formula-division-by-zero",
        "formula dividing by a literal zero",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_assets / 0")),
        "division by zero",
    ),
    Case(
        "formula-cycle",
        "a figure defined in terms of itself",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = total_assets + 0")),
        "cycle",
    ),
    Case(
        "formula-code",
        "formula smuggling code (__import__)",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = __import__('os')")),
        "unexpected character",
    ),
    Case(
        "rule-duplicate-id",
        "two rules with one id",
        "rejected",
        _rule(
            "operations.yaml",
            BAD_RULE.format("total_assets = current_assets")
            + BAD_RULE.format("total_assets = current_assets"),
        ),
        "duplicate rule id",
    ),
    Case(
        "rule-missing-name",
        "a rule without its Chinese name",
        "rejected",
        _rule("operations.yaml", "  - id: nameless\n    en: X\n    formula: a = b\n"),
        "column zh: a value is required",
    ),
    # Waivers
    Case(
        "waiver-unknown-check",
        "a waiver for an unknown check id",
        "flagged",
        _waiver(
            "waivers:\n  - check: 'formula:nowhere'\n    reason: verified in the source "
            "text\n    reviewer: x\n    date: 2026-11-22\n    figures: ['stated 1%']\n"
        ),
        "Stale waivers (1)",
    ),
    Case(
        "waiver-no-reason",
        "a waiver without a reason",
        "rejected",
        _waiver(
            "waivers:\n  - check: 'x:y'\n    reviewer: x\n    date: 2026-11-22\n"
            "    figures: ['stated 1%']\n"
        ),
        "missing field 'reason'",
    ),
    Case(
        "waiver-template-placeholder",
        "a --waiver-template entry whose reviewer is still the placeholder",
        "rejected",
        _waiver(
            "waivers:\n  - check: 'x:y'\n    reason: verified in the source text\n"
            "    reviewer: TODO\n    date: 2026-11-22\n    figures: ['stated 1%']\n"
        ),
        "reviewer still holds the --waiver-template placeholder",
    ),
    Case(
        "waiver-not-a-list",
        "a waivers file that is not a list",
        "rejected",
        _waiver("waivers: yes\n"),
        "list `waivers:`",
    ),
    # Command line
    Case(
        "cli-unknown-option",
        "an unknown option",
        "rejected",
        lambda p: ["--no-such-option"],
        "No such option",
    ),
    Case(
        "cli-bad-format",
        "an unknown format",
        "rejected",
        lambda p: ["--format", "xml"],
        "Invalid value for '--format'",
    ),
    Case(
        "cli-missing-path",
        "a path that does not exist",
        "rejected",
        lambda p: [str(p.root / "nowhere")],
        "path does not exist",
    ),
    Case(
        "cli-empty-folder",
        "an empty folder",
        "rejected",
        lambda p: (p.root / "empty").mkdir() or [str(p.root / "empty")],
        "no facts found",
    ),
    Case(
        "cli-output-missing-folder",
        "an output file in a folder that does not exist",
        "rejected",
        lambda p: ["--output", str(p.root / "no" / "report.json")],
        "output folder does not exist",
    ),
    Case(
        "cli-output-read-only",
        "an output file in a read-only folder",
        "rejected",
        lambda p: ["--output", "/proc/validate-report.json"],
        "cannot write output",
    ),
    Case(
        "cli-output-is-folder",
        "an output path that is a folder",
        "rejected",
        lambda p: ["--output", str(p.root)],
        "output path is a folder",
    ),
    Case(
        "cli-changed-since-no-git",
        "--changed-since outside a git repository",
        "rejected",
        lambda p: ["--changed-since", "HEAD"],
        "git",
    ),
]
