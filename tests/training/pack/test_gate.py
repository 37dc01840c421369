"""The installation gate's checks: pure comparisons of measured figures."""

from pathlib import Path

from attrib.training.pack import gate
from attrib.training.pack.recipe import Gate

ATTR = {"gold_attributed": 40, "f1": 0.90, "chain_accuracy": 0.70, "exact_chain_accuracy": 0.65}


def test_treebank_check_compares_like_with_like():
    assert gate.treebank_verdict(75.0, None, "LAS").passed
    worse = gate.treebank_verdict(74.0, 74.0, "LAS")
    assert not worse.passed and worse.failed == "treebank" and "74.00 against installed 74.00" in worse.detail
    assert gate.treebank_verdict(74.5, 74.0, "LAS").passed


def test_a_parser_must_gain_the_recipe_s_minimum():
    small = gate.treebank_verdict(75.5, 74.0, "LAS", min_gain=2.0)
    assert not small.passed and "a gain of 2.0 is needed" in small.detail
    assert gate.treebank_verdict(76.0, 74.0, "LAS", min_gain=2.0).passed


def _outcomes(right: int, n: int = 200) -> list[int]:
    return [1] * right + [0] * (n - right)


def _changed(lost: int, gained: int) -> list[int]:
    """The 150-of-200 outcomes with ``lost`` right sentences now wrong and ``gained`` wrong ones now right."""
    return [0] * lost + [1] * (150 - lost) + [1] * gained + [0] * (50 - gained)


def test_one_sentence_lost_is_noise_not_a_fall():
    installed = (ATTR, _outcomes(150))
    one_less = ({**ATTR, "chain_accuracy": 0.69}, _outcomes(149))
    verdict = gate.attribution_verdict(Gate(), installed, one_less)
    assert verdict.passed and "right 150 -> 149" in verdict.detail
    assert verdict.figures["p_installed_no_better"] >= 0.05


def test_a_fall_beyond_noise_turns_the_model_down():
    verdict = gate.attribution_verdict(Gate(), (ATTR, _outcomes(150)), ({**ATTR, "f1": 0.8}, _outcomes(120)))
    assert not verdict.passed and verdict.failed == "attribution" and "a fall beyond noise" in verdict.detail
    assert "f1 0.900 -> 0.800" in verdict.detail


def test_alpha_comes_from_the_recipe():
    installed, fewer = (ATTR, _outcomes(150)), (ATTR, _changed(lost=12, gained=4))  # 142 right, p about .03
    assert not gate.attribution_verdict(Gate(alpha=0.05), installed, fewer).passed
    assert gate.attribution_verdict(Gate(alpha=0.01), installed, fewer).passed
    churn = (ATTR, _changed(lost=20, gained=12))  # also 142 right, but with more churn: p about .08
    assert gate.attribution_verdict(Gate(alpha=0.05), installed, churn).passed


def test_no_gold_in_the_language_passes_and_says_so():
    verdict = gate.attribution_verdict(Gate(), ({}, []), ({}, []))
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
