"""Quotation spans in a paragraph: direct speech, and short quoted terms (scare quotes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrib.codebook import Codebook

MAX_TERM_WORDS = 3
DASHES = "–—"


@dataclass(frozen=True)
class QuoteSpan:
    """Text between quotation marks (offsets of the inside, relative to the paragraph).

    Attributes:
        start: first character inside the marks.
        end: one past the last character inside.
        kind: ``speech`` (direct speech) or ``term`` (a word or short phrase).
        closed: False when the quotation runs to the end of the paragraph unclosed.
    """

    start: int
    end: int
    kind: str
    closed: bool = True


def _kind(inside: str) -> str:
    """A short quotation without sentence punctuation is a term, else speech."""
    if len(inside.split()) <= MAX_TERM_WORDS and not re.search(r"[.!?;:]\s", inside + " "):
        return "term"
    return "speech"


def _marked_spans(text: str, pairs: list[str]) -> list[QuoteSpan]:
    """Spans between matching marks; nested quotes stay inside their outer span."""
    openers = {p[0]: p for p in pairs}
    stack: list[tuple[str, int]] = []
    spans = []
    for pos, ch in enumerate(text):
        if stack and ch == stack[-1][0][1]:
            pair, start = stack.pop()
            if not stack:
                spans.append(QuoteSpan(start, pos, _kind(text[start:pos])))
        elif ch in openers and not (openers[ch][0] == openers[ch][1] and stack and stack[-1][0] == openers[ch]):
            if ch in ("'", "’") and pos > 0 and text[pos - 1].isalpha():
                continue  # an apostrophe, not a quotation mark
            stack.append((openers[ch], pos + 1))
    if stack:
        start = stack[0][1]
        spans.append(QuoteSpan(start, len(text), _kind(text[start:]), closed=False))
    return spans


def _dash_dialogue(text: str) -> list[QuoteSpan]:
    """Hungarian dialogue: "– Szöveg – mondta X." (speech from the first dash)."""
    stripped = text.lstrip()
    if not stripped or stripped[0] not in DASHES:
        return []
    start = len(text) - len(stripped) + 1
    start += len(text[start:]) - len(text[start:].lstrip())
    end = next((m.start() for m in re.finditer(rf"\s[{DASHES}]\s", text[start:])), len(text) - start)
    return [QuoteSpan(start, start + end, "speech")]


def quote_spans(text: str, book: Codebook) -> list[QuoteSpan]:
    """All quotation spans of a paragraph, in order.

    Args:
        text: the paragraph.
        book: the language's codebook (``quotes.pairs``, ``quotes.dash_dialogue``).
    """
    section = book.section("quotes")
    spans = _marked_spans(text, section.get("pairs") or ["\"\""])
    if section.get("dash_dialogue"):
        spans += _dash_dialogue(text)
    return sorted(spans, key=lambda s: s.start)
