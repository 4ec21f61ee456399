"""The partitioned backend: entity partitions checked apart and merged give the findings of one
run; a plan whose relations might cross entities is refused, at its rulebook line."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.helpers import ROOT
from validator.engine.partition import partition_rows
from validator.engine.partitioned import PartitionedBackend
from validator.engine.run import NumpyBackend
from validator.errors import InputError
from validator.io.project import load_project
from validator.rules.locality import entity_local
from validator.rules.plan import Binding, Plan
from validator.rules.rulebook import load_rulebooks


@pytest.fixture(scope="module")
def corpus():
    project = load_project([ROOT / "data"], ROOT / "schemas")
    plan = load_rulebooks(list(project.rule_files), project.dictionary)
    return project, plan


def test_every_template_of_the_committed_rulebooks_stays_within_one_entity(corpus):
    _, plan = corpus
    assert entity_local(plan) == []


def test_partitions_hold_whole_entities_balanced_by_fact_count(corpus):
    project, _ = corpus
    facts = project.facts
    rows = partition_rows(facts, 3)
    assert len(rows) == 3
    assert sorted(np.concatenate(rows)) == list(range(len(facts)))
    entities = [set(facts["entity"].iloc[r].astype(str)) for r in rows]
    assert not (entities[0] & entities[1] or entities[0] & entities[2] or entities[1] & entities[2])
    largest = int(facts["entity"].value_counts().max())
    sizes = [len(r) for r in rows]
    assert max(sizes) - min(sizes) <= largest
    assert all(np.all(np.diff(r) > 0) for r in rows)  # each keeps the corpus's order


def test_three_partitions_merge_into_the_single_run(corpus):
    project, plan = corpus
    d = project.dictionary
    single = NumpyBackend().run(plan, project.facts, d)
    merged = PartitionedBackend(3).run(plan, project.facts, d)
    pd.testing.assert_frame_equal(merged.table, single.table)
    pd.testing.assert_frame_equal(
        merged.fact_table.drop(columns="key"), single.fact_table.drop(columns="key")
    )
    pd.testing.assert_frame_equal(
        merged.links.drop(columns="key"), single.links.drop(columns="key")
    )
    pd.testing.assert_frame_equal(merged.check_documents, single.check_documents)
    assert merged.rules == single.rules
    _assert_same_key_order_within_each_entity(merged.fact_table, single.fact_table)


def _assert_same_key_order_within_each_entity(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Keys differ across partitions by an offset: unique, in the same order within an entity."""
    assert a["key"].nunique() == b["key"].nunique()
    pairs = pd.DataFrame({"entity": a["entity"].astype(str), "a": a["key"], "b": b["key"]})
    assert pairs.drop_duplicates(["a"]).shape == pairs.drop_duplicates(["a", "b"]).shape
    for _, group in pairs.drop_duplicates().groupby("entity"):
        assert group["a"].rank().tolist() == group["b"].rank().tolist()


def test_a_template_of_an_unaudited_grouping_is_refused_at_its_rulebook_line(corpus):
    _, plan = corpus
    share = next(t for t in plan.templates if t.grouping == "whole")
    crossing = replace(share, grouping="corpus")
    problems = entity_local(Plan((*plan.templates, crossing)))
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line) == (share.source.file, share.source.line)
    assert Path(p.file).suffix == ".yaml" and p.line
    assert str(p).startswith(f"{share.source.file}:{share.source.line}: relation {share.id}: ")
    assert "family agree grouping corpus is not known to stay within one entity" in p.message


@dataclass(frozen=True)
class _ElsewhereBinding(Binding):
    entity: str = "parent"  # a binding that would move to another entity


def test_an_operand_that_could_leave_the_entity_is_refused_and_the_run_stops(corpus):
    project, plan = corpus
    t = next(t for t in plan.templates if t.operands)
    b = t.operands[0]
    moved = replace(t, operands=(_ElsewhereBinding(name=b.name, label=b.label), *t.operands[1:]))
    problems = entity_local(Plan((moved,)))
    assert [p.message for p in problems] == [
        f"relation {t.id}: operand {b.name}: binding field `entity` may leave the entity: "
        "it cannot be checked entity by entity"
    ]
    with pytest.raises(InputError) as caught:
        PartitionedBackend(2).run(Plan((moved,)), project.facts, project.dictionary)
    assert caught.value.problems == problems


def test_what_is_sent_to_a_worker_pickles(corpus):
    project, plan = corpus
    assert pickle.loads(pickle.dumps(plan)) == plan
    d = pickle.loads(pickle.dumps(project.dictionary))
    assert d.concepts.keys() == project.dictionary.concepts.keys()
    facts = pickle.loads(pickle.dumps(project.facts))
    pd.testing.assert_frame_equal(facts, project.facts)
