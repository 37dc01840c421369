"""The rows of the four tables: what one annotated document contributes, and their counts.

The per-document annotator (:mod:`attrib.attribution.annotator`) builds a document's rows
here; the engines collect them chunk by chunk and count what each document added; the
pipeline turns them into Arrow tables (schemas in :mod:`attrib.dataset.schema`).
"""

from __future__ import annotations

from collections import Counter

from attrib.article.structure import Article, Block
from attrib.dataset.schema import TABLES
from attrib.inputs.dates import parse_published
from attrib.inputs.documents import Document
from attrib.parsing.sent import Sent

TABLE_NAMES = tuple(TABLES)  # sentences, attributions, framing, documents
RUN_COUNTS = ("added", "replaced", "failed")  # what a run records of the documents it annotated


def sentence_rows(doc_id: str, parsed: list[tuple[Block, list[Sent]]], results) -> tuple[list, list, list]:
    """Rows of the sentences, attributions and framing tables for one document."""
    sentences, links, framing, sent_id = [], [], [], 0
    for (block, sents), block_results in zip(parsed, results):
        for sent, res in zip(sents, block_results):
            end = sent.words[-1].end if sent.words else sent.start + len(sent.text)
            sentences.append({
                "doc_id": doc_id, "sent_id": sent_id, "para_id": block.para_id, "start": sent.start,
                "end": end, "text": sent.text, "lang": block.lang, "kind": block.kind,
                "is_headline": block.kind == "headline", "is_tweet": block.kind == "post",
                "post_id": block.post_id, "tweet_handle": block.handle,
                "attributed": res.attributed, "chain": [l.row() for l in res.chain],
                "quote": res.quote, "hedges": res.hedges})
            links += [{"doc_id": doc_id, "sent_id": sent_id, "depth": depth, **l.row()}
                      for depth, l in enumerate(res.chain)]
            framing += [{"doc_id": doc_id, "sent_id": sent_id, **row} for row in res.framing]
            sent_id += 1
    return sentences, links, framing


def document_row(doc: Document, article: Article | None, sentences: list, warnings: list[str]) -> dict:
    """The documents-table row of one input document."""
    meta = doc.meta
    lang = meta.get("lang") or (article.lang if article else None)
    text = meta.get("published") or (article.published if article else None)
    published = parse_published(text, lang)
    unread = [f"published {text!r} is not a date attrib can read: kept in published_text only"] \
        if text and published is None else []
    return {"doc_id": doc.doc_id, "source": doc.source, "outlet": meta.get("outlet"),
            "url": meta.get("url"), "title": meta.get("title"), "author": meta.get("author"),
            "site_name": meta.get("site_name"), "published": published, "published_text": text, "lang": lang,
            "n_sentences": len(sentences), "n_attributed": sum(s["attributed"] for s in sentences),
            "sha256": doc.sha256, "encoding": doc.encoding,
            "status": "ok" if doc.ok else "error", "error": doc.error,
            "warnings": list(doc.warnings) + warnings + unread}


def collect_rows(parts) -> dict[str, list[dict]]:
    """The rows of every table, in order, from annotated documents' parts (table -> rows)."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    for part in parts:
        for name, table_rows in part.items():
            rows[name].extend(table_rows)
    return rows


def to_tables(rows: dict[str, list[dict]], meta: dict) -> dict:
    """Arrow tables of every schema from collected rows."""
    from attrib.dataset.store import table_from_rows

    return {name: table_from_rows(name, rows.get(name, []), meta) for name in TABLE_NAMES}


def document_counts(action: str, part: dict) -> Counter:
    """What one annotated document adds to the counts: added, replaced or failed, and its
    sentences and attributed sentences."""
    sentences = part.get("sentences", [])
    failed = part["documents"][0]["status"] == "error"
    paragraphs = Counter(f"paragraphs:{lang}" for _, lang in {(s["para_id"], s["lang"]) for s in sentences})
    return Counter({"failed" if failed else action: 1, "sentences": len(sentences),
                    "attributed": sum(s["attributed"] for s in sentences), **paragraphs})
