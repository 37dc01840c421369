"""Annotation speed of two model packs, side by side in one run.

A machine's speed drifts 10-30 % within minutes, so two packs timed one after the other
are not comparable. Here every language's pipelines of all packs are loaded in one
process and take turns on the same text (the test split, as ``attrib models eval`` parses
it): round 1 A then B, round 2 B then A, and so on; each pack's figure is its median.
Run it on an idle machine (no training job on the other core).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from attrib.atomic import write_text_atomic
from attrib.training.pack.evaluate import machine_line, cpu_busy, write_test_split
from attrib.training.pack.recipe import load_recipe
from attrib.parsing.pack.resolve import load_pipeline, resolve_models


def _time(nlp, text: str) -> tuple[float, int]:
    """Seconds to parse ``text`` and the number of sentences."""
    start = time.perf_counter()
    doc = nlp(text)
    return time.perf_counter() - start, len(doc.sentences)


def language_speed(code: str, packs: list[str], *, ud: Path, work: Path, rounds: int) -> dict:
    """Sentences per second of each pack on one language's test split, taking turns.

    Returns:
        ``{"sentences": n, "busy_before": share, "packs": {pack: {"runs": [s/s...], "median": s/s}}}``.
    """
    _, txt = write_test_split(load_recipe().languages[code], ud, work)
    text = txt.read_text("utf-8")
    nlps = {pack: load_pipeline(code, models=pack, processors=None) for pack in packs}
    for nlp in nlps.values():
        nlp("Warm-up.")
    busy, runs, sentences = cpu_busy(), {pack: [] for pack in packs}, 0
    for turn in range(rounds):
        for pack in packs if turn % 2 == 0 else packs[::-1]:
            seconds, sentences = _time(nlps[pack], text)
            runs[pack].append(round(sentences / seconds, 1))
    return {"sentences": sentences, "busy_before": busy,
            "packs": {p: {"runs": r, "median": statistics.median(r)} for p, r in runs.items()}}


def compare_speed(*, packs: list[str], ud: Path, langs: list[str] | None = None, rounds: int = 3,
                  threads: int = 2, work: Path = Path("build/speed")) -> dict:
    """Every language's :func:`language_speed`, the first pack the baseline.

    Args:
        packs: two or more pack folders (or ``stanza``); the first is the reference.
        ud: UD treebanks folder (the test splits).
        langs: languages (default: those of the recipe).
        rounds: turns per pack (at least 3 gives a median that one slow turn cannot move).
        threads: torch threads, as annotation uses them.
        work: scratch folder for the test texts.
    """
    import torch

    torch.set_num_threads(threads)
    for pack in packs:
        resolve_models(pack)  # a missing pack stops here, before anything is timed
    codes = langs or list(load_recipe().languages)
    results = {code: language_speed(code, packs, ud=Path(ud), work=Path(work), rounds=rounds) for code in codes}
    return {"packs": packs, "threads": threads, "rounds": rounds, "machine": machine_line(), "results": results}


def speed_markdown(result: dict) -> str:
    """The comparison as a Markdown table: median sentences/s per pack, the ratio to the first."""
    base, packs = result["packs"][0], result["packs"]
    lines = ["# Annotation speed of model packs, side by side", "",
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {result['machine']}, {result['threads']} torch "
             f"thread(s); full pipeline over each test split; the packs take turns, {result['rounds']} rounds, median "
             "sentences per second (every run in brackets). Written by `attrib models speed`.", "",
             "| language | sentences | " + " | ".join(packs) + " | ratio to " + base + " |",
             "| --- | --- | " + " | ".join("---" for _ in packs) + " | --- |"]
    for code, res in result["results"].items():
        cells = [f"{res['packs'][p]['median']} ({', '.join(map(str, res['packs'][p]['runs']))})" for p in packs]
        ratios = ", ".join(f"{res['packs'][p]['median'] / res['packs'][base]['median']:.2f}" for p in packs[1:])
        lines.append(f"| {code} | {res['sentences']} | " + " | ".join(cells) + f" | {ratios} |")
    busy = [f"{c} {r['busy_before']:.0%}" for c, r in result["results"].items() if (r["busy_before"] or 0) > 0.25]
    if busy:
        lines += ["", "Other processes were busy just before: " + ", ".join(busy) + "; figures less reliable."]
    return "\n".join(lines) + "\n"


def write_speed_report(result: dict, out: Path) -> Path:
    """Write :func:`speed_markdown` atomically."""
    return write_text_atomic(Path(out), speed_markdown(result))
