"""Annotate documents in one process or in a pool of worker processes, in input order.

Documents travel in chunks (:func:`chunks`): a chunk's paragraphs go through stanza
together, so the models batch across documents, and each chunk is committed to the dataset
as it is done. Each worker builds its own :class:`attrib.annotator.Annotator` once
(codebooks, registry, models) and then annotates the chunks it is sent; results come back
in the order the documents went in, so a run's output is the same for any number of
workers.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from attrib.errors import AttribError

# A chunk is the unit of work: its documents' paragraphs go through stanza together, one
# call per language, and it is committed to the dataset as one Parquet part per table (a
# killed run loses at most the chunk in progress). It closes before it would pass
# ``CHUNK_CHARS`` characters (a longer document is a chunk of its own) or hold more than
# ``CHUNK_DOCS`` documents (``--chunk-chars``, ``--chunk-size``). Characters, not documents,
# because stanza's cost per character depends on how much it is given per call: it sorts a
# call's sentences by length before batching them, and a call's paragraphs fill its
# tokenizer batches. Bare pipelines, one thread, CPU seconds: 1,000 two-sentence posts
# (270 characters each) in 50-post calls (14,000 characters) 48.1 s, in calls of 50,000
# characters 39.6 s, of 100,000 39.4 s, in one call 40.2 s; 1,000 news articles (2,200
# characters on average), run side by side, calls of 50,000 characters 346.4 s, of 100,000
# 334.8 s (the tokenizers fill fewer batches). Memory is one chunk's either way (posts: 703
# and 701 MB).
CHUNK_CHARS = 100_000
CHUNK_DOCS = 1_000
# Chunks per worker sent ahead of the one whose results are awaited: enough that a long
# chunk does not leave the other workers idle, few enough that the corpus is not read into
# memory at once.
IN_FLIGHT = 2
_WORKER = None  # the Annotator of a worker process


@dataclass(frozen=True)
class Chunking:
    """Where chunks close: at ``docs`` documents, or before passing ``chars`` characters."""

    docs: int = CHUNK_DOCS
    chars: int = CHUNK_CHARS

    def __post_init__(self):
        if self.docs < 1 or self.chars < 1:
            raise AttribError(f"chunks need at least one document and one character (got --chunk-size "
                              f"{self.docs}, --chunk-chars {self.chars}); give positive numbers")


def _characters(item) -> int:
    """The characters of an (action, document) pair's text."""
    return len(item[1].text or "")


def chunks(items: Iterable, chunking: Chunking = Chunking(), size: Callable = _characters) -> Iterator[list]:
    """Cut items into consecutive chunks (:class:`Chunking`), read lazily, in order.

    Args:
        items: (action, Document) pairs, or anything ``size`` measures.
        chunking: the limits of a chunk.
        size: an item's characters.

    Yields:
        Lists of items; the local and the Dask engine cut the same chunks, so stanza is
        given the same calls and the tables are the same.
    """
    chunk, chars = [], 0
    for item in items:
        n = size(item)
        if chunk and (chars + n > chunking.chars or len(chunk) >= chunking.docs):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += n
    if chunk:
        yield chunk


def _start_worker(models, codebooks, registry, threads, attribution="default") -> None:
    """Pool initializer: limit torch threads, load everything once."""
    global _WORKER
    import torch

    from attrib.annotator import Annotator

    torch.set_num_threads(threads or 1)
    _WORKER = Annotator(models, codebooks, registry, attribution)


def annotate_chunk(annotator, chunk: list) -> list:
    """((action, document), rows) for one chunk of (action, document) pairs, the heap
    settled afterwards (:func:`settle`)."""
    from attrib.annotator import annotate_documents

    done = list(zip(chunk, annotate_documents(annotator, [doc for _, doc in chunk])))
    settle()
    return done


def settle() -> None:
    """Collect the garbage, then move the survivors (the models, codebooks and registry once
    loaded) out of the garbage collector's sight (``gc.freeze``).

    stanza creates millions of short-lived objects; without this, every full collection
    walks the hundreds of thousands of objects of the loaded models again, which cost 3-5 %
    of the parse time (measured in one process, 100 news articles, collections as they
    come against frozen). Collecting first means no garbage is frozen: a chunk's garbage is
    freed before its survivors are set aside, so memory does not grow with the corpus.
    """
    gc.collect()
    gc.freeze()


def annotate_chunks(annotator, chunks_in: Iterable[list]) -> Iterator[list]:
    """:func:`annotate_chunk` for every chunk in order, the heap handed back to the
    collector at the end (``gc.unfreeze``)."""
    try:
        for chunk in chunks_in:
            yield annotate_chunk(annotator, chunk)
    finally:
        gc.unfreeze()


def _annotate(chunk: list) -> list:
    """Annotate one chunk in a worker process with the worker's Annotator (the heap stays
    settled: the process only annotates)."""
    return annotate_chunk(_WORKER, chunk)


def annotate_stream(items: Iterable, annotator, workers: int = 1, threads: int | None = None,
                    chunking: Chunking = Chunking()) -> Iterator[list]:
    """Annotate (action, document) pairs chunk by chunk, in order.

    Args:
        items: (action, Document) pairs.
        annotator: the main process's Annotator (used directly when ``workers`` is 1, and
            as the recipe for the workers' own).
        workers: processes; 1 annotates in this process.
        threads: torch threads per worker (default 1 with several workers).
        chunking: where chunks close (:func:`chunks`).

    Yields:
        One list per chunk of ((action, document), rows) pairs.
    """
    if workers <= 1:
        if threads:
            import torch

            torch.set_num_threads(threads)
        yield from annotate_chunks(annotator, chunks(items, chunking))
        return
    args = (annotator.models, annotator.codebooks, annotator.registry_files, threads, annotator.attribution)
    with mp.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=args) as pool:
        yield from _bounded_map(pool, chunks(items, chunking), IN_FLIGHT * workers)


def _bounded_map(pool, chunks_in: Iterable, window: int) -> Iterator[list]:
    """``pool.imap(_annotate, chunks_in)`` with at most ``window`` chunks in flight:
    ``imap`` reads its whole input at once, which would hold every document of a large
    corpus in memory."""
    pending: deque = deque()
    for chunk in chunks_in:
        pending.append(pool.apply_async(_annotate, (chunk,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
