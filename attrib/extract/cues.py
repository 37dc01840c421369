"""Find attribution cues in a parsed sentence: reporting verbs and "according to" forms.

A cue names the word that signals attribution and the head word of its source (None when
the source is left out: a pro-drop subject, an agentless passive). Source phrases, relays
and chains are built from cues in :mod:`attrib.extract.sources`.
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.codebook import Codebook
from attrib.extract.match import find_all, is_in, vocab
from attrib.extract.verbs import verb_key
from attrib.extract.sent import Sent, Word, fold

NOMINAL = {"NOUN", "PROPN", "PRON", "X", "NUM", "ADJ", "DET"}


@dataclass(frozen=True)
class Cue:
    """One attribution cue.

    Attributes:
        kind: ``verb`` (reporting verb) or ``according`` ("according to" form).
        lemma: the cue as the codebook writes it (e.g. ``δηλώνω``, ``σύμφωνα με``).
        anchor: the cue word (the verb, or the first word of the marker).
        source: head word of the source phrase, or None when it is left out.
        passive: the verb is passive with no agent ("it was reported").
    """

    kind: str
    lemma: str
    anchor: Word
    source: Word | None
    passive: bool = False


def is_parenthetical(sent: Sent, verb: Word) -> bool:
    """A reporting verb after a comma, followed only by its subject: "..., μετέδωσε το AFP."

    Its content is everything before it, however the parser attached it.
    """
    before = sent.word(verb.id - 1)
    if before is None or before.text not in (",", "»", "”", '"', "–", "—") or verb.id < 4:
        return False
    if any(k.rel == "nsubj" and k.id < verb.id for k in sent.children(verb)):
        return False  # "Ο πρόεδρος, Μπαράκ Ομπάμα, δήλωσε ...": the comma closes an apposition
    rest = [w for w in sent.words[verb.id:] if w.upos != "PUNCT"]
    at_end = 0 < len(rest) <= 8 and rest[0].upos in ("DET", "ADJ", "NOUN", "PROPN", "ADV", "X", "NUM")
    return at_end or _aside(sent, verb)


def _aside(sent: Sent, verb: Word) -> bool:
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
    return any(is_in(k, marks) and k.id < verb.id for k in sent.children(verb, "mark", "advmod"))


def _after_comma(sent: Sent, verb: Word) -> bool:
    """Whether the verb directly follows a comma or a closing quotation mark."""
    before = sent.word(verb.id - 1)
    return before is not None and before.text in (",", "»", "”", '"')


def _clause_end(sent: Sent, verb: Word) -> int:
    """The id of the first comma after ``verb`` (the end of the sentence if none)."""
    return next((w.id for w in sent.words[verb.id:] if w.text == ","), len(sent.words) + 1)


def _is_clause(word: Word) -> bool:
    """A clausal complement (xcomp only when verbal: "θεωρούνται η δεύτερη φάση" is not)."""
    return word.rel in ("ccomp", "parataxis") or (word.rel == "xcomp" and word.upos in ("VERB", "AUX"))


def has_content(sent: Sent, verb: Word, book: Codebook, quoted: set[int]) -> bool:
    """Whether a reporting verb reports something: a clause, a quote, a colon or an aside."""
    attribution = book.section("attribution")
    if verb.deprel in ("parataxis",) or any(_is_clause(k) for k in sent.children(verb)):
        return True
    if is_parenthetical(sent, verb):
        return True
    if has_as_marker(sent, verb, book):
        return True
    complementizers = vocab(attribution.get("complementizers"))
    if _complementizer_follows(sent, verb, complementizers):
        return True
    if any(is_in(m, complementizers) for k in sent.children(verb) if k.id > verb.id
           for m in sent.children(k, "mark")):
        return True  # a clause opened by "ότι" further on, attached as conj or advcl
    return _frames_quote(sent, verb, quoted)


def _complementizer_follows(sent: Sent, verb: Word, complementizers) -> bool:
    """"ότι", "hogy", "that" after the verb, however it was attached, with no other clause's
    verb in between (verbs of relative and participial clauses do not count)."""
    for word in sent.words[verb.id:]:
        if is_in(word, complementizers):
            return True
        if word.upos in ("VERB", "AUX") and word.rel not in ("acl", "amod", "aux", "cop") \
                and word.feats.get("VerbForm") not in ("Part", "Conv"):
            return False
    return False


def _frames_quote(sent: Sent, verb: Word, quoted: set[int]) -> bool:
    """A quotation right after the verb (past a colon or comma), right before it, or
    among its dependents ("«...» στο Καζακστάν αναφέρει η NetBlocks") if it is a phrase
    of three words or more, not a title-like name."""
    if any(k.id in quoted and _quoted_words(sent, k, quoted) >= 3 for k in sent.children(verb)):
        return True
    for step in (1, -1):
        pos = verb.id + step
        while (word := sent.word(pos)) is not None and word.upos == "PUNCT" and word.id not in quoted:
            if word.text == ":" and step == 1:
                return True
            pos += step
            if abs(pos - verb.id) > 3:
                break
        if word is not None and word.id in quoted:
            return True
    return False


def _quoted_words(sent: Sent, word: Word, quoted: set[int]) -> int:
    """How many words the quotation around ``word`` holds (punctuation not counted)."""
    count = 0
    for step in (-1, 1):
        pos = word.id if step < 0 else word.id + 1
        while (other := sent.word(pos)) is not None and other.id in quoted:
            count += other.upos != "PUNCT"
            pos += step
    return count


def _subject(sent: Sent, verb: Word, deponent: bool = False, excluded: set[int] = frozenset(),
             banned: frozenset[str] = frozenset()) -> tuple[Word | None, bool]:
    """The verb's source word and whether it is an agentless passive.

    Words in ``excluded`` (quotations, words past an as-clause) are never the subject, nor
    words in a case of ``banned`` (the codebook's ``non_subject_cases``).

    A deponent verb (passive in form, active in meaning: υπόσχομαι) has its speaker as a
    passive-marked subject.
    """
    rels = ("nsubj", "csubj", "nsubj:pass") if deponent else ("nsubj", "csubj")
    subjects = [k for k in sent.children(verb) if k.deprel in rels and k.id not in excluded
                and k.upos not in ("ADV", "ADP", "SCONJ", "CCONJ", "PART", "PUNCT")  # "ταυτόχρονα" is no subject
                and k.feats.get("Case") not in banned]  # nor "tévébeszédében" (in the speech): a case ending
    # a mislabelled oblique last, then the nearest ("Σχεδόν ταυτόχρονα, ο όμιλος ... ανακοίνωσε")
    subjects.sort(key=lambda k: (k.feats.get("Case") in ("Gen", "Dat", "Acc"), abs(k.id - verb.id)))
    inverted = [k for k in subjects if k.id > verb.id]
    if is_parenthetical(sent, verb) or (inverted and _after_comma(sent, verb)):
        subjects = inverted  # "..., δήλωσε ο πρόεδρος (...)": what precedes the comma is the content
    if subjects:
        return _elided_noun(sent, _antecedent(sent, subjects[0])), False
    closing = _closing_aside_subject(sent, verb)
    if closing is not None:  # "..., researchers say."
        return closing, False
    agents = [k for k in sent.children(verb, "obl") if k.deprel in ("obl:agent",)]
    if agents:
        return agents[0], False
    passive = verb.feats.get("Voice") == "Pass" or bool(sent.children(verb, "nsubj:pass", "aux:pass"))
    if deponent:
        passive = False
    if not passive and is_parenthetical(sent, verb):
        run = _nominal_run(sent, verb.id + 1, 1)
        nouns = [w for w in run if w.upos in ("NOUN", "PROPN", "X") and w.feats.get("Case") not in ("Gen", "Dat")]
        return (nouns[-1] if nouns else _adjacent_subject(sent, verb)), False
    gerund = verb.feats.get("VerbForm") == "Conv"  # "..., λέγοντας ότι": whatever the parser calls it
    if (verb.rel in ("advcl", "xcomp", "conj", "acl") or gerund) and not passive:
        head = sent.word(verb.head)
        if head is not None and head.upos in ("VERB", "AUX"):
            return _subject(sent, head)[0], False
    return (None, True) if passive else (_adjacent_subject(sent, verb), False)


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
    """A relative pronoun stands for the noun its clause modifies."""
    if word.feats.get("PronType") == "Rel":
        clause = sent.word(word.head)
        noun = sent.word(clause.head) if clause is not None and clause.rel == "acl" else None
        if noun is not None:
            return _copula_subject(sent, noun)
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


def _adjacent_subject(sent: Sent, verb: Word) -> Word | None:
    """A name or noun in the nominative right next to a verb the parser left subjectless.

    Weak parsers often miss the subject of "Helmeczy kijelentette:" or "δήλωσε ο Πούτιν".
    """
    before = _nominal_run(sent, verb.id - 1, -1)
    comma = sent.word(verb.id - 1)
    if not before and comma is not None and comma.text == ",":  # "ο Πρόεδρος, Μπαράκ Ομπάμα, προσπάθησε"
        before = _nominal_run(sent, verb.id - 2, -1)
    after = _nominal_run(sent, verb.id + 1, 1)
    for run in (before, after):
        ids = {w.id for w in run}
        nouns = [w for w in run if w.upos in ("NOUN", "PROPN", "X") or w.text[:1].isupper() and w.upos != "DET"]
        heads = [w for w in nouns if w.head not in ids]  # the run's own head: "όμιλος", "hírigazgatójának"
        named = sent.word(heads[0].head) if heads and heads[0].rel == "appos" else None
        if named is not None and named.upos == "PROPN":
            heads[0] = named  # "Tom Molomby, SC, said": the name, not the title after it
        if heads and _could_be_subject(sent, heads[0]):
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
    return (word.feats.get("Case", "Nom") == "Nom" and not sent.children(word, "case")
            and word.rel not in (("obj", "iobj") if caseless else ("obj", "obl", "iobj")))


def names_no_one(word: Word, book: Codebook) -> bool:
    """A subject or marker noun that is never a source: a first- or second-person pronoun
    (the author, the addressee), a demonstrative standing for a thing ("Ez azt jelenti,
    hogy", "this means that"), or a word of the codebook's ``non_sources`` (experience,
    custom, "everyone")."""
    if word.upos in ("PRON", "DET") and word.feats.get("Person") in ("1", "2"):
        return True
    if word.feats.get("PronType") == "Dem" and word.feats.get("Gender") == "Neut":
        return True
    return is_in(word, vocab(book.section("attribution").get("non_sources")))


def speaks_for_outlet(sent: Sent, verb: Word) -> bool:
    """The author's own voice: a verb in the first person, or with a first-person subject
    ("we wrote", "γράψαμε", "írtunk", "I said", "as I told the Nation")."""
    if verb.feats.get("Person") == "1":
        return True
    return any(k.rel == "nsubj" and k.feats.get("Person") == "1" for k in sent.children(verb))


def verb_cues(sent: Sent, book: Codebook, quoted: set[int] = frozenset()) -> list[Cue]:
    """Reporting-verb cues of a sentence (``quoted``: ids of words inside quotation marks)."""
    verbs = book.section("attribution").get("speech_verbs", {})
    banned = frozenset(book.section("attribution").get("non_subject_cases") or [])
    cues = []
    for word in sent.words:
        key = verb_key(sent, word, verbs)
        if key is None or word.id in quoted or speaks_for_outlet(sent, word):
            continue  # inside a quotation, or the outlet's own "we wrote"
        options = verbs[key] or {}
        if options.get("needs_content") and not has_content(sent, word, book, quoted):
            continue
        excluded = set(quoted)
        if has_as_marker(sent, word, book):  # "Όπως μετέδωσε το BBC, ο πρόεδρος ...": the clause ends at the comma
            excluded |= {w.id for w in sent.words if w.id > _clause_end(sent, word)}
        source, passive = _subject(sent, word, bool(options.get("deponent")), excluded, banned)
        if source is None or not names_no_one(source, book):
            cues.append(Cue("verb", key, word, source, passive))
    return cues


def marker_source(sent: Sent, match: list[Word]) -> Word | None:
    """The nominal an "according to" marker attaches to (UD: the marker is its ``case``)."""
    ids = {w.id for w in match}
    for word in reversed(match):  # the case word nearest the noun first
        head = sent.word(word.head)
        if head is not None and head.id not in ids and head.upos in NOMINAL:
            return head
    for kid in sent.children(match[0], "obl", "nmod"):
        if kid.id not in ids and kid.upos in NOMINAL:
            return kid
    return None


def according_cues(sent: Sent, book: Codebook, looks_like_source) -> list[Cue]:
    """"According to" cues; weak markers need a source that ``looks_like_source``."""
    section = book.section("attribution")
    weak = vocab(section.get("weak_markers"))
    cases = {fold(k): v for k, v in (section.get("marker_case") or {}).items()}
    cues = []
    for match in find_all(sent, section.get("according_to", [])):
        source = marker_source(sent, match)
        if source is None:
            continue
        lemma = " ".join(w.text.casefold() for w in match)
        wanted = cases.get(fold(match[0].lemma)) or cases.get(fold(match[0].text))
        if wanted and source.feats.get("Case") not in (None, wanted):
            continue
        if is_in(match[0], weak) and len(match) == 1 and not looks_like_source(sent, source):
            continue
        if names_no_one(source, book):
            continue
        cues.append(Cue("according", lemma, match[0], source))
    return cues
