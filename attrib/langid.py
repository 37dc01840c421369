"""Tell the language of a paragraph from its script and its function words.

The evidence lives in each language's codebook (``langid`` section); the code only counts.
A paragraph whose letters belong to one script that a single known language uses is that
language; where several languages share the script (Hungarian and English both write
Latin), the share of each language's function words decides, helped by letters only one
of them has. A paragraph with no evidence (a URL, a handle, a date) gets ``default``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from attrib.codebook import Codebook

URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+|\b\S+\.(?:com|org|net|co)/\S*", re.I)
HANDLE_OR_TAG = re.compile(r"[@#]\w+")
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class LangGuess:
    """Result of language identification: ``lang`` is None when nothing pointed anywhere."""

    lang: str | None
    confidence: float


def script_of(char: str) -> str | None:
    """Unicode script family of a letter (``Greek``, ``Latin``, ...), None for non-letters."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ")[0].capitalize() if name else None


def clean(text: str) -> str:
    """Drop URLs, handles and hashtags, which say nothing about the language."""
    return HANDLE_OR_TAG.sub(" ", URL.sub(" ", text))


def script_votes(body: str) -> Counter:
    """Letters per script, with capitalised words after the first counting half: names
    in another script ("Η οργάνωση Amnesty International ανακοίνωσε") say little about
    the language around them."""
    votes: Counter = Counter()
    for index, match in enumerate(re.finditer(r"[^\W\d_]+", body)):
        word = match.group()
        script = script_of(word[0])
        if script:
            votes[script] += len(word) * (0.5 if index and word[0].isupper() else 1.0)
    return votes


def _word_score(words: list[str], book: Codebook) -> float:
    """Share of the words that are the language's function words, plus distinctive letters."""
    langid = book.section("langid")
    vocab = {w.lower() for w in langid.get("function_words", [])}
    share = sum(w in vocab for w in words) / max(len(words), 1)
    special = set(langid.get("distinctive_letters", ""))
    bonus = 0.2 if special and any(ch in special for w in words for ch in w) else 0.0
    return share + bonus


def detect_language(text: str, codebooks: dict[str, Codebook], default: str | None = None) -> LangGuess:
    """Guess the language of ``text`` among the languages that have codebooks.

    Args:
        text: a paragraph.
        codebooks: language -> codebook (their ``langid`` sections are the evidence).
        default: answer when the text carries no evidence.

    Returns:
        The guess and a confidence between 0 and 1.
    """
    body = clean(text)
    scripts = script_votes(body)
    if not scripts:
        return LangGuess(default, 0.0)
    script, count = scripts.most_common(1)[0]
    share = count / sum(scripts.values())
    candidates = [b for b in codebooks.values() if script in b.section("langid").get("scripts", [])]
    if len(candidates) <= 1:
        return LangGuess(candidates[0].lang if candidates else default, share if candidates else 0.0)
    words = WORD.findall(body.lower())
    scored = sorted(((_word_score(words, b), b.lang) for b in candidates), reverse=True)
    (best, lang), (second, _) = scored[0], scored[1]
    if best == 0:
        return LangGuess(default, 0.0)
    return LangGuess(lang, round(min(1.0, (best - second) / best) * share, 3))
