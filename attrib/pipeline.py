"""The orchestration: a corpus goes through every stage into a dataset.

``attrib annotate`` (and :func:`attrib.annotate_corpus`) checks its usage before writing
anything, then for a corpus: reads its documents (:mod:`attrib.inputs`), decides which the
dataset still needs (:mod:`attrib.dataset.runs`: new, changed, the rest of a killed run),
hands them in chunks to an engine (:mod:`attrib.engines`: this process, a pool, Dask) that
runs each through the per-document annotator (:mod:`attrib.attribution.annotator`:
article, parse, attribution, rows), writes every chunk as it is done and publishes the run.
This module holds none of those parts; it only puts them in order. Every input document
ends up in ``documents``: annotated, or with an error saying why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from attrib.attribution.annotator import Annotator, provenance
from attrib.parsing.precision import requested_precision
from attrib.dataset import runs as ds
from attrib.dataset.rows import RUN_COUNTS, TABLE_NAMES, collect_rows, document_counts, to_tables
from attrib.engines.local import annotate_stream
from attrib.inputs.documents import Document
from attrib.inputs.memory import documents_from
from attrib.inputs.reader import read_corpus
from attrib.inputs.usage import check_inputs, check_out_folder
from attrib.options import CHUNK_CHARS, CHUNK_DOCS, AnnotatorSettings, RunOptions, resolve_device
from attrib.parsing.pack.resolve import check_model_pack


@dataclass
class Annotations:
    """The four tables of an annotated corpus, as pandas DataFrames."""

    sentences: "object"
    attributions: "object"
    framing: "object"
    documents: "object"


def annotate(data, *, models: str | None = None, codebooks: tuple = (), registry: tuple = (),
             attribution: str = "default", progress=None, device: str = "cpu") -> Annotations:
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
        device: ``cpu``, ``cuda`` or ``auto`` (see :func:`attrib.options.resolve_device`).
    """
    settings = AnnotatorSettings(models, tuple(codebooks), tuple(registry), attribution, resolve_device(device))
    annotator = Annotator.from_settings(settings)
    rows = run_documents(annotator, documents_from(data), progress)
    tables = to_tables(rows, provenance(annotator))
    return Annotations(**{name: tables[name].to_pandas() for name in TABLE_NAMES})


def run_documents(annotator: Annotator, docs, progress=None) -> dict[str, list[dict]]:
    """Annotate documents in order and collect the rows of every table; ``progress`` (if
    given) is called with the number of documents of each chunk done."""
    from attrib.progress import counted

    stream = annotate_stream((("added", doc) for doc in docs), annotator)
    return collect_rows(part for done in counted(stream, progress) for _, part in done)


def annotate_corpus(*, inputs: list[str], out: Path, models: str | None = None, codebooks: tuple = (),
                    registry: tuple = (), progress: bool = True, wait: bool = False, chunk_size: int = CHUNK_DOCS,
                    chunk_chars: int = CHUNK_CHARS, workers: int = 1, threads: int | None = None, engine: str = "local",
                    scheduler: str | None = None, refresh: bool = False, attribution: str = "default",
                    device: str = "cpu") -> dict:
    """Annotate a corpus into the dataset ``out`` (see :mod:`attrib.dataset.runs`), incrementally.

    Documents already in ``out`` with the same content are skipped, changed ones replace
    their rows, and a run killed earlier is completed first. With ``workers`` > 1, that
    many processes annotate (each loads the models once); with ``engine="dask"`` the
    documents go to a Dask cluster (a local one of ``workers`` processes, or the one at
    ``scheduler``); the output is the same either way. Documents go through stanza and into
    the dataset in chunks of at most ``chunk_size`` documents and ``chunk_chars`` characters
    (:func:`attrib.engines.chunks.chunks`). ``refresh`` annotates unchanged documents again (after
    a change of codebooks, registry or models). ``attribution``: ``rules``, ``model``,
    ``hybrid`` or ``default`` (see :mod:`attrib.attribution.learned.runner`). ``threads``:
    torch threads per process (None: 1). ``device``: ``cpu``, ``cuda`` or ``auto``. The
    settings are those of :class:`attrib.options.RunOptions` (:func:`run_corpus` takes one).

    Returns:
        Counts for the summary line: documents read, added, replaced, unchanged, failed,
        sentences and attributed (of the documents annotated in this run).
    """
    options = RunOptions(models=models, codebooks=tuple(codebooks), registry=tuple(registry),
                         attribution=attribution, progress=progress, wait=wait, refresh=refresh,
                         chunk_size=chunk_size, chunk_chars=chunk_chars, workers=workers, threads=threads,
                         engine=engine, scheduler=scheduler, device=device)
    return run_corpus(inputs, Path(out), options)


