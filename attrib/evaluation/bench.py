"""``attrib bench``: speed and memory of attrib, measured, written to ``reports/benchmarks.md``.

Two corpora of real text, each cycled to N documents made unique by a first line naming
them (otherwise the run would skip the copies as duplicates):

- ``articles``: the seed articles and the documents of the UD treebanks, every split
  (Greek GDT, Hungarian Szeged, English GUM and EWT): 532 distinct texts, so the
  1,000-document corpus repeats each about twice;
- ``posts``: two consecutive sentences of those UD files per document, the size of a post
  or a news brief (attrib parses a chunk of documents together, see attrib.engines.chunks).

Each configuration is a whole run in its own process, so its peak memory (the process and
its largest child, ``ru_maxrss``) is its own. The processes of one corpus take turns on the
machine, ``TURN`` seconds each (stopped and continued as process groups): the speed of a
shared machine drifts by 10-30 % within minutes, and taking turns lets the drift fall on
every configuration alike instead of on whichever ran at the wrong moment.

- ``stanza 1×1``: the bare stanza pipelines on the very paragraphs attrib parses, one
  thread, all paragraphs in one ``bulk_process`` call per language;
- ``stanza-chunks 1×1``: the same pipelines given one chunk per call, cut as attrib cuts
  them (:func:`attrib.engines.chunks.chunks`), so their memory does not grow with the corpus:
  the like-for-like baseline for attrib, whose memory must not grow either;
- ``stanza 2×1``: the same in two single-threaded processes, half the characters each:
  the speed-up this machine allows two workers;
- ``attrib``: ``attrib annotate`` with 1 worker × 1 thread, 2 workers × 1 thread, and
  1 worker × 2 threads (posts: 1 × 1 only). A one-process run also records the CPU time
  it spent inside stanza, so its own share is measured within the run itself.

``--baseline REV`` runs the attrib configurations also on an earlier commit (a temporary
``git worktree``, see :mod:`attrib.evaluation.bench_baseline`), each right after the current
code's, taking turns with them on the same corpus. ``--loaded`` adds the articles measured
beside one busy competitor process holding a core: attrib with the code's own thread setting
against one torch thread, for the current code and the baseline.

Run it on an idle machine: a training job on the other core halves every figure.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from attrib.atomic import write_json_atomic, write_text_atomic
from attrib.evaluation.bench_baseline import baseline_tree, competitor, resolve_commit
from attrib.evaluation.bench_corpus import (  # noqa: F401 (the corpus's names, importable here as before)
    ARTICLE_FILES, DOC_CHARS, PARA_SENTENCES, POST_FILES, base_texts, build_corpus, post_texts, ud_documents)
from attrib.evaluation.bench_report import corpus as kind_of
from attrib.evaluation.bench_report import to_markdown

CONFIGS = {"articles": (("stanza", 1, 1), ("stanza-chunks", 1, 1), ("attrib", 1, 1), ("attrib-model", 1, 1),
                        ("stanza", 2, 1), ("attrib", 2, 1), ("attrib-model", 2, 1), ("attrib", 1, 2)),
           "posts": (("stanza", 1, 1), ("stanza-chunks", 1, 1), ("attrib", 1, 1), ("attrib-model", 1, 1))}
# ``attrib`` is annotate with the rules' attribution (what attrib did before the learned
# model), ``attrib-model`` with the learned attribution in every language.
TURN = 5.0  # seconds a configuration runs before the next one's turn
# The loaded case (``--loaded``): on the articles, beside one busy competitor process, attrib
# with the code's own thread setting (0: none given) against one torch thread.
LOADED = (("attrib", 1, 0), ("attrib", 1, 1))
LOAD = "busy"  # the mark of the loaded case's rows
# Under load a configuration that collapses (torch's threads fighting the competitor) is
# stopped once its turns add up to this many times the fastest finished one's: its row says
# "stopped" with the time it had taken, a lower bound (1025e41's default ran over ten minutes
# where one thread took 36 s), and the bench goes on.
LOADED_CAP = 4.0


# The worker is written against attrib's module names from before issue 24's layout
# (attrib.annotator, attrib.nlp, attrib.bench, attrib.codebook, attrib.reader,
# attrib.structure, attrib.models.resolve): a baseline commit such as 1025e41 (the release
# before issue 26) has only those, and the current code still answers them (attrib/_compat),
# so one script measures both. A threads value of 0 leaves the code's own default (no
# torch.set_num_threads, threads=None): what a user who gives no --threads gets.
WORKER = r"""
import json, os, resource, signal, sys, time
kind, corpus, out, workers, threads, models = sys.argv[1:7]
workers, threads = int(workers), int(threads) or None
import torch  # both configurations need it: its import is not attrib's overhead
if threads:
    torch.set_num_threads(threads)
