"""``attrib sample``: a stratified, seeded sample of sentences as a coding sheet.

A researcher validates attrib on their own corpus by coding a sample by hand and scoring
attrib against it (:mod:`attrib.evaluation.coding_eval`). The sample is stratified by language and by
whether attrib attributed the sentence, so that rare strata (attributed sentences of a small
language) get enough rows to say something; every row records its stratum, the stratum's
population and its sampling weight (population / sampled), with which the scores are
re-weighted to estimate attrib's accuracy on the whole corpus.

The sheet is a CSV (UTF-8 with a byte-order mark, so that Excel shows Greek and Hungarian
correctly) with a self-contained HTML page beside it for reading.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from attrib.atomic import write_text_atomic
from attrib.errors import UsageError
from attrib.report.chains import chain_text
from attrib.inputs.usage import check_annotations

SHEET_COLUMNS = ("sample_id", "doc_id", "sent_id", "lang", "kind", "stratum", "population", "weight",
                 "context_before", "sentence", "context_after", "attrib_attributed", "attrib_chain",
                 "attrib_quote", "coder_attributed", "coder_chain", "coder_notes")
CODER_COLUMNS = ("coder_attributed", "coder_chain", "coder_notes")
READ_COLUMNS = ["doc_id", "sent_id", "text", "lang", "kind", "attributed", "chain", "quote"]
BOM = "\ufeff"


def allocate(populations: dict[str, int], n: int) -> dict[str, int]:
    """How many sentences to draw from each stratum.

    Equal allocation capped by the stratum's size: every stratum gets ``n // K`` (K strata)
    or all its sentences if it has fewer. What is left of ``n`` is spread in proportion to
    the sentences each stratum has left (largest remainders first, ties by stratum name), so
    no stratum gets more than it has. When ``n`` is at least the corpus, every sentence is taken.

    Args:
        populations: stratum name -> number of sentences in it.
        n: sample size asked for.

    Returns:
        stratum name -> sentences to draw, in the order of ``populations``' sorted names.
    """
    names = sorted(populations)
    if n >= sum(populations.values()):
        return {name: populations[name] for name in names}
    taken = {name: min(populations[name], n // len(names)) for name in names}
    left = n - sum(taken.values())
    spare = {name: populations[name] - taken[name] for name in names}
    quotas = {name: left * spare[name] / sum(spare.values()) for name in names}
    for name in names:
        taken[name] += int(quotas[name])
    by_fraction = sorted(names, key=lambda name: (-(quotas[name] - int(quotas[name])), name))
    for name in by_fraction[:n - sum(taken.values())]:
        taken[name] += 1
    return taken


def stratum_of(lang: str, attributed: bool) -> str:
    """The stratum name of a sentence: ``el/attributed`` or ``el/unattributed``."""
    return f"{lang}/{'attributed' if attributed else 'unattributed'}"


def _read_sentences(annotations: Path) -> pd.DataFrame:
    """The sentences of an annotated dataset, in document and sentence order, with their stratum."""
    frame = pd.read_parquet(Path(annotations) / "sentences", columns=READ_COLUMNS)
    if frame.empty:
        raise UsageError(f"{annotations} holds no sentences; annotate a corpus into it first "
                         f"(`attrib annotate INPUT --out {annotations}`)")
    frame = frame.sort_values(["doc_id", "sent_id"], kind="stable").reset_index(drop=True)
    frame["lang"] = frame["lang"].fillna("und").astype(str)
    frame["attributed"] = frame["attributed"].fillna(False).astype(bool)
    frame["stratum"] = [stratum_of(lang, att) for lang, att in zip(frame["lang"], frame["attributed"])]
    return frame


def _draw(frame: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """The sampled rows of ``frame``, in a random order (strata mixed), with population and weight."""
    populations = frame["stratum"].value_counts().to_dict()
    allocation = allocate(populations, n)
    rng = np.random.default_rng(seed)
    chosen = [rng.choice(np.flatnonzero(frame["stratum"].to_numpy() == name), size=size, replace=False)
              for name, size in allocation.items() if size]
    picks = np.concatenate(chosen)[rng.permutation(sum(allocation.values()))]
    sample = frame.loc[picks].copy()
    sample["position"] = picks
    sample["population"] = sample["stratum"].map(populations)
    sample["weight"] = sample["population"] / sample["stratum"].map(allocation)
    return sample.reset_index(drop=True)


def _context(frame: pd.DataFrame, position: int, width: int) -> tuple[str, str]:
    """The ``width`` sentences before and after the sentence at ``position``, within its document."""
    doc = frame.at[position, "doc_id"]
    before = frame.iloc[max(0, position - width):position]
    after = frame.iloc[position + 1:position + 1 + width]
    join = " ".join
    return join(before.loc[before["doc_id"] == doc, "text"]), join(after.loc[after["doc_id"] == doc, "text"])


def coding_sheet(frame: pd.DataFrame, sample: pd.DataFrame, context: int) -> pd.DataFrame:
    """The coding sheet of a sample: the columns of :data:`SHEET_COLUMNS`, coder columns empty.

    Args:
        frame: every sentence, as :func:`_read_sentences` gives them (for the context).
        sample: the sampled rows with ``position`` (their row in ``frame``), population and weight.
        context: sentences of context on each side.
    """
    contexts = [_context(frame, pos, context) for pos in sample["position"]]
    sheet = pd.DataFrame({
        "sample_id": range(1, len(sample) + 1), "doc_id": sample["doc_id"], "sent_id": sample["sent_id"],
        "lang": sample["lang"], "kind": sample["kind"], "stratum": sample["stratum"],
        "population": sample["population"], "weight": sample["weight"].round(6),
        "context_before": [c[0] for c in contexts], "sentence": sample["text"],
        "context_after": [c[1] for c in contexts],
        "attrib_attributed": sample["attributed"].map({True: "yes", False: "no"}),
        "attrib_chain": sample["chain"].map(chain_text), "attrib_quote": sample["quote"]})
    for column in CODER_COLUMNS:
        sheet[column] = ""
    return sheet[list(SHEET_COLUMNS)]


HTML_HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; max-width: 70em; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4em; vertical-align: top; text-align: left; }}
.ctx {{ color: #888; }} .sent {{ font-weight: 600; }} .meta {{ font-size: .85em; color: #555; }}
</style></head><body>
<h1>{title}</h1>
<p>{intro}</p>
<table><tr><th>#</th><th>sentence (with context)</th><th>attrib</th><th>row</th></tr>
"""


