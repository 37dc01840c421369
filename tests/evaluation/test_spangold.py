"""Span gold: an annotator's file is checked word by word against the text, converted into
offsets only, and read back as chains of names."""

import json

import pytest
import yaml

from attrib.evaluation.agreement import agreement, kappa
from attrib.evaluation.pool import plan_splits, second_sample, split_of
from attrib.evaluation.spangold import check_raw, convert_doc, doc_labels, doc_sentences, main, read_span_gold

TEXT = ("Minister says no\n\nThe minister Nikos Papas said that taxes will rise. "
        "\"We have no choice,\" he added. The weather was fine.\n")


@pytest.fixture
def pool(tmp_path):
    (tmp_path / "el").mkdir()
    (tmp_path / "el" / "doc-1.txt").write_text(TEXT, "utf-8")
    starts = [0, TEXT.index("The minister"), TEXT.index("\"We"), TEXT.index("The weather")]
    ends = [16, TEXT.index(" \"We"), TEXT.index(" The weather"), len(TEXT) - 1]
    import hashlib
    plan = {"doc-1": {"lang": "el", "sha1": hashlib.sha1(TEXT.encode()).hexdigest(), "split": "dev",
                      "sentences": [[a, b, 0, "paragraph"] for a, b in zip(starts, ends)]}}
    return tmp_path, plan


RAW = {"annotator": "t", "documents": [{"doc": "doc-1", "attributed": [
    {"s": 0, "quote": "indirect", "chain": [{"name": "Papas", "at": 1, "cue": "says"}]},
    {"s": 1, "quote": "indirect", "chain": [{"name": "Papas", "cue": "said"}]},
    {"s": 2, "quote": "direct", "chain": [{"name": "Papas", "at": 1, "mention": "he", "cue": "added"}]}]}]}


def test_a_correct_file_has_no_problems(pool):
    folder, plan = pool
    assert check_raw(RAW, plan, folder, expected=["doc-1"]) == []


def test_words_not_in_their_sentence_are_reported_with_what_to_fix(pool):
    folder, plan = pool
    raw = {"documents": [{"doc": "doc-1", "attributed": [
        {"s": 1, "quote": "indirect", "chain": [{"name": "Papa", "cue": "says"}]},
        {"s": 2, "quote": "quoted", "chain": [{"name": "Papas"}]},
        {"s": 9, "quote": "direct", "chain": [{"who": "nobody"}]}]}]}
    problems = check_raw(raw, plan, folder, expected=["doc-1", "doc-2"])
    assert any("cue 'says' is not in sentence s1" in p for p in problems)
    assert any("quote must be one of" in p for p in problems)
    assert any("name 'Papas' is not in sentence s2; copy it exactly or set at:" in p for p in problems)
    assert any("s: 9 is not a sentence number" in p for p in problems)
    assert any("doc-2: missing" in p for p in problems)
    assert not any("Papa'" in p and "s1" in p and "name" in p for p in problems)  # "Papa" is inside "Papas"


def test_committed_gold_holds_offsets_only_and_reads_back_as_names(pool, tmp_path):
    folder, plan = pool
    committed = convert_doc(RAW["documents"][0], {**plan["doc-1"]}, folder, "t")
    dumped = yaml.safe_dump(committed, allow_unicode=True)
    assert "Papas" not in dumped and "minister" not in dumped
    committed["pool"] = "el/doc-1.txt"
    assert doc_labels(committed, folder) == [("Papas",), ("Papas",), ("Papas",), None]
    third = doc_sentences(committed)[2]
    assert TEXT[slice(*third.chain[0].mention)] == "he" and third.quote == "direct"


def test_convert_command_writes_split_files_and_refuses_a_bad_file(pool, tmp_path, capsys):
    folder, plan = pool
    (tmp_path / "plan.json").write_text(json.dumps(plan), "utf-8")
    (tmp_path / "raw.yaml").write_text(yaml.safe_dump(RAW), "utf-8")
    out = tmp_path / "gold"
    args = ["--plan", str(tmp_path / "plan.json"), "--pool", str(folder)]
    assert main(["convert", str(tmp_path / "raw.yaml"), "--out", str(out), *args]) == 0
    assert [d["doc_id"] for d in read_span_gold(out / "dev-el.yaml")] == ["doc-1"]
    bad = {"documents": [{"doc": "doc-1", "attributed": [{"s": 1, "quote": "direct", "chain": [{"name": "Zorba"}]}]}]}
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(bad), "utf-8")
    assert main(["convert", str(tmp_path / "bad.yaml"), "--out", str(tmp_path / "other"), *args]) == 1
    assert not (tmp_path / "other").exists()


def test_splits_are_fixed_by_document_and_fill_their_shares():
    counts = {f"d{i}": 10 + i % 7 for i in range(200)}
    plan = plan_splits(counts, None)
    assert plan == plan_splits(dict(reversed(list(counts.items()))), None)  # order of input is irrelevant
    sizes = {s: sum(counts[d] for d, v in plan.items() if v == s) for s in ("train", "dev", "test")}
    total = sum(counts.values())
    assert abs(sizes["test"] / total - 0.30) < 0.02 and abs(sizes["dev"] / total - 0.15) < 0.02
    chosen = plan_splits(counts, 500)
    assert 500 <= sum(counts[d] for d in chosen) < 520
    assert len(second_sample(list(counts))) == 20
    assert split_of("d1", {"a": 0.5, "b": 0.5}) == split_of("d1", {"a": 0.5, "b": 0.5})


def test_kappa_counts_chance_and_chains():
    first = [None, ("Reuters", "officials"), ("Papas",), None, ("police",)]
    same = agreement(first, list(first))
    assert same["attributed"]["kappa"] == 1.0 and same["exact"]["kappa"] == 1.0
    second = [None, ("Reuters",), ("Papas",), ("Orbán",), ("police",)]
    result = agreement(first, second)
    assert result["chain"]["observed"] == 0.8  # [Reuters] is found in [Reuters, officials]: chain agrees
    assert result["exact"]["observed"] == 0.6
    assert kappa("attributed", [None, ("a",)], [("a",), None])["kappa"] < 0
