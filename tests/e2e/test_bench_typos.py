"""`make bench` ends with the error-localisation figures of a typo corpus (benchmarks/typos.py),
and skips them when asked to."""

from benchmarks.bench import localisation


def test_the_benchmark_prints_suspect_and_proposal_accuracy_and_time_per_group(tmp_path, capsys):
    localisation(8, tmp_path)
    out = capsys.readouterr().out
    assert "python benchmarks/typos.py --entities 8" in out
    for part in ("named among the alternatives", "named alone", "proposal accuracy", "per group"):
        assert part in out, part


def test_zero_entities_skips_it(tmp_path, capsys):
    localisation(0, tmp_path)
    assert capsys.readouterr().out == ""
