"""``attrib report``: reliance and framing summaries, ratings, charts and pages.

Library functions return DataFrames (:mod:`attrib.report.reliance`,
:mod:`attrib.report.framing`, :mod:`attrib.report.ratings`); :func:`build_report` reads an
annotated dataset and writes everything a report holds into one folder::

    OUT/report.html        self-contained page (charts inlined, text escaped)
    OUT/browser.html       every sentence, with filters and search (self-contained)
    OUT/README.md          Markdown summary with the PNG charts
    OUT/*.png, OUT/*.svg   charts
    OUT/tables/NAME.parquet and NAME.csv for every table
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from attrib.atomic import write_text_atomic
from attrib.errors import AttribError, UsageError
from attrib.attribution.registry import Registry, load_registry
from attrib.report import framing as framing_summary
from attrib.report.browser import browser_records, document_info, write_browser
from attrib.report.chains import top_chains
from attrib.report.charts import write_charts
from attrib.report.group_charts import write_group_charts
from attrib.report.groups import GROUPINGS, PERIODS, UNKNOWN_OUTLET, summarise_groups
from attrib.report.numbers import number
from attrib.report.ratings import join_ratings, read_ratings, weighted_reliance
from attrib.report.reliance import corpus_reliance, reliance, reliance_by_type
from attrib.report.render import ReportData, to_html, to_markdown
from attrib.report.render_groups import groups_html, groups_markdown
from attrib.report.schema import group_schema, table_kind
from attrib.inputs.usage import check_annotations, check_out_folder, check_out_outside


def read_annotations(folder: Path) -> dict[str, pd.DataFrame]:
    """The sentences, framing and documents tables of an ``attrib annotate`` output."""
    tables = {}
    for name in ("sentences", "framing", "documents"):
        path = Path(folder) / name
        if not path.exists():
            check_annotations(Path(folder))
            raise AttribError(f"{path} not found; run `attrib annotate INPUT --out {folder}` again to complete it")
        tables[name] = pd.read_parquet(path)
    return tables


def _examples(sentences: pd.DataFrame, framing: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Quoted framing terms with the sentence they occur in."""
    quoted = framing[framing["quoted"]].merge(sentences[["doc_id", "sent_id", "text"]], on=["doc_id", "sent_id"])
    quoted = quoted.assign(voice_name=quoted["voice"].map(names).fillna(quoted["voice"]))
    return quoted.head(40)


def _documents(tables: dict, rel: pd.DataFrame, info: pd.DataFrame) -> pd.DataFrame:
    """Per document: title, outlet, URL (``info``, from :func:`document_info`), size, attribution, top
    sources and credibility-weighted reliance."""
    docs = tables["documents"]
    out = weighted_reliance(rel, docs) if "pc1" in rel else docs[["doc_id", "n_sentences", "n_attributed"]].copy()
    dates = [c for c in ("published", "published_text") if c in docs]  # published_text: the date as given
    out = docs[["doc_id", *dates, "lang", "status"]].merge(out, on="doc_id", how="left")
    top = rel.groupby("doc_id")["name"].agg(lambda n: list(n.head(3)))
    out["top_sources"] = out["doc_id"].map(top).apply(lambda v: v if isinstance(v, list) else [])
    out = out.merge(info[["title", "outlet", "url"]], left_on="doc_id", right_index=True, how="left")
    return out[["doc_id", "title", "outlet", "url", *[c for c in out.columns if c not in DOC_HEAD]]]


DOC_HEAD = ("doc_id", "title", "outlet", "url")
MAX_OUTLETS = 3  # a default title names this many outlets, else counts them


def _inputs_name(documents: pd.DataFrame, annotations: Path) -> str:
    """What the documents were read from: their inputs' common folder or file, else the dataset folder's name."""
    sources = documents["source"].dropna().astype(str) if "source" in documents else pd.Series(dtype=str)
    paths = sorted({s.split("#")[0] for s in sources if s.strip()})  # "#3": a row of a table input
    try:
        common = Path(os.path.commonpath(paths)).name if paths else ""
    except ValueError:  # absolute and relative paths mixed
        common = ""
    return common or Path(annotations).resolve().name


def corpus_title(documents: pd.DataFrame, info: pd.DataFrame, annotations: Path) -> str:
    """The default title: the corpus's inputs and its outlets (``attrib report: seeds (hvg.hu, index.hu)``)."""
    name = _inputs_name(documents, annotations)
    outlets = [o for o in info["outlet"].value_counts().index if o not in (name, UNKNOWN_OUTLET)]
    if len(outlets) > MAX_OUTLETS:
        return f"attrib report: {name} ({number(len(outlets))} outlets)"
    return f"attrib report: {name}" + (f" ({', '.join(outlets)})" if outlets else "")


def summarise(tables: dict, registry: Registry, ratings: list[pd.DataFrame],
              info: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Every report table from the annotation tables (``info``: :func:`document_info`, computed when not given)."""
    sentences, framing = tables["sentences"], tables["framing"]
    info = document_info(sentences, tables["documents"]) if info is None else info
    rel, corpus = reliance(sentences, registry), corpus_reliance(sentences, registry)
    if ratings:
        rel, corpus = join_ratings(rel, ratings, registry), join_ratings(corpus, ratings, registry)
    names = dict(zip(corpus["source_id"], corpus["name"]))
    return {"reliance": rel, "reliance_corpus": corpus, "reliance_by_type": reliance_by_type(corpus),
            "documents": _documents(tables, rel, info), "framing_by_voice": framing_summary.by_voice(framing),
            "framing_terms": framing_summary.by_term(framing, names),
            "framing_quoting": framing_summary.quoting(framing),
            "framing_examples": _examples(sentences, framing, names), "top_chains": top_chains(sentences)}


def _write_table(frame: pd.DataFrame, folder: Path, name: str, schema=None) -> None:
    """``name``.parquet (with ``schema`` where given) and ``name``.csv (lists joined with "; "), atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{name}.parquet.tmp"
    if schema is None:
        frame.to_parquet(tmp, index=False)
    else:
        pq.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False), tmp)
    tmp.replace(folder / f"{name}.parquet")
    flat = frame.apply(lambda col: col.map(lambda v: "; ".join(map(str, v)) if isinstance(v, list) else v))
    write_text_atomic(folder / f"{name}.csv", flat.to_csv(index=False))


