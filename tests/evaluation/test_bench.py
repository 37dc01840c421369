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


def test_a_configuration_far_slower_than_the_fastest_is_stopped(tmp_path: Path, monkeypatch):
    import sys

    from attrib.evaluation import bench

    monkeypatch.setattr(bench, "TURN", 0.2)
    procs = [bench._start([sys.executable, "-c", BUSY, str(cpu)], tmp_path / str(i), 1)
             for i, cpu in enumerate((0.3, 60.0))]
    try:
        ended = dict(bench._take_turns(procs, cap=3.0))
    finally:
        for proc in procs:
            bench._end(proc)
    assert not ended[0].get("stopped") and ended[1]["stopped"] and ended[1]["sentences"] is None
    assert 3 * ended[0]["seconds"] < ended[1]["seconds"] < 3 * ended[0]["seconds"] + 0.5
    assert procs[1].poll() is not None  # killed, not left stopped


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

    def measure(configs, corpus, models, cap=None):
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


# --- the baseline (--baseline REV) and the loaded machine (--loaded) ---


def _git(repo: Path, *args: str) -> str:
    import subprocess

    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def _repo(tmp_path: Path, versions: dict[str, str]) -> tuple[Path, list[str]]:
    """A git repository whose commits hold, in turn, each version of attrib/annotator.py."""
    repo = tmp_path / "repo"
    (repo / "attrib").mkdir(parents=True)
    _git(repo, "init", "-q")
    commits = []
    for message, text in versions.items():
        (repo / "attrib" / "__init__.py").write_text("", "utf-8")
        (repo / "attrib" / "annotator.py").write_text(text, "utf-8")
        _git(repo, "add", "-A")
        _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message)
        commits.append(_git(repo, "rev-parse", "--short", "HEAD"))
    return repo, commits


def test_the_baseline_is_a_worktree_of_the_commit_removed_afterwards_also_on_error(tmp_path: Path):
    from attrib.evaluation.bench_baseline import baseline_tree

    repo, (old, new) = _repo(tmp_path, {"old": "VERSION = 1\n", "new": "VERSION = 2\n"})
    with baseline_tree("HEAD~1", repo) as tree:
        assert tree.commit == old and tree.folder.is_dir()
        assert (tree.folder / "attrib" / "annotator.py").read_text("utf-8") == "VERSION = 1\n"
        assert str(tree.folder) in _git(repo, "worktree", "list")
    assert not tree.folder.exists() and not tree.folder.parent.exists()
    assert str(tree.folder) not in _git(repo, "worktree", "list")
    with pytest.raises(ZeroDivisionError), baseline_tree(new, repo) as tree:
        1 / 0
    assert not tree.folder.exists() and len(_git(repo, "worktree", "list").splitlines()) == 1
    assert (repo / "attrib" / "annotator.py").read_text("utf-8") == "VERSION = 2\n"  # the checkout untouched


def test_a_bad_baseline_is_a_usage_error_before_anything_runs(tmp_path: Path, monkeypatch):
    from attrib.cli import main
    from attrib.errors import UsageError
    from attrib.evaluation import bench
    from attrib.evaluation.bench_baseline import resolve_commit

    repo, _ = _repo(tmp_path, {"only": "VERSION = 1\n"})
    for rev in ("no-such-branch", "--all", "HEAD~5"):
        with pytest.raises(UsageError, match="--baseline"):
            resolve_commit(rev, repo)
    with pytest.raises(UsageError, match="no git checkout|is none"):
        resolve_commit("HEAD", tmp_path)
    monkeypatch.setattr(bench, "measure_together", lambda *a, **k: pytest.fail("measured despite a bad baseline"))
    assert main(["bench", "--sizes", "2", "--out", str(tmp_path / "out"), "--baseline", "no-such-rev-26"]) == 2
    assert not (tmp_path / "out").exists()


