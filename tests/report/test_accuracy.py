"""The accuracy to expect, per language: read from an evaluation, shipped with the package, shown in reports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from attrib.errors import AttribError
from attrib.report.accuracy import (
    SHIPPED,
    accuracy_markdown,
    expected_accuracy,
    load_shipped,
    main,
    write_shipped,
)
from tests.conftest import ROOT


def _scores(f1: float, chain: float, exact: float, n: int = 400) -> dict:
    return {"sentences": n, "gold_attributed": n // 3, "precision": 0.9, "recall": 0.8, "f1": f1,
            "chain_accuracy": chain, "exact_chain_accuracy": exact}


def _result(name: str, lang: str, attribution: str, parses: str = "models", f1: float = 0.8) -> dict:
    scores = _scores(f1, 0.6, 0.55)
    return {"set": name, "parses": parses, "attribution": attribution, "description": "hand-made",
            "overall": scores, "by_lang": {lang: scores}, "n_errors": 3}


RESULTS = {
    "pool-test-el [default]": _result("pool-test-el", "el", "default", f1=0.861),
    "pool-test-el [rules]": _result("pool-test-el", "el", "rules", f1=0.7),
    "pool-test-el (treebank parses)": _result("pool-test-el", "el", "rules", parses="treebank", f1=0.9),
    "pool-test-hu [default]": _result("pool-test-hu", "hu", "default", f1=0.812),
    "pool-dev-en [default]": _result("pool-dev-en", "en", "default", f1=0.95),
    "news-test": {**_result("news-test", "en", "rules"), "attribution": None},
}


def test_only_the_held_out_pool_sets_with_the_default_attribution_count():
    figures = expected_accuracy(RESULTS)
    assert list(figures) == ["el", "hu"]
    assert figures["el"] == {"set": "pool-test-el", "sentences": 400, "gold_attributed": 133, "f1": 0.861,
                             "chain_accuracy": 0.6, "exact_chain_accuracy": 0.55}


def test_shipped_file_round_trip(tmp_path: Path):
    source = tmp_path / "accuracy.json"
    source.write_text(json.dumps(RESULTS), "utf-8")
    written = write_shipped(source, tmp_path / "accuracy.yaml")
    assert load_shipped(tmp_path / "accuracy.yaml") == written and written["hu"]["f1"] == 0.812
    assert load_shipped(tmp_path / "missing.yaml") == {}


def test_a_file_that_is_no_evaluation_is_refused(tmp_path: Path, capsys):
    bad = tmp_path / "accuracy.json"
    bad.write_text('{"pool-test-el": {"set": "pool-test-el", "attribution": "default"}}', "utf-8")
    with pytest.raises(AttribError, match="run the evaluation first"):
        write_shipped(bad, tmp_path / "out.yaml")
    assert main([str(tmp_path / "nothing.json")]) == 2 and "attrib: error:" in capsys.readouterr().err
    assert not (tmp_path / "out.yaml").exists()


def test_shipped_figures_agree_with_the_checkouts_evaluation():
    report = ROOT / "reports" / "accuracy.json"
    if not report.is_file():
        pytest.skip(f"{report} not found: the figures can only be compared in a checkout")
    assert load_shipped(SHIPPED) == expected_accuracy(json.loads(report.read_text("utf-8"))), (
        "run `python -m attrib.report.accuracy reports/accuracy.json` after the evaluation")


def test_section_names_each_language_of_the_corpus_and_how_to_check():
    figures = expected_accuracy(RESULTS)
    sentences = pd.DataFrame({"lang": ["hu"] * 1500 + ["el"] * 3 + ["de"] * 2})
    text = accuracy_markdown(figures, sentences, "data/annotations")
    assert "| hu | 1,500 | 400 (pool-test-hu) | 0.81 | 0.60 | 0.55 |" in text
    assert "| el | 3 | 400 (pool-test-el) | 0.86 | 0.60 | 0.55 |" in text
    assert "| de | 2 |  | no held-out gold: check on a sample |" in text
    assert text.index("| hu |") < text.index("| el |") < text.index("| de |")  # most sentences first
    assert "attrib sample data/annotations --n 200 --out coding.csv" in text and "attrib eval coding.csv" in text
    assert "not recorded" in accuracy_markdown({}, sentences, "data/annotations")
