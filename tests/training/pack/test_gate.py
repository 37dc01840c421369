"""The installation gate's checks: pure comparisons of measured figures."""

from pathlib import Path

from attrib.training.pack import gate
from attrib.training.pack.recipe import Gate

ATTR = {"gold_attributed": 40, "f1": 0.90, "chain_accuracy": 0.70, "exact_chain_accuracy": 0.65}


def test_treebank_check_compares_like_with_like():
    assert gate.treebank_verdict(75.0, None, "LAS").passed
    worse = gate.treebank_verdict(74.0, 74.0, "LAS")
    assert not worse.passed and worse.failed == "treebank" and "74.00 <= installed 74.00" in worse.detail
    assert gate.treebank_verdict(74.5, 74.0, "LAS").passed


def test_attribution_may_not_fall_on_any_metric():
    better_f1_worse_chain = {**ATTR, "f1": 0.95, "chain_accuracy": 0.675}
    verdict = gate.attribution_verdict(Gate(), ATTR, better_f1_worse_chain)
    assert not verdict.passed and verdict.failed == "attribution"
    assert "chain_accuracy 0.700 -> 0.675" in verdict.detail and "(chain_accuracy fall)" in verdict.detail
    assert gate.attribution_verdict(Gate(), ATTR, dict(ATTR)).passed  # equal is not a fall


def test_tolerance_and_metrics_come_from_the_recipe():
    slightly_worse = {**ATTR, "exact_chain_accuracy": 0.645}
    assert not gate.attribution_verdict(Gate(), ATTR, slightly_worse).passed
    assert gate.attribution_verdict(Gate(tolerance=0.01), ATTR, slightly_worse).passed
    assert gate.attribution_verdict(Gate(metrics=("f1",)), ATTR, slightly_worse).passed


def test_no_gold_in_the_language_passes_and_says_so():
    verdict = gate.attribution_verdict(Gate(), {}, {})
    assert verdict.passed and "not checked" in verdict.detail


def test_candidate_pack_never_writes_through_to_the_pack(tmp_path: Path):
    pack = tmp_path / "pack"
    (pack / "hu" / "pos").mkdir(parents=True)
    (pack / "hu" / "pos" / "szeged.pt").write_bytes(b"installed")
    (pack / "manifest.json").write_text("{}")
    cand = gate.candidate_pack(pack, tmp_path / "cand")
    new = cand / "hu" / "pos" / "szeged.pt.tmp"
    new.write_bytes(b"candidate")
    new.replace(cand / "hu" / "pos" / "szeged.pt")  # as install() does
    assert (pack / "hu" / "pos" / "szeged.pt").read_bytes() == b"installed"
    assert (cand / "manifest.json").is_file()
    assert gate.candidate_pack(pack, tmp_path / "cand") == cand  # a second call starts afresh
    assert (cand / "hu" / "pos" / "szeged.pt").read_bytes() == b"installed"
