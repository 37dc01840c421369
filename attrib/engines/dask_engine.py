"""``--engine dask``: the same annotation run on Dask (dask.distributed).

The driver decides, as the local engine does, which documents a run must annotate (new,
changed, the rest of an interrupted run); it cuts them into the chunks the local engine
would (:func:`attrib.engines.chunks.chunks`) and sends each to a Dask worker as a partition.
Every worker builds its Annotator once, annotates its partition and writes it as one chunk
of the run (``history/run=<id>/<table>/chunk-<k>.parquet``, documents last) straight from
the worker; the driver then publishes the run like the local engine, so the tables are the
same. The output folder must be reachable from the workers (a shared filesystem).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from attrib.attribution.annotator import Annotator
from attrib.dataset.rows import collect_rows, document_counts
from attrib.dataset.runs import next_chunk, write_rows
from attrib.engines.chunks import chunks
from attrib.engines.local import annotate_chunks
from attrib.options import AnnotatorSettings, RunOptions

_ANNOTATORS: dict = {}  # per worker process: AnnotatorSettings -> Annotator


def _annotator(settings: AnnotatorSettings):
    """The worker's Annotator for these settings, built on first use."""
    if settings not in _ANNOTATORS:
        import torch

        torch.set_num_threads(1)
        _ANNOTATORS[settings] = Annotator.from_settings(settings)
    return _ANNOTATORS[settings]


def annotate_partition(items: list, folder: str, chunk: str, provenance: dict, settings: AnnotatorSettings,
                       index: int) -> tuple[int, dict]:
    """Annotate one partition on a worker and write it as a chunk; return its index and counts."""
    annotator = _annotator(settings)
    stats, replaced = Counter(), []
    [done] = annotate_chunks(annotator, [items])  # the heap settled, then handed back to the collector
    for (action, doc), part in done:
        stats.update(document_counts(action, part))
        replaced += [doc.doc_id] if action == "replaced" else []
    write_rows(Path(folder), chunk, collect_rows(part for _, part in done), provenance)
    return index, {"stats": dict(stats), "replaced": replaced, "documents": len(done)}


def _client(scheduler: str | None, workers: int):
    """A client of the given scheduler, or of a new local cluster of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def run_partitions(todo: Iterable, run, out: Path, options: RunOptions,
                   on_done: Callable[[int], None] | None = None) -> Counter:
    """Annotate ``todo`` ((action, document) pairs) on Dask as chunks of ``run``; read
    lazily, with at most two partitions per worker in flight, so the driver never holds
    the whole corpus. ``options`` gives the annotator's settings, the chunks, the scheduler
    (or a local cluster of ``options.workers``); ``on_done`` is told the documents of each
    partition as it comes back."""
    from dask.distributed import as_completed

    first, results, settings = next_chunk(out, run), {}, options.settings
    client, cluster = _client(options.scheduler, max(options.workers, 1))
    try:
        window, running = 2 * max(sum(client.nthreads().values()), 1), as_completed(with_results=True)
        for k, part in enumerate(chunks(todo, options.chunking)):
            running.add(client.submit(annotate_partition, part, str(run.folder(out)), f"chunk-{first + k:05d}",
                                      run.provenance, settings, k, pure=False))
            if running.count() >= window:
                _collect(results, next(running)[1], on_done)
        for _, answer in running:
            _collect(results, answer, on_done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return _totals(run, [results[k] for k in sorted(results)])


def _collect(results: dict, answer: tuple[int, dict], on_done: Callable[[int], None] | None) -> None:
    """Keep a partition's result by its index and report its documents done."""
    index, result = answer
    results[index] = result
    if on_done is not None:
        on_done(result["documents"])


def _totals(run, results: list[dict]) -> Counter:
    """Add the partitions' counts up and record their replaced documents in the run."""
    total = Counter()
    for result in results:
        total.update(result["stats"])
        run.replaced += result["replaced"]
    return total