import attrib
code = os.environ.get("ATTRIB_BENCH_CODE")
if code and not os.path.realpath(attrib.__file__).startswith(os.path.realpath(code) + os.sep):
    sys.exit(f"attrib bench: the baseline's process imported {attrib.__file__}, not the attrib in {code}")
if kind.startswith("stanza"):
    from attrib.codebook import load_codebooks
    from attrib.reader import read_corpus
    from attrib.structure import structure_article
    from attrib.models.resolve import available_languages
    books, langs = load_codebooks(), set(available_languages(models or None))
    docs = [[(b.lang, b.text) for b in structure_article(d.text, books).blocks if b.lang in langs]
            for d in read_corpus([corpus], books) if d.ok]
os.kill(os.getpid(), signal.SIGSTOP)  # ready: the bench's clock starts at the next turn
cpu = time.process_time()
if kind == "stanza":
    from attrib.bench import bare_parse
    sentences, documents, in_stanza = bare_parse([p for d in docs for p in d], models, workers), None, None
elif kind == "stanza-chunks":
    from attrib.bench import streamed_parse
    sentences, documents, in_stanza = streamed_parse(docs, models), None, None
else:
    from attrib.annotator import annotate_corpus
    s = annotate_corpus(inputs=[corpus], out=out, models=models or None, progress=False,
                        workers=workers, threads=threads, attribution="model" if kind == "attrib-model" else "rules")
    sentences, documents = s["sentences"], s["added"] + s["failed"]
    from attrib.nlp import TIMING
    in_stanza = TIMING["cpu"] if workers == 1 and threads == 1 else None
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"sentences": sentences, "documents": documents, "peak_mb": peak / 1024,
                  "cpu": time.process_time() - cpu, "in_stanza": in_stanza}))
"""


def bare_parse(paras: list[tuple[str, str]], models: str | None, workers: int = 1) -> int:
    """Parse paragraphs with the bare stanza pipelines, all in one ``bulk_process`` call
    per language, in ``workers`` single-threaded processes (each given an equal share of
    the characters); return the sentences found. Two processes show what this machine
    allows two workers."""
    if workers <= 1:
        return _parse_share(paras, models)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    shares, sizes = [[] for _ in range(workers)], [0] * workers
    for para in sorted(paras, key=lambda p: -len(p[1])):  # longest first, to the lightest share
        lightest = sizes.index(min(sizes))
        shares[lightest].append(para)
        sizes[lightest] += len(para[1])
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        return sum(pool.map(_parse_share, shares, [models] * workers, [1] * workers))


def streamed_parse(docs: list[list[tuple[str, str]]], models: str | None) -> int:
    """Parse documents' paragraphs with the bare stanza pipelines, one call per chunk and
    language, the chunks cut as attrib cuts them (:func:`attrib.engines.chunks.chunks`, measured
    on the paragraphs): bare stanza with memory that does not grow with the corpus, as
    attrib's must not. Returns the sentences found."""
    from attrib.engines.chunks import chunks

    cut = chunks(docs, size=lambda doc: sum(len(text) for _, text in doc))
    return sum(_parse_share([p for doc in chunk for p in doc], models) for chunk in cut)


def _parse_share(paras: list[tuple[str, str]], models: str | None, threads: int | None = None) -> int:
    """One process's part of :func:`bare_parse`: the sentences of its paragraphs."""
    from attrib.parsing.nlp import parse_paragraphs

    if threads:
        import torch

        torch.set_num_threads(threads)
    return sum(len(doc.sentences) for doc in parse_paragraphs(paras, models=models or None))


def measure_together(configs: tuple, corpus: Path, models: str | None,
                     cap: float | None = None) -> Iterator[tuple[int, dict]]:
    """Run configurations on one corpus as processes that take turns on the machine,
    ``TURN`` seconds each, and yield (index, figures) as each ends.

    Each process prepares (imports, reads the paragraphs a bare run needs) and stops
    itself; from then on only one runs at a time, so a drift of the machine's speed falls
    on all of them alike, and the time a configuration took is the sum of its turns. Each
    is a whole run on the whole corpus, so its peak memory is that of the size measured.

    Args:
        configs: (kind, workers, threads) or (kind, workers, threads, baseline), where
            ``baseline`` (a :class:`~attrib.evaluation.bench_baseline.Baseline`, or None for
            the current code) is the earlier commit the process runs; threads 0: the code's
            own default.
        corpus: the folder of documents.
        models: the current code's pack (a baseline uses its own).
        cap: stop a configuration once its time passes this many times the fastest finished
            one's (its figures: ``stopped`` and the seconds it had taken); None: never.
    """
    if not hasattr(signal, "SIGSTOP"):
        raise RuntimeError("attrib bench needs Linux or macOS: its configurations take turns by being "
                           "stopped and continued (SIGSTOP, SIGCONT)")
    with tempfile.TemporaryDirectory() as tmp:
        procs = []
        try:
            for i, config in enumerate(configs):
                procs.append(_start_config(config, corpus, models, Path(tmp) / str(i)))
            yield from _take_turns(procs, cap)
        finally:
            for proc in procs:
                _end(proc)


