"""Quotation spans in a paragraph: direct speech, and short quoted terms (scare quotes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from attrib.languages.codebook import Codebook

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
        continued: True when it goes on with a quotation an earlier paragraph left open.
        pair: the opening and closing mark.
    """

    start: int
    end: int
    kind: str
    closed: bool = True
    continued: bool = False
    pair: str = ""


def _kind(inside: str) -> str:
    """A short quotation without sentence punctuation is a term, else speech."""
    if len(inside.split()) <= MAX_TERM_WORDS and not re.search(r"[.!?;:,]\s", inside + " "):  # "We won," is speech
        return "term"
    return "speech"


def _goes_on(text: str, pair: str) -> bool:
    """Whether a paragraph goes on with a quotation the one before left open: it reopens it
    (the convention), or closes one before opening any: with marks that differ ("«»"), a
    closing mark; with the same mark for both, one placed as a closer, after a word and
    before a space or the end."""
    if text.lstrip().startswith(pair[0]):
        return True
    close, reopen = text.find(pair[1]), text.find(pair[0])
    if pair[0] == pair[1]:  # '... early." After the match': the first mark closes by its place
        return close > 0 and not text[close - 1].isspace() and text[close + 1:close + 2] in ("", " ", ",", ".", ";")
    return close >= 0 and (reopen < 0 or close < reopen)


def _continuation(text: str, pair: str) -> tuple[QuoteSpan | None, int]:
    """The part of a paragraph that reopens a quotation left open before it (the convention
    for quotations over several paragraphs: each paragraph opens with the mark again, only
    the last closes it), and where the rest of the paragraph starts."""
    lead = len(text) - len(text.lstrip())
    start = lead + 1 if text[lead:lead + 1] == pair[0] else lead
    close = text.find(pair[1], start)
    if close < 0:
        return QuoteSpan(start, len(text), "speech", closed=False, continued=True, pair=pair), len(text)
    return QuoteSpan(start, close, "speech", continued=True, pair=pair), close + 1


def _marked_spans(text: str, pairs: list[str], open_pair: str | None = None) -> list[QuoteSpan]:
    """Spans between matching marks; nested quotes stay inside their outer span.

    ``open_pair``: the marks of a quotation an earlier paragraph left open, if any.
    """
    spans, offset = [], 0
    if open_pair and _goes_on(text, open_pair):
        first, offset = _continuation(text, open_pair)
        spans.append(first)
    openers = {p[0]: p for p in pairs}
    stack: list[tuple[str, int]] = []
    for pos in range(offset, len(text)):
        ch = text[pos]
        if stack and ch == stack[-1][0][1]:
            pair, start = stack.pop()
            if not stack:
                spans.append(QuoteSpan(start, pos, _kind(text[start:pos]), pair=pair))
        elif ch in openers and not (openers[ch][0] == openers[ch][1] and stack and stack[-1][0] == openers[ch]):
            if ch in ("'", "’") and pos > 0 and text[pos - 1].isalpha():
                continue  # an apostrophe, not a quotation mark
            stack.append((openers[ch], pos + 1))
    if stack:
        pair, start = stack[0]
        spans.append(QuoteSpan(start, len(text), _kind(text[start:]), closed=False, pair=pair))
    return spans


def _dash_dialogue(text: str) -> list[QuoteSpan]:
    """Hungarian dialogue: "– Szöveg – mondta X." (speech from a dash that opens the
    paragraph, that follows a colon: "X kijelentette: – Szöveg.", or that opens a sentence
    inside the paragraph: "... elismerte. – Soha nem kaptam pénzt – mondta."), to the next dash
    between spaces or the paragraph's end."""
    starts = []
    stripped = text.lstrip()
    if stripped and stripped[0] in DASHES:
        starts.append(len(text) - len(stripped) + 1)
    starts += [m.end() for m in re.finditer(rf":\s*[{DASHES}]", text)]
    starts += [m.end() for m in re.finditer(rf"[.!?…]\s+[{DASHES}](?=\s+[„\"«]?[A-ZÁÉÍÓÖŐÚÜŰ])", text)]  # "el. – Soha"
    # (not "...-e? — tette fel a kérdést": a dash before the speech tag closes the speech)
    spans = []
    for start in sorted(starts):
        start += len(text[start:]) - len(text[start:].lstrip())
        end = next((m.start() for m in re.finditer(rf"\s[{DASHES}]\s", text[start:])), len(text) - start)
        if not spans or start >= spans[-1].end:
            spans.append(QuoteSpan(start, start + end, "speech"))
    return spans


def quote_spans(text: str, book: Codebook, open_pair: str | None = None) -> list[QuoteSpan]:
    """All quotation spans of a paragraph, in order.

    Args:
        text: the paragraph.
        book: the language's codebook (``quotes.pairs``, ``quotes.dash_dialogue``).
        open_pair: the marks of a speech quotation the previous paragraph left unclosed.
    """
    section = book.section("quotes")
    spans = _marked_spans(text, section.get("pairs") or ["\"\""], open_pair)
    if section.get("dash_dialogue"):
        spans += _dash_dialogue(text)
    return sorted(spans, key=lambda s: s.start)


def left_open(spans: list[QuoteSpan]) -> str | None:
    """The marks of a speech quotation a paragraph leaves unclosed, if any."""
    last = spans[-1] if spans else None
    return last.pair if last is not None and not last.closed and last.kind == "speech" and last.pair else None
