"""Annotate documents in one process or in a pool of worker processes, in input order.

Documents travel in batches (:func:`batches`): a batch's paragraphs go through stanza
together, so the models batch across documents. Each worker builds its own
:class:`attrib.annotator.Annotator` once (codebooks, registry, models) and then annotates
the batches it is sent; results come back in the order the documents went in, so a run's
output is the same for any number of workers.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator

# Documents per committed chunk (``--chunk-size``): a killed run loses at most this much work.
CHUNK_SIZE = 50
# A batch closes once it holds this many characters, or at the end of its chunk; a batch's
# paragraphs of one language are one stanza call. stanza sorts a call's sentences by length
# before batching them, so the more sentences per call, the less padding: calls of one
# article (3,000 characters, a third of it per language in a mixed corpus) made the parser
# 30-40 % slower than one call for the whole corpus (with stanza's default parser batches).
# So a chunk of news articles is one batch; the limit only keeps chunks of very long
# documents from one huge call.
BATCH_CHARS = 250_000
# Batches per worker sent ahead of the one whose results are awaited: enough that a long
# batch does not leave the other workers idle, few enough that the corpus is not read into
# memory at once.
IN_FLIGHT = 2
_WORKER = None  # the Annotator of a worker process


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def batches(items: Iterable, chunk_size: int, limit: int = BATCH_CHARS) -> Iterator[list]:
    """Cut (action, document) pairs into batches of about ``limit`` characters that never
    cross a chunk boundary (every ``chunk_size`` documents), so the local and the Dask
    engine, which annotates one chunk per task, form the very same batches."""
    for chunk in chunks(items, chunk_size):
        batch, size = [], 0
        for item in chunk:
            batch.append(item)
            size += len(item[1].text or "")
            if size >= limit:
                yield batch
                batch, size = [], 0
        if batch:
            yield batch


def _start_worker(models, codebooks, registry, threads) -> None:
    """Pool initializer: limit torch threads, load everything once."""
    global _WORKER
    import torch

    from attrib.annotator import Annotator

    torch.set_num_threads(threads or 1)
    _WORKER = Annotator(models, codebooks, registry)


def annotate_batch(annotator, batch: list) -> list:
    """((action, document), rows) for one batch of (action, document) pairs."""
    from attrib.annotator import annotate_documents

    return list(zip(batch, annotate_documents(annotator, [doc for _, doc in batch])))


def settle() -> None:
    """Collect the garbage, then move the survivors (the models, codebooks and registry once
    loaded) out of the garbage collector's sight (``gc.freeze``).

    stanza creates millions of short-lived objects; without this, every full collection
    walks the hundreds of thousands of objects of the loaded models again, which cost 3-5 %
    of the parse time (measured in one process, 100 news articles, collections as they
    come against frozen). Collecting first means no garbage is frozen: a batch's garbage is
    freed before its survivors are set aside, so memory does not grow with the corpus.
    """
    gc.collect()
    gc.freeze()


def annotate_batches(annotator, batches_in: Iterable[list]) -> Iterator:
    """((action, document), rows) for every batch in order, the heap settled after each
    batch (:func:`settle`) and handed back to the collector at the end."""
    try:
        for batch in batches_in:
            yield from annotate_batch(annotator, batch)
            settle()
    finally:
        gc.unfreeze()


def _annotate(batch: list) -> list:
    """Annotate one batch in a worker process (its heap settled after each batch: the
    process only annotates), with the worker's Annotator."""
    done = annotate_batch(_WORKER, batch)
    settle()
    return done


def annotate_stream(items: Iterable, annotator, workers: int = 1, threads: int | None = None,
                    chunk_size: int = CHUNK_SIZE) -> Iterator:
    """Yield ((action, document), rows) for every (action, document), in order.

    Args:
        items: (action, Document) pairs.
        annotator: the main process's Annotator (used directly when ``workers`` is 1, and
            as the recipe for the workers' own).
        workers: processes; 1 annotates in this process.
        threads: torch threads per worker (default 1 with several workers).
        chunk_size: documents per committed chunk (batches never cross one).
    """
    if workers <= 1:
        if threads:
            import torch

            torch.set_num_threads(threads)
        yield from annotate_batches(annotator, batches(items, chunk_size))
        return
    args = (annotator.models, annotator.codebooks, annotator.registry_files, threads)
    with mp.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=args) as pool:
        for done in _bounded_map(pool, batches(items, chunk_size), IN_FLIGHT * workers):
            yield from done


def _bounded_map(pool, batches_in: Iterable, window: int) -> Iterator[list]:
    """``pool.imap(_annotate, batches_in)`` with at most ``window`` batches in flight:
    ``imap`` reads its whole input at once, which would hold every document of a large
    corpus in memory."""
    pending: deque = deque()
    for batch in batches_in:
        pending.append(pool.apply_async(_annotate, (batch,)))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
