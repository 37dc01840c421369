"""The benchmark report: medians of repeated measurements, the table, the targets met or not.

Reads what :func:`attrib.evaluation.bench.run_bench` measured (``benchmarks.json``); every figure is
computed from the measurements, none is written by hand.
"""

from __future__ import annotations

import statistics


def summarise(rows: list[dict]) -> list[dict]:
    """One row per corpus, size and configuration: the median time of its repeats (with
    the fastest and slowest), the highest peak memory, in the order first measured."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((corpus(row), row["n"], row["config"]), []).append(row)
    return [{**runs[0], "corpus": key[0], "seconds": statistics.median(r["seconds"] for r in runs),
             "fastest": min(r["seconds"] for r in runs), "slowest": max(r["seconds"] for r in runs),
             "repeats": len(runs), "peak_mb": max(r["peak_mb"] for r in runs), "own": _own_share(runs)}
            for key, runs in groups.items()]


def _own_share(runs: list[dict]) -> float | None:
    """The median share of a one-process attrib run spent outside stanza (reading, rules,
    writing), measured within the run itself in CPU time, so the machine's drift does not
    enter it."""
    shares = [1 - r["in_stanza"] / r.get("cpu", r["seconds"]) for r in runs if r.get("in_stanza") is not None]
    return statistics.median(shares) if shares else None


def corpus(row: dict) -> str:
    """The corpus kind of a measurement (articles in reports written before posts existed)."""
    return row.get("corpus", "articles")


def to_markdown(result: dict) -> str:
    """The benchmark report: the figures, then the targets, met or not."""
    rows = summarise(result["rows"])
    return "\n".join([*_header(result, rows), *_table(rows), "",
                      "`vs stanza`: the time over the bare stanza pipelines (loaded as attrib loads them, "
                      "parser batches and tokenizer windows included) on the same paragraphs, all "
                      "in one call per language, with as many single-threaded processes. `vs stanza-chunks`: "
                      "the time over the bare stanza pipelines given one chunk per call, cut as attrib cuts "
                      "them (memory that does not grow with the corpus, like attrib's). `vs 1×1`: speed-up over "
                      "one single-threaded attrib worker. `stanza 2×1` parses the paragraphs in two "
                      "processes, half the characters each: the speed-up this machine allows two workers. "
                      "Peak memory is that of the largest single process (each of two workers needs "
                      "about as much). " + _memory_bound(),
                      "", "## Targets", "", *targets(rows), ""])


def _memory_bound() -> str:
    """What bounds attrib's memory, from the constants that bound it."""
    from attrib.parsing.pack.resolve import DEPPARSE_BATCH_CELLS
    from attrib.options import CHUNK_CHARS, CHUNK_DOCS

    return (f"attrib's is bounded by construction: one chunk at a time (at most {CHUNK_CHARS:,} characters "
            f"and {CHUNK_DOCS:,} documents, or one longer document; one stanza call per language) and parser batches "
            f"of at most {DEPPARSE_BATCH_CELLS} padded cells, so it grows with N only until the corpus "
            "holds its heaviest chunk (and the memory allocator's leftovers settle).")


def _header(result: dict, rows: list[dict]) -> list[str]:
    """Title, what was measured where, and whether the bench finished."""
    machine = result["machine"]
    code = f"attrib {machine.get('attrib', '?')}" + (f" at {machine['commit']}" if machine.get("commit") else "")
    counts = sorted({r["repeats"] for r in rows}) or [1]
    repeats = f"{counts[0]}–{counts[-1]}" if len(counts) > 1 else counts[0]
    lines = ["# Benchmarks", "", f"Measured {result['date']} with `attrib bench` ({code}) on {machine['cpus']} "
             f"CPUs (load average {machine['load_average']:.2f} at the start). Workers × torch threads per "
             f"worker. {_how_timed(machine)}" + (f" Each configuration was measured {repeats} times; times are medians "
                          "(fastest–slowest in brackets)." if counts[-1] > 1 else ""), ""]
    return lines + (["**Incomplete: the bench was interrupted or is still running.**", ""]
                    if not result.get("complete", True) else [])


def _how_timed(machine: dict) -> str:
    """How the configurations shared the machine (benches before turns ran them in a row)."""
    if "turn" not in machine:
        return "The configurations ran one after another; a shared machine's speed drifts meanwhile."
    return (f"The configurations of a corpus run as processes that take turns on the machine, {machine['turn']:g} "
            "seconds each, so the drift of a shared machine's speed falls on all of them alike; a "
            "configuration's time is the sum of its turns.")


