"""Where information comes from: the giver a from-case or from-adposition marks
("információk az Adatvédelmi Hivataltól", "data obtained from the police")."""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import is_in, vocab
from attrib.parsing.sent import Sent, Word


def is_from(sent: Sent, word: Word, book: Codebook) -> bool:
    """Marked as where something comes from: a from-case ("Hivataltól") or adposition ("από")."""
    section = book.section("attribution")
    return word.feats.get("Case") in set(section.get("from_cases") or []) or any(
        is_in(c, vocab(section.get("from_markers"))) for c in sent.children(word, "case"))


def from_source(sent: Sent, noun: Word, book: Codebook) -> Word | None:
    """"információk az Adatvédelmi Hivataltól", "data obtained from the police": the giver,
    attached to the noun or to the participle that modifies it."""
    for kid in sent.children(noun):
        for candidate in [kid] + (sent.children(kid) if kid.rel in ("acl", "amod") else []):
            if candidate.upos in ("NOUN", "PROPN") and is_from(sent, candidate, book):
                return candidate
    return None
