"""Source phrases, relays and reporting chains from cues.

Given a cue, find the words that name its source, follow "citing" relays to the origin
("Reuters, citing officials" -> Reuters -> officials; "sources cited by Reuters" ->
Reuters -> sources) and look behind content nouns to their author ("the statements of
Peskov" -> Peskov; "images a blogger had uploaded" -> the blogger).
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.cues import NOMINAL, Cue
from attrib.attribution.extract.givers import from_source, is_from
from attrib.attribution.extract.match import is_in, vocab
from attrib.attribution.extract.names import is_name
from attrib.parsing.sent import Sent, Word

PHRASE_RELS = {"det", "amod", "nmod", "flat", "compound", "appos", "nummod", "fixed", "case",
               "goeswith", "nmod:poss", "nmod:att", "det:poss", "advmod", "dep"}
POSSESSOR_RELS = {"nmod:poss", "nmod:att", "det:poss", "nmod"}
MAX_PHRASE = 12


@dataclass(frozen=True)
class RawLink:
    """A link of a chain before registry lookup: who, named how, signalled by which cue."""

    head: Word | None
    words: tuple[Word, ...]
    cue: str
    passive: bool = False
    number: str | None = None  # of a verb whose subject is dropped: who it can be


def phrase(sent: Sent, head: Word) -> list[Word]:
    """The noun phrase of ``head`` without clauses, leading articles or prepositions."""
    keep, todo = {head.id}, [head]
    while todo:
        current = todo.pop()
        for kid in sent.children(current):
            if current is head and kid.rel == "case":
                continue  # the marker itself: "με", "szerint", "according to"
            named = kid.upos == "PROPN" and kid.id < current.id and kid.rel not in ("case", "punct")
            if kid.deprel in PHRASE_RELS or kid.rel in {"flat", "compound", "nmod", "det", "amod"} or named:
                if kid.id not in keep:
                    keep.add(kid.id)
                    todo.append(kid)
    for step in (-1, 1):  # a name the parser split ("Varga László") stays whole
        pos = (min(keep) if step < 0 else max(keep)) + step
        while (word := sent.word(pos)) is not None and head.upos == "PROPN" and word.upos == "PROPN":
            keep.add(word.id)
            pos += step
    words = [w for w in sent.words if w.id in keep]
    while words and words[0] is not head and (words[0].upos in ("DET", "ADP", "PUNCT", "CCONJ")):
        words.pop(0)
    while words and words[-1] is not head and words[-1].upos == "PUNCT":
        words.pop()
    return words[:MAX_PHRASE] if len(words) > MAX_PHRASE else words


def is_relative(word: Word) -> bool:
    """A relative pronoun (που, οποίος, aki, amely, which, who)."""
    return word.feats.get("PronType") == "Rel" or word.deprel == "mark" and word.upos == "PRON"


def author_of(sent: Sent, noun: Word, book: Codebook) -> Word:
    """For a content noun ("statement", "beszámoló"), its possessor or author; else itself."""
    if not is_in(noun, vocab(book.section("attribution").get("content_nouns"))):
        return noun
    for find in (_possessor, from_source, _preceding_noun, _clause_subject):
        found = find(sent, noun, book)
        if found is not None:
            return found
    return noun


def _possessor(sent: Sent, noun: Word, book: Codebook) -> Word | None:
    """"τις δηλώσεις του Πεσκόφ", "Peskov's statement": the possessor."""
    for kid in sent.children(noun):
        if kid.deprel in POSSESSOR_RELS and kid.upos in ("PROPN", "NOUN", "PRON") and kid.id != noun.id:
            if kid.deprel != "nmod" or kid.feats.get("Case") in ("Gen", None, "Nom") and not is_from(sent, kid, book):
                return kid
    return None


def _nounish(word: Word, book: Codebook) -> bool:
    """A noun, or a word a tagger called an adjective that the codebook knows as a source
    noun ("belügyminiszter", "rezsim")."""
    if word.upos in ("NOUN", "PROPN"):
        return True
    section = book.section("attribution")
    known = [w for words in (section.get("source_nouns") or {}).values() for w in words]
    return word.upos == "ADJ" and is_in(word, vocab(known))


def _preceding_noun(sent: Sent, noun: Word, book: Codebook) -> Word | None:
    """"az RIA hírügynökség beszámolója", "a rezsim hivatalos tájékoztatása": the bare noun
    before the content noun (adjectives and participles skipped), or a from-marked one
    ("a Hivataltól kapott információk"). Where the codebook says the possessed noun shows
    its possessor (``possessor_marked_on_noun``), "beszámolók" (reports) without that mark
    has none: "A szervezet beszámolók szerint" is "the organisation, reportedly"."""
    pos = noun.id - 1
    while (word := sent.word(pos)) is not None and word.upos == "ADJ" and not _nounish(word, book):
        pos -= 1
    previous = sent.word(pos)
    if previous is None or not _nounish(previous, book):
        return None
    if pos < noun.id - 1 and is_from(sent, previous, book):
        return previous
    bare = previous.feats.get("Case", "Nom") == "Nom" and not sent.children(previous, "case")
    marked = not book.section("attribution").get("possessor_marked_on_noun") or any(
        "[psor]" in key for key in noun.feats)
    return previous if bare and marked else None


def _clause_subject(sent: Sent, noun: Word, book: Codebook) -> Word | None:
    """"εικόνες που είχε ανεβάσει ένας μπλόγκερ": the subject of a clause on the noun."""
    for clause in sent.children(noun, "acl"):
        subjects = [k for k in sent.children(clause, "nsubj") if not is_relative(k)]
        if subjects:
            return subjects[0]
    return None


def _possessed_by_dropped(noun: Word, book: Codebook) -> bool:
    """A content noun whose possessor is only marked on it ("véleménye": his opinion)."""
    content = vocab(book.section("attribution").get("content_nouns"))
    return is_in(noun, content) and "Person[psor]" in noun.feats and noun.feats.get("Person[psor]") != "1"


def _relay_clauses(sent: Sent, word: Word, book: Codebook) -> list[Word]:
    """Relay verbs (citing, επικαλούμενο, hivatkozva) attached to a word."""
    relay = vocab(book.section("attribution").get("relay_verbs"))
    return [k for k in sent.children(word) if is_in(k, relay) and k.rel in ("acl", "advcl", "xcomp", "ccomp",
                                                                            "advmod", "conj", "obl")]


def _relay_object(sent: Sent, verb: Word) -> Word | None:
    """What a relay verb cites: its object or oblique (not a relative pronoun)."""
    for kid in sent.children(verb, "obj", "obl", "iobj", "ccomp"):
        if kid.upos in NOMINAL and not is_relative(kid):
            return kid
    return None


def relay_chain(sent: Sent, head: Word, anchor: Word | None, book: Codebook) -> tuple[Word, list[RawLink]]:
    """Follow relays from a source head; return the proximate head and the origin links.

    ``head`` may itself be the origin ("sources cited by Reuters"): a relative clause
    whose subject is another source makes that subject proximate.
    """
    for clause in _relay_clauses(sent, head, book):
        subjects = [k for k in sent.children(clause, "nsubj") if not is_relative(k)]
        cited = _relay_object(sent, clause)
        citer = subjects[0] if subjects and cited is None else _citer_of_relative(sent, head, clause)
        if citer is not None:  # πηγές τις οποίες επικαλείται το Reuters
            return citer, [_link(sent, head, clause, book)]
        if cited is not None:  # το Reuters που επικαλείται αξιωματούχους
            return head, [_link(sent, cited, clause, book)]
    for clause in _relay_clauses(sent, anchor, book) if anchor is not None else []:
        cited = _relay_object(sent, clause)
        if cited is not None:  # πρόσθεσε το πρακτορείο επικαλούμενο τις δηλώσεις του Πεσκόφ
            return head, [_link(sent, cited, clause, book)]
    for clause in _sibling_relays(sent, head, anchor, book):
        cited = _relay_object(sent, clause)
        if cited is not None:  # "Όπως μετέδωσε η ΕΡΤ, επικαλούμενη στελέχη ...": hung on the main clause
            return head, [_link(sent, cited, clause, book)]
    return head, []


def _sibling_relays(sent: Sent, head: Word, anchor: Word | None, book: Codebook) -> list[Word]:
    """Relay participles a parser hung on the clause an as-clause frames, right after it and
    agreeing with its source."""
    outer = sent.word(anchor.head) if anchor is not None and anchor.rel == "advcl" else None
    if outer is None:
        return []
    agree = [f for f in ("Gender", "Number") if f in head.feats]
    return [k for k in _relay_clauses(sent, outer, book) if head.id < k.id < outer.id
            and all(k.feats.get(f) in (None, head.feats[f]) for f in agree)]


def _citer_of_relative(sent: Sent, head: Word, clause: Word) -> Word | None:
    """In a relative relay clause whose pronoun is not the subject ("sources which Reuters
    cites"), the clause's other nominal cites ``head``, whatever label the parser gave it.

    A pronoun labelled subject still counts as the object when the verb agrees in number
    with the other nominal and not with ``head`` ("πηγές που επικαλείται το Reuters").
    """
    kids = sent.children(clause)
    pronouns = [k for k in kids if is_relative(k)]
    others = [k for k in kids if not is_relative(k) and k.rel in ("nsubj", "obj", "obl", "iobj")
              and k.upos in ("NOUN", "PROPN", "X") and not sent.children(k, "case")]
    if not pronouns or not others:
        return None
    if pronouns[0].rel != "nsubj" or _agrees(clause, others[0]) and not _agrees(clause, head):
        return others[0]
    return None


def _agrees(verb: Word, noun: Word) -> bool:
    """Whether a verb and a noun agree in number (unknown number agrees)."""
    return noun.feats.get("Number") in (None, verb.feats.get("Number")) or "Number" not in verb.feats


def _link(sent: Sent, head: Word, cue_word: Word, book: Codebook) -> RawLink:
    """A chain link for a source head reached through a relay verb."""
    author = author_of(sent, head, book)
    return RawLink(author, tuple(phrase(sent, author)), cue_word.lemma)


def group_of(sent: Sent, word: Word, book: Codebook) -> Word:
    """For a share of a group ("το 53% των Γάλλων", "οκτώ στους δέκα Γάλλους", "the majority
    of respondents"), the group; else the word itself."""
    quantity = word.upos == "NUM" or word.text.endswith("%") or is_in(
        word, vocab(book.section("attribution").get("quantity_nouns")))
    if not quantity or any(is_name(k) for k in sent.children(word, "appos", "flat")):
        return word  # "Ένας από τους πρωτοστάτες, ο Ρενάτο Ρέγιες": the name it stands in apposition with
    for kid in sent.subtree(word):
        if kid is not word and kid.upos in ("NOUN", "PROPN") and kid.rel in ("nmod", "obl", "nmod:poss", "nmod:att"):
            return kid
    return word


def _cited_by(sent: Sent, word: Word, book: Codebook) -> Word | None:
    """The subject of a relay verb whose object ``word`` is ("Az újság megszólaltatta Ante
    Vulint, aki ...": the paper quotes Vulin)."""
    verb = sent.word(word.head)
    if verb is None or word.rel != "obj" or not is_in(verb, vocab(book.section("attribution").get("relay_verbs"))):
        return None
    subjects = [k for k in sent.children(verb, "nsubj") if not is_relative(k)]
    return subjects[0] if subjects else None


def name_head(sent: Sent, word: Word) -> Word:
    """The head of the name a word is a part of ("Bence" in "Halmos Bence" is Halmos)."""
    while word.rel == "flat" and (head := sent.word(word.head)) is not None and is_name(head) and is_name(word):
        word = head
    return word


def chain_from_cue(sent: Sent, cue: Cue, book: Codebook) -> list[RawLink]:
    """The reporting chain one cue gives, proximate first (heads may be None: implicit)."""
    if cue.source is None:
        origins = [_link(sent, cited, clause, book) for clause in _relay_clauses(sent, cue.anchor, book)
                   if (cited := _relay_object(sent, clause)) is not None]
        return [RawLink(None, (), cue.lemma, cue.passive, cue.anchor.feats.get("Number"))] + origins[:1]
    named = group_of(sent, name_head(sent, cue.source), book)
    source = author_of(sent, named, book)
    if cue.kind == "noun" and source is named:
        return []  # a content noun without an author tells no one's words
    if source is named and _possessed_by_dropped(source, book):  # "Véleménye szerint"
        return [RawLink(None, (), cue.lemma)]
    proximate, origins = relay_chain(sent, source, cue.anchor if cue.kind == "verb" else None, book)
    if not origins and source is not named:  # "az RTS rendőrségi közleményre hivatkozó beszámolója"
        _, origins = relay_chain(sent, named, None, book)
    links = [RawLink(proximate, tuple(phrase(sent, proximate)), cue.lemma)] + origins
    citer = _cited_by(sent, proximate, book)
    return ([RawLink(citer, tuple(phrase(sent, citer)), cue.lemma)] if citer is not None else []) + links
