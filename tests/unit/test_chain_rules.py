"""The `implies:` entries of a chain compile into the plan like any template: a mistake is a
located error, and the family is proven entity-local."""

from dataclasses import replace

import pytest

from tests.helpers import dictionary, plan
from validator.errors import InputError
from validator.model.verdict import Family
from validator.rules.locality import LOCAL_PRIMITIVES, entity_local
from validator.rules.plan import Plan
from validator.rules.rulebook import load_rulebook, load_rulebooks

HEAD = """rulebook: own
source: a test
relations:
  - id: own_chain
    zh: 链
    en: chain
    kind: formula
    family: agree
    grouping: implied
    reads: every implied value
    check_id: "{rule}:{entity}/{scope}/{period}/{concept}"
"""
IMPLIES = """    implies:
      - id: base_from_growth
        inverts: growth
        stated: {measure: growth}
        operands:
          current: {measure: level}
          base: {measure: level, period: base, dimension: current}
        figure: FIGURE
        element: ELEMENT
"""


def load(tmp_path, text):
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8")
    return load_rulebook(path, "own.yaml", dictionary())


def test_an_implication_compiles_into_the_plan(tmp_path):
    text = HEAD + IMPLIES.replace("FIGURE", "base").replace("ELEMENT", "current / (1 + stated)")
    (t,) = load(tmp_path, text)
    (imp,) = t.implies
    assert (imp.id, imp.figure, imp.role, imp.line) == (
        "base_from_growth", "base", "base_from_growth", 13,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("figure", "element", "message"),
    [
        ("prior", "current / (1 + stated)", "`figure` 'prior' is not one of its operands"),
        ("base", "base / (1 + stated)", "`element` uses 'base', not an operand"),
        ("base", "current * 2", "`element` must use the stated figure"),
        ("base", "current / (1 +", "in `element`"),
    ],
)
def test_a_bad_implication_is_a_located_error(tmp_path, figure, element, message):
    text = HEAD + IMPLIES.replace("FIGURE", figure).replace("ELEMENT", f'"{element}"')
    with pytest.raises(InputError) as exc:
        load(tmp_path, text)
    (p,) = exc.value.problems
    assert (p.file, p.line) == ("own.yaml", 13)  # the entry's line
    assert p.message.startswith("relation own_chain implication base_from_growth: ")
    assert message in p.message


def test_implies_belongs_to_a_chain_only(tmp_path):
    text = HEAD.replace("grouping: implied", "grouping: whole\n    element: stated") + IMPLIES
    with pytest.raises(InputError) as exc:
        load(tmp_path, text)
    assert "`implies:` belongs to `family: agree`, `grouping: implied`" in str(exc.value)


def test_a_chain_without_implications_is_refused(tmp_path):
    with pytest.raises(InputError) as exc:
        load(tmp_path, HEAD)
    assert "grouping `implied` needs `implies:`" in str(exc.value)


def test_the_chain_family_is_proven_entity_local_and_its_implications_are_audited():
    assert (Family.AGREE, "implied") in LOCAL_PRIMITIVES
    assert entity_local(plan()) == []
    chain = plan().template("chain")
    unaudited = replace(chain, grouping="implied_across")
    assert "grouping implied_across is not known" in entity_local(Plan((unaudited,)))[0].message


def test_an_implication_operand_that_could_leave_the_entity_is_refused():
    from tests.unit.test_partitioned import _ElsewhereBinding

    chain = plan().template("chain")
    first = chain.implies[0]
    b = first.operands[0]
    moved = _ElsewhereBinding(**{f: getattr(b, f) for f in b.__dataclass_fields__})
    bad = replace(chain, implies=(replace(first, operands=(moved, *first.operands[1:])),))
    (p,) = entity_local(Plan((bad,)))
    assert "binding field `entity` may leave the entity" in p.message


def test_covered_by_must_name_a_relation(tmp_path):
    text = HEAD + IMPLIES.replace("FIGURE", "base").replace("ELEMENT", "current / (1 + stated)")
    text = text.replace("        figure: base", "        covered_by: nosuch\n        figure: base")
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_rulebooks([(path, "own.yaml")], dictionary())
    (p,) = exc.value.problems
    assert (p.file, p.line) == ("own.yaml", 13)
    assert "`covered_by` names no relation ('nosuch')" in p.message
