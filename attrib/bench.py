"""``attrib bench``: speed and memory of attrib, measured, written to ``reports/benchmarks.md``.

Two corpora of real text, each cycled to N documents made unique by a first line naming
them (otherwise the run would skip the copies as duplicates):

- ``articles``: the seed articles and news documents of the UD dev splits (Greek GDT,
  Hungarian Szeged, English GUM);
- ``posts``: two consecutive sentences of those UD files per document, the size of a post
  or a news brief (attrib parses short documents in batches, see attrib.parallel).

Each configuration runs in its own process, so its peak memory (the process and its
largest child, ``ru_maxrss``) is its own:

- ``stanza 1×1``: the bare stanza pipelines on the very paragraphs attrib parses, one
  thread, all paragraphs in one ``bulk_process`` call per language;
- ``stanza 2×1``: the same in two single-threaded processes, half the characters each:
  the speed-up this machine allows two workers;
- ``attrib``: ``attrib annotate`` with 1 worker × 1 thread, 2 workers × 1 thread, and
  1 worker × 2 threads (posts: 1 × 1 only). A one-process run also records the time it
  spent inside stanza, so its own share is measured free of the machine's drift.

Run it on an idle machine: a training job on the other core halves every figure.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from attrib.atomic import write_json_atomic, write_text_atomic

UD_DOCS = ("UD_Greek-GDT/el_gdt-ud-dev.conllu", "UD_Hungarian-Szeged/hu_szeged-ud-dev.conllu",
           "UD_English-GUM/en_gum-ud-dev.conllu")
CONFIGS = {"articles": (("stanza", 1, 1), ("attrib", 1, 1), ("stanza", 2, 1), ("attrib", 2, 1), ("attrib", 1, 2)),
           "posts": (("stanza", 1, 1), ("attrib", 1, 1))}


def ud_documents(path: Path) -> list[str]:
    """The documents of a CoNLL-U file as plain text (one paragraph per ``# newpar``)."""
    docs, paras = [], []
    for block in path.read_text("utf-8").split("\n\n"):
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


def base_texts(seeds: Path, ud: Path) -> list[str]:
    """Seed articles and UD news documents (longer than 300 characters, 40 per treebank)."""
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    for rel in UD_DOCS:
        if (ud / rel).is_file():
            texts += [d for d in ud_documents(ud / rel) if len(d) > 300][:40]
    return texts


def post_texts(ud: Path) -> list[str]:
    """Two consecutive sentences of the UD news files per text, the languages alternating."""
    per_file = []
    for rel in UD_DOCS:
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
import json, resource, sys, time
kind, corpus, out, workers, threads, models = sys.argv[1:7]
workers, threads = int(workers), int(threads)
import torch  # both configurations need it: its import is not attrib's overhead
torch.set_num_threads(threads)
start = time.perf_counter()
if kind == "stanza":
    from attrib.codebook import load_codebooks
    from attrib.reader import read_corpus
    from attrib.structure import structure_article
    from attrib.models.resolve import available_languages
    books, langs = load_codebooks(), set(available_languages(models or None))
    paras = [(b.lang, b.text) for d in read_corpus([corpus], books) if d.ok
             for b in structure_article(d.text, books).blocks if b.lang in langs]
    start = time.perf_counter()
    from attrib.bench import bare_parse
    sentences, documents, in_stanza = bare_parse(paras, models, workers), None, None
else:
    from attrib.annotator import annotate_corpus
    s = annotate_corpus(inputs=[corpus], out=out, models=models or None, progress=False,
                        workers=workers, threads=threads)
    sentences, documents = s["sentences"], s["added"] + s["failed"]
    from attrib.nlp import TIMING
    in_stanza = TIMING["seconds"] if workers == 1 else None
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "sentences": sentences, "documents": documents, "peak_mb": peak / 1024,
                  "in_stanza": in_stanza}))
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


def _parse_share(paras: list[tuple[str, str]], models: str | None, threads: int | None = None) -> int:
    """One process's part of :func:`bare_parse`: the sentences of its paragraphs."""
    from attrib.nlp import parse_paragraphs

    if threads:
        import torch

        torch.set_num_threads(threads)
    return sum(len(doc.sentences) for doc in parse_paragraphs(paras, models=models or None))


def measure(kind: str, corpus: Path, workers: int, threads: int, models: str | None) -> dict:
    """Run one configuration in a fresh process and return its figures."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-c", WORKER, kind, str(corpus), out, str(workers), str(threads), models or ""]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                              env={**os.environ, "OMP_NUM_THREADS": str(threads)})
    if done.returncode != 0:
        raise RuntimeError(f"benchmark run {kind} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(*, sizes: list[int], out: Path, seeds: Path, ud: Path, models: str | None = None,
              repeat: int = 1) -> dict:
    """Measure every configuration for every corpus and size, ``repeat`` times in turn (the
    report gives medians: a shared machine's speed drifts); write ``out/benchmarks.md`` and
    ``.json`` after each measurement (an interrupted bench keeps what it measured, marked
    incomplete)."""
    result = {"machine": _machine(), "date": time.strftime("%Y-%m-%d"), "complete": False, "rows": []}
    for n in sizes:
        for corpus_kind, configs in CONFIGS.items():
            with tempfile.TemporaryDirectory() as tmp:
                corpus = Path(tmp) / "corpus"
                chars = build_corpus(n, corpus, seeds, ud, corpus_kind)
                for turn, (kind, workers, threads) in ((t, c) for t in range(repeat) for c in configs):
                    row = {"n": n, "corpus": corpus_kind, "config": f"{kind} {workers}×{threads}",
                           "chars": chars, "turn": turn}
                    result["rows"].append({**row, **measure(kind, corpus, workers, threads, models)})
                    _write(out, result)
    result["complete"] = True
    _write(out, result)
    return result


def _write(out: Path, result: dict) -> None:
    """Write the report and its data (atomically)."""
    from attrib.bench_report import to_markdown

    out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(out / "benchmarks.json", result)
    write_text_atomic(out / "benchmarks.md", to_markdown(result))


def _machine() -> dict:
    import torch

    from attrib import __version__

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=Path(__file__).parent, check=False)
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
            "attrib": __version__, "commit": head.stdout.strip() or None, "load_average": os.getloadavg()[0]}
