"""The source word of a reporting verb: its subject, however the parser attached it.

Subjects may be inverted after an aside ("..., δήλωσε ο πρόεδρος"), left to a relative
pronoun ("ο οποίος δήλωσε": its antecedent speaks), elided after a quantifier ("μερικές
απείλησαν"), shared with the verb a gerund or coordinate clause hangs on, or missing from a
weak parse next to the verb ("Helmeczy kijelentette:"). An agentless passive has none.
"""

from __future__ import annotations

from attrib.attribution.extract.clauses import after_comma, is_parenthetical
from attrib.attribution.extract.match import is_in
from attrib.parsing.sent import Sent, Word, fold


def passive_form(sent: Sent, verb: Word) -> bool:
    """A verb the parse marks passive: its voice, a passive auxiliary or a passive subject."""
    return verb.feats.get("Voice") == "Pass" or bool(sent.children(verb, "nsubj:pass", "aux:pass"))


def find_subject(sent: Sent, verb: Word, deponent: bool = False, excluded: set[int] = frozenset(),
                 banned: frozenset[str] = frozenset(), indefinite: frozenset[str] = frozenset(),
                 passive_endings: tuple[str, ...] = ()) -> tuple[Word | None, bool]:
    """The verb's source word and whether it is an agentless passive.

    Words in ``excluded`` (quotations, words past an as-clause) are never the subject, nor
    words in a case of ``banned`` (the codebook's ``non_subject_cases``); an indefinite
    word of ``indefinite`` ("sokan", "many") is one even where a tagger calls it an adverb.
    A verb the tagger gives no voice is passive when it ends like one (``passive_endings``:
    "θεωρείται", "δηλώθηκε").

    A deponent verb (passive in form, active in meaning: υπόσχομαι) has its speaker as a
    passive-marked subject.
    """
    rels = ("nsubj", "nsubj:pass") if deponent else ("nsubj",)  # a clausal subject names no one
    subjects = [k for k in sent.children(verb) if k.deprel in rels and k.id not in excluded
                and (k.upos not in ("ADV", "ADP", "SCONJ", "CCONJ", "PART", "PUNCT")  # "ταυτόχρονα" is no subject
                     or is_in(k, indefinite))
                and k.feats.get("Case") not in banned]  # nor "tévébeszédében" (in the speech): a case ending
    # a mislabelled oblique last, then the nearest ("Σχεδόν ταυτόχρονα, ο όμιλος ... ανακοίνωσε")
    subjects.sort(key=lambda k: (k.feats.get("Case") in ("Gen", "Dat", "Acc"), abs(k.id - verb.id)))
    inverted = [k for k in subjects if k.id > verb.id]
    if is_parenthetical(sent, verb) or (inverted and after_comma(sent, verb)):
        subjects = inverted  # "..., δήλωσε ο πρόεδρος (...)": what precedes the comma is the content
    found = [w for w in (_antecedent(sent, k) for k in subjects) if w.feats.get("PronType") != "Rel"]
    if found:  # a relative pronoun with no antecedent (a parser's "που, όπως λέει"): as if none
        return _elided_noun(sent, found[0]), False
    closing = _closing_aside_subject(sent, verb)
    if closing is not None:  # "..., researchers say."
        return closing, False
    agents = [k for k in sent.children(verb, "obl") if k.deprel in ("obl:agent",)]
    if agents:
        return agents[0], False
    passive = passive_form(sent, verb) or (
        "Voice" not in verb.feats and bool(passive_endings) and fold(verb.text).endswith(passive_endings))
    if deponent:
        passive = False
    if not passive and is_parenthetical(sent, verb):
        run = _nominal_run(sent, verb.id + 1, 1)
        nouns = [w for w in run if w.upos in ("NOUN", "PROPN", "X") and w.feats.get("Case") not in ("Gen", "Dat")]
        if nouns and nouns[-1].id in excluded:
            return None, False  # "– mondta a bíró kérdésére": to the judge's question, the speaker left out
        return (nouns[-1] if nouns else _adjacent_subject(sent, verb, excluded)), False
    gerund = verb.feats.get("VerbForm") == "Conv"  # "..., λέγοντας ότι": whatever the parser calls it
    if (verb.rel in ("advcl", "xcomp", "conj", "acl", "ccomp") or gerund) and not passive:
        head = sent.word(verb.head)
        if head is not None and head.upos in ("VERB", "AUX", "ADJ") and _same_person(verb, head):
            return find_subject(sent, head)[0], False
    return (None, True) if passive else (_adjacent_subject(sent, verb, excluded) or _nominal_root(sent, verb), False)


def _nominal_root(sent: Sent, verb: Word) -> Word | None:
    """A weak parser's "Karen Mills, a nurse, said ...": the subject made the root and the
    verb hung below it; the root is the subject if no other verb stands between them."""
    above = sent.ancestors(verb)
    root = above[-1] if above else None
    if root is None or root.id > verb.id or root.upos not in ("NOUN", "PROPN"):
        return None
    return root if not any(w.upos in ("VERB", "AUX") for w in above) and _could_be_subject(sent, root) else None


def _same_person(verb: Word, head: Word) -> bool:
    """Whether a dependent verb can share its head's subject: they agree in person and
    number where both show them ("romlott, és ... felkértek": the second has another)."""
    return all(verb.feats.get(f) in (None, head.feats.get(f)) or f not in head.feats for f in ("Person", "Number"))


