"""The per-document annotator: a document's article, its parse, its attribution, its rows.

:class:`Annotator` loads codebooks, registry and models once (from
:class:`~attrib.options.AnnotatorSettings`); :func:`annotate_documents` runs a chunk of
documents through the stages (structure, parsing, the rules or the learned model) and
gives each document's rows (:mod:`attrib.dataset.rows`). A failure becomes the document's
error row, never an exception; the engines (:mod:`attrib.engines`) call it chunk by chunk.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from attrib.version import __version__
from attrib.article.structure import Article, Block, structure_article
from attrib.attribution.learned.runner import LearnedRunner, modes_for
from attrib.attribution.registry import load_registry
from attrib.attribution.rules import attribute_article
from attrib.dataset.rows import document_row, sentence_rows
from attrib.errors import ModelError
from attrib.inputs.documents import Document
from attrib.languages.codebook import load_codebooks
from attrib.options import AnnotatorSettings
from attrib.parsing.pack.resolve import SHIPPED_PACK, pack_processors, resolve_models
from attrib.parsing.segment import PIECE, pieces, regex_sentences
from attrib.parsing.sent import Sent, from_stanza

FULL = ("tokenize", "mwt", "pos", "lemma", "depparse")


@dataclass
class Annotator:
    """Loads codebooks, registry and models once; annotates documents one by one."""

    models: str | None = None
    codebooks: tuple = ()
    registry_files: tuple = ()
    attribution: str = "default"
    device: str = "cpu"  # resolved already (attrib.options.resolve_device): cpu or cuda

    def __post_init__(self):
        self.books = load_codebooks(self.codebooks)
        self.registry = load_registry(self.registry_files)
        self.source = resolve_models(self.models)
        self._processors: dict[str, tuple[str, ...]] = {}
        pack = self.source.path if self.source.kind == "pack" else SHIPPED_PACK
        self.learned = LearnedRunner(pack, modes_for(self.attribution, pack), self.device)

    @classmethod
    def from_settings(cls, settings: AnnotatorSettings) -> Annotator:
        """The annotator these settings describe."""
        return cls(settings.models, tuple(settings.codebooks), tuple(settings.registry), settings.attribution,
                   settings.device)

    @property
    def settings(self) -> AnnotatorSettings:
        """What builds this annotator again (in a worker process)."""
        return AnnotatorSettings(self.models, self.codebooks, self.registry_files, self.attribution, self.device)

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
        docs = parse_paragraphs([(lang, task[4]) for task in tasks], models=self.models, processors=FULL,
                                use_gpu=self.device == "cuda")
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
