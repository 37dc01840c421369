"""A light, model-independent view of a parsed sentence.

Extractors read this instead of stanza objects, so rule tests start from hand-written
CoNLL-U and the same rules run on stanza's output.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache


@dataclass(frozen=True)
class Word:
    """One syntactic word (after multi-word-token expansion)."""

    id: int
    text: str
    lemma: str
    upos: str
    feats: dict[str, str]
    head: int
    deprel: str
    start: int | None = None  # character offsets in the sentence's document, if known
    end: int | None = None

    @property
    def rel(self) -> str:
        """The universal part of the relation (``obl`` for ``obl:agent``)."""
        return self.deprel.split(":")[0]


@dataclass
class Sent:
    """A parsed sentence: words in order plus its text and offset in the document."""

    words: list[Word]
    text: str = ""
    start: int = 0
    lang: str = ""
    meta: dict = field(default_factory=dict)

    def word(self, wid: int) -> Word | None:
        """The word with 1-based id ``wid`` (None for the root, 0)."""
        return self.words[wid - 1] if 0 < wid <= len(self.words) else None

    @cached_property
    def children_of(self) -> dict[int, list[Word]]:
        """Word id -> its dependents, in order."""
        kids: dict[int, list[Word]] = {}
        for w in self.words:
            kids.setdefault(w.head, []).append(w)
        return kids

    def children(self, word: Word, *rels: str) -> list[Word]:
        """Dependents of ``word``, optionally only those whose relation is in ``rels``."""
        kids = self.children_of.get(word.id, [])
        return [k for k in kids if not rels or k.deprel in rels or k.rel in rels]

    def subtree(self, word: Word) -> list[Word]:
        """``word`` and everything below it, in sentence order."""
        ids, todo = {word.id}, [word]
        while todo:
            for kid in self.children(todo.pop()):
                if kid.id not in ids:
                    ids.add(kid.id)
                    todo.append(kid)
        return [w for w in self.words if w.id in ids]

    def ancestors(self, word: Word) -> list[Word]:
        """Heads above ``word`` up to the root, nearest first."""
        out, seen = [], {word.id}
        head = self.word(word.head)
        while head is not None and head.id not in seen:
            out.append(head)
            seen.add(head.id)
            head = self.word(head.head)
        return out


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every codebook and registry match
    (cached: the same words and codebook entries are folded again and again)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").replace("ς", "σ")


def parse_feats(value: str) -> dict[str, str]:
    """CoNLL-U FEATS column to a dict."""
    if not value or value == "_":
        return {}
    return dict(item.split("=", 1) for item in value.split("|") if "=" in item)


def from_conllu(text: str, lang: str = "") -> list[Sent]:
    """Read hand-written CoNLL-U (multi-word token lines are skipped) into sentences."""
    sents = []
    for block in text.strip().split("\n\n"):
        words, sent_text = [], ""
        for line in block.splitlines():
            if line.startswith("# text ="):
                sent_text = line.split("=", 1)[1].strip()
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if not cols[0].isdigit():
                continue
            words.append(Word(int(cols[0]), cols[1], cols[2], cols[3], parse_feats(cols[5]),
                              int(cols[6]), cols[7]))
        sents.append(Sent(words, sent_text or " ".join(w.text for w in words), lang=lang))
    return sents


def from_stanza(sentence, lang: str, offset: int = 0) -> Sent:
    """Convert a stanza Sentence; offsets shift by ``offset`` (the paragraph's start)."""
    words = []
    for w in sentence.words:
        token = w.parent
        words.append(Word(w.id, w.text, w.lemma or w.text, w.upos or "X", parse_feats(w.feats or ""),
                          w.head or 0, w.deprel or "dep", offset + token.start_char, offset + token.end_char))
    return Sent(words, sentence.text, offset + sentence.tokens[0].start_char, lang)


def with_offsets(sent: Sent, text: str, base: int = 0, search_from: int = 0) -> Sent:
    """Give the words of a hand-written sentence their offsets by finding them in ``text``.

    Args:
        sent: a sentence from :func:`from_conllu` (no offsets).
        text: the paragraph the sentence comes from.
        base: offset of ``text`` in the document.
        search_from: where in ``text`` the sentence starts looking.
    """
    pos, words = search_from, []
    for word in sent.words:
        found = text.find(word.text, pos)
        start = found if found >= 0 else pos
        pos = start + len(word.text) if found >= 0 else pos
        words.append(Word(word.id, word.text, word.lemma, word.upos, word.feats, word.head,
                          word.deprel, base + start, base + start + len(word.text)))
    first = words[0].start if words else base + search_from
    return Sent(words, text[first - base:pos], first, sent.lang, sent.meta)
