"""How a run is set: the settings that build an annotator and those that run a corpus.

:class:`AnnotatorSettings` is what builds an :class:`~attrib.attribution.annotator.Annotator`
the same way in the main process, in every pool worker and in every Dask worker (it is
picklable and hashable: a Dask worker keeps one annotator per settings). :class:`RunOptions`
adds how :func:`attrib.pipeline.annotate_corpus` runs (workers, threads, chunks, engine,
waiting, refreshing, progress): the CLI builds one from its arguments, the library builds
one from ``annotate_corpus``'s keyword arguments, and the engines read what they need.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from attrib.errors import AttribError, UsageError

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
ENGINES = ("local", "dask")
DEVICES = ("cpu", "cuda", "auto")


@dataclass(frozen=True)
class Chunking:
    """Where chunks close: at ``docs`` documents, or before passing ``chars`` characters."""

    docs: int = CHUNK_DOCS
    chars: int = CHUNK_CHARS

    def __post_init__(self):
        if self.docs < 1 or self.chars < 1:
            raise AttribError(f"chunks need at least one document and one character (got --chunk-size "
                              f"{self.docs}, --chunk-chars {self.chars}); give positive numbers")


@dataclass(frozen=True)
class AnnotatorSettings:
    """What builds an annotator: models (a pack folder, ``stanza``, or None for
    ``$ATTRIB_MODELS`` or the shipped pack), user codebook and registry files, and the
    attribution mode (``rules``, ``model``, ``hybrid`` or ``default``)."""

    models: str | None = None
    codebooks: tuple = ()
    registry: tuple = ()
    attribution: str = "default"
    device: str = "cpu"


@dataclass(frozen=True)
class RunOptions:
    """How :func:`attrib.pipeline.annotate_corpus` runs: everything but what it reads and
    where it writes.

    Attributes:
        models, codebooks, registry, attribution, device: the annotator's settings (:attr:`settings`).
        progress: show progress on stderr after a few seconds.
        wait: wait for another run on the same dataset to finish instead of stopping.
        refresh: annotate unchanged documents again.
        chunk_size, chunk_chars: where chunks close (:attr:`chunking`).
        workers: processes (1: this one) or Dask workers; None: as many as the corpus and the
            machine warrant (:func:`attrib.engines.sizing.auto_workers`).
        threads: torch threads per process (None: 1; torch's own default of one per core
            collapses when another process holds a core: see reports/benchmarks.md).
        engine: ``local`` (this process or a pool) or ``dask``.
        scheduler: a Dask scheduler's address (None: a local cluster of ``workers``).
    """

    models: str | None = None
    codebooks: tuple = ()
    registry: tuple = ()
    attribution: str = "default"
    progress: bool = True
    wait: bool = False
    refresh: bool = False
    chunk_size: int = CHUNK_DOCS
    chunk_chars: int = CHUNK_CHARS
    workers: int | None = 1
    threads: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    device: str = "cpu"

    @property
    def settings(self) -> AnnotatorSettings:
        """The annotator's part of the options."""
        return AnnotatorSettings(self.models, tuple(self.codebooks), tuple(self.registry), self.attribution,
                                 self.device)

    @property
    def chunking(self) -> Chunking:
        """Where chunks close (validated: a bad ``--chunk-size`` stops here)."""
        return Chunking(self.chunk_size, self.chunk_chars)


def resolve_device(requested: str) -> str:
    """The device a run uses: ``cpu``; ``cuda`` when torch sees a CUDA device (``cuda`` asked
    for without one falls back to the CPU with a message on stderr); ``auto`` picks.

    Raises:
        UsageError: for a device attrib does not know.
    """
    if requested not in DEVICES:
        raise UsageError(f"--device must be one of {', '.join(DEVICES)}, not {requested!r}")
    if requested == "cpu":
        return "cpu"
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if requested == "cuda":
        print("attrib: --device cuda, but torch sees no CUDA device here (a CPU-only torch, or no driver); "
              "running on the CPU", file=sys.stderr)
    return "cpu"
