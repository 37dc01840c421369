"""What the learned attribution predicts, per sentence of a document: its targets.

A document is a :class:`TrainDoc`: its text and, per sentence, the number of links, the
quote type and each link's target (naming words, a referring mention, or a label:
``unnamed``, ``unknown``, ``account``). The model's features and decoding read these
types at run time; the gold readers that build them for training live in
:mod:`attrib.training.learned.data`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABELS = ("unnamed", "unknown", "account")
QUOTES = ("direct", "indirect", "mixed")
MAX_LINKS = 3


@dataclass
class LinkTarget:
    """Where one link's source is named: offsets in the document, or a label."""

    name: tuple[int, int] | None = None
    label: str | None = None
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None


@dataclass
class SentenceTarget:
    """A gold sentence: offsets, quote type (None when the gold does not say) and links."""

    start: int
    end: int
    quote: str | None = None
    links: list[LinkTarget] = field(default_factory=list)
    kind: str = "paragraph"

    @property
    def attributed(self) -> bool:
        return bool(self.links)


@dataclass
class TrainDoc:
    """A gold document ready for the model."""

    doc_id: str
    lang: str
    text: str
    sentences: list[SentenceTarget]
    origin: str = ""
