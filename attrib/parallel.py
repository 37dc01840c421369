"""Annotate documents in one process or in a pool of worker processes, in input order.

Each worker builds its own :class:`attrib.annotator.Annotator` once (codebooks, registry,
models) and then annotates the documents it is sent; results come back in the order the
documents went in, so a run's output is the same for any number of workers.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator

_WORKER = None  # the Annotator of a worker process


def _start_worker(models, codebooks, registry, threads) -> None:
    """Pool initializer: limit torch threads, load everything once."""
    global _WORKER
    import torch

    from attrib.annotator import Annotator

    torch.set_num_threads(threads or 1)
    _WORKER = Annotator(models, codebooks, registry)


def _annotate(item):
    """Annotate one (action, document) pair in a worker."""
    from attrib.annotator import annotate_document

    action, doc = item
    return (action, doc), annotate_document(_WORKER, doc)


def annotate_stream(items: Iterable, annotator, workers: int = 1, threads: int | None = None) -> Iterator:
    """Yield ((action, document), rows) for every (action, document), in order.

    Args:
        items: (action, Document) pairs.
        annotator: the main process's Annotator (used directly when ``workers`` is 1, and
            as the recipe for the workers' own).
        workers: processes; 1 annotates in this process.
        threads: torch threads per worker (default 1 with several workers).
    """
    from attrib.annotator import annotate_document

    if workers <= 1:
        if threads:
            import torch

            torch.set_num_threads(threads)
        for action, doc in items:
            yield (action, doc), annotate_document(annotator, doc)
        return
    args = (annotator.models, annotator.codebooks, annotator.registry_files, threads)
    with mp.get_context("spawn").Pool(workers, initializer=_start_worker, initargs=args) as pool:
        yield from pool.imap(_annotate, items, chunksize=2)
