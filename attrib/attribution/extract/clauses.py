"""Where a reporting verb stands in its clause: asides, as-clauses, clause ends.

"..., μετέδωσε το AFP." reports what precedes it; "Όπως μετέδωσε το BBC, ..." frames the
clause that follows; "Ο πρόεδρος, Μπαράκ Ομπάμα, δήλωσε" only looks like an aside.
"""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.match import is_in, vocab
from attrib.parsing.sent import Sent, Word


def is_parenthetical(sent: Sent, verb: Word) -> bool:
    """A reporting verb after a comma, followed only by its subject: "..., μετέδωσε το AFP."

    Its content is everything before it, however the parser attached it.
    """
    before = sent.word(verb.id - 1)
    if before is None or before.text not in (",", "»", "”", '"', "–", "—"):
        return False
    if verb.id < 4:  # "Ráadásul — vélik az elemzők — a gazdaság ...": an aside near the start, the content after it
        return aside(sent, verb) and _words_after_aside(sent, verb) >= 3
    if any(k.rel == "nsubj" and sent.word(verb.id - 2) in sent.subtree(k) for k in sent.children(verb)):
        return False  # "Ο πρόεδρος, Μπαράκ Ομπάμα, δήλωσε ...": the comma closes the subject's apposition
    rest = [w for w in sent.words[verb.id:] if w.upos != "PUNCT"]
    at_end = 0 < len(rest) <= 8 and rest[0].upos in ("DET", "ADJ", "NOUN", "PROPN", "ADV", "X", "NUM")
    return at_end or aside(sent, verb)


def _words_after_aside(sent: Sent, verb: Word) -> int:
    """How many words follow the comma or dash that closes the aside a verb opens."""
    close = next((w for w in sent.words[verb.id:] if w.text in (",", "–", "—")), None)
    return 0 if close is None else sum(1 for w in sent.words[close.id:] if w.upos != "PUNCT")


def aside(sent: Sent, verb: Word) -> bool:
    """", αναφέρει ανταποκριτής του BBC, ...": the verb and a short noun phrase between commas."""
    words = []
    for word in sent.words[verb.id:]:
        if word.text in (",", "–", "—"):
            return 0 < len(words) <= 6 and all(w.upos in ("DET", "ADJ", "NOUN", "PROPN", "X", "NUM") for w in words)
        words.append(word)
    return False


def has_as_marker(sent: Sent, verb: Word, book: Codebook) -> bool:
    """"Όπως μετέδωσε το BBC", "as Reuters reported": an as-word in front of the verb
    (marker or, as weak parsers often have it, adverb)."""
    marks = vocab(book.section("attribution").get("as_markers"))
    return any(is_in(k, marks) and k.id < verb.id and not _compares(sent, k)
               for k in sent.children(verb, "mark", "advmod"))


def _compares(sent: Sent, marker: Word) -> bool:
    """"kisebb lesz, mint amire a szakértők számítottak", "more than experts expected": the
    as-word compares (after a comparative, or before a relative pronoun), it cites no one."""
    after = sent.word(marker.id + 1)
    if after is not None and after.feats.get("PronType") == "Rel":
        return True
    before = [w for w in sent.words[:marker.id - 1] if w.upos != "PUNCT"]
    return bool(before) and before[-1].feats.get("Degree") == "Cmp"


def after_comma(sent: Sent, verb: Word) -> bool:
    """Whether the verb directly follows a comma or a closing quotation mark."""
    before = sent.word(verb.id - 1)
    return before is not None and before.text in (",", "»", "”", '"')


def clause_end(sent: Sent, verb: Word) -> int:
    """The id of the first comma after ``verb`` (the end of the sentence if none)."""
    return next((w.id for w in sent.words[verb.id:] if w.text == ","), len(sent.words) + 1)


def is_negated(sent: Sent, verb: Word) -> bool:
    """A verb with a negation ("δεν ζήτησε", "did not ask", "nem kérte")."""
    return any(k.feats.get("Polarity") == "Neg" or k.lemma.casefold() in NEGATIONS
               for k in sent.children(verb, "advmod", "aux", "neg", "part"))


NEGATIONS = ("δεν", "μην", "not", "n't", "never", "nem", "sem", "soha")
