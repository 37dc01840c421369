"""``attrib eval coding.csv``: score attrib against a coder's filled sheet (from ``attrib sample``).

For every language and overall, two estimates: ``sample`` (every coded row counts once) and
``corpus`` (rows re-weighted by their stratum's population / coded rows, which estimates
attrib's accuracy on the whole annotated corpus). Measures: precision, recall and F1 of
"attributed" and chain accuracy (over the sentences the coder marks attributed: attrib's
chain equals the coder's, link for link). 95 % intervals: Wilson's for the proportions (with
Kish's effective sample size for the corpus estimate), a seeded stratified bootstrap over
sentences for F1.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from attrib.atomic import write_text_atomic
from attrib.evaluation.coding import CODER_COLUMNS
from attrib.errors import UsageError
from attrib.parsing.sent import fold
from attrib.inputs.usage import check_out_folder

Z95 = 1.959963984540054
REQUIRED = ("sample_id", "doc_id", "sent_id", "lang", "stratum", "population", "attrib_attributed",
            "attrib_chain", "coder_attributed", "coder_chain")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
ARROWS = ("←", "<-")
MEASURES = ("precision", "recall", "f1", "chain_accuracy")


def wilson(successes: float, total: float, z: float = Z95) -> tuple[float | None, float | None]:
    """Wilson's score interval for a proportion (``total`` may be an effective, fractional size).

    Returns:
        (low, high); (None, None) when ``total`` is 0.
    """
    if total <= 0:
        return None, None
    p, z2 = successes / total, z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = z / (1 + z2 / total) * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total))
    return (0.0 if p <= 0 else max(0.0, centre - half)), (1.0 if p >= 1 else min(1.0, centre + half))


def names_key(chain: str) -> tuple[str, ...]:
    """A chain ``A ← B`` (or ``A <- B``) as its folded names: case, accents and spacing aside."""
    text = chain
    for arrow in ARROWS[1:]:
        text = text.replace(arrow, ARROWS[0])
    return tuple(" ".join(fold(name).split()) for name in text.split(ARROWS[0]))


def _decode(path: Path) -> str:
    """A sheet's text (UTF-8, with or without the byte-order mark).

    Raises:
        UsageError: when it cannot be read or is not UTF-8.
    """
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8; save it from your spreadsheet as 'CSV UTF-8'") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}; give the coding sheet attrib sample wrote") from exc


def _read_sheet(path: Path) -> pd.DataFrame:
    """One sheet as stripped strings, whatever the delimiter a spreadsheet saved it with (, ; or tab),
    with its ``sheet`` and spreadsheet ``row`` (the header is row 1)."""
    text = _decode(path)
    header = text.split("\n", 1)[0].strip()
    sep = next((s for s in (",", ";", "\t") if "coder_attributed" in header.split(s)), ",")
    try:
        sheet = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise UsageError(f"cannot read {path} as CSV ({str(exc).splitlines()[0]}); save it from your spreadsheet "
                         "as 'CSV UTF-8'") from exc
    sheet.columns = [str(c).strip() for c in sheet.columns]
    missing = [c for c in REQUIRED if c not in sheet.columns]
    if missing:
        raise UsageError(f"{path} has no {', '.join(missing)} column(s); give a sheet written by `attrib sample` "
                         "with its columns kept (add your judgements in the coder_ columns)")
    return sheet.apply(lambda col: col.str.strip()).assign(sheet=str(path), row=sheet.index + 2)


def _yes_no(value: str) -> bool | None:
    """``yes``/``no`` (also y/n, true/false, 1/0, any case) as a bool; None for anything else."""
    value = value.casefold()
    return True if value in YES else False if value in NO else None


class CellError(ValueError):
    """A coder cell that cannot be scored; the message says what to write instead."""


def _judge(row: pd.Series) -> tuple[bool, bool, bool]:
    """(attrib attributed, coder attributed, attrib's chain right) of one coded row.

    Raises:
        CellError: naming the column and what to write.
    """
    attrib, coder, chain = _yes_no(row["attrib_attributed"]), _yes_no(row["coder_attributed"]), row["coder_chain"]
    if attrib is None:
        raise CellError(f"attrib_attributed is {row['attrib_attributed']!r}; keep the yes/no attrib sample wrote")
    if coder is None:
        raise CellError(f"coder_attributed is {row['coder_attributed']!r}; write yes or no "
                        "(or clear the row's coder cells to leave it out)")
    if chain == "=" and attrib != coder:
        raise CellError(f"coder_chain is '=' (attrib is right) but attrib says {row['attrib_attributed']} and "
                        f"coder_attributed {row['coder_attributed']}; write the chain, or fix coder_attributed")
    if chain == "=":
        return attrib, coder, True
    if not coder:
        if chain:
            raise CellError(f"coder_chain is {chain!r} but coder_attributed is no; clear coder_chain, or write yes")
        return attrib, coder, False
    if not chain or "" in names_key(chain):
        raise CellError(f"coder_chain is {chain!r}; write the chain, proximate first, as 'A ← B' (or 'A <- B'), "
                        "or '=' when attrib's chain is right")
    return attrib, coder, names_key(chain) == names_key(row["attrib_chain"]) and attrib


def _problem(row: pd.Series, exc: CellError) -> str:
    """Where a bad cell is, as a spreadsheet shows it, and what is wrong with it."""
    return f"{row['sheet']} row {row['row']} (sample_id {row['sample_id']}): {exc}"


def judged_rows(sheet: pd.DataFrame) -> pd.DataFrame:
    """The coded rows of a sheet with bool columns ``attrib``, ``coder``, ``chain_ok``.

    Rows whose coder cells are all empty are left out (the caller counts them).

    Raises:
        UsageError: for the first bad cell (row, column, what to write), with how many more rows have one.
    """
    coded = sheet[(sheet[[c for c in CODER_COLUMNS if c in sheet]] != "").any(axis=1)].copy()
    judged, problems = [], []
    for _, row in coded.iterrows():
        try:
            judged.append(_judge(row))
        except CellError as exc:
            problems.append(_problem(row, exc))
    if problems:
        more = f" ({len(problems) - 1} more rows have problems)" if len(problems) > 1 else ""
        raise UsageError(problems[0] + more)
    columns = ["attrib", "coder", "chain_ok"]
    return coded.assign(**dict(zip(columns, np.array(judged, dtype=bool).reshape(-1, 3).T)))


def _with_weights(coded: pd.DataFrame) -> pd.DataFrame:
    """The coded rows with ``pool`` (stratum and population: the sheets of one sample, or of several
    samples of one corpus, pool their rows) and ``weight`` = the pool's population / its coded rows.

    Raises:
        UsageError: when a population cell is not a whole number or differs within a sheet's stratum.
    """
    population = pd.to_numeric(coded["population"].str.replace(r"[\s\u00a0,.]", "", regex=True), errors="coerce")
    bad = coded[population.isna()]
    if len(bad):
        row = bad.iloc[0]
        raise UsageError(f"{row['sheet']} row {row['row']}: population is {row['population']!r}; keep the whole "
                         "number attrib sample wrote")
    differing = population.groupby([coded["sheet"], coded["stratum"]]).nunique()
    if (differing > 1).any():
        sheet, stratum = differing.idxmax()
        raise UsageError(f"{sheet}: stratum {stratum} has differing population cells; keep those attrib sample wrote")
    pool = coded["stratum"] + ":" + population.astype(int).astype(str)
    return coded.assign(pool=pool, weight=population / pool.map(pool.value_counts()))


def _strata(rows: pd.DataFrame) -> set[tuple[str, str]]:
    """The (stratum, population) pairs that rows come from."""
    return set(zip(rows["stratum"], rows["population"]))


def load_coding(sheets: list[Path]) -> tuple[pd.DataFrame, int, list[str]]:
    """The coded rows of every sheet with their judgements and corpus weights, the number of
    rows left empty (skipped) and the strata with no coded row (missing from the corpus estimate).

    Raises:
        UsageError: for a missing or unreadable sheet, a bad cell, a sentence given twice, or no coding at all.
    """
    sheet = pd.concat([_read_sheet(Path(p)) for p in sheets], ignore_index=True)
    twice = sheet[sheet.duplicated(["doc_id", "sent_id"], keep=False)]
    if len(twice):
        where = ", ".join(f"{s} row {r}" for s, r in zip(twice["sheet"][:2], twice["row"][:2]))
        raise UsageError(f"sentence {twice['doc_id'].iloc[0]} #{twice['sent_id'].iloc[0]} is in the sheets twice "
                         f"({where}); give each sentence once (score two coders' sheets one at a time)")
    coded = judged_rows(sheet)
    if coded.empty:
        raise UsageError(f"no row of {', '.join(map(str, sheets))} is coded; fill coder_attributed (yes/no) and "
                         "coder_chain ('=' when attrib's chain is right) first")
    empty = sorted(f"{stratum} (population {population})" for stratum, population in _strata(sheet) - _strata(coded))
    return _with_weights(coded), len(sheet) - len(coded), empty


def _ratio(hits: np.ndarray, base: np.ndarray, weights: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """A (weighted) proportion of ``hits`` among ``base`` rows, with its Wilson interval at Kish's
    effective size (which is the plain count when the weights are equal)."""
    w = weights[base]
    if not len(w):
        return None, None, None
    share, size = float(w[hits[base]].sum() / w.sum()), _kish(w)
    return (share, *wilson(share * size, size))


def _kish(weights: np.ndarray) -> float:
    """Kish's effective sample size of weighted rows: (Σw)² / Σw²."""
    return float(weights.sum() ** 2 / (weights ** 2).sum())


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 = 2TP / (2TP + FP + FN), NaN where nothing is attributed by either side."""
    denominator = 2 * tp + fp + fn
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, 2 * tp / np.where(denominator > 0, denominator, 1), np.nan)


def bootstrap_f1(rows: pd.DataFrame, weights: np.ndarray, resamples: int,
                 seed: int) -> tuple[float | None, float | None]:
    """95 % percentile interval of F1 from resampling sentences with replacement within each stratum.

    Args:
        rows: judged rows (``attrib``, ``coder``, ``pool``: the stratum).
        weights: per-row weights (all 1 for the sample estimate); constant within a stratum.
        resamples: bootstrap replicates; seed: their random seed.

    Returns:
        (low, high); (None, None) when no replicate has anything attributed.
    """
    rng = np.random.default_rng(seed)
    totals = np.zeros((3, resamples))
    for _, group in rows.groupby("pool", sort=True):
        idx = rng.integers(0, len(group), size=(resamples, len(group)))
        a, c = group["attrib"].to_numpy(), group["coder"].to_numpy()
        counts = np.stack([(a & c)[idx].sum(1), (a & ~c)[idx].sum(1), (~a & c)[idx].sum(1)])
        totals += counts * weights[group.index[0]]  # rows has a RangeIndex: labels are positions
    scores = _f1(*totals)
    if np.isnan(scores).all():
        return None, None
    low, high = np.nanpercentile(scores, [2.5, 97.5])
    return float(low), float(high)


def score(rows: pd.DataFrame, weighted: bool, resamples: int = 2000, seed: int = 0) -> dict:
    """Precision, recall, F1 and chain accuracy of judged rows, each with its 95 % interval.

    Args:
        rows: judged rows (see :func:`judged_rows`) with ``weight``.
        weighted: re-weight to the corpus (True) or count every row once (False).
        resamples, seed: of the F1 bootstrap.
    """
    a, c, ok = (rows[k].to_numpy(dtype=bool) for k in ("attrib", "coder", "chain_ok"))
    w = rows["weight"].to_numpy(dtype=float) if weighted else np.ones(len(rows))
    tp, fp, fn = (float(w[m].sum()) for m in (a & c, a & ~c, ~a & c))
    result = {"sentences": len(rows), "corpus_sentences": round(float(w.sum()), 1),
              "tp": int((a & c).sum()), "fp": int((a & ~c).sum()), "fn": int((~a & c).sum())}
    for name, hits, base in (("precision", c, a), ("recall", a, c), ("chain_accuracy", ok, c)):
        result.update(zip((name, f"{name}_low", f"{name}_high"), _ratio(hits, base, w)))
    f1 = _f1(np.array(tp), np.array(fp), np.array(fn))
    low, high = bootstrap_f1(rows.reset_index(drop=True), w, resamples, seed)
    result.update(f1=None if np.isnan(f1) else float(f1), f1_low=low, f1_high=high)
    result["chain_sentences"] = int(c.sum())
    return result


def score_table(coded: pd.DataFrame, resamples: int = 2000, seed: int = 0) -> list[dict]:
    """One row per language and estimate (``sample``, ``corpus``), then ``all``."""
    scopes = [(lang, coded[coded["lang"] == lang]) for lang in sorted(coded["lang"].unique())] + [("all", coded)]
    return [{"lang": lang, "estimate": estimate, **score(rows, estimate == "corpus", resamples, seed)}
            for lang, rows in scopes for estimate in ("sample", "corpus")]


def _cell(row: dict, name: str) -> str:
    """``0.83 [0.44, 0.97]``, or ``-`` where the measure is undefined (nothing to count)."""
    value, low, high = row[name], row[f"{name}_low"], row[f"{name}_high"]
    if value is None:
        return "-"
    return f"{value:.2f} [{low:.2f}, {high:.2f}]" if low is not None else f"{value:.2f}"


HEADERS = ("lang", "estimate", "n", "precision", "recall", "F1", "chain accuracy")


def format_table(rows: list[dict]) -> str:
    """The scores as a fixed-width text table (n: coded sentences; chain accuracy over the coder's attributed)."""
    cells = [[r["lang"], r["estimate"], str(r["sentences"]), *(_cell(r, m) for m in MEASURES)] for r in rows]
    widths = [max(len(line[i]) for line in [list(HEADERS), *cells]) for i in range(len(HEADERS))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(line, widths)).rstrip() for line in [list(HEADERS), *cells])


METHOD = """\
`sample` counts every coded sentence once; `corpus` weights each by its stratum's population / the stratum's coded
sentences (strata: language x attributed or not by attrib), which estimates attrib's accuracy on the whole annotated
corpus. Precision: share of attrib's attributed sentences the coder marks attributed; recall: share of the coder's
attributed sentences attrib attributes; chain accuracy: share of the coder's attributed sentences whose attrib chain
is the coder's, link for link (names compared case-, accent- and space-insensitively; `=` counts as equal). 95 %
intervals: Wilson's for the proportions (at Kish's effective sample size for `corpus`); for F1 the 2.5th and 97.5th
percentiles of {resamples} bootstrap replicates (seed {seed}) that resample sentences within each stratum."""


def to_markdown(rows: list[dict], summary: str, notes: list[str], resamples: int, seed: int) -> str:
    """coding-eval.md: what was scored, the table, how it was computed."""
    lines = ["# attrib against the coder", "", summary, ""] + [f"- {note}" for note in notes] + ([""] if notes else [])
    lines += ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    lines += [f"| {r['lang']} | {r['estimate']} | {r['sentences']} | " + " | ".join(_cell(r, m) for m in MEASURES)
              + " |" for r in rows]
    return "\n".join(lines + ["", METHOD.format(resamples=resamples, seed=seed), ""])


def _write(out: Path, rows: list[dict], markdown: str) -> list[Path]:
    """coding-eval.md and coding-eval.csv in ``out`` (created), each written atomically."""
    out.mkdir(parents=True, exist_ok=True)
    table = pd.DataFrame(rows).round(4).to_csv(index=False)
    return [write_text_atomic(out / "coding-eval.md", markdown), write_text_atomic(out / "coding-eval.csv", table)]


def score_coding(*, sheets: list[Path], out: Path | None = None, resamples: int = 2000, seed: int = 0) -> dict:
    """Score attrib against one or more filled coding sheets (written by ``attrib sample``).

    A row is scored when its coder cells are filled: ``coder_attributed`` yes or no;
    ``coder_chain`` the right chain ("A ← B", proximate first; ``=`` when attrib's is right;
    empty when not attributed); ``coder_notes`` free text. A row whose coder cells are all
    empty is skipped and counted; any other unreadable cell stops with its row and column.
    Corpus estimates re-weight each stratum by population / coded rows, which assumes the
    skipped rows of a stratum are like its coded ones; sheets that share a stratum with the
    same population (parts of one sample, or samples of one corpus) pool its rows.

    Args:
        sheets: the filled CSV sheet(s) (comma, semicolon or tab separated, UTF-8).
        out: folder for coding-eval.md and coding-eval.csv (nothing written when None).
        resamples, seed: of the F1 bootstrap.

    Returns:
        rows (one dict per language and estimate, then ``all``), coded, skipped, notes,
        summary and table (text to print), files written.

    Raises:
        UsageError: before anything is written, for a bad sheet, cell or ``out``.
    """
    if out is not None:
        check_out_folder(Path(out), "evaluation")
    coded, skipped, empty = load_coding([Path(p) for p in sheets])
    rows = score_table(coded, resamples, seed)
    notes = [f"stratum {name} has no coded row: the corpus estimate leaves its sentences out" for name in empty]
    summary = (f"scored {len(coded)} coded sentences of {', '.join(map(str, sheets))}"
               + (f" ({skipped} {'row' if skipped == 1 else 'rows'} left empty, skipped)" if skipped else ""))
    files = _write(Path(out), rows, to_markdown(rows, summary, notes, resamples, seed)) if out is not None else []
    return {"rows": rows, "coded": len(coded), "skipped": skipped, "notes": notes, "summary": summary,
            "table": format_table(rows), "files": files}
