"""Cutting text where no parser does: sentences of paragraphs in languages without models,
and pieces of over-long paragraphs before they reach a parser."""

from __future__ import annotations

import re

from attrib.parsing.sent import Sent, Word
from attrib.article.structure import Block


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph no parser reads, from sentencex (Wikimedia's segmenter:
    ~300 languages, their abbreviations, no dependencies)."""
    from sentencex import segment

    spans, pos = [], 0
    for piece in segment(lang, text):
        start = text.find(piece.strip(), pos) if piece.strip() else -1
        if start < 0:
            continue
        spans.append((start, start + len(piece.strip())))
        pos = spans[-1][1]
    return spans


def regex_sentences(block: Block) -> list[Sent]:
    """Split a paragraph into unparsed sentences (for languages without a parser)."""
    sents = []
    for start, end in sentence_spans(block.text, block.lang):
        piece = block.text[start:end]
        words = [Word(i + 1, m.group(), m.group(), "X" if m.group()[0].isalnum() else "PUNCT", {}, 0, "dep",
                      block.start + start + m.start(), block.start + start + m.end())
                 for i, m in enumerate(re.finditer(r"\w+(?:[-'’.]\w+)*|[^\w\s]", piece))]
        sents.append(Sent(words, piece, block.start + start, block.lang))
    return sents


PIECE = 5000
SENTENCE_END_CHARS = ".!?;…»”\""


def pieces(text: str, limit: int = PIECE) -> list[tuple[int, str]]:
    """Cut a paragraph longer than ``limit`` at its last sentence end (else its last space)
    before the limit, so a run of 20,000 characters without punctuation never reaches the
    parser whole. Returns (offset, piece) pairs; normal paragraphs come back unchanged."""
    out, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(ch) for ch in SENTENCE_END_CHARS) + 1
        if cut <= limit // 2:
            cut = window.rfind(" ") + 1 or limit
        out.append((start, text[start:start + cut]))
        start += cut
    return out + [(start, text[start:])]