def _start_config(config: tuple, corpus: Path, models: str | None, folder: Path):
    """Start the WORKER process of one configuration (see :func:`measure_together`); a
    baseline's runs from inside its worktree with its environment, on its own pack."""
    kind, workers, threads, code = (*config, None)[:4]
    cmd = [sys.executable, "-c", WORKER, kind, str(corpus), str(folder / "out"), str(workers), str(threads),
           "" if code else models or ""]
    return _start(cmd, folder, threads, code.env() if code else None, code.folder if code else None)


def _start(cmd: list[str], folder: Path, threads: int, env: dict | None = None, cwd: Path | None = None):
    """Start one configuration's process in its own process group (output in ``folder``,
    ``env`` added to this process's environment, run in ``cwd``) and wait until it has
    prepared and stopped itself."""
    folder.mkdir(parents=True)
    with open(folder / "stdout", "w") as out, open(folder / "stderr", "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True, cwd=cwd,
                                env=_environment(threads, env))
    proc.folder = folder
    while True:
        pid, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
        if pid and os.WIFSTOPPED(status):
            return proc
        if pid:  # it ended before it was ready
            proc.returncode = os.waitstatus_to_exitcode(status)
            raise RuntimeError(f"benchmark run {' '.join(cmd[3:6])} failed: {_tail(folder / 'stderr')}")
        time.sleep(0.05)


def _environment(threads: int, extra: dict | None) -> dict[str, str]:
    """A configuration's environment: this one's, ``extra``, and OpenMP's threads set to
    ``threads`` (0: left to the code's default, as a user who sets nothing has it)."""
    env = {**os.environ, **(extra or {})}
    if threads:
        env["OMP_NUM_THREADS"] = str(threads)
    else:
        env.pop("OMP_NUM_THREADS", None)
    return env


def _take_turns(procs: list, cap: float | None = None) -> Iterator[tuple[int, dict]]:
    """Give the processes turns until all have ended or been stopped (see
    :func:`measure_together`'s ``cap``); yield (index, figures) as each ends."""
    seconds, running, finished = [0.0] * len(procs), list(range(len(procs))), []
    while running:
        for i in list(running):
            seconds[i] += _turn(procs[i])
            if procs[i].poll() is not None:
                running.remove(i)
                finished.append(seconds[i])
                yield i, {**_figures(procs[i]), "seconds": seconds[i]}
            elif cap and finished and seconds[i] > cap * min(finished):
                _end(procs[i])
                running.remove(i)
                yield i, {"stopped": True, "seconds": seconds[i], "sentences": None, "documents": None,
                          "peak_mb": None, "cpu": None, "in_stanza": None}


def _turn(proc) -> float:
    """Let a process group run for ``TURN`` seconds (or until it ends); return the time."""
    start = time.perf_counter()
    os.killpg(proc.pid, signal.SIGCONT)
    try:
        proc.wait(timeout=TURN)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGSTOP)
    return time.perf_counter() - start


def _figures(proc) -> dict:
    """What an ended process reported, or the error it ended with."""
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark run failed: {_tail(proc.folder / 'stderr')}")
    return json.loads((proc.folder / "stdout").read_text().strip().splitlines()[-1])


def _end(proc) -> None:
    """Kill a process group that is still there (an interrupted bench leaves none stopped)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _tail(path: Path) -> str:
    """The end of a process's error output."""
    return path.read_text(errors="replace").strip()[-800:]


def run_bench(*, sizes: list[int], out: Path, seeds: Path, ud: Path, models: str | None = None,
              repeat: int = 1, append: bool = False, baseline: str | None = None, loaded: bool = False) -> dict:
    """Measure every configuration for every corpus and size (the configurations of one
    corpus taking turns, see :func:`measure_together`), ``repeat`` times (the report gives
    medians); write ``out/benchmarks.md`` and ``.json`` as each measurement ends (an
    interrupted bench keeps what it measured, marked incomplete).

    Args:
        append: add the measurements to those already in ``out`` (taken at the same commit,
            against the same baseline) as further repeats.
        baseline: a revision (commit, tag, branch) whose attrib configurations run too, taking
            turns with the current code's on the same corpus (its rows carry ``code``).
        loaded: also measure the articles while one busy competitor process holds a core:
            attrib with its default threads against one thread, for the current code and the
            baseline (rows marked ``load``).

    Raises:
        UsageError: ``baseline`` names no commit (before anything runs).
    """
    commit = resolve_commit(baseline) if baseline else None
    machine = {**_machine(), "baseline": commit} if commit else _machine()
    result = _earlier(out, machine) if append else _fresh(machine)
    with baseline_tree(commit) if commit else contextlib.nullcontext() as tree:
        for n, phase in ((n, p) for n in sizes for p in _phases(loaded) for _ in range(repeat)):
            _measure_phase(result, n, phase, tree, out=out, seeds=seeds, ud=ud, models=models)
    result["complete"] = True
    _write(out, result)
    return result


