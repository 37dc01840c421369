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
        groups.setdefault((corpus(row), row["n"], row["config"], row.get("code"), row.get("load")), []).append(row)
    return [{**runs[0], "corpus": key[0], "seconds": statistics.median(r["seconds"] for r in runs),
             "fastest": min(r["seconds"] for r in runs), "slowest": max(r["seconds"] for r in runs),
             "repeats": len(runs), "peak_mb": max((r["peak_mb"] for r in runs if r["peak_mb"] is not None), default=None),
             "own": _own_share(runs), "stopped": any(r.get("stopped") for r in runs)}
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
    """The benchmark report: the figures, then the targets, met or not (and, when measured,
    the baseline side by side and the loaded machine)."""
    rows = summarise(result["rows"])
    idle = [r for r in rows if not r.get("load")]
    return "\n".join([*_header(result, rows), *_table(idle), "",
                      "`vs stanza`: the time over the bare stanza pipelines (loaded as attrib loads them, "
                      "parser batches and tokenizer windows included) on the same paragraphs, all "
                      "in one call per language, with as many single-threaded processes. `vs stanza-chunks`: "
                      "the time over the bare stanza pipelines given one chunk per call, cut as attrib cuts "
                      "them (memory that does not grow with the corpus, like attrib's). `vs 1×1`: speed-up over "
                      "one single-threaded attrib worker. `stanza 2×1` parses the paragraphs in two "
                      "processes, half the characters each: the speed-up this machine allows two workers. "
                      "Peak memory is that of the largest single process (each of two workers needs "
                      "about as much). " + _memory_bound() + baseline_note(rows),
                      *under_load(rows), "", "## Targets", "", *targets(rows), ""])


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
    code += f", against the baseline at {machine['baseline']} side by side" if machine.get("baseline") else ""
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
    """The measurements, one line per corpus, size and configuration (a ``vs baseline``
    column when a baseline was measured)."""
    compare = any(r.get("code") for r in rows)
    head = ("| corpus | documents | configuration | seconds | documents/s | sentences/s | peak memory (MB) "
            "| vs stanza | vs stanza-chunks | vs 1×1 |" + (" vs baseline |" if compare else ""))
    lines = [head, "| --- " * head.count(" |") + "|"]
    for row in rows:
        cells = _cells(rows, row) + ([_vs_baseline(rows, row)] if compare else [])
        lines.append(f"| {row['corpus']} | {row['n']} | {label(row)} | " + " | ".join(cells) + " |")
    return lines


def _cells(rows: list[dict], row: dict) -> list[str]:
    """A row's figures, and its ratios to bare stanza and to one worker of the same code
    (a baseline's rows are not set against the current stanza rows)."""
    config, code = row["config"].split(), row.get("code")
    base = None if code else _row(rows, row, "stanza " + config[1])
    streamed = None if code else _row(rows, row, "stanza-chunks " + config[1])
    one = _row(rows, row, config[0] + " 1×1", code, row.get("load"))
    both = row["config"].startswith("attrib")
    spread = f" ({row['fastest']:.1f}–{row['slowest']:.1f})" if row["repeats"] > 1 else ""
    return [*_rates(row, spread), _ratio(row, base, _over), _ratio(row, streamed, _over) if both else "–",
            _ratio(one, row, lambda o, r: f"{o / r:.2f}×") if both else "–"]


def _rates(row: dict, spread: str = "") -> list[str]:
    """Seconds (with ``spread``), documents and sentences per second, and peak memory."""
    docs = row["documents"] if row["documents"] is not None else row["n"]
    return [f"{row['seconds']:.1f}{spread}", f"{docs / row['seconds']:.2f}", f"{speed(row):.1f}", f"{row['peak_mb']:.0f}"]


def label(row: dict) -> str:
    """A configuration as the report shows it: a baseline's with its commit."""
    return f"{row['config']} ({row['code']})" if row.get("code") else row["config"]


def _vs_baseline(rows: list[dict], row: dict) -> str:
    """The current code's sentences per second over the baseline's, same configuration."""
    base = None if row.get("code") else _row(rows, row, row["config"], baseline_code(rows), row.get("load"))
    return f"{speed(row) / speed(base):.2f}×" if base else "–"


def speed(row: dict) -> float:
    """Sentences per second of a measurement."""
    return row["sentences"] / row["seconds"]


def baseline_code(rows: list[dict]) -> str | None:
    """The commit of the baseline measured beside the current code, if any."""
    return next((r["code"] for r in rows if r.get("code")), None)


def _row(rows: list[dict], like: dict, config: str, code: str | None = None, load: str | None = None) -> dict | None:
    """The row of ``config`` on the corpus and size of ``like``, if measured: of the current
    code on an idle machine, or of the baseline ``code`` and under ``load`` where given."""
    return next((r for r in rows if r["n"] == like["n"] and r["corpus"] == like["corpus"]
                 and r["config"] == config and r.get("code") == code and r.get("load") == load), None)


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
        lines += _model_lines(rows, like, name, one) + _per_core_lines(rows, like, name)
    return lines + _load_lines(rows, targets_only=True) + _memory_lines([r for r in rows if not _variant(r)])


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


def _per_core_lines(rows: list[dict], like: dict, where: str) -> list[str]:
    """The current code's sentences per second on one core (1 worker × 1 thread) against the
    baseline's, same corpus, same run (target ≥ 2×)."""
    code, lines = baseline_code(rows), []
    for kind in ("attrib", "attrib-model"):
        mine, theirs = _row(rows, like, f"{kind} 1×1"), _row(rows, like, f"{kind} 1×1", code)
        if code and mine and theirs:
            ratio = speed(mine) / speed(theirs)
            lines.append(f"- {where}: {kind} 1×1 annotates {ratio:.2f}× the sentences per second per core of the "
                         f"baseline at {code} ({speed(mine):.1f} against {speed(theirs):.1f}; target ≥ 2×): "
                         f"{'met' if ratio >= 2 else 'not met'}")
    return lines


def _variant(row: dict) -> tuple:
    """What sets a row apart from the current code's on an idle machine: baseline, load."""
    return tuple(v for v in (row.get("code"), row.get("load")) if v)


def baseline_note(rows: list[dict]) -> str:
    """What the ``vs baseline`` column means (nothing when no baseline was measured)."""
    code = baseline_code(rows)
    if not code:
        return ""
    return (f" `vs baseline`: the sentences per second of the current code over those of the baseline at {code} "
            "(rows marked with its commit) in the same configuration: the same documents, in the same run, the "
            "processes of both taking turns; each code runs with its own model pack and counts sentences as it "
            "splits them. The baseline's rows are not set against bare stanza (the stanza rows use the current pack).")


def under_load(rows: list[dict]) -> list[str]:
    """The section on the loaded machine: the measurements beside a busy competitor, and
    the time with the code's own thread setting over that with one thread, per code."""
    loaded = [r for r in rows if r.get("load")]
    if not loaded:
        return []
    head = "| corpus | documents | configuration | seconds | documents/s | sentences/s | peak memory (MB) |"
    table = [head, "| --- " * head.count(" |") + "|"]
    for row in loaded:
        table.append(f"| {row['corpus']} | {row['n']} | {label(row)} | " + " | ".join(_load_cells(row)) + " |")
    return ["", "## Under load", "", "The articles again, while one busy competitor process (a pure-Python loop "
            "in its own process group, started before the configurations and killed after them) holds a core "
            "all the time: one attrib worker with the code's own thread setting (`×default`: no `--threads` "
            "given, no OMP_NUM_THREADS) against `--threads 1`, taking turns as above.", "", *table, "",
            *_load_lines(rows)]


def _load_cells(row: dict) -> list[str]:
    """A loaded row's figures; a configuration stopped for collapsing shows the time it had
    taken as a lower bound (see :data:`attrib.evaluation.bench.LOADED_CAP`)."""
    if row["stopped"]:
        return [f"> {row['seconds']:.1f} (stopped)", f"< {row['n'] / row['seconds']:.2f}", "–", "–"]
    return _rates(row)


def _load_lines(rows: list[dict], targets_only: bool = False) -> list[str]:
    """Per corpus, size and code under load: the default threads' time over one thread's
    (target for the current code: within 1.3×); ``targets_only``: the current code's lines."""
    lines, base = [], None if targets_only else baseline_code(rows)
    for like in {(r["corpus"], r["n"], r["load"]): r for r in rows if r.get("load")}.values():
        for code in (None, base) if base else (None,):
            default, one = (_row(rows, like, c, code, like["load"]) for c in ("attrib 1×default", "attrib 1×1"))
            if default and one:
                ratio = default["seconds"] / one["seconds"]
                verdict = (f"target ≤ 1.3×): {'met' if ratio <= 1.3 and not default['stopped'] else 'not met'}"
                           if code is None else "the baseline, for reference)")
                more = "more than " if default["stopped"] else ""
                lines.append(f"- {like['corpus']}, N={like['n']}, {'baseline at ' + code if code else 'current code'}: "
                             f"under load, default threads take {more}{ratio:.2f}× the time of `--threads 1` "
                             f"({'stopped; ' if more else ''}{verdict}")
    return lines


def _memory_lines(rows: list[dict]) -> list[str]:
    """Peak memory at the largest size against the smallest, per corpus and configuration
    (flat: within 15%)."""
    lines = []
    for kind, config in dict.fromkeys((r["corpus"], r["config"]) for r in rows):
        mine = sorted((r for r in rows if r["corpus"] == kind and r["config"] == config and not r.get("stopped")),
                      key=lambda r: r["n"])
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            growth = large["peak_mb"] / small["peak_mb"] - 1
            lines.append(f"- {kind}, {config}: peak memory {small['peak_mb']:.0f} MB at N={small['n']}, "
                         f"{large['peak_mb']:.0f} MB at N={large['n']} ({growth:+.0%}; target: flat, "
                         f"within 15%): {'met' if growth <= 0.15 else 'not met'}")
    return lines
