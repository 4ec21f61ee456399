"""On a small generated corpus with one typo per entity, the typo'd figure is among the reported
alternatives and its true literal among the proposals (the floors are below what
`python benchmarks/typos.py` measures at a few thousand typos)."""

from benchmarks.typos import generate_typos, measure


def test_typos_are_located_and_corrected(tmp_path):
    typos = generate_typos(tmp_path / "corpus", entities=14, years=2, seed=5)
    m = measure(tmp_path / "corpus" / "data", typos)
    assert m["identifiable"] >= 10
    assert m["named"] >= 0.95 * m["identifiable"]
    assert m["proposed"] >= 0.7 * m["identifiable"]