def _table(rows: list[dict]) -> list[str]:
    """The measurements, one line per corpus, size and configuration."""
    lines = ["| corpus | documents | configuration | seconds | documents/s | sentences/s | peak memory (MB) "
             "| vs stanza | vs stanza-chunks | vs 1×1 |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        base = _row(rows, row, "stanza " + row["config"].split()[1])
        streamed = _row(rows, row, "stanza-chunks " + row["config"].split()[1])
        one = _row(rows, row, row["config"].split()[0] + " 1×1")
        both = row["config"].startswith("attrib")
        docs = row["documents"] if row["documents"] is not None else row["n"]
        spread = f" ({row['fastest']:.1f}–{row['slowest']:.1f})" if row["repeats"] > 1 else ""
        lines.append(f"| {row['corpus']} | {row['n']} | {row['config']} | {row['seconds']:.1f}{spread} | "
                     f"{docs / row['seconds']:.2f} | {row['sentences'] / row['seconds']:.1f} | "
                     f"{row['peak_mb']:.0f} | {_ratio(row, base, _over)} | "
                     f"{_ratio(row, streamed, _over) if both else '–'} | "
                     f"{_ratio(one, row, lambda o, r: f'{o / r:.2f}×') if both else '–'} |")
    return lines


def _row(rows: list[dict], like: dict, config: str) -> dict | None:
    """The row of ``config`` on the corpus and size of ``like``, if measured."""
    return next((r for r in rows if r["n"] == like["n"] and r["corpus"] == like["corpus"]
                 and r["config"] == config), None)


def _over(seconds: float, base: float) -> str:
    """How much longer than ``base``, as a signed percentage."""
    return f"{seconds / base - 1:+.1%}"


def _ratio(a: dict | None, b: dict | None, show) -> str:
    """``show(a seconds, b seconds)``, or a dash while one is missing."""
    return show(a["seconds"], b["seconds"]) if a and b else "–"


def targets(rows: list[dict]) -> list[str]:
    """One line per target, corpus and size: the figure and whether it is met."""
    lines = []
    for like in list({(r["corpus"], r["n"]): r for r in rows}.values()):
        name = f"{like['corpus']}, N={like['n']}"
        base, streamed, one, two, bare_two = (_row(rows, like, c) for c in
                                              ("stanza 1×1", "stanza-chunks 1×1", "attrib 1×1", "attrib 2×1", "stanza 2×1"))
        for stanza, how in ((streamed, "given attrib's chunks, one call each, memory bounded as attrib's"),
                            (base, "given the whole corpus in one call per language")):
            if stanza and one:
                over = one["seconds"] / stanza["seconds"] - 1
                lines.append(f"- {name}: attrib adds {over:+.1%} to the time of bare stanza {how} "
                             f"(target < 10%): {'met' if over < 0.10 else 'not met'}")
        if one and one.get("own") is not None:
            lines.append(f"- {name}: within the attrib 1×1 run itself, {one['own']:.1%} of its CPU time is "
                         f"spent outside stanza (reading, rules, writing; {one['own'] / (1 - one['own']):+.1%} "
                         "over its stanza calls)")
        if one and two:
            gain = one["seconds"] / two["seconds"]
            ceiling = (f"; bare stanza in two processes: {base['seconds'] / bare_two['seconds']:.2f}×"
                       if base and bare_two else "")
            lines.append(f"- {name}: 2 workers × 1 thread give {gain:.2f}× 1 × 1 (target ≥ 1.7×): "
                         f"{'met' if gain >= 1.7 else 'not met'}{ceiling}")
        lines += _model_lines(rows, like, name, one)
    return lines + _memory_lines(rows)


def _model_lines(rows: list[dict], like: dict, name: str, one: dict | None) -> list[str]:
    """The learned attribution against the rules: speed per core and memory per worker."""
    lines = []
    model = _row(rows, like, "attrib-model 1×1")
    if model and one:
        ratio = (model["sentences"] / model["seconds"]) / (one["sentences"] / one["seconds"])
        lines.append(f"- {name}: the learned attribution annotates {ratio:.2f}× the sentences per second of the rules, "
                     f"one worker, one thread (target ≥ 0.5×): {'met' if ratio >= 0.5 else 'not met'}")
    for config in ("attrib-model 1×1", "attrib-model 2×1"):
        row = _row(rows, like, config)
        if row:
            lines.append(f"- {name}: {config} peak memory per worker {row['peak_mb']:.0f} MB (target ≤ 1,536 MB): "
                         f"{'met' if row['peak_mb'] <= 1536 else 'not met'}")
    return lines


def _memory_lines(rows: list[dict]) -> list[str]:
    """Peak memory at the largest size against the smallest, per corpus and configuration
    (flat: within 15%)."""
    lines = []
    for kind, config in dict.fromkeys((r["corpus"], r["config"]) for r in rows):
        mine = sorted((r for r in rows if r["corpus"] == kind and r["config"] == config), key=lambda r: r["n"])
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            growth = large["peak_mb"] / small["peak_mb"] - 1
            lines.append(f"- {kind}, {config}: peak memory {small['peak_mb']:.0f} MB at N={small['n']}, "
                         f"{large['peak_mb']:.0f} MB at N={large['n']} ({growth:+.0%}; target: flat, "
                         f"within 15%): {'met' if growth <= 0.15 else 'not met'}")
    return lines
