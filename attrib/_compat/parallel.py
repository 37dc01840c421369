"""``attrib.parallel`` before issue 24: the local engine's names, and ``annotate_stream``
with its old arguments (workers, threads, chunking)."""

from attrib.engines.chunks import chunks  # noqa: F401
from attrib.engines.local import IN_FLIGHT, annotate_chunk, annotate_chunks, settle  # noqa: F401
from attrib.engines.local import annotate_stream as _annotate_stream
from attrib.options import CHUNK_CHARS, CHUNK_DOCS, Chunking, RunOptions


def annotate_stream(items, annotator, workers: int = 1, threads: int | None = None,
                    chunking: Chunking = Chunking()):
    """:func:`attrib.engines.local.annotate_stream` with the arguments it took before."""
    options = RunOptions(workers=workers, threads=threads, chunk_size=chunking.docs, chunk_chars=chunking.chars)
    return _annotate_stream(items, annotator, options)