def grouped_tables(tables: dict, registry: Registry, by: tuple[str, ...], period: str = "month") -> dict:
    """The per-outlet and/or per-period tables (both asked for: also outlet x period).

    Raises:
        UsageError: ``by`` names something other than outlet and period, or ``period`` is unknown.
    """
    unknown = sorted(set(by) - set(GROUPINGS))
    if unknown or period not in PERIODS:
        raise UsageError(f"--by {', '.join(unknown) or ' '.join(by)} --period {period}: group by outlet and/or "
                         f"period, with a period of {', '.join(PERIODS)}")
    wanted = [(b,) for b in GROUPINGS if b in by] + ([GROUPINGS] if set(GROUPINGS) <= set(by) else [])
    out: dict[str, pd.DataFrame] = {}
    for grouping in wanted:
        out.update(summarise_groups(tables, registry, grouping, period))
    return out


def _write_grouped(grouped: dict, out: Path) -> None:
    """The grouped tables, each with its explicit Arrow schema."""
    for name, frame in grouped.items():
        by = tuple(k for k in GROUPINGS if k in frame.columns)
        _write_table(frame, out / "tables", name, group_schema(table_kind(name), by))


def build_report(*, annotations: Path, out: Path, ratings: tuple = (), registry: tuple = (),
                 title: str | None = None, by: tuple[str, ...] = (), period: str = "month") -> dict:
    """Summarise an annotated dataset into tables, charts, an HTML page and a Markdown summary.

    Args:
        annotations: folder written by ``attrib annotate``.
        out: report folder (created).
        ratings: credibility files (domain,pc1; MBFC; State Media Monitor CSV).
        registry: extra registry files, as for ``attrib annotate``.
        title: page title (default: :func:`corpus_title`, the inputs' folder or file and the outlets).
        by: also compare ``outlet`` and/or ``period`` (tables ``*_by_outlet``, ``*_by_period``,
            ``*_by_outlet_period``; see :mod:`attrib.report.groups`).
        period: ``day``, ``week`` (ISO) or ``month``, for ``by`` period.

    Returns:
        Counts: documents, sentences, sources, framing terms, files written.
    """
    check_annotations(Path(annotations))
    check_out_folder(Path(out), "report")
    check_out_outside(Path(out), Path(annotations))
    tables = read_annotations(Path(annotations))
    reg = load_registry(list(registry))
    grouped = grouped_tables(tables, reg, tuple(by), period)
    info = document_info(tables["sentences"], tables["documents"])  # titles, outlets, URLs: once per report
    summary = summarise(tables, reg, [read_ratings(Path(p)) for p in ratings], info)
    out = Path(out)
    for name, frame in summary.items():
        _write_table(frame, out / "tables", name)
    _write_grouped(grouped, out)
    charts = write_charts(summary["reliance_corpus"], summary["reliance_by_type"], summary["framing_by_voice"], out)
    group_charts = write_group_charts(grouped, out, period) if grouped else []
    meta = _meta(tables, annotations)
    title = title or corpus_title(tables["documents"], info, Path(annotations))
    data = ReportData(title, meta, summary["reliance_corpus"],
                      summary["documents"], summary["reliance_by_type"], summary["framing_by_voice"],
                      summary["framing_quoting"], summary["framing_terms"], summary["framing_examples"], charts)
    write_browser(browser_records(tables["sentences"], tables["framing"], tables["documents"], info),
                  out / "browser.html", f"{data.title}: sentences")
    _write_pages(out, data, summary["top_chains"], info, tables["sentences"],
                 (groups_html(grouped, group_charts, period), groups_markdown(grouped, group_charts, period)))
    return {**{k: meta[k] for k in ("documents", "sentences", "framing_terms")},
            "sources": len(summary["reliance_corpus"]), "groupings": list(grouped),
            "files": 3 + len(charts) + len(group_charts) + 2 * (len(summary) + len(grouped))}


def _meta(tables: dict, annotations: Path) -> dict:
    """The report's counts and provenance."""
    sentences = tables["sentences"]
    return {"documents": len(tables["documents"]), "sentences": len(sentences),
            "attributed_share": float(sentences["attributed"].mean()) if len(sentences) else 0.0,
            "framing_terms": len(tables["framing"]), "source": str(annotations),
            "generated": dt.date.today().isoformat(), "attrib": _version()}


def _write_pages(out: Path, data: ReportData, chains: pd.DataFrame, info: pd.DataFrame, sentences: pd.DataFrame,
                 groups: tuple[str, str]) -> None:
    """``report.html`` and ``README.md``, with the accuracy to expect and the grouped sections (HTML, Markdown)."""
    from attrib.report.accuracy import accuracy_html, accuracy_markdown, load_shipped  # also run as a script

    figures, source = load_shipped(), data.meta["source"]
    write_text_atomic(out / "report.html", to_html(data, chains=chains, titles=info, groups=groups[0],
                                                   accuracy=accuracy_html(figures, sentences, source)))
    write_text_atomic(out / "README.md", to_markdown(data, chains, accuracy_markdown(figures, sentences, source))
                      + groups[1])


def _version() -> str:
    from importlib.metadata import version

    return version("attrib")
