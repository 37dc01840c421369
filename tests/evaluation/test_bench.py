"""The benchmark's corpus and report (a smoke run, not a timed test)."""

from pathlib import Path

import pytest

from attrib.evaluation.bench import build_corpus, run_bench, ud_documents
from tests.conftest import PACK, ROOT, need_models


def test_corpus_documents_are_real_text_and_unique(tmp_path: Path, ud_root):
    docs = ud_documents(ud_root / "UD_Greek-GDT/el_gdt-ud-dev.conllu")
    assert len(docs) > 5 and all(d.strip() for d in docs)
    build_corpus(30, tmp_path / "c", ROOT / "seeds", ud_root)
    texts = [p.read_text("utf-8") for p in (tmp_path / "c").glob("*.txt")]
    assert len(texts) == 30 == len(set(texts))
    build_corpus(30, tmp_path / "p", ROOT / "seeds", ud_root, "posts")
    posts = [p.read_text("utf-8") for p in (tmp_path / "p").glob("*.txt")]
    assert len(set(posts)) == 30 and all(20 < len(p) < 1500 for p in posts)
    assert any("η" in p for p in posts) and any(" the " in p for p in posts)  # languages alternate


def test_a_treebank_without_document_marks_is_cut_into_documents(tmp_path: Path, ud_root):
    from attrib.evaluation import bench

    lines = [f"# sent_id = {i}\n# text = Sentence number {i} is here.\n1\tSentence\t_\t_\t_\t_\t0\troot\t_\t_"
             for i in range(400)]
    (tmp_path / "x.conllu").write_text("\n\n".join(lines) + "\n\n", "utf-8")
    docs = bench.ud_documents(tmp_path / "x.conllu")
    assert len(docs) > 3 and all(len(d) >= bench.DOC_CHARS for d in docs[:-1])
    assert docs[0].split("\n\n")[0] == "Sentence number 0 is here. Sentence number 1 is here. Sentence number 2 is here."
    assert "".join(docs).count("Sentence number") == 400  # every sentence once, in order


def test_the_articles_corpus_has_hundreds_of_distinct_texts_mixing_languages(ud_root):
    from attrib.evaluation.bench import base_texts

    texts = base_texts(ROOT / "seeds", ud_root)
    assert len(set(texts)) == len(texts) > 500
    first = texts[5:14]  # after the seeds: one document of each treebank file in turn
    assert any("η" in t for t in first) and any(" a " in t for t in first) and any(" the " in t for t in first)


@pytest.mark.model
@pytest.mark.slow
def test_smoke_run_writes_the_report(tmp_path: Path, ud_root):
    need_models("el")
    result = run_bench(sizes=[2], out=tmp_path, seeds=ROOT / "seeds", ud=ud_root, models=str(PACK))
    assert [(r["corpus"], r["config"]) for r in result["rows"]] == [
        ("articles", "stanza 1×1"), ("articles", "stanza-chunks 1×1"), ("articles", "attrib 1×1"),
        ("articles", "attrib-model 1×1"), ("articles", "stanza 2×1"), ("articles", "attrib 2×1"),
        ("articles", "attrib-model 2×1"), ("articles", "attrib 1×2"), ("posts", "stanza 1×1"),
        ("posts", "stanza-chunks 1×1"), ("posts", "attrib 1×1"), ("posts", "attrib-model 1×1")]
    assert all(r["sentences"] > 0 and r["peak_mb"] > 50 for r in result["rows"])
    text = (tmp_path / "benchmarks.md").read_text("utf-8")
    assert "| articles | 2 | attrib 2×1 |" in text and "| posts | 2 | attrib 1×1 |" in text
    assert "the learned attribution annotates" in text and "attrib-model 1×1 peak memory per worker" in text


def _rows(n: int, stanza: float, one: float, two: float, peak: float) -> list[dict]:
    return [{"n": n, "corpus": "articles", "config": c, "chars": 1, "seconds": s, "sentences": 10, "documents": n, "peak_mb": peak}
            for c, s in (("stanza 1×1", stanza), ("attrib 1×1", one), ("attrib 2×1", two))]


def test_report_says_which_targets_are_met():
    from attrib.evaluation.bench_report import to_markdown

    streamed = [{**_rows(n, s, 0, 0, 800)[0], "config": "stanza-chunks 1×1"} for n, s in ((100, 10.0), (1000, 110.0))]
    result = {"machine": {"cpus": 2, "load_average": 0.1}, "date": "2026-11-22", "complete": True,
              "rows": _rows(100, 10.0, 10.5, 6.0, 800) + _rows(1000, 100.0, 120.0, 60.0, 1000) + streamed}
    text = to_markdown(result)
    whole = "to the time of bare stanza given the whole corpus in one call per language (target < 10%)"
    assert f"articles, N=100: attrib adds +5.0% {whole}: met" in text
    assert f"articles, N=1000: attrib adds +20.0% {whole}: not met" in text
    assert ("articles, N=1000: attrib adds +9.1% to the time of bare stanza given attrib's chunks, one call each, "
            "memory bounded as attrib's (target < 10%): met") in text
    assert "| articles | 1000 | attrib 1×1 | 120.0 | 8.33 | 0.1 | 1000 | +20.0% | +9.1% | 1.00× |" in text
    assert "articles, N=100: 2 workers × 1 thread give 1.75× 1 × 1 (target ≥ 1.7×): met" in text
    assert "articles, attrib 1×1: peak memory 800 MB at N=100, 1000 MB at N=1000 (+25%" in text and "Incomplete" not in text


