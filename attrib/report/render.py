"""The report as a self-contained HTML page and a Markdown summary.

All text that comes from articles or sources goes through :func:`html.escape` (pandas'
``to_html`` escapes cells); charts are inlined as SVG, so the page needs no other file but
the sentence browser (``browser.html``) its chains link into.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from attrib.report.charts import svg_text
from attrib.report.numbers import number

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.meta{color:#666;font-size:.9rem} .cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.card{background:#f5f7fa;border-radius:8px;padding:.7rem 1rem;min-width:150px}
.card b{display:block;font-size:1.5rem} .charts{display:grid;grid-template-columns:1fr;gap:1.5rem}
.charts svg{width:100%;height:auto} .wide{overflow-x:auto} table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f0f2f5} td.num{text-align:right} blockquote{margin:.3rem 0 .8rem;color:#444;
border-left:3px solid #ccc;padding-left:.7rem} .chains blockquote{font-size:.85rem;margin:.2rem 0} .chains td:first-child{white-space:nowrap}
"""


@dataclass
class ReportData:
    """Everything a report shows."""

    title: str
    meta: dict
    corpus: pd.DataFrame
    documents: pd.DataFrame
    by_type: pd.DataFrame
    voice: pd.DataFrame
    quoting: pd.DataFrame
    terms: pd.DataFrame
    examples: pd.DataFrame
    charts: list[Path] = field(default_factory=list)


def _cell(value):
    """Lists as comma-separated text, numbers as :func:`attrib.report.numbers.number` writes them (thousands
    separated, fractions rounded), missing values empty."""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value if isinstance(value, (bool, str)) else number(value)


def html_table(frame: pd.DataFrame, limit: int | None = None) -> str:
    """A table of the page: cells escaped, lists joined, floats rounded, missing values empty."""
    shown = frame.head(limit) if limit else frame
    table = shown.apply(lambda col: col.map(_cell)).to_html(index=False, escape=True, border=0)
    return f'<div class="wide">{table}</div>'


def _cards(data: ReportData) -> str:
    items = [(number(data.meta["documents"]), "documents"), (number(data.meta["sentences"]), "sentences"),
             (f"{data.meta['attributed_share']:.0%}", "attributed"), (number(len(data.corpus)), "distinct sources"),
             (number(data.meta["framing_terms"]), "framing terms")]
    return "".join(f'<div class="card"><b>{html.escape(str(v))}</b>{html.escape(k)}</div>' for v, k in items)


def _examples(examples: pd.DataFrame) -> str:
    parts = []
    for row in examples.itertuples():
        who = html.escape(f"{row.term} — {row.category}, voice: {row.voice_name} ({row.voice_type})")
        parts.append(f"<p><b>{who}</b> <span class=meta>{html.escape(f'{row.doc_id}:{row.sent_id}')}</span></p>"
                     f"<blockquote>{html.escape(row.text)}</blockquote>")
    return "".join(parts) or "<p>No quoted framing terms.</p>"


def browser_link(browser: str, chain: str) -> str:
    """The address of the browser filtered to exactly one chain (quoted, so no longer chain that contains it
    matches): ``browser.html#chain=%22RIA%20%E2%86%90%20Peskov%22``."""
    exact = '"' + chain + '"'
    return f"{browser}#chain={quote(exact, safe='')}"


def _chains(chains: pd.DataFrame | None, browser: str) -> str:
    """The most used reporting chains, each with its example sentences and a link into the browser."""
    if chains is None:
        return ""
    rows = "".join(
        f'<tr><td><a href="{html.escape(browser_link(browser, row.chain))}">{html.escape(row.chain)}</a></td>'
        f'<td class="num">{number(row.sentences)}</td><td class="num">{row.share:.1%}</td>'
        f'<td class="num">{number(row.documents)}</td>'
        f'<td>{"".join(f"<blockquote>{html.escape(str(t))}</blockquote>" for t in row.examples)}</td></tr>'
        for row in chains.itertuples())
    head = "<tr><th>chain</th><th>sentences</th><th>share of attributed</th><th>documents</th><th>examples</th></tr>"
    table = f'<div class="wide chains"><table>{head}{rows}</table></div>' if rows else "<p>No attributed sentence.</p>"
    return (f'<h2>Reporting chains</h2><p class="meta">Proximate source first; each chain links to its sentences '
            f'in the <a href="{html.escape(browser)}">sentence browser</a>.</p>{table}')


def _doc_cell(doc_id: str, titles: pd.DataFrame) -> str:
    """A document as its title, linked to its URL when known, above its doc_id."""
    known = doc_id in titles.index
    title, url = (titles.at[doc_id, "title"], titles.at[doc_id, "url"]) if known else ("", "")
    text = html.escape(str(title or doc_id))
    link = f'<a href="{html.escape(url)}">{text}</a>' if url else text
    return f'{link}<br><span class="meta">{html.escape(str(doc_id))}</span>'


def _documents(documents: pd.DataFrame, titles: pd.DataFrame | None) -> str:
    """The documents table, each document by its title (from :func:`attrib.report.browser.document_info`)."""
    if titles is None or documents.empty or "doc_id" not in documents:
        return html_table(documents)
    shown = documents.drop(columns=[c for c in ("title", "url") if c in documents])  # in the document cell
    cells = shown.apply(lambda col: col.map(lambda v: html.escape(str(_cell(v)))))
    cells.insert(0, "document", documents["doc_id"].map(lambda d: _doc_cell(d, titles)))
    table = cells.drop(columns="doc_id").to_html(index=False, escape=False, border=0)
    return f'<div class="wide">{table}</div>'


