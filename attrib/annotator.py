"""``attrib annotate``: the reporting chain of every sentence of a corpus, as Parquet.

Reads the corpus (attrib.inputs.reader), finds each article's structure (attrib.article.structure), runs
every paragraph through its language's stanza pipeline, attributes every sentence
(attrib.attribution.rules) and writes four tables (attrib.dataset.schema) with provenance metadata.
Every input document ends up in ``documents``: annotated, or with an error saying why.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from attrib import __version__
from attrib.attribution.rules import attribute_article
from attrib.languages.codebook import load_codebooks
from attrib.inputs.dates import parse_published
from attrib.errors import ModelError
from attrib.parsing.sent import Sent, from_stanza
from attrib.attribution.learned.runner import LearnedRunner, modes_for
from attrib.parsing.pack.resolve import SHIPPED_PACK, pack_processors, resolve_models
from attrib.parallel import CHUNK_CHARS, CHUNK_DOCS, Chunking
from attrib.inputs.reader import Document
from attrib.attribution.registry import load_registry
from attrib.dataset.schema import TABLES
from attrib.parsing.segment import PIECE, pieces, regex_sentences
from attrib.article.structure import Article, Block, structure_article

FULL = ("tokenize", "mwt", "pos", "lemma", "depparse")
@dataclass
class Annotator:
    """Loads codebooks, registry and models once; annotates documents one by one."""

    models: str | None = None
    codebooks: tuple = ()
    registry_files: tuple = ()
    attribution: str = "default"

    def __post_init__(self):
        self.books = load_codebooks(self.codebooks)
        self.registry = load_registry(self.registry_files)
        self.source = resolve_models(self.models)
        self._processors: dict[str, tuple[str, ...]] = {}
        pack = self.source.path if self.source.kind == "pack" else SHIPPED_PACK
        self.learned = LearnedRunner(pack, modes_for(self.attribution, pack))

    def processors(self, lang: str) -> tuple[str, ...]:
        """Processors available for a language (stanza's own models: the full pipeline).

        Read from the pack once per language, not once per document.
        """
        if self.source.kind == "stanza":
            return FULL
        if lang not in self._processors:
            try:
                self._processors[lang] = tuple(pack_processors(self.source, lang))
            except ModelError:
                self._processors[lang] = ()
        return self._processors[lang]

    def parse(self, groups: list[list[Block]]) -> list[tuple[list[list[Sent]], list[str]]]:
        """Parse groups of blocks (the paragraphs of several documents) with their
        language's models, all paragraphs of a language in one stanza call so the models
        batch across documents; return each group's sentences per block and warnings."""
        out = [([[] for _ in blocks], []) for blocks in groups]
        flat = [(g, i, block) for g, blocks in enumerate(groups) for i, block in enumerate(blocks)]
        for lang in sorted({block.lang for _, _, block in flat}):
            here = [item for item in flat if item[2].lang == lang]
            if "depparse" in self.processors(lang):
                self._parse_language(lang, here, out)
            else:
                self._split_unparsed(lang, here, out)
        return out

    def _parse_language(self, lang: str, items: list, out: list) -> None:
        """Run one language's (group, index, block) items through its pipeline, long
        paragraphs in pieces (see :func:`pieces`)."""
        from attrib.parsing.nlp import parse_paragraphs

        tasks = [(g, i, block, offset, piece) for g, i, block in items for offset, piece in pieces(block.text)]
        for g, _, block in items:
            if len(block.text) > PIECE:
                out[g][1].append(f"paragraph {block.para_id} ({len(block.text):,} characters) was parsed "
                                 f"in pieces of at most {PIECE:,}")
        docs = parse_paragraphs([(lang, task[4]) for task in tasks], models=self.models, processors=FULL)
        for (g, i, block, offset, _), doc in zip(tasks, docs):
            out[g][0][i] += [from_stanza(s, lang, block.start + offset) for s in doc.sentences]

    def _split_unparsed(self, lang: str, items: list, out: list) -> None:
        """Split paragraphs of a language without a parser into sentences, with a warning
        per document."""
        for g, i, block in items:
            out[g][0][i] = regex_sentences(block)
        for g, count in sorted(Counter(g for g, _, _ in items).items()):
            if lang in self.books:
                out[g][1].append(f"no {lang} parser in the models ({self.source.describe()}): "
                                 f"{count} paragraph(s) split but not parsed")
            else:
                out[g][1].append(f"{count} paragraph(s) in {lang}, a language attrib has no codebook or "
                                 f"models for: split into sentences, not attributed")


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


def annotate_documents(annotator: Annotator, docs: list[Document]) -> list[dict[str, list[dict]]]:
    """All rows each document contributes, their paragraphs parsed together; failures
    become error rows, never exceptions (a failing batch is annotated again document by
    document, so the error lands on the document that caused it).

    Raises:
        ModelError: when the models themselves cannot be loaded (every document would fail).
    """
    articles = [_guarded(d, lambda d=d: structure_article(d.text, annotator.books, d.meta.get("lang")))
                if d.ok else None for d in docs]
    parsed = _parse_ready(annotator, docs, articles)
    if parsed is None:
        return [annotate_documents(annotator, [doc])[0] for doc in docs]
    learned = _learned(annotator, docs, parsed)
    if learned is None:
        return [annotate_documents(annotator, [doc])[0] for doc in docs]
    return [_rows(annotator, doc, articles[i], parsed.get(i), learned[i]) for i, doc in enumerate(docs)]


def _learned(annotator: Annotator, docs: list[Document], parsed: dict) -> list | None:
    """The learned attribution's answers per document (None where it is not used); None
    when the model failed on the chunk (the documents are then done one by one)."""
    if not annotator.learned.active:
        return [None] * len(docs)
    ready = [parsed.get(i) for i in range(len(docs))]
    if len(docs) == 1 and ready[0] is not None:
        return _guarded(docs[0], lambda: annotator.learned.learned([docs[0].text], ready)) or [None]
    return _guarded(None, lambda: annotator.learned.learned([d.text for d in docs], ready))


def _parse_ready(annotator: Annotator, docs: list[Document], articles: list) -> dict | None:
    """Parses of the documents still ok, by position; None when a batch failed."""
    ready = [i for i, doc in enumerate(docs) if doc.ok]
    if len(ready) == 1:
        i = ready[0]
        result = _guarded(docs[i], lambda: annotator.parse([list(articles[i].blocks)])[0])
        return {} if result is None else {i: result}
    result = _guarded(None, lambda: annotator.parse([list(articles[i].blocks) for i in ready]))
    return None if result is None else dict(zip(ready, result))


def _rows(annotator: Annotator, doc: Document, article: Article | None, parsed, learned=None) -> dict[str, list[dict]]:
    """The rows of one document from its parse (or its error row)."""
    if not doc.ok or parsed is None:
        return _error_rows(doc)
    sents, warnings = parsed
    blocks = list(zip(article.blocks, sents))
    done = _guarded(doc, lambda: sentence_rows(doc.doc_id, blocks,
                                               attribute_article(blocks, annotator.books, annotator.registry,
                                                                 doc.meta.get("outlet"), learned)))
    if done is None:
        return _error_rows(doc)
    sentences, links, framing = done
    return {"documents": [document_row(doc, article, sentences, warnings)],
            "sentences": sentences, "attributions": links, "framing": framing}


def _error_rows(doc: Document) -> dict[str, list[dict]]:
    """The rows of a document that could not be annotated: its documents row only."""
    return {"documents": [document_row(doc, None, [], [])], "sentences": [], "attributions": [], "framing": []}


def _guarded(doc: Document | None, step):
    """``step()``, or None after recording an unexpected failure as the document's error.

    Raises:
        ModelError: models that cannot be loaded stop the run.
    """
    try:
        return step()
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the corpus
        if doc is not None:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            doc.error = (f"internal error while annotating ({type(exc).__name__}: {exc} at "
                         f"{Path(where.filename).name}:{where.lineno}); please report it with this document")
        return None


TABLE_NAMES = tuple(TABLES)  # sentences, attributions, framing, documents


@dataclass
class Annotations:
    """The four tables of an annotated corpus, as pandas DataFrames."""

    sentences: "object"
    attributions: "object"
    framing: "object"
    documents: "object"


def provenance(annotator: Annotator) -> dict:
    """What produced the tables: attrib version, models, codebooks, registry."""
    import hashlib

    manifest = annotator.source.path / "manifest.json"
    pack = hashlib.sha256(manifest.read_bytes()).hexdigest()[:16] if manifest.is_file() else None
    reg = hashlib.sha256("\n".join(sorted(repr(s) for s in annotator.registry.sources.values()))
                         .encode("utf-8")).hexdigest()[:16]
    return {"attrib_version": __version__, "models": annotator.source.describe(), "model_pack_sha256": pack,
            "codebooks": {lang: book.digest() for lang, book in annotator.books.items()},
            "registry_sha256": reg, "registry_files": list(annotator.registry.files)}


def run_documents(annotator: Annotator, docs, progress=None) -> dict[str, list[dict]]:
    """Annotate documents in order and collect the rows of every table; ``progress`` (if
    given) is called with the number of documents of each chunk done."""
    from attrib.parallel import annotate_stream
    from attrib.progress import counted

    stream = annotate_stream((("added", doc) for doc in docs), annotator)
    return collect_rows(part for done in counted(stream, progress) for _, part in done)


def collect_rows(parts) -> dict[str, list[dict]]:
    """The rows of every table, in order, from annotated documents' parts (table -> rows)."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    for part in parts:
        for name, table_rows in part.items():
            rows[name].extend(table_rows)
    return rows


def _to_tables(rows: dict[str, list[dict]], meta: dict) -> dict:
    """Arrow tables of every schema from collected rows."""
    from attrib.dataset.store import table_from_rows

    return {name: table_from_rows(name, rows.get(name, []), meta) for name in TABLE_NAMES}


def _duplicate(doc: Document, contents: dict[str, str]) -> Document:
    """The same article under a second id becomes an error row naming the first."""
    first = contents.get(doc.sha256) if doc.sha256 else None
    if first is not None and first != doc.doc_id and doc.ok:
        doc.error = f"same content as document {first} (sha256 {doc.sha256[:12]}); not annotated twice"
    return doc


def _progress(inputs: list[str], enabled: bool, codebooks: dict | None = None):
    """Progress on stderr (:mod:`attrib.progress`) advanced as chunks of documents are
    annotated, out of the documents the inputs hold; None when not ``enabled``."""
    if not enabled:
        return None
    from attrib.progress import Progress, corpus_size

    return Progress(corpus_size(inputs, codebooks), unit="document", label="annotating")


def annotate_corpus(*, inputs: list[str], out: Path, models: str | None = None, codebooks: tuple = (),
                    registry: tuple = (), progress: bool = True, wait: bool = False, chunk_size: int = CHUNK_DOCS,
                    chunk_chars: int = CHUNK_CHARS, workers: int = 1, threads: int | None = None, engine: str = "local",
                    scheduler: str | None = None, refresh: bool = False, attribution: str = "default") -> dict:
    """Annotate a corpus into the dataset ``out`` (see :mod:`attrib.dataset.runs`), incrementally.

    Documents already in ``out`` with the same content are skipped, changed ones replace
    their rows, and a run killed earlier is completed first. With ``workers`` > 1, that
    many processes annotate (each loads the models once); with ``engine="dask"`` the
    documents go to a Dask cluster (a local one of ``workers`` processes, or the one at
    ``scheduler``); the output is the same either way. Documents go through stanza and into
    the dataset in chunks of at most ``chunk_size`` documents and ``chunk_chars`` characters
    (:func:`attrib.parallel.chunks`). ``refresh`` annotates unchanged documents again (after
    a change of codebooks, registry or models). ``attribution``: ``rules``, ``model``,
    ``hybrid`` or ``default`` (see :mod:`attrib.attribution.learned.runner`).

    Returns:
        Counts for the summary line: documents read, added, replaced, unchanged, failed,
        sentences and attributed (of the documents annotated in this run).
    """
    from attrib.dataset import runs as ds
    from attrib.parallel import annotate_stream
    from attrib.inputs.reader import read_corpus
    from attrib.inputs.usage import check_inputs, check_model_pack, check_out_folder

    check_inputs(inputs)
    check_out_folder(out, "dataset")
    check_model_pack(models)
    chunking = Chunking(chunk_size, chunk_chars)
    annotator, out = Annotator(models, tuple(codebooks), tuple(registry), attribution), Path(out)
    with ds.locked(out, wait):
        run, seen = _start_run(out, provenance(annotator))
        summary = Counter()
        docs = ds.retiring(read_corpus(inputs, annotator.books), out, run)  # a fixed table's error rows go
        todo = _todo(docs, ds.known_documents(out), seen, summary, refresh)
        bar = _progress(inputs, progress, annotator.books)
        if engine == "dask":
            _on_dask(todo, run, out, annotator, summary, chunking, scheduler, workers, bar)
        else:
            for done in annotate_stream(todo, annotator, workers, threads, chunking):
                ds.write_chunk(out, run, _chunk_rows(done, summary, run))
                _advance(bar, summary)
            _publish(out, run, summary)
        _advance(bar, summary, close=True)
    return _summary(summary)


def _advance(bar, summary: Counter, close: bool = False) -> None:
    """Move the progress to the documents finished so far (annotated or skipped)."""
    if bar is None:
        return
    bar.update(sum(summary[k] for k in ("added", "replaced", "failed", "unchanged", "done")))
    if close:
        bar.close()


def _chunk_rows(done: list, summary: Counter, run) -> dict[str, list[dict]]:
    """The rows of every table of an annotated chunk, its documents counted."""
    for (action, doc), part in done:
        _count(summary, run, action, doc, part)
    return collect_rows(part for _, part in done)


def _publish(out: Path, run, summary: Counter) -> None:
    """Record the skipped documents in the run and publish it to the latest view."""
    from attrib.dataset import runs as ds

    run.counts["unchanged"] += summary["unchanged"]
    ds.finalize(out, run)


def _summary(summary: Counter) -> dict:
    """The counts annotate_corpus returns."""
    counts = {k: summary[k] for k in ("documents", "added", "replaced", "unchanged", "done", "failed",
                                      "sentences", "attributed")}
    languages = {k.split(":", 1)[1]: n for k, n in summary.items() if k.startswith("paragraphs:")}
    return {**counts, "paragraphs": dict(sorted(languages.items(), key=lambda item: -item[1]))}


def _on_dask(todo, run, out: Path, annotator: Annotator, summary: Counter, chunking: Chunking,
             scheduler: str | None, workers: int, bar=None) -> None:
    """Annotate on Dask, then publish the run as the local engine does."""
    from attrib.dask_engine import run_partitions

    settings = (annotator.models, annotator.codebooks, annotator.registry_files, annotator.attribution)
    annotated = Counter()

    def done(documents: int) -> None:  # a partition came back: skipped so far plus annotated
        annotated["documents"] += documents
        _advance(bar, summary + Counter(added=annotated["documents"]))

    total = run_partitions(todo, run, out, settings, chunking, scheduler, max(workers, 1), on_done=done)
    summary.update(total)
    run.counts.update({k: total[k] for k in RUN_COUNTS})
    _publish(out, run, summary)


def _todo(docs, known: dict, seen: dict, summary: Counter, refresh: bool = False):
    """The documents a run must annotate, each with what it does (added or replaced);
    skipped ones are counted, a second copy of an article becomes an error record."""
    from attrib.dataset import runs as ds

    contents = {sha: doc_id for doc_id, sha in {**known, **seen}.items() if sha}
    for doc in docs:
        summary["documents"] += 1
        action = ds.classify(doc, known, seen, refresh)
        if action in ("done", "unchanged"):
            summary[action] += 1
            continue
        doc = _duplicate(doc, contents)
        contents.setdefault(doc.sha256, doc.doc_id)
        seen[doc.doc_id] = doc.sha256
        yield action, doc


def _start_run(out: Path, prov: dict):
    """Resume a killed run (finishing one that was publishing) or start a new one."""
    from attrib.dataset import runs as ds

    ds.ensure_tables(out, prov)
    pending = ds.unfinished_run(out)
    if pending is not None and pending.status == "finalizing":
        ds.finalize(out, pending)
        pending = None
    if pending is None:
        return ds.new_run(prov), {}
    return pending, ds.chunk_documents(out, pending)


RUN_COUNTS = ("added", "replaced", "failed")  # what a run records of the documents it annotated


def document_counts(action: str, part: dict) -> Counter:
    """What one annotated document adds to the counts: added, replaced or failed, and its
    sentences and attributed sentences."""
    sentences = part.get("sentences", [])
    failed = part["documents"][0]["status"] == "error"
    paragraphs = Counter(f"paragraphs:{lang}" for _, lang in {(s["para_id"], s["lang"]) for s in sentences})
    return Counter({"failed" if failed else action: 1, "sentences": len(sentences),
                    "attributed": sum(s["attributed"] for s in sentences), **paragraphs})


def _count(summary: Counter, run, action: str, doc: Document, part: dict) -> None:
    """Record one annotated document in the run's counts and the summary."""
    counts = document_counts(action, part)
    summary.update(counts)
    run.counts.update({k: counts[k] for k in RUN_COUNTS if counts[k]})
    if action == "replaced":
        run.replaced.append(doc.doc_id)


def _frame_documents(frame, books) -> list[Document]:
    """The rows of a DataFrame as documents, its columns mapped as a table file's are
    (``attrib/inputs/fields.yaml``: news-please and MediaCloud names too); without an id
    column, ids are ``doc0``, ``doc1``...

    Raises:
        UsageError: when no column holds the articles.
    """
    from attrib.errors import UsageError
    from attrib.inputs.tables import Row, has_text_column, missing_text, raw_document
    from attrib.inputs.reader import decode

    if not has_text_column(frame.columns):
        raise UsageError(missing_text("the DataFrame", list(frame.columns)))
    rows = [Row(f"doc{i}", "memory", f"row {i} of the DataFrame", record)
            for i, record in enumerate(frame.to_dict("records"))]
    return [decode(raw_document(row, "utf-8"), books) for row in rows]


def _documents_from(data) -> list[Document]:
    """Documents from a list of texts, a mapping id -> text, or a DataFrame (id, text, ...)."""
    from attrib.inputs.reader import RawDocument, decode

    books = load_codebooks()
    if hasattr(data, "to_dict"):
        return _frame_documents(data, books)
    if isinstance(data, dict):
        records = [{"id": k, "text": v} for k, v in data.items()]
    else:
        records = [{"id": f"doc{i}", "text": t} for i, t in enumerate(data)]
    return [decode(RawDocument(str(r["id"]), "memory", r.get("text"), {},
                               None if isinstance(r.get("text"), str) else "no text"), books)
            for r in records]


def annotate(data, *, models: str | None = None, codebooks: tuple = (), registry: tuple = (),
             attribution: str = "default", progress=None) -> Annotations:
    """Annotate texts in memory (for notebooks) and return the four tables as DataFrames.

    Args:
        data: a list of texts, a mapping id -> text, or a DataFrame with ``id`` and ``text``
            columns (optional: title, published, outlet, url, lang; news-please and
            MediaCloud column names are read as in a table file).
        models: pack folder or ``stanza`` (default: ``$ATTRIB_MODELS`` or the shipped pack).
        codebooks: user codebook files.
        registry: user registry files.
        attribution: ``rules``, ``model``, ``hybrid`` or ``default`` (the pack's choice per
            language; see :mod:`attrib.attribution.learned.runner`).
        progress: called with the number of documents of each chunk annotated (e.g.
            :meth:`attrib.progress.Progress.advance`).
    """
    annotator = Annotator(models, tuple(codebooks), tuple(registry), attribution)
    rows = run_documents(annotator, _documents_from(data), progress)
    tables = _to_tables(rows, provenance(annotator))
    return Annotations(**{name: tables[name].to_pandas() for name in TABLE_NAMES})
