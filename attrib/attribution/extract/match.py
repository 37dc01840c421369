"""Matching codebook words against parsed words: by lemma or surface, folded."""

from __future__ import annotations

from functools import lru_cache

from attrib.parsing.sent import Sent, Word, fold

GAP = "..."
MAX_GAP = 3


def forms(word: Word) -> frozenset[str]:
    """The folded lemma and surface form of a word."""
    return _forms(word.lemma, word.text)


@lru_cache(maxsize=1 << 16)
def _forms(lemma: str, text: str) -> frozenset[str]:
    """:func:`forms` by lemma and text (cached: rules ask for every word's forms again and
    again, once per codebook list they try)."""
    lemma = fold(lemma)
    return frozenset((lemma, lemma.replace("+", ""), fold(text)))  # Szeged: preverbs as "ki+jelent"


def vocab(words) -> frozenset[str]:
    """Fold a list of codebook words into a lookup set (folded once per list of words:
    rules ask for the same codebook lists for every word of every sentence)."""
    return _folded(tuple(words or ()))


@lru_cache(maxsize=1024)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


_BUILT: dict[tuple[int, object], tuple[object, object]] = {}


def built_once(source, build):
    """``build(source)`` computed once per object ``source`` (a codebook or one of its
    sections) and builder, the object kept alive with the result so its id cannot be reused."""
    hit = _BUILT.get((id(source), build))
    if hit is None or hit[0] is not source:
        hit = _BUILT[(id(source), build)] = (source, build(source))
    return hit[1]


def is_in(word: Word, lookup: frozenset[str]) -> bool:
    """Whether the word's lemma or surface form is in the folded set."""
    return bool(forms(word) & lookup)


def find_sequence(sent: Sent, pattern: list[str], start: int = 0) -> list[Word] | None:
    """Find ``pattern`` (words, ``...`` = up to three words between) from ``start``.

    Returns:
        The matched words (without gap words), or None.
    """
    folded = _folded_pattern(tuple(pattern))
    for first in range(start, len(sent.words)):
        if folded and folded[0] != GAP and folded[0] not in forms(sent.words[first]):
            continue  # cannot start here
        matched = _match_at(sent.words, folded, first)
        if matched is not None:
            return matched
    return None


@lru_cache(maxsize=4096)
def _folded_pattern(pattern: tuple[str, ...]) -> list[str]:
    """A codebook word sequence folded (``...`` kept)."""
    return [GAP if p == GAP else fold(p) for p in pattern]


def _match_at(words: list[Word], pattern: list[str], pos: int) -> list[Word] | None:
    """Match the folded pattern starting exactly at word index ``pos``."""
    return match_at(words, pattern, pos, lambda word, item: item in forms(word))


def match_at(words: list[Word], pattern: list, pos: int, accepts) -> list[Word] | None:
    """Match ``pattern`` starting exactly at word index ``pos``: each item must be
    ``accepts(word, item)``; ``...`` lets up to three words pass before the next item.

    Returns:
        The matched words (without the words in gaps), or None.
    """
    out, gap = [], 0
    for item in pattern:
        if item == GAP:
            gap = MAX_GAP
            continue
        for skip in range(gap + 1):
            if pos + skip < len(words) and accepts(words[pos + skip], item):
                out.append(words[pos + skip])
                pos += skip + 1
                break
        else:
            return None
        gap = 0
    return out


def find_all(sent: Sent, patterns: list[list[str]]) -> list[list[Word]]:
    """Every non-overlapping match of any pattern, in sentence order."""
    found = []
    for pattern in patterns:
        pos = 0
        while (match := find_sequence(sent, pattern, pos)) is not None:
            found.append(match)
            pos = match[-1].id  # ids are 1-based: continue after the last matched word
    return sorted(found, key=lambda m: m[0].id)