def _captured_starts(monkeypatch, tmp_path: Path) -> list[dict]:
    """Make the bench's processes start as records instead (and take no turns)."""
    from attrib.evaluation import bench

    class Ended:
        def poll(self):
            return 0

    starts = []
    monkeypatch.setattr(bench, "_start", lambda cmd, folder, threads, env=None, cwd=None: starts.append(
        {"cmd": cmd, "threads": threads, "env": env, "cwd": cwd}) or Ended())
    monkeypatch.setattr(bench, "_take_turns", lambda procs, cap=None: iter(()))
    return starts


def test_baseline_processes_run_the_old_code_with_its_pack_and_the_current_encoder(tmp_path: Path, monkeypatch):
    from attrib.evaluation import bench
    from attrib.evaluation.bench_baseline import Baseline
    from attrib.parsing.encoder.convert import encoder_dir

    starts = _captured_starts(monkeypatch, tmp_path)
    old = Baseline("1025e41", tmp_path / "wt")
    list(bench.measure_together((("attrib", 1, 1, None), ("attrib-model", 2, 1, old), ("attrib", 1, 0)),
                                tmp_path / "corpus", "my-pack"))
    current, baseline, default = starts
    assert current["env"] is None and current["cwd"] is None and current["cmd"][-3:] == ["1", "1", "my-pack"]
    assert baseline["cwd"] == old.folder  # so the '' on a -c script's sys.path is the old code too
    assert baseline["cmd"][3] == "attrib-model" and baseline["cmd"][-3:] == ["2", "1", ""]  # its own pack, not --models
    assert baseline["env"]["PYTHONPATH"] == str(old.folder)
    assert baseline["env"]["ATTRIB_MODELS"] == str(old.folder / "data" / "models")
    assert baseline["env"]["ATTRIB_ENCODER"] == str(encoder_dir().resolve())
    assert default["cmd"][-3:] == ["1", "0", "my-pack"] and default["threads"] == 0


def test_threads_zero_leaves_the_default_and_others_set_openmp(monkeypatch):
    from attrib.evaluation import bench

    monkeypatch.setenv("OMP_NUM_THREADS", "7")
    assert "OMP_NUM_THREADS" not in bench._environment(0, None)
    assert bench._environment(2, {"PYTHONPATH": "/x"})["OMP_NUM_THREADS"] == "2"
    assert bench._environment(2, {"PYTHONPATH": "/x"})["PYTHONPATH"] == "/x"
    assert "if threads:\n    torch.set_num_threads(threads)" in bench.WORKER
    assert "int(threads) or None" in bench.WORKER  # 0 reaches annotate_corpus as None: its own default


FAKE_OLD_ANNOTATOR = '''import json, os
def annotate_corpus(*, inputs, out, models, progress, workers, threads, attribution):
    import torch
    import attrib
    probe = {"threads": threads, "models": models, "torch_threads": torch.get_num_threads(), "cwd": os.getcwd(),
             "attrib": attrib.__file__, "omp": os.environ.get("OMP_NUM_THREADS"),
             **{k: os.environ.get(k) for k in ("PYTHONPATH", "ATTRIB_MODELS", "ATTRIB_ENCODER")}}
    with open(os.path.join(os.environ["BENCH_PROBE"], f"{attribution}-{threads}.json"), "w") as f:
        json.dump(probe, f)
    return {"sentences": 3, "added": 2, "failed": 0}
'''


