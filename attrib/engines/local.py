"""The local engine: annotate chunks of documents in this process or in a pool of worker
processes, in input order.

Each worker builds its own :class:`~attrib.attribution.annotator.Annotator` once from the
run's :class:`~attrib.options.AnnotatorSettings` (codebooks, registry, models, attribution)
and then annotates the chunks it is sent; results come back in the order the documents went
in, so a run's output is the same for any number of workers.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator

from attrib.attribution.annotator import Annotator, annotate_documents
from attrib.engines.chunks import chunks
from attrib.options import AnnotatorSettings, RunOptions

# Chunks per worker sent ahead of the one whose results are awaited: enough that a long
# chunk does not leave the other workers idle, few enough that the corpus is not read into
# memory at once.
IN_FLIGHT = 2
_WORKER = None  # the Annotator of a worker process


def _start_worker(settings: AnnotatorSettings, threads: int | None) -> None:
    """Pool initializer: limit torch threads, load everything once."""
    global _WORKER
    import torch

    torch.set_num_threads(threads or 1)
    _WORKER = Annotator.from_settings(settings)


def annotate_chunk(annotator, chunk: list) -> list:
    """((action, document), rows) for one chunk of (action, document) pairs, the heap
    settled afterwards (:func:`settle`)."""
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


def annotate_stream(items: Iterable, annotator, options: RunOptions = RunOptions()) -> Iterator[list]:
    """Annotate (action, document) pairs chunk by chunk, in order.

    Args:
        items: (action, Document) pairs.
        annotator: the main process's Annotator (used directly when ``options.workers`` is
            1, and as the recipe for the workers' own).
        options: workers (1 annotates in this process), threads (torch threads per process;
            default 1) and where chunks close.

    Yields:
        One list per chunk of ((action, document), rows) pairs.
    """
    if options.workers <= 1:
        import torch

        torch.set_num_threads(options.threads or 1)
        yield from annotate_chunks(annotator, chunks(items, options.chunking))
        return
    args = (annotator.settings, options.threads)
    with mp.get_context("spawn").Pool(options.workers, initializer=_start_worker, initargs=args) as pool:
        yield from _bounded_map(pool, chunks(items, options.chunking), IN_FLIGHT * options.workers)


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
