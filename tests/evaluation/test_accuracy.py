"""`attrib eval` in one call: scores, agreement and the report."""

from attrib.evaluation.accuracy import evaluate_to_report
from tests.conftest import ROOT

GOLD = ROOT / "data" / "gold" / "ud-news.yaml"


def test_the_rules_are_scored_and_reported_with_a_second_annotations_agreement(ud_root, tmp_path):
    second = tmp_path / "second.yaml"
    second.write_text(GOLD.read_text("utf-8"), "utf-8")  # the same chains: perfect agreement
    results, path = evaluate_to_report(gold_files=[GOLD], out=tmp_path / "rep", ud=ud_root, parses=("gold",),
                                       held_out="none", second=second)
    assert path == tmp_path / "rep" / "accuracy.md" and (tmp_path / "rep" / "accuracy.json").exists()
    assert list(results) == ["ud-news (treebank parses)"]
    text = path.read_text("utf-8")
    assert "agreement" in text.lower() and "kappa" in text.lower()