def run_corpus(inputs: list[str], out: Path, options: RunOptions = RunOptions()) -> dict:
    """:func:`annotate_corpus` with its settings in one object (what the CLI calls).

    Raises:
        UsageError: bad inputs, output folder, chunk sizes or ``$ATTRIB_PRECISION`` (nothing is written).
        ModelError: the models are not there or not intact.
    """
    check_inputs(inputs)
    check_out_folder(out, "dataset")
    check_model_pack(options.models)
    requested_precision()  # a bad ATTRIB_PRECISION stops here, not in a worker
    options.chunking  # noqa: B018 - validates the chunk sizes before anything is written
    options = replace(options, device=resolve_device(options.device))  # says so when CUDA is asked for but absent
    annotator, out = Annotator.from_settings(options.settings), Path(out)
    with ds.locked(out, options.wait):
        run, seen = ds.start_run(out, provenance(annotator))
        summary = Counter()
        docs = ds.retiring(read_corpus(inputs, annotator.books), out, run)  # a fixed table's error rows go
        todo = ds.todo(docs, ds.known_documents(out), seen, summary, options.refresh)
        bar, options = _sized(inputs, options, annotator.books)
        if options.engine == "dask":
            _on_dask(todo, run, out, options, summary, bar)
        else:
            for done in annotate_stream(todo, annotator, options):
                ds.write_chunk(out, run, _chunk_rows(done, summary, run))
                _advance(bar, summary)
            ds.publish(out, run, summary["unchanged"])
        _advance(bar, summary, close=True)
    return _summary(summary)


def _sized(inputs: list[str], options: RunOptions, codebooks: dict) -> tuple:
    """The progress display and the options with their workers decided: when ``workers``
    is None, as many as the corpus's documents and the machine warrant (counted once, for
    both)."""
    if options.workers is not None and not options.progress:
        return None, options
    from attrib.engines.sizing import auto_workers
    from attrib.inputs.reader import corpus_size

    size = corpus_size(inputs, codebooks)
    if options.workers is None:
        options = replace(options, workers=auto_workers(size))
    return _progress(size, options.progress), options


def _progress(size: int, enabled: bool):
    """Progress on stderr (:mod:`attrib.progress`) advanced as chunks of documents are
    annotated, out of the ``size`` documents the inputs hold; None when not ``enabled``."""
    if not enabled:
        return None
    from attrib.progress import Progress

    return Progress(size, unit="document", label="annotating")


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


def _count(summary: Counter, run, action: str, doc: Document, part: dict) -> None:
    """Record one annotated document in the run's counts and the summary."""
    counts = document_counts(action, part)
    summary.update(counts)
    run.counts.update({k: counts[k] for k in RUN_COUNTS if counts[k]})
    if action == "replaced":
        run.replaced.append(doc.doc_id)


def _summary(summary: Counter) -> dict:
    """The counts annotate_corpus returns."""
    counts = {k: summary[k] for k in ("documents", "added", "replaced", "unchanged", "done", "failed",
                                      "sentences", "attributed")}
    languages = {k.split(":", 1)[1]: n for k, n in summary.items() if k.startswith("paragraphs:")}
    return {**counts, "paragraphs": dict(sorted(languages.items(), key=lambda item: -item[1]))}


def _on_dask(todo, run, out: Path, options: RunOptions, summary: Counter, bar=None) -> None:
    """Annotate on Dask, then publish the run as the local engine does."""
    from attrib.engines.dask_engine import run_partitions

    annotated = Counter()

    def done(documents: int) -> None:  # a partition came back: skipped so far plus annotated
        annotated["documents"] += documents
        _advance(bar, summary + Counter(added=annotated["documents"]))

    total = run_partitions(todo, run, out, options, on_done=done)
    summary.update(total)
    run.counts.update({k: total[k] for k in RUN_COUNTS})
    ds.publish(out, run, summary["unchanged"])