RATINGS_NOTE = """<h2>How to read the rating columns</h2><dl class="meta">
<dt>pc1</dt><dd>a source's news-domain quality, 0 (low) to 1 (high): the aggregate of several expert rating sets
by Lin et al. 2023 (PNAS Nexus), looked up by the source's registered domains and handles.</dd>
<dt>credibility_weighted</dt><dd>per document, the mean pc1 of the sources it relies on, each weighted by the
sentences attributed to it; only rated sources count.</dd>
<dt>rated_share</dt><dd>the share of those source-sentences whose source has a pc1 rating: read credibility_weighted
only where it is high.</dd>
<dt>mbfc_factual, mbfc_credibility, mbfc_bias</dt><dd>Media Bias/Fact Check's factual-reporting, credibility and bias
ratings of the source's domain.</dd>
<dt>smm_typology</dt><dd>the State Media Monitor's typology of a state-linked outlet: SC state-controlled,
CaPu/CaPr captured public/private, IP independent public, ...</dd>
<dt>state_media_share, government_share, other_state_affiliated_share</dt><dd>per document, the shares of
source-sentences relying on state media, on government officials and bodies, and on other sources the registry marks
state-affiliated, each apart: a state broadcaster and a ministry's spokesperson are not pooled into one share.</dd>
</dl>"""


def to_html(data: ReportData, chains: pd.DataFrame | None = None, titles: pd.DataFrame | None = None,
            browser: str = "browser.html", groups: str = "", accuracy: str = "") -> str:
    """The whole report as one HTML page.

    Args:
        data: the report's tables and charts.
        chains: the most used chains (:func:`attrib.report.chains.top_chains`); no section without.
        titles: per doc_id, ``title`` and ``url`` (http(s) only) for the documents table.
        browser: the sentence browser's address, relative to the page.
        groups: the per-outlet and per-period sections (:func:`attrib.report.render_groups.groups_html`).
        accuracy: the *Accuracy to expect* section (:func:`attrib.report.accuracy.accuracy_html`).
    """
    svgs = "".join(f"<figure>{svg_text(p)}</figure>" for p in data.charts if p.suffix == ".svg")
    meta = html.escape(" · ".join(f"{k}: {v}" for k, v in data.meta.items() if k in ("source", "generated", "attrib")))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(data.title)}</title>
<style>{STYLE}</style></head><body>
<h1>{html.escape(data.title)}</h1><p class="meta">{meta}</p>
<div class="cards">{_cards(data)}</div>
{accuracy}
<div class="charts">{svgs}</div>
<h2>Reliance on sources (corpus)</h2>{html_table(data.corpus, 40)}
<h2>Reliance by source type</h2>{html_table(data.by_type)}
{groups}
{_chains(chains, browser)}
<h2>Documents</h2>{_documents(data.documents, titles)}
{RATINGS_NOTE}
<h2>Framing by voice</h2>{html_table(data.voice)}
<h2>Quoting of framing terms</h2>{html_table(data.quoting)}
<h2>Terms and who uses them</h2>{html_table(data.terms, 60)}
<h2>Quoted framing terms in context</h2>{_examples(data.examples)}
</body></html>
"""


def md_table(frame: pd.DataFrame, limit: int | None = None) -> str:
    """A Markdown table, cells as :func:`html_table` shows them, ``|`` escaped; ``_none_`` when empty."""
    shown = frame.head(limit) if limit else frame
    if shown.empty:
        return "_none_\n"
    cells = shown.apply(lambda col: col.map(lambda v: str(_cell(v)).replace("|", "\\|")))
    lines = ["| " + " | ".join(map(str, shown.columns)) + " |", "|" + " --- |" * len(shown.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def _md_chains(chains: pd.DataFrame | None, limit: int = 10) -> str:
    """The most used chains with one example sentence each."""
    if chains is None or chains.empty:
        return ""
    shown = chains.head(limit).assign(example=lambda c: c["examples"].map(lambda e: e[0] if len(e) else ""))
    return "## Most used reporting chains\n\n" + md_table(shown[["chain", "sentences", "share", "documents",
                                                                  "example"]]) + "\n"


def to_markdown(data: ReportData, chains: pd.DataFrame | None = None, accuracy: str = "") -> str:
    """A short Markdown summary with the charts (PNG), the main tables and the most used chains
    (``accuracy``: the *Accuracy to expect* section, :func:`attrib.report.accuracy.accuracy_markdown`)."""
    pngs = "\n".join(f"![{p.stem.replace('_', ' ')}]({p.name})" for p in data.charts if p.suffix == ".png")
    m = data.meta
    return f"""# {data.title}

{number(m['documents'])} documents, {number(m['sentences'])} sentences, {m['attributed_share']:.0%} attributed,
{number(len(data.corpus))} distinct sources, {number(m['framing_terms'])} framing terms. Source: `{m['source']}`;
attrib {m['attrib']}. Tables: `tables/*.parquet` and `tables/*.csv`; full report: `report.html`.

{accuracy}{pngs}

## Most relied-upon sources

{md_table(data.corpus[["name", "type", "state_affiliated", "documents", "sentences", "proximate", "origin"]], 15)}
## Reliance by source type

{md_table(data.by_type)}
## Framing by voice

{md_table(data.voice)}
## Quoting of framing terms

{md_table(data.quoting)}
{_md_chains(chains)}"""