def test_the_worker_runs_on_the_old_module_names_of_a_baseline(tmp_path: Path, monkeypatch):
    import json

    from attrib.evaluation import bench
    from attrib.evaluation.bench_baseline import baseline_tree

    repo, (old,) = _repo(tmp_path, {"old": FAKE_OLD_ANNOTATOR})
    (tmp_path / "probe").mkdir()
    monkeypatch.setenv("BENCH_PROBE", str(tmp_path / "probe"))
    monkeypatch.setattr(bench, "TURN", 0.5)
    with baseline_tree(old, repo) as tree:
        (tree.folder / "attrib" / "nlp.py").write_text("TIMING = {'cpu': 1.5}\n", "utf-8")
        ended = dict(bench.measure_together((("attrib", 1, 1, tree), ("attrib-model", 1, 0, tree)),
                                            tmp_path / "corpus", "current-pack"))
        one, default = (json.loads((tmp_path / "probe" / name).read_text()) for name in ("rules-1.json", "model-None.json"))
    assert ended[0]["sentences"] == 3 and ended[0]["documents"] == 2 and ended[0]["in_stanza"] == 1.5
    assert ended[1]["in_stanza"] is None  # the default threads: no share outside stanza claimed
    assert one["attrib"] == str(tree.folder / "attrib" / "__init__.py") and one["cwd"] == str(tree.folder)
    assert one["models"] is None and one["ATTRIB_MODELS"] == str(tree.folder / "data" / "models")
    assert one["torch_threads"] == 1 and one["omp"] == "1"
    assert default["threads"] is None and default["omp"] is None


def test_the_competitor_holds_a_core_and_is_killed_after_also_on_error():
    import os
    import time

    from attrib.evaluation.bench_baseline import competitor

    with competitor() as proc:
        time.sleep(0.3)
        assert proc.poll() is None and os.getpgid(proc.pid) == proc.pid  # its own process group
        with open(f"/proc/{proc.pid}/stat") as f:
            assert int(f.read().rsplit(")", 1)[1].split()[11]) > 0  # user CPU ticks: it is busy
    assert proc.poll() is not None
    with pytest.raises(KeyError), competitor() as proc:
        raise KeyError("interrupted")
    assert proc.poll() is not None
    with competitor(False) as none:
        assert none is None


def test_a_run_with_a_baseline_and_load_labels_its_rows(tmp_path: Path, monkeypatch):
    from contextlib import contextmanager

    from attrib.evaluation import bench
    from attrib.evaluation.bench_baseline import Baseline, competitor

    seen = []

    @contextmanager
    def tree(commit):
        yield Baseline(commit, tmp_path / "wt")

    @contextmanager
    def watched(busy):
        with competitor(busy) as proc:
            seen.append(proc)
            yield proc

    def measure(configs, corpus, models, cap=None):
        busy = seen[-1]
        assert (busy is not None and busy.poll() is None) == any(c[2] == 0 for c in configs)
        for i, config in enumerate(configs):
            yield i, {"seconds": 10.0 + i, "sentences": 5, "documents": 2, "peak_mb": 500.0, "cpu": 1.0,
                      "in_stanza": None}

    monkeypatch.setattr(bench, "build_corpus", lambda *a: 100)
    monkeypatch.setattr(bench, "measure_together", measure)
    monkeypatch.setattr(bench, "resolve_commit", lambda rev: rev[:7])
    monkeypatch.setattr(bench, "baseline_tree", tree)
    monkeypatch.setattr(bench, "competitor", watched)
    monkeypatch.setattr(bench, "_machine", lambda: {"cpus": 2, "load_average": 0.1, "commit": "abc"})
    result = bench.run_bench(sizes=[100], out=tmp_path, seeds=tmp_path, ud=tmp_path, baseline="1025e41abcdef",
                             loaded=True)
    assert all(proc is None or proc.poll() is not None for proc in seen) and sum(p is not None for p in seen) == 1
    names = [(r["corpus"], r["config"], r.get("code"), r.get("load")) for r in result["rows"]]
    assert names[2:4] == [("articles", "attrib 1×1", None, None), ("articles", "attrib 1×1", "1025e41", None)]
    assert ("articles", "stanza 1×1", "1025e41", None) not in names
    assert names[-4:] == [("articles", "attrib 1×default", None, "busy"), ("articles", "attrib 1×default", "1025e41", "busy"),
                          ("articles", "attrib 1×1", None, "busy"), ("articles", "attrib 1×1", "1025e41", "busy")]
    assert result["machine"]["baseline"] == "1025e41" and "## Under load" in (tmp_path / "benchmarks.md").read_text()
    with pytest.raises(RuntimeError, match="baseline 1025e41, this run against 1111111"):
        bench.run_bench(sizes=[100], out=tmp_path, seeds=tmp_path, ud=tmp_path, baseline="1111111", append=True)


