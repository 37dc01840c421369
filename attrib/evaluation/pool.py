"""The annotation pool (``../shared/pool``): documents, their sentences and annotation sheets.

The pool holds real news articles that attrib's learned attribution is trained and tested
on. Their text is never committed: gold files refer to a pool document by its id and to
sentences and mentions by character offsets into the document's text as stored in the
pool. The sentences are attrib's own (its article structure and the model pack's
tokenizer), so gold and predicted sentences align one to one; they are cut once, before
anyone annotates, and their offsets are written into the gold file.

An annotation sheet lays a document out for a human annotator: paragraphs, each sentence
numbered. Sheets are written outside the project (they hold the pool's text).
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from attrib.errors import ConfigError

POOL_LANGS = ("el", "hu", "en")


@dataclass(frozen=True)
class PoolDoc:
    """One pool document as the manifest lists it."""

    doc_id: str
    lang: str
    outlet: str
    path: Path

    def text(self) -> str:
        """The document's text, exactly as stored (offsets refer to it)."""
        return self.path.read_text("utf-8")

    def sha1(self) -> str:
        """SHA-1 of the stored text: a gold file notices a changed pool."""
        return hashlib.sha1(self.path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class PoolSentence:
    """A sentence of a pool document: offsets into the text, its paragraph and kind."""

    start: int
    end: int
    para_id: int
    kind: str


def pool_documents(pool: Path) -> list[PoolDoc]:
    """Every document of the pool's ``MANIFEST.tsv``, in manifest order.

    Raises:
        ConfigError: when the pool or its manifest is missing.
    """
    manifest = Path(pool) / "MANIFEST.tsv"
    if not manifest.is_file():
        raise ConfigError(f"no pool manifest at {manifest}; pass the pool folder (../shared/pool)")
    with manifest.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [PoolDoc(r["doc_id"], r["lang"], r["outlet"], Path(pool) / r["lang"] / f"{r['doc_id']}.txt")
            for r in rows]


def segment_documents(docs: list[PoolDoc], *, models=None) -> dict[str, list[PoolSentence]]:
    """Cut documents into sentences as ``attrib annotate`` does: article structure
    (paragraphs, headlines, posts, languages), then the pack's tokenizer per language.

    Returns:
        doc_id -> sentences in document order.
    """
    from attrib.languages.codebook import load_codebooks
    from attrib.parsing.nlp import parse_paragraphs
    from attrib.parsing.segment import pieces
    from attrib.article.structure import structure_article

    books = load_codebooks()
    tasks = []
    for doc in docs:
        for block in structure_article(doc.text(), books, doc.lang).blocks:
            tasks += [(doc.doc_id, block, offset, piece) for offset, piece in pieces(block.text)]
    parsed = parse_paragraphs([(t[1].lang if t[1].lang in POOL_LANGS else "en", t[3]) for t in tasks],
                              models=models, processors=("tokenize",))
    out: dict[str, list[PoolSentence]] = {doc.doc_id: [] for doc in docs}
    for (doc_id, block, offset, _), parse in zip(tasks, parsed):
        base = block.start + offset
        out[doc_id] += [PoolSentence(base + s.tokens[0].start_char, base + s.tokens[-1].end_char,
                                     block.para_id, block.kind) for s in parse.sentences]
    return out


def sheet(doc: PoolDoc, sentences: list[PoolSentence]) -> str:
    """A document laid out for an annotator: its paragraphs, each sentence numbered."""
    text = doc.text()
    lines = [f"=== DOCUMENT {doc.doc_id} (language: {doc.lang}; {len(sentences)} sentences) ==="]
    para = None
    for number, sent in enumerate(sentences):
        if sent.para_id != para:
            para = sent.para_id
            kind = "" if sent.kind == "paragraph" else f" ({sent.kind})"
            lines.append(f"\n[paragraph {para}{kind}]")
        lines.append(f"s{number}\t{' '.join(text[sent.start:sent.end].split())}")
    return "\n".join(lines) + "\n"


def split_of(doc_id: str, shares: dict[str, float]) -> str:
    """The split a document falls into, by the SHA-1 of its id (fixed before annotation).

    ``shares`` maps split names to fractions that add up to 1, in a fixed order."""
    point = int(hashlib.sha1(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    total = 0.0
    for name, share in shares.items():
        total += share
        if point <= total:
            return name
    return list(shares)[-1]


SPLIT_SHARES = {"test": 0.30, "dev": 0.15, "train": 0.55}


def _order(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode()).hexdigest()


def plan_splits(counts: dict[str, int], target: int | None, shares: dict[str, float] = SPLIT_SHARES) -> dict[str, str]:
    """Choose documents and put each in a split, fixed before anyone annotates.

    Documents are taken in the order of the SHA-1 of their id until ``target`` sentences
    (None: all); each goes to the split furthest below its share of the sentences so far.

    Args:
        counts: doc_id -> number of sentences, for one language.
        target: sentences to choose, or None for every document.
        shares: split name -> share of the sentences.

    Returns:
        doc_id -> split, for the chosen documents.
    """
    chosen, filled, total = {}, dict.fromkeys(shares, 0), 0
    for doc_id in sorted(counts, key=_order):
        if target is not None and total >= target:
            break
        split = min(shares, key=lambda name: (filled[name] - shares[name] * (total + counts[doc_id])) / shares[name])
        chosen[doc_id], total = split, total + counts[doc_id]
        filled[split] += counts[doc_id]
    return chosen


def second_sample(doc_ids: list[str], every: int = 10) -> list[str]:
    """Every ``every``-th chosen document in SHA-1 order: annotated a second time."""
    ordered = sorted(doc_ids, key=_order)
    return ordered[every // 2::every]