def test_an_interrupted_report_says_so_and_leaves_gaps():
    from attrib.evaluation.bench_report import to_markdown

    rows = _rows(100, 10.0, 10.5, 6.0, 800)[:2]
    text = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "complete": False, "rows": rows})
    assert "Incomplete" in text and "2 workers" not in text and "| articles | 100 | attrib 1×1 |" in text


def test_repeats_are_summarised_by_their_median_and_the_ceiling_is_shown():
    from attrib.evaluation.bench_report import to_markdown

    rows = _rows(100, 10.0, 10.5, 6.0, 800) + _rows(100, 12.0, 13.0, 7.0, 900) + _rows(100, 11.0, 11.0, 9.0, 700)
    rows += [{**rows[0], "config": "stanza 2×1", "seconds": 5.5}]
    text = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    assert "| articles | 100 | attrib 1×1 | 11.0 (10.5–13.0) |" in text and "measured 1–3 times" in text
    assert "| 900 |" in text  # the highest peak of the repeats
    assert "2 workers × 1 thread give 1.57× 1 × 1 (target ≥ 1.7×): not met; bare stanza in two processes: 2.00×" in text
    assert "| articles | 100 | stanza 2×1 | 5.5 | 18.18 | 1.8 | 800 | +0.0% | – |" in text


def test_time_outside_stanza_is_reported_from_the_run_itself():
    from attrib.evaluation.bench_report import to_markdown

    rows = _rows(100, 10.0, 11.0, 6.0, 800)
    rows[1]["in_stanza"] = 10.45
    text = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    assert "within the attrib 1×1 run itself, 5.0% of its CPU time is spent outside stanza" in text
    assert "spent outside stanza (reading, rules, writing; +5.3% over its stanza calls)" in text


BUSY = """import json, os, signal, sys, time
os.kill(os.getpid(), signal.SIGSTOP)
start = time.process_time()
while time.process_time() - start < float(sys.argv[1]):
    pass
print(json.dumps({"cpu": time.process_time() - start}))
"""


def test_configurations_take_turns_and_are_timed_by_their_turns(tmp_path: Path, monkeypatch):
    import sys

    from attrib.evaluation import bench

    monkeypatch.setattr(bench, "TURN", 0.2)
    procs = [bench._start([sys.executable, "-c", BUSY, str(cpu)], tmp_path / str(i), 1)
             for i, cpu in enumerate((0.3, 0.9))]
    try:
        ended = list(bench._take_turns(procs))
    finally:
        for proc in procs:
            bench._end(proc)
    assert [i for i, _ in ended] == [0, 1]  # the short one ends first although both started together
    for (_, figures), cpu in zip(ended, (0.3, 0.9)):
        assert figures["cpu"] >= cpu and cpu <= figures["seconds"] < cpu + 0.6  # waiting turns is not counted


def test_a_failing_configuration_says_why(tmp_path: Path):
    import sys

    from attrib.evaluation import bench

    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        bench._start([sys.executable, "-c", "1/0"], tmp_path / "x", 1)


def test_the_report_says_how_the_configurations_shared_the_machine():
    from attrib.evaluation.bench_report import to_markdown

    rows = _rows(100, 10.0, 10.5, 6.0, 800)
    older = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    taking_turns = to_markdown({"machine": {"cpus": 2, "load_average": 0.1, "turn": 5.0}, "date": "d", "rows": rows})
    assert "ran one after another" in older and "take turns" not in older
    assert "take turns on the machine, 5 seconds each" in taking_turns


def test_append_adds_repeats_of_the_same_code_and_refuses_other_code(tmp_path: Path, monkeypatch):
    from attrib.evaluation import bench

    def measure(configs, corpus, models):
        for i in range(len(configs)):
            yield i, {"seconds": 10.0 + i, "sentences": 5, "documents": 2, "peak_mb": 500.0, "cpu": 1.0,
                      "in_stanza": None}

    monkeypatch.setattr(bench, "build_corpus", lambda *a: 100)
    monkeypatch.setattr(bench, "measure_together", measure)
    monkeypatch.setattr(bench, "_machine", lambda: {"cpus": 2, "load_average": 0.1, "commit": "abc"})
    args = {"out": tmp_path, "seeds": tmp_path, "ud": tmp_path}
    bench.run_bench(sizes=[1000, 100], repeat=2, **args)
    result = bench.run_bench(sizes=[100], append=True, **args)
    turns = {(r["n"], r["corpus"], r["config"]): [] for r in result["rows"]}
    for row in result["rows"]:
        turns[(row["n"], row["corpus"], row["config"])].append(row["turn"])
    assert turns[(100, "articles", "attrib 1×1")] == [0, 1, 2] and turns[(1000, "posts", "stanza 1×1")] == [0, 1]
    assert [r["n"] for r in result["rows"]] == sorted(r["n"] for r in result["rows"])
    assert "measured 2–3 times" in (tmp_path / "benchmarks.md").read_text("utf-8")
    monkeypatch.setattr(bench, "_machine", lambda: {"cpus": 2, "load_average": 0.1, "commit": "def"})
    with pytest.raises(RuntimeError, match="measured attrib at abc, this is def"):
        bench.run_bench(sizes=[100], append=True, **args)
