"""What the attribution of an article carries: per-sentence results, the quotations open
across paragraphs, and the sources named so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.framing import Frame
from attrib.attribution.extract.resolve import Link
from attrib.attribution.registry import Registry

PUNCT = ".,:;«»\"“”„()"
OPENERS = ("—", "–", "«", "“", "„", '"', "‘")


@dataclass
class SentenceAttribution:
    """What attrib says about one sentence; field names are Parquet column names."""

    chain: list[Link] = field(default_factory=list)
    quote: str = "none"
    hedges: list[str] = field(default_factory=list)
    speech_span: int | None = None  # index of the speech quotation the sentence lies in
    frames: list[Frame] = field(default_factory=list)  # who tells which words (framing voice)
    framing: list[dict] = field(default_factory=list)  # framing-table rows, without doc and sentence ids
    inner: list[Link] = field(default_factory=list)  # links of cues inside its quotations

    @property
    def attributed(self) -> bool:
        """Whether any source is attributed."""
        return bool(self.chain)


@dataclass
class Quotations:
    """Speech quotations of an article, across paragraphs.

    A quotation is keyed by (paragraph, span) where it opens; a paragraph that goes on with
    a quotation the previous one left open shares its key. ``pending`` holds sentences of a
    quotation whose speaker is named only later, with what finishing them needs.
    """

    open_pair: str | None = None
    open_key: tuple | None = None
    chains: dict[tuple, list[Link]] = field(default_factory=dict)
    pending: dict[tuple, list] = field(default_factory=dict)
    colon_chain: list[Link] = field(default_factory=list)  # a paragraph ending in a colon hands it on
    speech_chain: list[Link] = field(default_factory=list)  # who spoke the quotation a paragraph ended in


@dataclass
class ArticleContext:
    """What the attribution of an article carries from sentence to sentence."""

    registry: Registry
    books: dict[str, Codebook]
    history: list[Link] = field(default_factory=list)
    block_chains: list[list[Link]] = field(default_factory=list)
    post_authors: dict[int, Link] = field(default_factory=dict)  # post_id -> author, for multi-paragraph posts
    quotes: Quotations = field(default_factory=Quotations)
    outlet: str | None = None  # the article's own outlet, if the input names it
    learned: object | None = None  # the learned attribution's answers (attrib.attribution.learned.combine.Learned)
