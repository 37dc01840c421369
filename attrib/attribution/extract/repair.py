"""Undo parser confusions the attribution rules know how to recognise.

Compact parsers trained without word vectors make a few mistakes again and again in
exactly the constructions attribution depends on. Each repair here names one such
confusion, recognises it from codebook vocabulary and the parse, and rewrites only the
words involved, so the rules downstream read the structure the sentence really has.
"""

from __future__ import annotations

from dataclasses import replace

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.clauses import has_as_marker
from attrib.attribution.extract.match import is_in, vocab
from attrib.parsing.sent import Sent, Word


def _moved(word: Word, head: int, deprel: str) -> Word:
    """``word`` re-attached to ``head`` with ``deprel``."""
    return replace(word, head=head, deprel=deprel)


def _with_words(sent: Sent, words: list[Word]) -> Sent:
    """``sent`` itself when no word moved, else the same sentence with the new words."""
    return sent if words == sent.words else Sent(words, sent.text, sent.start, sent.lang, sent.meta)


def relay_participles(sent: Sent, book: Codebook) -> Sent:
    """A relay participle parsed as an adjective of what it cites.

    "μετέδωσε, επικαλούμενο ανακοίνωση της αστυνομίας" is often parsed with
    "επικαλούμενο" as ``amod`` of "ανακοίνωση" and the noun attached to the verb. The
    participle is the verb's adverbial clause and the noun its object.
    """
    relay = vocab(book.section("attribution").get("relay_verbs"))
    words = list(sent.words)
    for word in sent.words:
        noun = sent.word(word.head)
        if not (word.rel == "amod" and is_in(word, relay) and noun is not None and noun.id > word.id):
            continue
        words[word.id - 1] = _moved(word, noun.head, "advcl")
        words[noun.id - 1] = _moved(noun, word.id, "obj")
    return _with_words(sent, words)


def as_clause_subjects(sent: Sent, book: Codebook) -> Sent:
    """The main clause's subject parsed as a second subject of an "as" clause.

    In "Όπως μετέδωσε το BBC, ο πρόεδρος (...) δήλωσε ότι ..." a weak parser may hang "ο
    πρόεδρος" on "μετέδωσε". A subject past the comma that closes the as-clause belongs to
    the verb the clause modifies, when that verb has none.
    """
    words = list(sent.words)
    for verb in sent.words:
        main = sent.word(verb.head)
        if main is None or not has_as_marker(sent, verb, book) or sent.children(main, "nsubj"):
            continue
        comma = next((w.id for w in sent.words[verb.id:] if w.text == ","), None)
        spilled = [k for k in sent.children(verb, "nsubj") if comma is not None and comma < k.id < main.id]
        if spilled:
            words[spilled[0].id - 1] = _moved(spilled[0], main.id, "nsubj")
    return _with_words(sent, words)


def nominative_obliques(sent: Sent, book: Codebook) -> Sent:
    """A subject in the nominative parsed as an oblique.

    Obliques carry a case or an adposition; a bare nominative attached to a verb as
    ``obl`` ("Helmeczy kijelentette", "Tatár Attila ezredes ... elmondta") is the verb's
    subject when it has none. Nominatives with a postposition ("Tatár szerint") stay.
    """
    words, given = list(sent.words), set()
    for word in sent.words:
        verb = sent.word(word.head)
        if word.deprel not in ("obl", "nmod", "nmod:att") or word.feats.get("Case") != "Nom" or sent.children(word, "case"):
            continue  # a possessor of a verb ("nmod:att") is as impossible as a nominative oblique
        if verb is not None and verb.upos in ("VERB", "AUX") and verb.id not in given \
                and not sent.children(verb, "nsubj", "nsubj:pass"):
            words[word.id - 1] = _moved(word, verb.id, "nsubj")
            given.add(verb.id)  # one subject a verb: the first bare nominative
    return _with_words(sent, words)


def possessor_subjects(sent: Sent, book: Codebook) -> Sent:
    """An unmarked possessor parsed as the subject and its possessed noun as an oblique.

    In "A Pedagógus Szakszervezet titkára úgy véli" the possessor ("Pedagógus
    Szakszervezet") is a bare nominative and the possessed noun carries the possessor's
    number ("titkára": its secretary). When a parser makes the possessor the subject and
    the possessed noun right after it something else of the same verb, the possessor is
    the possessed noun's ``nmod:att``, and the possessed noun the subject if it is in the
    nominative ("Cáfolta az MTV hírigazgatójának ...": the verb's subject was dropped). A
    noun that names a first- or second-person possessor ("lapunknak": to our paper) has no
    possessor before it.
    """
    words = list(sent.words)
    for word in sent.words:
        if word.deprel != "nsubj" or word.feats.get("Case") != "Nom":
            continue
        after = sent.word(max(w.id for w in sent.subtree(word)) + 1)
        if after is not None and after.head == word.head and "Number[psor]" in after.feats \
                and after.feats.get("Person[psor]", "3") == "3" and after.rel in ("obl", "obj", "iobj", "nmod", "dep"):
            if after.feats.get("Case") == "Nom":
                words[after.id - 1] = _moved(after, word.head, "nsubj")
            words[word.id - 1] = _moved(word, after.id, "nmod:att")  # "az MTV hírigazgatójának": MTV's
    return _with_words(sent, words)


REPAIRS = (relay_participles, as_clause_subjects, possessor_subjects, nominative_obliques)


def repair(sent: Sent, book: Codebook) -> Sent:
    """Apply every repair in turn."""
    for fix in REPAIRS:
        sent = fix(sent, book)
    return sent
