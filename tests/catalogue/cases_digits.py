"""Digits and ids: only ASCII and the documented full-width digits are digits; any other
digit-like character is refused with its name; invisible characters in an id are refused."""

from __future__ import annotations

from tests.catalogue.cases import BAD_RULE, Case, Project, _f, _rule, _v
from tests.helpers import ENTITIES as ENTITIES_TEXT

DIGIT = "digit-like character"
INVISIBLE = "invisible character"


def _entities(text: str):
    return lambda p: (p.data / "entities.yaml").write_text(text, encoding="utf-8")


def _units_append(text: str):
    def setup(p: Project) -> None:
        path = p.schemas / "units.yaml"
        path.write_text(path.read_text("utf-8") + text, encoding="utf-8")

    return setup


def _waiver_check(check: str):
    def setup(p: Project) -> None:
        (p.folder / "waivers.yaml").write_text(
            f'waivers:\n  - check: "{check}"\n    reason: verified in the source text\n'
            '    reviewer: x\n    date: "2026-11-22"\n    figures: ["stated 1%"]\n',
            encoding="utf-8",
        )

    return setup


def _digit(case_id: str, what: str, value: str, name: str) -> Case:
    return Case(case_id, what, "rejected", _v(value), f"{DIGIT} {name}", 4)


CASES: list[Case] = [
    _digit("digit-superscript", "a superscript digit (19.85¹)", "19.85¹", "U+00B9 SUPERSCRIPT ONE"),
    _digit("digit-superscript-only", "superscript digits only (¹⁹)", "¹⁹", "U+00B9"),
    _digit("digit-circled", "a circled digit (①9.85)", "①9.85", "U+2460 CIRCLED DIGIT ONE"),
    _digit(
        "digit-math-bold",
        "a mathematical bold digit (𝟏9.85)",
        "𝟏9.85",
        "U+1D7CF MATHEMATICAL BOLD DIGIT ONE",
    ),
    _digit(
        "digit-arabic-indic",
        "Arabic-Indic digits (١٩٫٨٥)",
        "١٩.٨٥",
        "U+0661 ARABIC-INDIC DIGIT ONE",
    ),
    _digit("digit-devanagari", "Devanagari digits (१९.८५)", "१९.८५", "U+0967 DEVANAGARI DIGIT ONE"),
    _digit("digit-fraction", "a vulgar fraction (19½)", "19½", "U+00BD VULGAR FRACTION ONE HALF"),
    _digit("digit-roman", "a Roman numeral (Ⅸ)", "Ⅸ", "U+2168 ROMAN NUMERAL NINE"),
    _digit("digit-subscript", "a subscript digit (19.8₅)", "19.8₅", "U+2085 SUBSCRIPT FIVE"),
    _digit(
        "digit-parenthesized",
        "a parenthesized digit (⑴9.85)",
        "⑴9.85",
        "U+2474 PARENTHESIZED DIGIT ONE",
    ),
    Case(
        "digit-period-arabic-indic",
        "a period in Arabic-Indic digits",
        "rejected",
        _f(2, "٢٠٢٤-١٢-٣١"),
        f"{DIGIT} U+0662",
        4,
    ),
    Case(
        "digit-period-full-width",
        "a period in full-width digits (not normalised outside values)",
        "rejected",
        _f(2, "２０２４-１２-３１"),
        "period must be",
        4,
    ),
    Case(
        "value-zero-width",
        "a zero-width space inside a value",
        "rejected",
        _v("19.8\u200b5"),
        f"{INVISIBLE} U+200B ZERO WIDTH SPACE",
        4,
    ),
    Case(
        "value-bidi",
        "a right-to-left override before a value",
        "rejected",
        _v("\u202e19.85"),
        f"{INVISIBLE} U+202E RIGHT-TO-LEFT OVERRIDE",
        4,
    ),
    Case(
        "id-entity-zero-width-facts",
        "a zero-width space in a fact's entity (甲\u200b公司)",
        "rejected",
        _f(0, "甲\u200b公司"),
        f"{INVISIBLE} U+200B",
        4,
    ),
    Case(
        "id-member-zero-width",
        "a zero-width joiner in a member name",
        "rejected",
        _f(4, "segment:云\u200d安全"),
        f"{INVISIBLE} U+200D ZERO WIDTH JOINER",
        4,
    ),
    Case(
        "id-concept-bidi",
        "a bidi mark after a concept id",
        "rejected",
        _f(3, "total_assets\u200f"),
        f"{INVISIBLE} U+200F RIGHT-TO-LEFT MARK",
        4,
    ),
    Case(
        "id-unit-word-joiner",
        "a word joiner inside a unit",
        "rejected",
        _f(10, "亿\u2060元"),
        f"{INVISIBLE} U+2060 WORD JOINER",
        4,
    ),
    Case(
        "id-soft-hyphen",
        "a soft hyphen in a scope",
        "rejected",
        _f(1, "合\u00ad并"),
        f"{INVISIBLE} U+00AD SOFT HYPHEN",
        4,
    ),
    Case(
        "id-entities-zero-width",
        "entities.yaml registers 甲\u200b公司 (would take its figures out of every relation)",
        "rejected",
        _entities(ENTITIES_TEXT.replace("id: 乙公司", 'id: "乙\\u200b公司"')),
        "entity id must not contain invisible characters",
    ),
    Case(
        "id-unit-yaml-bidi",
        "units.yaml defines a unit with a bidi control",
        "rejected",
        _units_append('  - {unit: "万\\u202e元", dimension: money, scale: "10000"}\n'),
        "unit must not contain invisible characters",
    ),
    Case(
        "id-waiver-check-zero-width",
        "a waiver check id with a zero-width space",
        "rejected",
        _waiver_check("growth:甲\\u200b公司/合并/2024/x vs 2023"),
        "check id must not contain invisible characters",
    ),
    Case(
        "id-concept-unicode-digit",
        "a concept id with an Arabic-Indic digit",
        "rejected",
        lambda p: (p.schemas / "concepts" / "extra.yaml").write_text(
            "concepts:\n  - {id: assets_٣, zh: 资产, en: Assets, period: instant, "
            "dimension: money}\n",
            encoding="utf-8",
        ),
        "str_matches",
    ),
    Case(
        "id-document-unicode-digit",
        "a document id with Arabic-Indic digits",
        "rejected",
        lambda p: (p.folder / "document.yaml").write_text(
            "id: jia-٢٠٢٤\nentity: 甲公司\ntitle: t\npublisher: p\ndate: 2025-04-30\n",
            encoding="utf-8",
        ),
        "id must be lower-case letters, digits and hyphens",
    ),
    Case(
        "formula-unicode-digit",
        "a formula with an Arabic-Indic digit",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_assets * ٢")),
        "U+0662 ARABIC-INDIC DIGIT TWO",
    ),
    Case(
        "formula-full-width-digit",
        "a formula with a full-width digit",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_assets * １")),
        "U+FF11 FULLWIDTH DIGIT ONE",
    ),
    Case(
        "formula-superscript",
        "a formula with a superscript exponent (current_assets²)",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_assets²")),
        "U+00B2 SUPERSCRIPT TWO",
    ),
    Case(
        "formula-homoglyph-name",
        "a formula name with a Cyrillic letter (current_assetѕ)",
        "rejected",
        _rule("operations.yaml", BAD_RULE.format("total_assets = current_assetѕ")),
        "U+0455 CYRILLIC SMALL LETTER DZE",
    ),
]