def _measured(config: str, seconds: float, sentences: int = 100, **more) -> dict:
    return {"n": 100, "corpus": "articles", "config": config, "chars": 1, "seconds": seconds, "sentences": sentences,
            "documents": 100, "peak_mb": 900.0, **more}


def test_the_report_sets_the_baseline_side_by_side_and_checks_twice_per_core():
    from attrib.evaluation.bench_report import to_markdown

    rows = [_measured("stanza 1×1", 9.0), _measured("attrib 1×1", 10.0), _measured("attrib 1×1", 25.0, code="1025e41"),
            _measured("attrib-model 1×1", 20.0, 120), _measured("attrib-model 1×1", 40.0, 160, code="1025e41")]
    machine = {"cpus": 2, "load_average": 0.1, "commit": "e3ade1b", "baseline": "1025e41", "attrib": "0.1.0"}
    text = to_markdown({"machine": machine, "date": "d", "rows": rows})
    assert "(attrib 0.1.0 at e3ade1b, against the baseline at 1025e41 side by side)" in text
    assert "| articles | 100 | attrib 1×1 | 10.0 | 10.00 | 10.0 | 900 | +11.1% | – | 1.00× | 2.50× |" in text
    assert "| articles | 100 | attrib 1×1 (1025e41) | 25.0 | 4.00 | 4.0 | 900 | – | – | 1.00× | – |" in text
    assert "| articles | 100 | attrib-model 1×1 | 20.0 | 5.00 | 6.0 | 900 | +122.2% | – | 1.00× | 1.50× |" in text
    assert ("articles, N=100: attrib 1×1 annotates 2.50× the sentences per second per core of the baseline at "
            "1025e41 (10.0 against 4.0; target ≥ 2×): met") in text
    assert "attrib-model 1×1 annotates 1.50× the sentences per second per core" in text and "4.0; target ≥ 2×): not met" in text
    assert "`vs baseline`" in text and "Under load" not in text
    assert "vs baseline" not in to_markdown({"machine": machine, "date": "d", "rows": rows[:2]})


def test_the_report_shows_the_loaded_machine_per_code():
    from attrib.evaluation.bench_report import to_markdown

    busy = {"load": "busy"}
    rows = [_measured("attrib 1×1", 10.0), _measured("attrib 1×default", 11.5, **busy),
            _measured("attrib 1×default", 30.0, code="1025e41", **busy), _measured("attrib 1×1", 10.0, **busy),
            _measured("attrib 1×1", 12.0, code="1025e41", **busy)]
    text = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    section = text.split("## Under load")[1].split("## Targets")[0]
    assert "| articles | 100 | attrib 1×default (1025e41) | 30.0 | 3.33 | 3.3 | 900 |" in section
    assert ("articles, N=100, current code: under load, default threads take 1.15× the time of `--threads 1` "
            "(target ≤ 1.3×): met") in section
    assert "articles, N=100, baseline at 1025e41: under load, default threads take 2.50× the time" in section
    targets = text.split("## Targets")[1]
    assert "current code: under load, default threads take 1.15×" in targets and "baseline at" not in targets
    assert "1×default" not in text.split("## Under load")[0]  # the idle table holds the idle rows only
    rows[1]["seconds"] = 14.0
    assert "take 1.40× the time of `--threads 1` (target ≤ 1.3×): not met" in to_markdown(
        {"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    rows[2].update(seconds=48.5, sentences=None, documents=None, peak_mb=None, stopped=True)
    text = to_markdown({"machine": {"cpus": 2, "load_average": 0.1}, "date": "d", "rows": rows})
    assert "| articles | 100 | attrib 1×default (1025e41) | > 48.5 (stopped) | < 2.06 | – | – |" in text
    assert "baseline at 1025e41: under load, default threads take more than 4.04× the time of `--threads 1` (stopped;" in text
