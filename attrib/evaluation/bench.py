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

Run it on an idle machine: a training job on the other core halves every figure.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from attrib.atomic import write_json_atomic, write_text_atomic
from attrib.evaluation.bench_report import corpus as kind_of
from attrib.evaluation.bench_report import to_markdown

# Treebank files whose documents make the articles corpus, every split: the bench needs
# over 500 distinct documents, or the 1,000-document corpus repeats each text many times,
# which favours bare stanza's single call (measured: 4 copies made it 29 % faster).
ARTICLE_FILES = tuple(f"{bank}/{code}-ud-{split}.conllu" for bank, code in (
    ("UD_Greek-GDT", "el_gdt"), ("UD_Hungarian-Szeged", "hu_szeged"), ("UD_English-GUM", "en_gum"),
    ("UD_English-EWT", "en_ewt")) for split in ("train", "dev", "test"))
POST_FILES = ("UD_Greek-GDT/el_gdt-ud-dev.conllu", "UD_Hungarian-Szeged/hu_szeged-ud-dev.conllu",
              "UD_English-GUM/en_gum-ud-dev.conllu")
# A treebank without document marks (Hungarian Szeged) is cut into documents of consecutive
# sentences: paragraphs of this many sentences, documents of at least this many characters.
PARA_SENTENCES, DOC_CHARS = 3, 2_000
CONFIGS = {"articles": (("stanza", 1, 1), ("stanza-chunks", 1, 1), ("attrib", 1, 1), ("attrib-model", 1, 1),
                        ("stanza", 2, 1), ("attrib", 2, 1), ("attrib-model", 2, 1), ("attrib", 1, 2)),
           "posts": (("stanza", 1, 1), ("stanza-chunks", 1, 1), ("attrib", 1, 1), ("attrib-model", 1, 1))}
# ``attrib`` is annotate with the rules' attribution (what attrib did before the learned
# model), ``attrib-model`` with the learned attribution in every language.
TURN = 5.0  # seconds a configuration runs before the next one's turn


def ud_documents(path: Path) -> list[str]:
    """The documents of a CoNLL-U file as plain text (one paragraph per ``# newpar``); a file
    without ``# newdoc`` marks is cut into documents of consecutive sentences."""
    blocks = path.read_text("utf-8").split("\n\n")
    if not any("# newdoc" in block for block in blocks):
        return _cut_documents([m.group(1) for b in blocks if (m := re.search(r"^# text = (.*)$", b, re.M))])
    docs, paras = [], []
    for block in blocks:
        if "# newdoc" in block and paras:
            docs.append("\n\n".join(paras))
            paras = []
        text = re.search(r"^# text = (.*)$", block, re.M)
        if text:
            if "# newpar" in block or not paras:
                paras.append(text.group(1))
            else:
                paras[-1] += " " + text.group(1)
    return docs + (["\n\n".join(paras)] if paras else [])


def _cut_documents(sentences: list[str]) -> list[str]:
    """Consecutive sentences as documents of ``PARA_SENTENCES``-sentence paragraphs, each
    document closing once it holds ``DOC_CHARS`` characters."""
    paras = [" ".join(sentences[i:i + PARA_SENTENCES]) for i in range(0, len(sentences), PARA_SENTENCES)]
    docs, doc = [], []
    for para in paras:
        doc.append(para)
        if sum(map(len, doc)) >= DOC_CHARS:
            docs.append("\n\n".join(doc))
            doc = []
    return docs + (["\n\n".join(doc)] if doc else [])


def base_texts(seeds: Path, ud: Path) -> list[str]:
    """Seed articles, then the UD documents longer than 300 characters, taking one from
    each treebank file in turn (so any first N documents mix languages and genres), each
    distinct text once."""
    per_file = [[d for d in ud_documents(ud / rel) if len(d) > 300] for rel in ARTICLE_FILES
                if (ud / rel).is_file()]
    mixed = [doc for turn in itertools.zip_longest(*per_file) for doc in turn if doc]
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))] + mixed
    return list(dict.fromkeys(texts))  # a text twice in a treebank (GUM train) once: a copy is an error row


def post_texts(ud: Path) -> list[str]:
    """Two consecutive sentences of the UD news files per text, the languages alternating."""
    per_file = []
    for rel in POST_FILES:
        if (ud / rel).is_file():
            sents = re.findall(r"^# text = (.*)$", (ud / rel).read_text("utf-8"), re.M)
            per_file.append([f"{a} {b}" for a, b in zip(sents[0::2], sents[1::2])])
    return [text for group in zip(*per_file) for text in group]


def build_corpus(n: int, folder: Path, seeds: Path, ud: Path, kind: str = "articles") -> int:
    """Write ``n`` unique documents of a corpus kind (articles, posts) into ``folder``;
    return the characters written."""
    texts = base_texts(seeds, ud) if kind == "articles" else post_texts(ud)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        text = f"Document {i}.\n\n{texts[i % len(texts)]}"
        (folder / f"bench-{i:05d}.txt").write_text(text, "utf-8")
        size += len(text)
    return size


