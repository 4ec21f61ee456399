"""YAML: anchors and aliases are refused (nine aliases of nine expand to gigabytes, a
self-reference never ends) and nesting is capped, with a located message."""

from __future__ import annotations

from tests.catalogue.cases import DOCUMENT, Case, Project

ALIAS = "anchors and aliases"
DEEP = "nested deeper than 50 levels"


def _laughs(key: str) -> str:
    lines = ["lol0: &l0 ['lol']"]
    lines += [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines) + f"\n{key}: *l9\n"


def _document(extra: str):
    return lambda p: (p.folder / "document.yaml").write_text(DOCUMENT + extra, encoding="utf-8")


def _waivers(extra: str):
    def setup(p: Project) -> None:
        text = (
            "waivers:\n  - check: 'x:y'\n    reason: verified in the source text\n"
            f"    reviewer: x\n    date: 2026-11-22\n    figures: {extra}\n"
        )
        (p.folder / "waivers.yaml").write_text(text, encoding="utf-8")

    return setup


def _append(path: str, text: str):
    def setup(p: Project) -> None:
        target = p.root / path
        target.write_text(target.read_text("utf-8") + text, encoding="utf-8")

    return setup


def _write(path: str, text: str):
    return lambda p: (p.root / path).write_text(text, encoding="utf-8")


def _nested_list(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def _nested_map(depth: int) -> str:
    return "{a: " * depth + "1" + "}" * depth


CASES: list[Case] = [
    Case(
        "yaml-laughs-notes",
        "alias expansion (nine levels of nine) in document.yaml notes",
        "rejected",
        _document(_laughs("notes")),
        ALIAS,
    ),
    Case(
        "yaml-laughs-waiver",
        "alias expansion in a waiver's figures",
        "rejected",
        lambda p: (p.folder / "waivers.yaml").write_text(
            _laughs("extra") + "waivers:\n  - check: 'x:y'\n    reason: verified in the source\n"
            "    reviewer: x\n    date: 2026-11-22\n    figures: *l9\n",
            encoding="utf-8",
        ),
        ALIAS,
    ),
    Case(
        "yaml-self-alias",
        "a self-referencing alias (notes: &a [*a])",
        "rejected",
        _document("notes: &a [*a]\n"),
        ALIAS,
    ),
    Case(
        "yaml-anchor-alone",
        "an anchor without an alias",
        "rejected",
        _document("notes: &a ['one note']\n"),
        ALIAS,
    ),
    Case(
        "yaml-merge-key",
        "a merge key (<<: *base) in entities.yaml",
        "rejected",
        _write(
            "data/entities.yaml",
            "base: &base {kind: company}\nentities:\n  - {<<: *base, id: 甲公司, name: 甲}\n",
        ),
        ALIAS,
    ),
    Case(
        "yaml-alias-rulebook",
        "an alias in a rulebook",
        "rejected",
        _append(
            "schemas/rulebooks/operations.yaml",
            "  - &r {id: extra_rule, zh: 额外, en: Extra, formula: total_assets = current_assets}\n"
            "  - *r\n",
        ),
        ALIAS,
    ),
    Case(
        "yaml-alias-units",
        "an alias in units.yaml",
        "rejected",
        _append("schemas/units.yaml", "  - &u {unit: 万亿元, dimension: money, scale: '1e12'}\n"),
        ALIAS,
    ),
    Case(
        "yaml-alias-concepts",
        "an alias in a concept file",
        "rejected",
        _write(
            "schemas/concepts/extra.yaml",
            "concepts:\n  - &c {id: extra_one, zh: 额外, en: Extra, period: instant, "
            "dimension: money}\n  - *c\n",
        ),
        ALIAS,
    ),
    Case(
        "yaml-deep-notes",
        "lists nested 900 deep in document.yaml",
        "rejected",
        _document(f"notes: {_nested_list(900)}\n"),
        DEEP,
    ),
    Case(
        "yaml-deep-waivers",
        "mappings nested 900 deep in waivers.yaml",
        "rejected",
        _waivers(_nested_map(900)),
        DEEP,
    ),
    Case(
        "yaml-deep-rulebook",
        "a rulebook nested 60 deep",
        "rejected",
        _append("schemas/rulebooks/operations.yaml", f"  - {_nested_list(60)}\n"),
        DEEP,
    ),
    Case(
        "yaml-deep-axes",
        "axes.yaml nested 51 deep",
        "rejected",
        _write("schemas/axes.yaml", f"axes: {_nested_list(50)}\n"),
        DEEP,
    ),
    Case(
        "yaml-python-tag",
        "a Python object tag in document.yaml",
        "rejected",
        _document("notes: !!python/object/apply:os.system ['echo hacked']\n"),
        "YAML syntax error",
    ),
]
