"""The sentence browser: every sentence of a corpus in one self-contained HTML page.

:func:`browser_records` turns the annotation tables into one record per sentence (its
document, chain, quote type, hedges, framing terms and the character spans to highlight);
:func:`write_browser` writes them, embedded as JSON, into ``browser.html``: filters, full-text
search and pages of 200 sentences, with no server, no network and no other file. The page
only ever sets article text as text (``textContent``, text nodes), and the embedded JSON has
``<``, ``>`` and ``&`` escaped, so no article can close its ``<script>`` or inject markup.

The page reads its filters from the URL's fragment, so other pages can link into it:
``browser.html#chain=%22RIA%20%E2%86%90%20Peskov%22`` (quoted: that whole chain),
``#source=Reuters&lang=el``, ``#q=ceasefire`` (keys: outlet, month, from, to, lang, source, type,
category, attributed, chain, q). Search, source and chain compare case- and accent-insensitively
and match parts of names (:mod:`attrib.report.search`, whose :func:`~attrib.report.search.matches`
is the Python twin of the page's filter); the month list offers ``undated``.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from attrib.atomic import write_text_atomic
from attrib.report.chains import chain_names, chain_text
from attrib.report.groups import document_outlets
from attrib.report.periods import date_precision
from attrib.report.search import FOLD_SCRIPT, casefold_table

DOC_FIELDS = ("doc_id", "outlet", "published", "title", "url")
ROW_FIELDS = ("sent_id", "text", "lang", "chain", "sources", "types", "quote", "hedges", "framing",
              "attributed", "spans")
PRIORITY = {"source": 0, "cue": 1, "framing": 2}  # which highlight wins where two overlap
PAGE_SIZE = 200


class _Folding(dict):
    """A ``str.translate`` table: each character to its lowercase letter without accents, one for one."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code))[0].lower()[:1] or chr(code)
        self[code] = "σ" if base == "ς" else base
        return self[code]


_FOLDING = _Folding()


def fold(text: str) -> str:
    """``text`` lowercased, without accents, one character for one (``"Δήλωσε"``: ``"δηλωσε"``)."""
    return text.translate(_FOLDING)


def _str(value) -> str:
    """A cell as a string; missing values (None, NaN, NA) as the empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def _list(value) -> list:
    """A list cell (list or array) as a list; missing as empty."""
    return [] if value is None or value is pd.NA or isinstance(value, (float, str)) else list(value)


def safe_url(url) -> str:
    """``url`` when it is an http(s) address, else the empty string (no ``javascript:`` links)."""
    url = _str(url).strip()
    return url if urlparse(url).scheme.lower() in ("http", "https") else ""


def _day(published, text=None, lang=None) -> str:
    """The date as precisely as the input gave it: ``2022-01-05``, ``2022-01`` or ``2022``; empty when missing.

    Args:
        published: the ``published`` timestamp cell.
        text: ``published_text``, the date as given (see :func:`attrib.report.periods.date_precision`).
        lang: the document's language.
    """
    precision = date_precision(published, text, lang)
    if precision is None:
        return ""
    return pd.Timestamp(published).strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[precision])


def _titles(sentences: pd.DataFrame) -> pd.Series:
    """Each document's first headline sentence, else its first sentence (by doc_id)."""
    ordered = sentences.sort_values(["doc_id", "sent_id"])
    first = ordered.groupby("doc_id")["text"].first()
    if "is_headline" not in ordered:
        return first
    heads = ordered[ordered["is_headline"].fillna(False).astype(bool)].groupby("doc_id")["text"].first()
    return heads.combine_first(first)


