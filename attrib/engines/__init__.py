"""Engines: run chunks of documents through the per-document annotator.

Takes: (action, document) pairs, an annotator (or its settings) and the run's options.
Gives: each chunk's rows, in input order: in this process or a pool of processes
(``local``), or on a Dask cluster (``dask_engine``, which writes the chunks itself). The
engines never import the orchestration (:mod:`attrib.pipeline`).
"""