def _phases(loaded: bool) -> list[tuple[str, bool]]:
    """What one size measures: each corpus kind on an idle machine, then (``loaded``) the
    articles beside a busy competitor."""
    return [(kind, False) for kind in CONFIGS] + ([("articles", True)] if loaded else [])


def _measure_phase(result: dict, n: int, phase: tuple[str, bool], tree, *, out: Path, seeds: Path, ud: Path,
                   models: str | None) -> None:
    """Measure the configurations of one corpus kind and size together (beside a busy
    competitor when the phase is loaded), adding each one's row to ``result`` as it ends."""
    corpus_kind, busy = phase
    configs, turn = _configs(corpus_kind, busy, tree), _next_turn(result["rows"], n, corpus_kind, busy)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        chars = build_corpus(n, corpus, seeds, ud, corpus_kind)
        with competitor(busy):
            for i, figures in measure_together(configs, corpus, models, LOADED_CAP if busy else None):
                result["rows"].append({**_label(n, corpus_kind, busy, configs[i]), "chars": chars, "turn": turn,
                                       "order": i, **figures})
                result["rows"].sort(key=_place)
                _write(out, result)


def _configs(corpus_kind: str, busy: bool, tree) -> tuple:
    """The configurations of a phase, (kind, workers, threads, code): each attrib one also
    on the baseline ``tree`` (when given) right after the current code's, side by side."""
    chosen = LOADED if busy else CONFIGS[corpus_kind]
    codes = (None, tree) if tree else (None,)
    return tuple((kind, workers, threads, code) for kind, workers, threads in chosen
                 for code in (codes if kind.startswith("attrib") else (None,)))


def _label(n: int, corpus_kind: str, busy: bool, config: tuple) -> dict:
    """What names a measurement: size, corpus, configuration, and the baseline's commit and
    the load where they apply."""
    kind, workers, threads, code = config
    return {"n": n, "corpus": corpus_kind, "config": f"{kind} {workers}×{threads or 'default'}",
            **({"code": code.commit} if code else {}), **({"load": LOAD} if busy else {})}


def _place(row: dict) -> tuple:
    """Where a row goes in the report: by size, corpus (the loaded case last), repeat, order."""
    phase = list(CONFIGS).index(kind_of(row)) + (len(CONFIGS) if row.get("load") else 0)
    return row["n"], phase, row["turn"], row["order"]


def _next_turn(rows: list[dict], n: int, corpus_kind: str, busy: bool = False) -> int:
    """The number of the next repeat of a corpus kind, size and load (after those in ``rows``)."""
    return 1 + max((r["turn"] for r in rows if r["n"] == n and kind_of(r) == corpus_kind
                    and bool(r.get("load")) == busy), default=-1)


def _fresh(machine: dict) -> dict:
    """A report with no measurements yet."""
    return {"machine": machine, "date": time.strftime("%Y-%m-%d"), "complete": False, "rows": []}


def _earlier(out: Path, machine: dict) -> dict:
    """The report in ``out`` to add measurements to, if it measured the same code (against
    the same baseline)."""
    path = out / "benchmarks.json"
    if not path.is_file():
        return _fresh(machine)
    earlier = json.loads(path.read_text("utf-8"))
    if earlier["machine"].get("commit") != machine.get("commit"):
        raise RuntimeError(f"{path} measured attrib at {earlier['machine'].get('commit')}, this is "
                           f"{machine.get('commit')}: measurements of different code are not pooled; "
                           "drop --append to start a new report")
    if earlier["machine"].get("baseline") != machine.get("baseline"):
        raise RuntimeError(f"{path} compared against the baseline {earlier['machine'].get('baseline')}, this "
                           f"run against {machine.get('baseline')}: give the same --baseline, or drop --append")
    return {**earlier, "complete": False}


def _write(out: Path, result: dict) -> None:
    """Write the report and its data (atomically)."""
    out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(out / "benchmarks.json", result)
    write_text_atomic(out / "benchmarks.md", to_markdown(result))


def _machine() -> dict:
    import torch

    from attrib.version import __version__

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=Path(__file__).parent, check=False)
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
            "attrib": __version__, "commit": head.stdout.strip() or None, "load_average": os.getloadavg()[0],
            "turn": TURN}
