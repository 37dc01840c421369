"""Engines: run chunks of documents through the per-document annotator.

Takes: (action, document) pairs, an annotator (or its settings) and the run's options.
Gives: each chunk's rows, in input order: in this process or a pool of processes
(``local``), or on a Dask cluster (``dask_engine``, which writes the chunks itself). The
engines never import the orchestration (:mod:`attrib.pipeline`).
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("chunks", "chunks"),
    ("local", "annotate_stream annotate_chunks"),
    ("dask_engine", "run_partitions"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