WORKER = r"""
import json, os, resource, signal, sys, time
kind, corpus, out, workers, threads, models = sys.argv[1:7]
workers, threads = int(workers), int(threads)
import torch  # both configurations need it: its import is not attrib's overhead
torch.set_num_threads(threads)
if kind.startswith("stanza"):
    from attrib.languages.codebook import load_codebooks
    from attrib.inputs.reader import read_corpus
    from attrib.article.structure import structure_article
    from attrib.parsing.pack.resolve import available_languages
    books, langs = load_codebooks(), set(available_languages(models or None))
    docs = [[(b.lang, b.text) for b in structure_article(d.text, books).blocks if b.lang in langs]
            for d in read_corpus([corpus], books) if d.ok]
os.kill(os.getpid(), signal.SIGSTOP)  # ready: the bench's clock starts at the next turn
cpu = time.process_time()
if kind == "stanza":
    from attrib.evaluation.bench import bare_parse
    sentences, documents, in_stanza = bare_parse([p for d in docs for p in d], models, workers), None, None
elif kind == "stanza-chunks":
    from attrib.evaluation.bench import streamed_parse
    sentences, documents, in_stanza = streamed_parse(docs, models), None, None
else:
    from attrib.pipeline import annotate_corpus
    s = annotate_corpus(inputs=[corpus], out=out, models=models or None, progress=False,
                        workers=workers, threads=threads, attribution="model" if kind == "attrib-model" else "rules")
    sentences, documents = s["sentences"], s["added"] + s["failed"]
    from attrib.parsing.nlp import TIMING
    in_stanza = TIMING["cpu"] if workers == threads == 1 else None
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


def measure_together(configs: tuple, corpus: Path, models: str | None) -> Iterator[tuple[int, dict]]:
    """Run configurations (kind, workers, threads) on one corpus as processes that take
    turns on the machine, ``TURN`` seconds each, and yield (index, figures) as each ends.

    Each process prepares (imports, reads the paragraphs a bare run needs) and stops
    itself; from then on only one runs at a time, so a drift of the machine's speed falls
    on all of them alike, and the time a configuration took is the sum of its turns. Each
    is a whole run on the whole corpus, so its peak memory is that of the size measured.
    """
    if not hasattr(signal, "SIGSTOP"):
        raise RuntimeError("attrib bench needs Linux or macOS: its configurations take turns by being "
                           "stopped and continued (SIGSTOP, SIGCONT)")
    with tempfile.TemporaryDirectory() as tmp:
        procs = [_start([sys.executable, "-c", WORKER, kind, str(corpus), str(Path(tmp) / str(i) / "out"),
                         str(workers), str(threads), models or ""], Path(tmp) / str(i), threads)
                 for i, (kind, workers, threads) in enumerate(configs)]
        try:
            yield from _take_turns(procs)
        finally:
            for proc in procs:
                _end(proc)


def _start(cmd: list[str], folder: Path, threads: int):
    """Start one configuration's process in its own process group (output in ``folder``)
    and wait until it has prepared and stopped itself."""
    folder.mkdir(parents=True)
    with open(folder / "stdout", "w") as out, open(folder / "stderr", "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True,
                                env={**os.environ, "OMP_NUM_THREADS": str(threads)})
    proc.folder = folder
    while True:
        pid, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
        if pid and os.WIFSTOPPED(status):
            return proc
        if pid:  # it ended before it was ready
            proc.returncode = os.waitstatus_to_exitcode(status)
            raise RuntimeError(f"benchmark run {' '.join(cmd[3:6])} failed: {_tail(folder / 'stderr')}")
        time.sleep(0.05)


def _take_turns(procs: list) -> Iterator[tuple[int, dict]]:
    """Give the processes turns until all have ended; yield (index, figures) as each ends."""
    seconds, running = [0.0] * len(procs), list(range(len(procs)))
    while running:
        for i in list(running):
            seconds[i] += _turn(procs[i])
            if procs[i].poll() is not None:
                running.remove(i)
                yield i, {**_figures(procs[i]), "seconds": seconds[i]}


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
              repeat: int = 1, append: bool = False) -> dict:
    """Measure every configuration for every corpus and size (the configurations of one
    corpus taking turns, see :func:`measure_together`), ``repeat`` times (the report gives
    medians); write ``out/benchmarks.md`` and ``.json`` as each measurement ends (an
    interrupted bench keeps what it measured, marked incomplete). ``append`` adds the
    measurements to those already in ``out`` (taken at the same commit) as further repeats."""
    result = _earlier(out, _machine()) if append else _fresh(_machine())
    for n, corpus_kind in ((n, k) for n in sizes for k in CONFIGS for _ in range(repeat)):
        configs, turn = CONFIGS[corpus_kind], _next_turn(result["rows"], n, corpus_kind)
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            chars = build_corpus(n, corpus, seeds, ud, corpus_kind)
            for i, figures in measure_together(configs, corpus, models):
                kind, workers, threads = configs[i]
                result["rows"].append({"n": n, "corpus": corpus_kind, "config": f"{kind} {workers}×{threads}",
                                       "chars": chars, "turn": turn, "order": i, **figures})
                result["rows"].sort(key=lambda r: (r["n"], list(CONFIGS).index(kind_of(r)), r["turn"], r["order"]))
                _write(out, result)
    result["complete"] = True
    _write(out, result)
    return result


def _next_turn(rows: list[dict], n: int, corpus_kind: str) -> int:
    """The number of the next repeat of a corpus kind and size (after those in ``rows``)."""
    return 1 + max((r["turn"] for r in rows if r["n"] == n and kind_of(r) == corpus_kind), default=-1)


def _fresh(machine: dict) -> dict:
    """A report with no measurements yet."""
    return {"machine": machine, "date": time.strftime("%Y-%m-%d"), "complete": False, "rows": []}


def _earlier(out: Path, machine: dict) -> dict:
    """The report in ``out`` to add measurements to, if it measured the same code."""
    path = out / "benchmarks.json"
    if not path.is_file():
        return _fresh(machine)
    earlier = json.loads(path.read_text("utf-8"))
    if earlier["machine"].get("commit") != machine.get("commit"):
        raise RuntimeError(f"{path} measured attrib at {earlier['machine'].get('commit')}, this is "
                           f"{machine.get('commit')}: measurements of different code are not pooled; "
                           "drop --append to start a new report")
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