def _closing_aside_subject(sent: Sent, verb: Word) -> Word | None:
    """"Half the children lack iodine, researchers say.": a verb ending the sentence after
    a comma and a short noun phrase takes that phrase as its subject, however it was parsed."""
    if any(w.upos != "PUNCT" for w in sent.words[verb.id:]):
        return None
    run = _nominal_run(sent, verb.id - 1, -1)
    before = sent.word(run[0].id - 1) if run else None
    if before is None or before.text not in (",", "—", "–"):
        return None
    nouns = [w for w in run if w.upos in ("NOUN", "PROPN", "PRON", "X")]
    return nouns[-1] if nouns and _could_be_subject(sent, nouns[-1]) or nouns and nouns[-1].rel == "nsubj" else None


def _antecedent(sent: Sent, word: Word) -> Word:
    """A relative pronoun stands for the noun its clause modifies; with no noun ("A
    tüntetők között volt, aki ...": among the protesters there was one who), for the group
    the clause's head names."""
    if word.feats.get("PronType") == "Rel":
        clause = sent.word(word.head)
        noun = sent.word(clause.head) if clause is not None and clause.rel == "acl" else None
        if noun is not None and noun.upos in ("NOUN", "PROPN", "PRON", "X", "NUM", "ADJ", "DET"):
            return _copula_subject(sent, noun)
        host = sent.word(clause.head) if clause is not None else None
        group = [k for k in sent.children(host, "obl", "nmod") if k.upos in ("NOUN", "PROPN")] if host else []
        if group:
            return group[0]
    return word


def _elided_noun(sent: Sent, word: Word) -> Word:
    """"αρκετές χώρες ..., ενώ μερικές απείλησαν": a quantifier standing alone stands for
    the nearest earlier noun of its gender and number."""
    indefinite = word.upos == "PRON" and word.feats.get("PronType") == "Ind"
    if not (word.upos in ("DET", "ADJ") or indefinite) or any(k.upos in ("NOUN", "PROPN") for k in sent.children(word)):
        return word
    agree = ("Gender", "Number")
    for other in reversed(sent.words[:word.id - 1]):
        if other.upos == "NOUN" and all(other.feats.get(f) == word.feats.get(f) for f in agree) \
                and word.feats.get("Number"):
            return other
    return word


def _copula_subject(sent: Sent, noun: Word) -> Word:
    """"X was the first that announced": the relative clause's noun is a predicate; X speaks."""
    if sent.children(noun, "cop"):
        subjects = sent.children(noun, "nsubj")
        if subjects:
            return subjects[0]
    return noun


def _adjacent_subject(sent: Sent, verb: Word, excluded: set[int] = frozenset()) -> Word | None:
    """A name or noun in the nominative right next to a verb the parser left subjectless.

    Weak parsers often miss the subject of "Helmeczy kijelentette:" or "δήλωσε ο Πούτιν".
    """
    before = _nominal_run(sent, verb.id - 1, -1)
    comma = sent.word(verb.id - 1)
    if not before and comma is not None and comma.text == ",":  # "ο Πρόεδρος, Μπαράκ Ομπάμα, προσπάθησε"
        before = _nominal_run(sent, verb.id - 2, -1)
    after = _nominal_run(sent, verb.id + 1, 1)
    content = {w.id for k in sent.children(verb) if k.rel in ("ccomp", "xcomp", "parataxis") for w in sent.subtree(k)}
    for run in (before, [w for w in after if w.id not in content]):  # "said staff had been": staff is the clause's
        ids = {w.id for w in run}
        nouns = [w for w in run if w.upos in ("NOUN", "PROPN", "X") or w.text[:1].isupper() and w.upos != "DET"]
        heads = [w for w in nouns if w.head not in ids]  # the run's own head: "όμιλος", "hírigazgatójának"
        named = sent.word(heads[0].head) if heads and heads[0].rel == "appos" else None
        if named is not None and named.upos == "PROPN":
            heads[0] = named  # "Tom Molomby, SC, said": the name, not the title after it
        if heads and heads[0].id not in excluded and _could_be_subject(sent, heads[0]):
            return heads[0]
    return None


NAMEISH = {"PROPN", "NOUN", "X", "ADV", "ADJ"}


def _nominal_run(sent: Sent, start: int, step: int) -> list[Word]:
    """Contiguous determiners, adjectives and nouns from ``start`` away from the verb,
    in sentence order (a tagger may call an unknown name ADV or X: capitalised counts)."""
    run, pos = [], start
    while (word := sent.word(pos)) is not None and len(run) < 5:
        capitalised = word.text[:1].isupper() and word.id > 1 and word.upos in NAMEISH
        if word.upos in ("PROPN", "NOUN", "DET", "ADJ") or capitalised:
            run.append(word)
            pos += step
        elif word.upos == "ADV" and not run:
            pos += step
        else:
            break
    return sorted(run, key=lambda w: w.id)


def _could_be_subject(sent: Sent, word: Word) -> bool:
    """Nominative (or caseless), not a prepositional phrase, not an object."""
    if word.upos == "DET" or (word.upos == "ADJ" and not word.text[:1].isupper()):
        return False
    caseless = "Case" not in word.feats  # a foreign name: an "obl" label without a preposition is a guess
    neuter = word.feats.get("Gender") == "Neut" and word.feats.get("Case") == "Acc"  # neuters: accusative = nominative
    return ((word.feats.get("Case", "Nom") == "Nom" or neuter) and not sent.children(word, "case")
            and word.rel not in (("iobj",) if neuter else ("obj", "iobj") if caseless else ("obj", "obl", "iobj")))
