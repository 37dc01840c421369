"""``attrib bench``: speed and memory of attrib, measured, written to ``reports/benchmarks.md``.

Two corpora of real text, each cycled to N documents made unique by a first line naming
them (otherwise the run would skip the copies as duplicates):

- ``articles``: the seed articles and news documents of the UD dev splits (Greek GDT,
  Hungarian Szeged, English GUM);
- ``posts``: two consecutive sentences of those UD files per document, the size of a post
  or a news brief (attrib parses short documents in batches, see attrib.parallel).

Each configuration runs in its own process, so its peak memory (the process and its
largest child, ``ru_maxrss``) is its own:

- ``stanza``: the bare stanza pipelines on the very paragraphs attrib parses, one thread,
  all paragraphs in one ``bulk_process`` call per language;
- ``attrib``: ``attrib annotate`` with 1 worker × 1 thread, 2 workers × 1 thread, and
  1 worker × 2 threads (posts: 1 × 1 only).

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
CONFIGS = {"articles": (("stanza", 1, 1), ("attrib", 1, 1), ("attrib", 2, 1), ("attrib", 1, 2)),
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
    """Measure every configuration for every corpus and size; write ``out/benchmarks.md``
    and ``.json`` after each measurement (an interrupted bench keeps what it measured,
    marked incomplete)."""
    result = {"machine": _machine(), "date": time.strftime("%Y-%m-%d"), "complete": False, "rows": []}
    for n in sizes:
        for corpus_kind, configs in CONFIGS.items():
            with tempfile.TemporaryDirectory() as tmp:
                corpus = Path(tmp) / "corpus"
                chars = build_corpus(n, corpus, seeds, ud, corpus_kind)
                for kind, workers, threads in configs:
                    row = {"n": n, "corpus": corpus_kind, "config": f"{kind} {workers}×{threads}", "chars": chars}
                    result["rows"].append({**row, **measure(kind, corpus, workers, threads, models)})
                    _write(out, result)
    result["complete"] = True
    _write(out, result)
    return result


def _write(out: Path, result: dict) -> None:
    """Write the report and its data (atomically)."""
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


def to_markdown(result: dict) -> str:
    """The benchmark report: the figures, then the targets, met or not."""
    machine = result["machine"]
    code = f"attrib {machine.get('attrib', '?')}" + (f" at {machine['commit']}" if machine.get("commit") else "")
    lines = ["# Benchmarks", "", f"Measured {result['date']} with `attrib bench` ({code}) on {machine['cpus']} "
             f"CPUs (load average {result['machine']['load_average']:.2f} at the start; figures are only "
             "comparable on an idle machine). Workers × torch threads per worker.", ""]
    if not result.get("complete", True):
        lines += ["**Incomplete: the bench was interrupted or is still running.**", ""]
    lines += ["| corpus | documents | configuration | seconds | documents/s | sentences/s | peak memory (MB) "
              "| vs stanza | vs 1×1 |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in result["rows"]:
        base, one = _row(result, row, "stanza 1×1"), _row(result, row, "attrib 1×1")
        docs = row["documents"] if row["documents"] is not None else row["n"]
        lines.append(f"| {_corpus(row)} | {row['n']} | {row['config']} | {row['seconds']:.1f} | {docs / row['seconds']:.2f} | "
                     f"{row['sentences'] / row['seconds']:.1f} | {row['peak_mb']:.0f} | "
                     f"{_ratio(row, base, lambda r, b: f'{r / b - 1:+.1%}')} | "
                     f"{_ratio(one, row, lambda o, r: f'{o / r:.2f}×')} |")
    lines += ["", "`vs stanza`: attrib's time over the bare pipelines on the same paragraphs (attrib's "
              "overhead for 1×1). `vs 1×1`: speed-up over one single-threaded worker.", "",
              "## Targets", "", *targets(result), ""]
    return "\n".join(lines)


def _corpus(row: dict) -> str:
    """The corpus kind of a measurement (articles in reports written before posts existed)."""
    return row.get("corpus", "articles")


def _row(result: dict, like: dict, config: str) -> dict | None:
    """The measurement of ``config`` on the corpus and size of ``like``, if taken."""
    return next((r for r in result["rows"] if r["n"] == like["n"] and _corpus(r) == _corpus(like)
                 and r["config"] == config), None)


def _ratio(a: dict | None, b: dict | None, show) -> str:
    """``show(a seconds, b seconds)``, or a dash while one is missing."""
    return show(a["seconds"], b["seconds"]) if a and b else "–"


def targets(result: dict) -> list[str]:
    """One line per target, corpus and size: the figure and whether it is met."""
    lines = []
    for like in _groups(result):
        name = f"{_corpus(like)}, N={like['n']}"
        base, one, two = (_row(result, like, c) for c in ("stanza 1×1", "attrib 1×1", "attrib 2×1"))
        if base and one:
            over = one["seconds"] / base["seconds"] - 1
            lines.append(f"- {name}: attrib adds {over:+.1%} to the stanza time (target < 10%): "
                         f"{'met' if over < 0.10 else 'not met'}")
        if one and two:
            gain = one["seconds"] / two["seconds"]
            lines.append(f"- {name}: 2 workers × 1 thread give {gain:.2f}× 1 × 1 (target ≥ 1.7×): "
                         f"{'met' if gain >= 1.7 else 'not met'}")
    return lines + _memory_lines(result)


def _groups(result: dict) -> list[dict]:
    """One row per (corpus, size) measured, in order."""
    return list({(_corpus(r), r["n"]): r for r in result["rows"]}.values())


def _memory_lines(result: dict) -> list[str]:
    """Peak memory at the largest size against the smallest, per corpus and configuration
    (flat: within 15%)."""
    lines = []
    for corpus, config in dict.fromkeys((_corpus(r), r["config"]) for r in result["rows"]):
        rows = sorted((r for r in result["rows"] if _corpus(r) == corpus and r["config"] == config),
                      key=lambda r: r["n"])
        if len(rows) > 1:
            small, large = rows[0], rows[-1]
            growth = large["peak_mb"] / small["peak_mb"] - 1
            lines.append(f"- {corpus}, {config}: peak memory {small['peak_mb']:.0f} MB at N={small['n']}, "
                         f"{large['peak_mb']:.0f} MB at N={large['n']} ({growth:+.0%}; target: flat, "
                         f"within 15%): {'met' if growth <= 0.15 else 'not met'}")
    return lines
