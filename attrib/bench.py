"""``attrib bench``: speed and memory of attrib, measured, written to ``reports/benchmarks.md``.

The corpus is real text: the seed articles and news documents of the UD dev splits
(Greek GDT, Hungarian Szeged, English GUM), cycled to N documents, each made unique by a
first line naming it (otherwise the run would skip the copies as duplicates). Each
configuration runs in its own process, so its peak memory (the process and its largest
child, ``ru_maxrss``) is its own:

- ``stanza``: the bare stanza pipelines on the very paragraphs attrib parses, one thread;
- ``attrib``: ``attrib annotate`` with 1 worker × 1 thread, 2 workers × 1 thread, and
  1 worker × 2 threads.

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
CONFIGS = (("attrib", 1, 1), ("attrib", 2, 1), ("attrib", 1, 2))


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
    """Seed articles and UD news documents, interleaved so languages mix."""
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))]
    for rel in UD_DOCS:
        if (ud / rel).is_file():
            texts += [d for d in ud_documents(ud / rel) if len(d) > 300][:40]
    return texts


def build_corpus(n: int, folder: Path, seeds: Path, ud: Path) -> int:
    """Write ``n`` unique documents into ``folder``; return the characters written."""
    texts = base_texts(seeds, ud)
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
start = time.perf_counter()
if kind == "stanza":
    import torch
    torch.set_num_threads(threads)
    from attrib.codebook import load_codebooks
    from attrib.nlp import parse_paragraphs
    from attrib.reader import read_corpus
    from attrib.structure import structure_article
    from attrib.models.resolve import available_languages
    books, langs = load_codebooks(), set(available_languages(models or None))
    paras = [(b.lang, b.text) for d in read_corpus([corpus], books) if d.ok
             for b in structure_article(d.text, books).blocks if b.lang in langs]
    start = time.perf_counter()
    docs = parse_paragraphs(paras, models=models or None)
    sentences, documents = sum(len(d.sentences) for d in docs), None
else:
    from attrib.annotator import annotate_corpus
    s = annotate_corpus(inputs=[corpus], out=out, models=models or None, progress=False,
                        workers=workers, threads=threads)
    sentences, documents = s["sentences"], s["added"] + s["failed"]
seconds = time.perf_counter() - start
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "sentences": sentences, "documents": documents, "peak_mb": peak / 1024}))
"""


def measure(kind: str, corpus: Path, workers: int, threads: int, models: str | None) -> dict:
    """Run one configuration in a fresh process and return its figures."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-c", WORKER, kind, str(corpus), out, str(workers), str(threads), models or ""]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                              env={**os.environ, "OMP_NUM_THREADS": str(threads)})
    if done.returncode != 0:
        raise RuntimeError(f"benchmark run {kind} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(*, sizes: list[int], out: Path, seeds: Path, ud: Path, models: str | None = None) -> dict:
    """Measure every configuration for every corpus size; write ``out/benchmarks.md`` and ``.json``."""
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            chars = build_corpus(n, corpus, seeds, ud)
            rows.append({"n": n, "config": "stanza 1×1", "chars": chars, **measure("stanza", corpus, 1, 1, models)})
            for kind, workers, threads in CONFIGS:
                rows.append({"n": n, "config": f"attrib {workers}×{threads}", "chars": chars,
                             **measure(kind, corpus, workers, threads, models)})
    result = {"machine": _machine(), "date": time.strftime("%Y-%m-%d"), "rows": rows}
    out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(out / "benchmarks.json", result)
    write_text_atomic(out / "benchmarks.md", to_markdown(result))
    return result


def _machine() -> dict:
    import torch

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "torch": torch.__version__,
            "load_average": os.getloadavg()[0]}


def to_markdown(result: dict) -> str:
    """The benchmark report."""
    lines = ["# Benchmarks", "", f"Measured {result['date']} with `attrib bench` on {result['machine']['cpus']} "
             f"CPUs (load average {result['machine']['load_average']:.2f} at the start; figures are only "
             "comparable on an idle machine). Workers × torch threads per worker.", "",
             "| documents | configuration | seconds | documents/s | sentences/s | peak memory (MB) | vs stanza | vs 1×1 |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in result["rows"]:
        base = next(r for r in result["rows"] if r["n"] == row["n"] and r["config"] == "stanza 1×1")
        one = next((r for r in result["rows"] if r["n"] == row["n"] and r["config"] == "attrib 1×1"), row)
        docs = row["documents"] if row["documents"] is not None else row["n"]
        lines.append(f"| {row['n']} | {row['config']} | {row['seconds']:.1f} | {docs / row['seconds']:.2f} | "
                     f"{row['sentences'] / row['seconds']:.1f} | {row['peak_mb']:.0f} | "
                     f"{row['seconds'] / base['seconds'] - 1:+.1%} | {one['seconds'] / row['seconds']:.2f}× |")
    lines += ["", "`vs stanza`: attrib's time over the bare pipelines on the same paragraphs (attrib's "
              "overhead for 1×1). `vs 1×1`: speed-up over one single-threaded worker.", ""]
    return "\n".join(lines)