def document_info(sentences: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per document: outlet, published day, title and URL, indexed by doc_id, oldest first, undated last.

    The outlet is the report's (:func:`attrib.report.groups.document_outlets`): the input's,
    else the URL's domain, else the input folder.

    Args:
        sentences: the ``sentences`` table (for the titles).
        documents: the ``documents`` table; documents with sentences but no row get empty fields.
    """
    docs = documents.drop_duplicates("doc_id").set_index("doc_id")
    ids = docs.index.union(pd.Index(sentences["doc_id"].unique()))
    docs = docs.reindex(ids)
    col = lambda name: docs[name] if name in docs else pd.Series(None, index=ids, dtype=object)
    outlets = document_outlets(pd.DataFrame({"doc_id": ids, "outlet": col("outlet").to_numpy(),
                                             "url": col("url").to_numpy(), "source": col("source").to_numpy()}))
    info = pd.DataFrame({"outlet": outlets.to_numpy(),
                         "published": [_day(p, t, lang) for p, t, lang in
                                       zip(col("published"), col("published_text"), col("lang"))],
                         "title": _titles(sentences).reindex(ids).map(_str).to_numpy(),
                         "url": [safe_url(u) for u in col("url")]}, index=ids)
    info.index.name = "doc_id"
    order = info.assign(undated=info["published"].eq("")).sort_values(["undated", "published", "doc_id"])
    return info.loc[order.index]


def _occurrences(folded: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence of ``needle`` in the folded text that does not cut a word."""
    needle, spans = fold(needle.strip()), []
    start = folded.find(needle) if needle else -1
    while start >= 0:
        end = start + len(needle)
        before = start == 0 or not (folded[start - 1].isalnum() and folded[start].isalnum())
        after = end == len(folded) or not (folded[end - 1].isalnum() and folded[end].isalnum())
        if before and after:
            spans.append((start, end))
        start = folded.find(needle, start + 1)
    return spans


def _word_starts(folded: str, stem: str) -> list[tuple[int, int]]:
    """The words of the folded text that start with ``stem`` (whole words, to their end)."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(stem)}\w*", folded)]


def cue_span(folded: str, lemma, taken: list[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Where a sentence has its cue: a word starting with the lemma, else with the lemma's stem.

    Approximate: links carry the cue's lemma ("say", "σύμφωνα με", "közöl"), not its place in
    the sentence, so the lemma (accents and case aside) is looked for at a word's start, then,
    for a one-word lemma, its stem (the lemma less its last two letters, at least two kept).
    An irregular form ("told" for "tell", "είπε" for "λέω") is missed, and a word that only
    shares the stem ("same" for "say") may be taken. Spans already ``taken`` are skipped.

    Args:
        folded: the sentence, through :func:`fold`.
        lemma: the link's ``cue``.
        taken: spans highlighted already (the sources' words).
    """
    lemma = fold(_str(lemma).strip())
    if not lemma:
        return None
    stems = [lemma] + ([lemma[:max(2, len(lemma) - 2)]] if " " not in lemma and len(lemma) >= 3 else [])
    for stem in stems:
        free = [s for s in _word_starts(folded, stem) if not any(s[0] < e and b < s[1] for b, e in taken)]
        if free:
            return free[0]
    return None


def _resolve(candidates: list[tuple[int, int, str]]) -> list[list]:
    """Sorted, non-overlapping spans: the earliest first, then the longest, then by PRIORITY."""
    spans, last = [], 0
    for start, end, kind in sorted(candidates, key=lambda s: (s[0], s[0] - s[1], PRIORITY[s[2]])):
        if start >= last and end > start:
            spans.append([start, end, kind])
            last = end
    return spans


def _utf16(text: str, spans: list[list]) -> list[list]:
    """Spans in UTF-16 code units, as JavaScript strings count (they differ past U+FFFF)."""
    if all(ord(c) <= 0xFFFF for c in text):
        return spans
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    return [[units[s], units[e], kind] for s, e, kind in spans]


def highlight_spans(text: str, chain: list, terms: list[str]) -> list[list]:
    """The spans to highlight in a sentence: ``[start, end, kind]``, kind source, cue or framing.

    Found case- and accent-insensitively: each link's ``surface`` (every occurrence), its cue
    (see :func:`cue_span`, approximate) and each framing term as written. Where two overlap,
    the earlier (then the longer) wins. Offsets count UTF-16 code units, as the page needs.

    Args:
        text: the sentence.
        chain: its links (dicts with ``surface`` and ``cue``).
        terms: its framing terms (``framing.term``).
    """
    folded = fold(text)
    sources = [(s, e, "source") for link in chain for s, e in _occurrences(folded, _str(link.get("surface")))]
    cues = [cue_span(folded, link.get("cue"), [(s, e) for s, e, _ in sources]) for link in chain]
    framing = [(s, e, "framing") for term in terms for s, e in _occurrences(folded, _str(term))]
    spans = _resolve(sources + [(s, e, "cue") for s, e in filter(None, cues)] + framing)
    return _utf16(text, spans)


def _terms_by_sentence(framing: pd.DataFrame) -> dict[tuple, list[tuple[str, str]]]:
    """(doc_id, sent_id) -> the sentence's framing terms and categories, in table order."""
    terms: dict[tuple, list[tuple[str, str]]] = {}
    for doc_id, sent_id, term, category in framing[["doc_id", "sent_id", "term", "category"]].itertuples(index=False):
        terms.setdefault((doc_id, int(sent_id)), []).append((_str(term), _str(category)))
    return terms


def _record(row, doc: dict, terms: list[tuple[str, str]]) -> dict:
    """One sentence's browser record (see :func:`browser_records`)."""
    chain, text = [dict(link) for link in _list(row.chain)], _str(row.text)
    return {"doc_id": row.doc_id, "sent_id": int(row.sent_id), "text": text, "lang": _str(row.lang), **doc,
            "chain": chain_text(chain), "sources": chain_names(chain), "types": [_str(k.get("type")) for k in chain],
            "quote": _str(row.quote), "hedges": [_str(h) for h in _list(row.hedges)],
            "framing": [list(t) for t in terms], "attributed": bool(row.attributed) if not pd.isna(row.attributed)
            else bool(chain), "spans": highlight_spans(text, chain, [t for t, _ in terms])}


def browser_records(sentences: pd.DataFrame, framing: pd.DataFrame, documents: pd.DataFrame,
                    info: pd.DataFrame | None = None) -> list[dict]:
    """One record per sentence of the corpus, documents oldest first, sentences in order.

    Args:
        sentences: the ``sentences`` table.
        framing: the ``framing`` table.
        documents: the ``documents`` table.
        info: :func:`document_info` of these tables, where the caller has it already.

    Returns:
        Dicts with doc_id, sent_id, text, lang, outlet, published (ISO day or ""), title, url
        (http(s) only, else ""), chain (text), sources (names, proximate first), types (one per
        link), quote, hedges, framing ([term, category] pairs), attributed and spans (see
        :func:`highlight_spans`).
    """
    info = document_info(sentences, documents) if info is None else info
    docs = {doc_id: row._asdict() for doc_id, row in zip(info.index, info.itertuples(index=False))}
    order = {doc_id: i for i, doc_id in enumerate(info.index)}
    terms = _terms_by_sentence(framing)
    ordered = sentences.assign(_doc=sentences["doc_id"].map(order)).sort_values(["_doc", "sent_id"], kind="stable")
    cols = ["doc_id", "sent_id", "text", "lang", "chain", "quote", "hedges", "attributed"]
    rows = ordered.reindex(columns=cols).itertuples(index=False)
    return [_record(row, docs[row.doc_id], terms.get((row.doc_id, int(row.sent_id)), [])) for row in rows]


def script_json(data) -> str:
    """JSON to embed in ``<script type="application/json">``: ``<``, ``>``, ``&`` as ``\\u`` escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _payload(records: list[dict]) -> dict:
    """The records as the page reads them: documents once, sentences as rows of ROW_FIELDS."""
    docs, index, rows = [], {}, []
    for rec in records:
        if rec["doc_id"] not in index:
            index[rec["doc_id"]] = len(docs)
            docs.append([rec[f] for f in DOC_FIELDS])
        rows.append([index[rec["doc_id"]], *(rec[f] for f in ROW_FIELDS)])
    return {"doc_fields": DOC_FIELDS, "docs": docs, "fields": ("doc", *ROW_FIELDS), "rows": rows,
            "page_size": PAGE_SIZE, "fold": casefold_table()}


def browser_html(records: list[dict], title: str = "attrib: sentences") -> str:
    """The browser page for ``records`` (from :func:`browser_records`) as one HTML string."""
    return (PAGE_HEAD.replace("@TITLE@", html.escape(title)) + script_json(_payload(records)) + PAGE_TAIL)


def write_browser(records: list[dict], path: Path, title: str = "attrib: sentences") -> Path:
    """Write the self-contained sentence browser (``browser.html``) atomically; return its path."""
    return write_text_atomic(Path(path), browser_html(records, title))


STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#222;line-height:1.45}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.6rem 1rem;z-index:1}
h1{font-size:1.25rem;margin:0 0 .4rem} .filters{display:flex;flex-wrap:wrap;gap:.4rem .8rem;font-size:.85rem}
.filters label{display:flex;flex-direction:column} .filters input,.filters select{font:inherit;max-width:14rem}
#f-q{width:16rem} .bar{display:flex;gap:1rem;align-items:center;margin-top:.4rem;font-size:.9rem;flex-wrap:wrap}
main{padding:0 1rem 2rem;max-width:1100px} .doc{margin:1.2rem 0 .3rem;border-bottom:1px solid #eee}
.doc h2{font-size:1rem;margin:0} .meta{color:#666;font-size:.8rem} .sent{margin:.35rem 0 .6rem .6rem}
.sent .meta span{margin-right:.8rem} mark{padding:0 .1em;border-radius:2px}
mark.source{background:#cfe3ff} mark.cue{background:none;border-bottom:2px solid #2a8a3e;font-weight:600}
mark.framing{background:#ffe0b3;outline:1px dashed #c77800} .empty{color:#888;margin:2rem 0}
"""

CONTROLS = """
<label>outlet<select id="f-outlet"><option value="">all</option></select></label>
<label>month<select id="f-month"><option value="">all</option></select></label>
<label>from<input id="f-from" type="date"></label><label>to<input id="f-to" type="date"></label>
<label>language<select id="f-lang"><option value="">all</option></select></label>
<label>source<input id="f-source" list="l-source" placeholder="any source (part of a name)"></label>
<label>source type<select id="f-type"><option value="">all</option></select></label>
<label>framing<select id="f-category"><option value="">all</option></select></label>
<label>attributed<select id="f-attributed"><option value="">all</option><option value="yes">yes</option>
<option value="no">no</option></select></label>
<label>chain<input id="f-chain" list="l-chain" placeholder='any chain ("…" for exactly)'></label>
<label>search<input id="f-q" type="search" placeholder="words (any case and accents)"></label>
<datalist id="l-source"></datalist><datalist id="l-chain"></datalist>
"""

SCRIPT = r"""
"use strict";
const KEYS = ["outlet","month","from","to","lang","source","type","category","attributed","chain","q"];
const TYPED = new Set(["source","chain","q"]);
const D = JSON.parse(document.getElementById("data").textContent);
const PAGE = D.page_size; let hits = [], page = 0, timer = null;
const timing = window.attribTiming = {};
function obj(fields, values) { const o = {}; fields.forEach((f, i) => { o[f] = values[i]; }); return o; }
const docs = D.docs.map(d => obj(D.doc_fields, d));
@FOLD@
const rows = D.rows.map(v => {
  const r = obj(D.fields, v); r.d = docs[r.doc]; r.month = monthOf(r.d.published); r.day = firstDay(r.d.published);
  r.hay = fold(r.text + "\n" + r.chain); r.chainF = [fold(r.chain)];
  r.srcF = r.sources.map(fold); r.cats = r.framing.map(f => f[1]); return r; });
timing.parse = performance.now();
function el(tag, cls, text) {
  const e = document.createElement(tag); if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text; return e; }
const $ = id => document.getElementById("f-" + id);
function counts(values) {
  const c = new Map(); for (const v of values) if (v) c.set(v, (c.get(v) || 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)); }
function options(key, values, sortByValue) {
  const list = counts(values); if (sortByValue) list.sort((a, b) => (a[0] < b[0] ? 1 : -1));
  list.sort((a, b) => (a[0] === "undated") - (b[0] === "undated"));
  for (const [v, n] of list) { const o = el("option", "", v + " (" + n.toLocaleString("en") + ")");
    o.value = v; $(key).append(o); } }
function datalist(id, values, limit) {
  const box = document.getElementById(id);
  for (const [v] of counts(values).slice(0, limit)) { const o = el("option"); o.value = v; box.append(o); } }
function setup() {
  options("outlet", rows.map(r => r.d.outlet)); options("month", rows.map(r => r.month), true);
  options("lang", rows.map(r => r.lang)); options("type", rows.flatMap(r => r.types));
  options("category", rows.flatMap(r => r.cats));
  datalist("l-source", rows.flatMap(r => r.sources), 3000); datalist("l-chain", rows.map(r => r.chain), 3000);
  for (const k of KEYS) $(k).addEventListener(TYPED.has(k) ? "input" : "change", () => changed(k));
  document.querySelectorAll(".prev").forEach(b => b.addEventListener("click", () => turn(-1)));
  document.querySelectorAll(".next").forEach(b => b.addEventListener("click", () => turn(1)));
  document.getElementById("clear").addEventListener("click", () => {
    for (const k of KEYS) setControl(k, ""); writeHash(); apply(); });
  window.addEventListener("hashchange", readHash); }
function changed(key) {
  clearTimeout(timer);
  if (TYPED.has(key)) timer = setTimeout(() => { writeHash(); apply(); }, 250); else { writeHash(); apply(); } }
function filters() {
  const f = {}; for (const k of KEYS) f[k] = $(k).value.trim();
  for (const k of ["source", "chain"]) f[k] = fold(f[k]);
  f.q = fold(f.q).split(/\s+/).filter(Boolean); return f; }
function matches(r, f) {
  const p = r.day;
  return (!f.outlet || r.d.outlet === f.outlet) && (!f.month || r.month === f.month)
    && (!f.from || (p && p >= f.from)) && (!f.to || (p && p <= f.to)) && (!f.lang || r.lang === f.lang)
    && (!f.source || textMatch(f.source, r.srcF)) && (!f.type || r.types.includes(f.type))
    && (!f.category || r.cats.includes(f.category)) && (!f.attributed || r.attributed === (f.attributed === "yes"))
    && (!f.chain || textMatch(f.chain, r.chainF)) && f.q.every(w => r.hay.includes(w)); }
function apply() {
  const t0 = performance.now(), f = filters(); hits = [];
  for (let i = 0; i < rows.length; i++) if (matches(rows[i], f)) hits.push(i);
  page = 0; render(); timing.filter = performance.now() - t0; }
function turn(step) {
  const last = Math.max(0, Math.ceil(hits.length / PAGE) - 1);
  page = Math.min(last, Math.max(0, page + step)); render(); window.scrollTo(0, 0); }
function marked(text, spans) {
  const box = el("div", "text"); let at = 0;
  for (const [s, e, kind] of spans) { if (s > at) box.append(text.slice(at, s));
    box.append(el("mark", kind, text.slice(s, e))); at = e; }
  if (at < text.length) box.append(text.slice(at)); return box; }
function docHeader(d) {
  const box = el("div", "doc"), h = el("h2");
  if (/^https?:\/\//i.test(d.url)) { const a = el("a", "", d.title || d.doc_id); a.href = d.url; h.append(a); }
  else h.textContent = d.title || d.doc_id;
  box.append(h, el("div", "meta", [d.outlet, d.published, d.doc_id].filter(Boolean).join(" · "))); return box; }
function chainLink(r) {
  const a = el("a", "chain", r.sources.map((s, i) => s + (r.types[i] ? " (" + r.types[i] + ")" : "")).join(" ← "));
  a.href = "#chain=" + encodeURIComponent('"' + r.chain + '"'); return a; }
function sentence(r) {
  const box = el("div", "sent"); box.dataset.lang = r.lang; box.append(marked(r.text, r.spans));
  const meta = el("div", "meta"); meta.append(el("span", "", "#" + r.sent_id), el("span", "", r.lang));
  const chain = el("span", "", "chain: "); if (r.chain) chain.append(chainLink(r)); else chain.append("none");
  meta.append(chain, el("span", "", "quote: " + (r.quote || "none")));
  if (r.hedges.length) meta.append(el("span", "", "hedges: " + r.hedges.join(", ")));
  const terms = r.framing.map(t => t[0] + " (" + t[1] + ")").join(", ");
  if (terms) meta.append(el("span", "", "framing: " + terms));
  box.append(meta); return box; }
function render() {
  const out = document.getElementById("results"), frag = document.createDocumentFragment();
  const start = page * PAGE, end = Math.min(hits.length, start + PAGE); let last = -1;
  for (let i = start; i < end; i++) { const r = rows[hits[i]];
    if (r.doc !== last) { frag.append(docHeader(r.d)); last = r.doc; } frag.append(sentence(r)); }
  if (!hits.length) frag.append(el("p", "empty", "No sentence matches these filters."));
  out.replaceChildren(frag);
  const pages = Math.max(1, Math.ceil(hits.length / PAGE));
  document.getElementById("count").textContent = hits.length.toLocaleString("en") + " matching sentence"
    + (hits.length === 1 ? "" : "s") + " of " + rows.length.toLocaleString("en");
  document.querySelectorAll(".pageno").forEach(s => {
    s.textContent = "page " + (page + 1).toLocaleString("en") + " of " + pages.toLocaleString("en"); });
  document.querySelectorAll(".prev").forEach(b => { b.disabled = page === 0; });
  document.querySelectorAll(".next").forEach(b => { b.disabled = page >= pages - 1; }); }
function setControl(key, value) {
  const c = $(key);
  if (c.tagName === "SELECT" && value && ![...c.options].some(o => o.value === value)) {
    const o = el("option", "", value); o.value = value; c.append(o); }
  c.value = value; }
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of KEYS) setControl(k, p.get(k) || ""); apply(); }
function writeHash() {
  const parts = KEYS.filter(k => $(k).value.trim()).map(k => k + "=" + encodeURIComponent($(k).value.trim()));
  try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* file:// may refuse */ } }
setup(); readHash(); timing.load = performance.now(); document.body.dataset.ready = "1";
"""

PAGE_HEAD = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>@TITLE@</title><style>{STYLE}</style></head><body>
<header><h1>@TITLE@</h1><div class="filters">{CONTROLS}</div>
<div class="bar"><b id="count"></b><button type="button" class="prev">previous</button><span class="pageno"></span>
<button type="button" class="next">next</button><button type="button" id="clear">clear filters</button>
<span class="legend">highlighted: <mark class="source">source's words</mark> <mark class="cue">cue</mark>
<mark class="framing">framing term</mark> (cues are found approximately, from their lemma)</span></div></header>
<main id="results"></main>
<div class="bar" style="padding:0 1rem 2rem"><button type="button" class="prev">previous</button>
<span class="pageno"></span><button type="button" class="next">next</button></div>
<script type="application/json" id="data">"""

PAGE_TAIL = f"""</script>
<script>{SCRIPT.replace("@FOLD@", FOLD_SCRIPT)}</script>
</body></html>
"""
