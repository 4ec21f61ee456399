"""Control characters: whatever a title, folder, file name, location or value holds, no output
forges a line (`::warning` stands for a forged GitHub workflow command) or drives the terminal,
and the JUnit stays valid XML. Ids and dates match their pattern exactly."""

from __future__ import annotations

from tests.catalogue.cases import DOCUMENT, ROWS, Case, Project

FORGED = "::warning::FORGED"


def _document(**fields: str):
    """document.yaml with `fields` replaced (values are YAML double-quoted scalars)."""

    def setup(p: Project) -> None:
        lines = []
        for line in DOCUMENT.splitlines():
            key = line.split(":", 1)[0]
            lines.append(f'{key}: "{fields[key]}"' if key in fields else line)
        (p.folder / "document.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    return setup


def _discrepant(p: Project, location: str = "表1 资产总额", fmt: str = "text") -> list[str]:
    parts = ROWS[2].split(",")
    parts[9], parts[11] = "19.58", location
    p.replace_row(2, ",".join(parts))
    return ["--format", fmt]


def _location(location: str, fmt: str):
    return lambda p: _discrepant(p, location, fmt)


def _rename_folder(name: str):
    def setup(p: Project) -> list[str]:
        p.folder.rename(p.folder.parent / name)
        return []

    return setup


def _rename_facts(name: str, fmt: str, bad: bool = False):
    def setup(p: Project) -> list[str]:
        if bad:
            p.value("abc")
            args: list[str] = []
        else:
            args = _discrepant(p, fmt=fmt)
        p.facts.rename(p.folder / name)
        return args

    return setup


def _waiver(check: str = "x:y", date: str = "2026-11-22"):
    def setup(p: Project) -> None:
        (p.folder / "waivers.yaml").write_text(
            f'waivers:\n  - check: "{check}"\n    reason: verified in the source text\n'
            f'    reviewer: x\n    date: "{date}"\n    figures: ["stated 1%"]\n',
            encoding="utf-8",
        )

    return setup


def _entity(name: str):
    """Every mention of the entity 甲公司 renamed to `name`."""

    def setup(p: Project) -> None:
        for path, old, new in (
            (p.data / "entities.yaml", "id: 甲公司", f'id: "{name}"'),
            (p.folder / "document.yaml", "entity: 甲公司", f'entity: "{name}"'),
            (p.facts, "甲公司,", f"{name},"),
        ):
            path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")

    return setup


CASES: list[Case] = [
    Case(
        "ctl-title-newline",
        "a title with a newline and a workflow command",
        "accepted",
        _document(title=f"年报\\n{FORGED}"),
        "年报\\x0a::warning",
    ),
    Case(
        "ctl-publisher-cr",
        "a publisher with a carriage return",
        "accepted",
        _document(publisher=f"测试\\r{FORGED}"),
        "测试\\x0d::warning",
    ),
    Case(
        "ctl-entity-line-start",
        "an entity id that is a workflow command (it starts a line of the summary)",
        "accepted",
        _entity(FORGED),
        "\\x3a:warning::FORGED",
    ),
    Case(
        "ctl-title-ansi",
        "ANSI CSI colour codes in a title",
        "accepted",
        _document(title="\\e[31mRED\\e[0m 年报"),
        "\\x1b[31mRED",
    ),
    Case(
        "ctl-title-osc",
        "an OSC hyperlink in a title",
        "accepted",
        _document(title="\\e]8;;http://example.invalid\\a年报\\e]8;;\\a"),
        "\\x1b]8;;",
    ),
    Case("ctl-title-bel", "BEL in a title", "accepted", _document(title="年报\\a"), "年报\\x07"),
    Case(
        "ctl-title-c1",
        "a C1 control (CSI, U+009B) in a title",
        "accepted",
        _document(title="\\x9b2J年报"),
        "\\x9b2J",
    ),
    Case(
        "ctl-title-del",
        "DEL in a title",
        "accepted",
        _document(title="年报\\x7f"),
        "年报\\x7f",
    ),
    Case(
        "ctl-title-bidi",
        "a right-to-left override in a title",
        "accepted",
        _document(title="年报\\u202egnp.exe"),
        "<U+202E>",
    ),
    Case(
        "ctl-title-isolate",
        "a bidi isolate in a publisher",
        "accepted",
        _document(publisher="测试\\u2067x\\u2069"),
        "<U+2067>",
    ),
    Case(
        "ctl-title-zero-width",
        "a zero-width space in a title (shown, not an id)",
        "accepted",
        _document(title="年\\u200b报"),
        "年<U+200B>报",
    ),
    Case(
        "ctl-title-line-separator",
        "a Unicode line separator in a title",
        "accepted",
        _document(title="年报\\u2028" + FORGED),
        "<U+2028>::warning",
    ),
    Case(
        "ctl-folder-newline",
        "a document folder whose name holds a newline and a workflow command",
        "accepted",
        _rename_folder(f"jia\n{FORGED}"),
        "jia\\x0a::warning",
    ),
    Case(
        "ctl-location-text",
        "ESC and NEL (U+0085, a C1 line break) in the location of a discrepant figure",
        "flagged",
        _location(f"表1\x1b[2J\x85{FORGED}", "text"),
        "表1\\x1b[2J\\x85::warning",
    ),
    Case(
        "ctl-location-junit-esc",
        "ESC in a location (JUnit stays valid XML)",
        "flagged",
        _location("表1\x1b[2J资产总额", "junit"),
        "表1\\x1b[2J",
    ),
    Case(
        "ctl-location-junit-nul",
        "NUL and a vertical tab in a location (JUnit)",
        "flagged",
        _location("表1\x00\x0b资产总额", "junit"),
        "表1\\x00\\x0b",
    ),
    Case(
        "ctl-location-junit-newline",
        "a line separator and a workflow command in a location (JUnit)",
        "flagged",
        _location(f"表1\u2028{FORGED}", "junit"),
        "表1&lt;U+2028&gt;::warning",
    ),
    Case(
        "ctl-filename-github-percent",
        "a % and NEL in a facts file name (GitHub annotations)",
        "flagged",
        _rename_facts(f"100%\x85{FORGED}.csv", "github"),
        "100%25\\x85%3A%3Awarning",
    ),
    Case(
        "ctl-filename-github-ansi",
        "ESC in a facts file name (GitHub annotations)",
        "flagged",
        _rename_facts("a\x1b[31m.csv", "github"),
        "a\\x1b[31m.csv",
    ),
    Case(
        "ctl-filename-github",
        "a facts file name with a newline, ':' and ',' (GitHub file property)",
        "flagged",
        _rename_facts(f"a,b:c\n{FORGED}.csv", "github"),
        "a%2Cb%3Ac%0A%3A%3Awarning",
    ),
    Case(
        "ctl-filename-error",
        "a file name with a newline in an error message",
        "rejected",
        _rename_facts(f"bad\n{FORGED}.csv", "text", bad=True),
        "bad\\x0a::warning",
    ),
    Case(
        "ctl-value-ansi",
        "ESC in a value cell",
        "rejected",
        lambda p: p.value("\x1b[2J19.85"),
        "invisible character U+001B",
        4,
    ),
    Case(
        "ctl-waiver-check-newline",
        "a waiver check id with a newline",
        "rejected",
        _waiver(check=f"x:y\\n{FORGED}"),
        "check id must not contain invisible characters",
    ),
    Case(
        "document-id-newline",
        "a document id with a trailing newline",
        "rejected",
        _document(id="jia-2024-annual\\n"),
        "id must be lower-case",
    ),
    Case(
        "document-date-newline",
        "a document date with a trailing newline",
        "rejected",
        _document(date="2025-04-30\\n"),
        "date must be a real date",
    ),
    Case(
        "document-date-impossible",
        "a quoted document date that is not a real date (2025-02-30)",
        "rejected",
        _document(date="2025-02-30"),
        "date must be a real date",
    ),
    Case(
        "document-date-impossible-unquoted",
        "an unquoted document date that is not a real date",
        "rejected",
        lambda p: (p.folder / "document.yaml").write_text(
            DOCUMENT.replace("2025-04-30", "2025-02-30"), encoding="utf-8"
        ),
        "not a valid date '2025-02-30'",
    ),
    Case(
        "document-date-arabic-digits",
        "a document date in Arabic-Indic digits",
        "rejected",
        _document(date="٢٠٢٥-٠٤-٣٠"),
        "date must be a real date",
    ),
    Case(
        "waiver-date-impossible",
        "a waiver date that is not a real date",
        "rejected",
        _waiver(date="2026-02-30"),
        "date must be a real date",
    ),
    Case(
        "waiver-date-newline",
        "a waiver date with a trailing newline",
        "rejected",
        _waiver(date="2026-11-22\\n"),
        "date must be a real date",
    ),
]