def _html_row(row: pd.Series) -> str:
    """One sheet row as a table row: the sentence between its context, attrib's judgement, where it is."""
    esc = html.escape
    text = (f'<span class="ctx">{esc(row["context_before"])}</span> <span class="sent">{esc(row["sentence"])}'
            f'</span> <span class="ctx">{esc(row["context_after"])}</span>')
    chain = esc(row["attrib_chain"]) if row["attrib_attributed"] == "yes" else "not attributed"
    meta = (f'{esc(str(row["doc_id"]))} #{row["sent_id"]}<br>{esc(row["stratum"])}, {esc(str(row["kind"]))}'
            f'<br>weight {row["weight"]:g}')
    return (f'<tr><td>{row["sample_id"]}</td><td lang="{esc(row["lang"])}">{text}</td><td>{chain}'
            f'<br><span class="meta">quote: {esc(str(row["attrib_quote"]))}</span></td>'
            f'<td class="meta">{meta}</td></tr>\n')


def sheet_html(sheet: pd.DataFrame, title: str) -> str:
    """A self-contained page showing the sheet's sentences for reading (all text escaped)."""
    intro = (f"{len(sheet)} sentences. Code them in the CSV beside this page: coder_attributed (yes/no), "
             "coder_chain (the chain, proximate first, as 'A ← B'; '=' when attrib's is right; empty when "
             "not attributed), coder_notes.")
    head = HTML_HEAD.format(title=html.escape(title), intro=html.escape(intro))
    return head + "".join(_html_row(row) for _, row in sheet.iterrows()) + "</table></body></html>\n"


def _check_out(out: Path) -> None:
    """``out`` is a new ``.csv`` file name, or an existing sheet nobody has coded yet.

    Raises:
        UsageError: when ``out`` is a folder, does not end in .csv, or holds coding.
    """
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give --out a file name, e.g. {out / 'coding.csv'}")
    if out.suffix.lower() != ".csv":
        raise UsageError(f"--out {out} must end in .csv (attrib eval recognises coding sheets by it), "
                         f"e.g. {out.with_suffix('.csv')}")
    if out.is_file() and _has_coding(out):
        raise UsageError(f"{out} already holds a coder's judgements; give --out another file name, or delete "
                         "it first if you mean to replace it")


def _has_coding(path: Path) -> bool:
    """Whether an existing CSV has any filled coder cell (then it must not be overwritten)."""
    try:
        old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=None,
                          engine="python")
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return False
    cells = old.reindex(columns=list(CODER_COLUMNS), fill_value="")
    return bool((cells.apply(lambda col: col.str.strip()) != "").any().any())


def draw_sample(*, annotations: Path, out: Path, n: int = 200, seed: int = 0, context: int = 1) -> dict:
    """Draw a stratified sample of sentences and write it as a coding sheet (CSV) and an HTML page.

    The strata are language × attributed-or-not (attrib's judgement). Allocation (see
    :func:`allocate`): ``n`` split equally among the strata, each capped by its size, the rest
    in proportion to what the strata have left. Every row records its ``stratum``, the
    stratum's ``population`` (its sentences in the corpus) and ``weight`` = population /
    sampled, with which ``attrib eval`` re-weights the scores into corpus estimates. The
    same annotations, ``n`` and ``seed`` give the same sheet; rows come in a random order.

    Args:
        annotations: folder written by ``attrib annotate``.
        out: the CSV to write (``.csv``; its ``.html`` twin goes beside it).
        n: sentences to sample (all of them if the corpus has fewer).
        seed: random seed.
        context: sentences of the same document shown before and after each one.

    Returns:
        Counts: sampled, population (sentences in the corpus), strata (stratum -> [sampled,
        population]) and the paths written (csv, html).

    Raises:
        UsageError: before anything is written, for a folder that is not an annotate output,
            an ``out`` that is a folder, not ``.csv`` or already coded, ``n`` < 1 or ``context`` < 0.
    """
    annotations, out = Path(annotations), Path(out)
    if n < 1:
        raise UsageError(f"--n {n}: give the number of sentences to sample, at least 1 (e.g. --n 200)")
    if context < 0:
        raise UsageError(f"--context {context}: give 0 or more sentences of context")
    check_annotations(annotations)
    _check_out(out)
    frame = _read_sentences(annotations)
    sample = _draw(frame, n, seed)
    sheet = coding_sheet(frame, sample, context)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, BOM + sheet.to_csv(index=False))
    page = write_text_atomic(out.with_suffix(".html"), sheet_html(sheet, f"attrib coding sheet: {out.name}"))
    counts = sheet.groupby("stratum")["population"].agg(["size", "first"])
    return {"sampled": len(sheet), "population": len(frame), "csv": out, "html": page,
            "strata": {name: [int(row["size"]), int(row["first"])] for name, row in counts.iterrows()}}
