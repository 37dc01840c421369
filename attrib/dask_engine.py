"""``--engine dask``: the same annotation run on Dask (dask.distributed).

The driver decides, as the local engine does, which documents a run must annotate (new,
changed, the rest of an interrupted run); it cuts them into partitions of ``chunk_size``
documents in input order and sends each to a Dask worker. Every worker builds its
Annotator once, annotates its partition and writes it as one chunk of the run
(``history/run=<id>/<table>/chunk-<k>.parquet``, documents last) straight from the
worker; the driver then publishes the run like the local engine, so the tables are the
same. The output folder must be reachable from the workers (a shared filesystem).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

_ANNOTATORS: dict = {}  # per worker process: (models, codebooks, registry) -> Annotator


def _annotator(models, codebooks, registry):
    """The worker's Annotator for these settings, built on first use."""
    key = (models, tuple(codebooks), tuple(registry))
    if key not in _ANNOTATORS:
        import torch

        from attrib.annotator import Annotator

        torch.set_num_threads(1)
        _ANNOTATORS[key] = Annotator(*key)
    return _ANNOTATORS[key]


def annotate_partition(items: list, folder: str, chunk: str, provenance: dict, settings: tuple) -> dict:
    """Annotate one partition on a worker and write it as a chunk; return its counts."""
    from attrib.annotator import TABLE_NAMES, annotate_documents, document_counts
    from attrib.dataset import write_rows
    from attrib.parallel import batches

    annotator = _annotator(*settings)
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    stats, replaced = Counter(), []
    done = [pair for batch in batches(items, len(items))
            for pair in zip(batch, annotate_documents(annotator, [doc for _, doc in batch]))]
    for (action, doc), part in done:
        stats.update(document_counts(action, part))
        replaced += [doc.doc_id] if action == "replaced" else []
        for name, table_rows in part.items():
            rows[name].extend(table_rows)
    write_rows(Path(folder), chunk, rows, provenance)
    return {"stats": dict(stats), "replaced": replaced}


def _client(scheduler: str | None, workers: int):
    """A client of the given scheduler, or of a new local cluster of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def run_partitions(todo: list, run, out: Path, settings: tuple, chunk_size: int, scheduler: str | None,
                   workers: int) -> Counter:
    """Annotate ``todo`` ((action, document) pairs) on Dask as chunks of ``run``."""
    from attrib.dataset import next_chunk

    first = next_chunk(out, run)
    parts = [todo[i:i + chunk_size] for i in range(0, len(todo), chunk_size)]
    client, cluster = _client(scheduler, workers)
    try:
        futures = [client.submit(annotate_partition, part, str(run.folder(out)), f"chunk-{first + k:05d}",
                                 run.provenance, settings, pure=False) for k, part in enumerate(parts)]
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    total = Counter()
    for result in results:
        total.update(result["stats"])
        run.replaced += result["replaced"]
    return total
