"""Framing terms ("terrorists", "protesters", "rioters") and the voice that uses them.

Terms come from the ``framing`` section of each language's codebook: categories, each with
the actor it labels (``target``) and its terms, written as lemmas; a term may span several
words ("ειρηνευτικός δύναμη", "trained ... abroad") and list inflected alternatives after
``|`` ("τρομοκράτης|τρομοκράτες": the first is the lemma reported).

Whose word is it? A sentence's attribution cues each have a *frame*: the cue word, its
source phrase and the verb's other dependents ("όπως χαρακτήρισε τους διαδηλωτές"), but
not its reported content. A term in a frame is spoken by whoever tells that cue (the
outlet for the outermost one); a term anywhere else in an attributed sentence is the
origin's (the last link of the chain); an unattributed term is the outlet's own, unless
it stands in quotation marks, which give it to someone the text does not name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.clauses import has_as_marker, is_parenthetical
from attrib.attribution.extract.cues import Cue
from attrib.attribution.extract.match import GAP, built_once, forms, match_at
from attrib.attribution.extract.resolve import Link
from attrib.parsing.sent import Sent, Word, fold

OUTLET = "outlet"
CONTENT_RELS = ("ccomp", "parataxis", "csubj")
SCARE_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Term:
    """One codebook term: its lemma, category, target and the folded word alternatives."""

    lemma: str
    category: str
    target: str
    words: tuple[frozenset[str] | str, ...]  # per position: accepted folded forms, or GAP
    stems: tuple[frozenset[str] | str, ...]  # the same, only lower-cased (accents kept) for prefixes


def _term(text: str, category: str, target: str) -> Term:
    """Parse one codebook term ("τρομοκρατικός απειλή", "εκπαιδεύω ... εξωτερικό")."""
    tokens = text.split()
    words = tuple(GAP if t == GAP else frozenset(fold(f) for f in t.split("|")) for t in tokens)
    stems = tuple(GAP if t == GAP else frozenset(f.casefold() for f in t.split("|")) for t in tokens)
    return Term(" ".join(t.split("|")[0] for t in tokens), category, target, words, stems)


def codebook_terms(book: Codebook) -> list[Term]:
    """Every framing term of a codebook, longest first (so overlaps go to the longer);
    parsed once per codebook."""
    return built_once(book, _parse_terms)


def _parse_terms(book: Codebook) -> list[Term]:
    section = book.section("framing")
    terms = [_term(text, name, spec["target"])
             for name, spec in (section.get("categories") or {}).items() for text in spec.get("terms", [])]
    return sorted(terms, key=lambda t: -sum(w != GAP for w in t.words))


def _matches(word: Word, accepted: frozenset[str], stems: frozenset[str], prefix: bool) -> bool:
    """A word is one of a term's forms (lemma or surface), or, in languages that mark case
    with endings (``prefix_match``), starts with one of at least five letters, accents
    included ("zavargót" is a zavargó; "tiltakozott", protested, is not a tiltakozó)."""
    return bool(forms(word) & accepted) or (prefix and bool(stems & _prefixes(word.text)))


@lru_cache(maxsize=1 << 16)
def _prefixes(text: str) -> frozenset[str]:
    """The lower-cased beginnings of a word of at least five letters ("zavar", ..., "zavargót")."""
    lowered = text.casefold()
    return frozenset(lowered[:k] for k in range(5, len(lowered) + 1))


def _sentence_forms(sent: Sent, prefix: bool) -> frozenset[str]:
    """Every form and (with ``prefix``) every beginning a term's first word could match."""
    out = set()
    for word in sent.words:
        out |= forms(word) | (_prefixes(word.text) if prefix else frozenset())
    return frozenset(out)


def _match_at(sent: Sent, term: Term, pos: int, prefix: bool) -> list[Word] | None:
    """The words of ``term`` starting at word index ``pos`` (up to three words in a gap)."""
    items = [GAP if w == GAP else (w, stem) for w, stem in zip(term.words, term.stems)]
    return match_at(sent.words, items, pos, lambda word, item: _matches(word, item[0], item[1], prefix))


def _starts(sent: Sent, term: Term, prefix: bool) -> list[int]:
    """Word indexes where the term's first word matches (the only places it can start)."""
    return [pos for pos, word in enumerate(sent.words) if _matches(word, term.words[0], term.stems[0], prefix)]


def find_terms(sent: Sent, book: Codebook) -> list[tuple[Term, list[Word]]]:
    """Non-overlapping framing terms of a sentence, in sentence order."""
    prefix = bool(book.section("framing").get("prefix_match"))
    used: set[int] = set()
    found = []
    present = _sentence_forms(sent, prefix)
    for term in codebook_terms(book):
        if not (term.words[0] & present or (prefix and term.stems[0] & present)):
            continue  # its first word is nowhere in the sentence
        for pos in _starts(sent, term, prefix):
            words = _match_at(sent, term, pos, prefix)
            if words and not used & {w.id for w in words}:
                used |= {w.id for w in words}
                found.append((term, words))
    return sorted(found, key=lambda tw: tw[1][0].id)


def naming_aside(sent: Sent, verb: Word, book: Codebook) -> bool:
    """"«Τρομοκράτες», όπως χαρακτήρισε τους διαδηλωτές": an as-clause whose verb names
    something (it has an object) vouches only for the quoted words it names."""
    return has_as_marker(sent, verb, book) and bool(sent.children(verb, "obj")) and not any(
        k.rel in CONTENT_RELS for k in sent.children(verb))


def cue_frame(sent: Sent, cue: Cue, quoted: set[int], book: Codebook) -> frozenset[int]:
    """Word ids that tell a cue rather than report: the cue, its source phrase, and a
    reporting verb's dependents other than its content clauses, quotations and object (the
    object of a naming verb with a predicate, "called the protesters «terrorists»", is the
    narrator's referent, not the source's word)."""
    if cue.kind == "verb" and naming_aside(sent, cue.anchor, book):
        return frozenset(w.id for w in sent.words) - quoted
    ids = {cue.anchor.id}
    if cue.source is not None:
        ids |= {w.id for w in sent.subtree(cue.source)}
    if cue.kind == "according":
        ids |= {w.id for w in sent.children(cue.anchor)}
        return frozenset(ids - quoted)
    if cue.kind == "verb" and is_parenthetical(sent, cue.anchor):  # "..., μεταδίδει το Ίντερφαξ.": only itself
        return frozenset({w.id for w in sent.words if w.id >= cue.anchor.id} - quoted)
    naming = any(k.rel == "xcomp" and k.upos not in ("VERB", "AUX") for k in sent.children(cue.anchor))
    for kid in sent.children(cue.anchor):
        content = kid.rel in CONTENT_RELS or (kid.rel == "xcomp" and kid.upos in ("VERB", "AUX"))
        objective = kid.rel == "obj" or kid.feats.get("Case") == "Acc" and kid.rel == "obl"  # a weak parse's "obl"
        content = content or (objective and not naming)  # "okolta a terroristákat": the source's words
        if not content and kid.id not in quoted:
            ids |= {w.id for w in sent.subtree(kid)}
    return frozenset(ids - quoted)


def quotation_sizes(sent: Sent, spans: list[tuple[int, int]]) -> dict[int, int]:
    """For each quoted word id, how many words its quotation holds (punctuation aside)."""
    sizes = {}
    for a, b in spans:
        inside = [w for w in sent.words if w.start is not None and a <= w.start < b]
        count = sum(1 for w in inside if w.upos != "PUNCT")
        sizes.update({w.id: count for w in inside})
    return sizes


Frame = tuple[frozenset[int], Link | None]  # word ids, and who tells them (None: the narrator)


def voice_of(ids: set[int], chain: list[Link], frames: list[Frame], quoted: bool,
             narrator: Link | None) -> tuple[str, str]:
    """The source_id and type of whoever uses the words ``ids`` (see the module notes)."""
    tellers = [teller for frame, teller in frames if ids <= frame]  # a term partly in the content is the content's
    if tellers:
        voice = tellers[0] or narrator
    elif chain:
        voice = chain[-1]
    elif quoted:
        return "unknown", "unknown"
    else:
        voice = narrator
    return (OUTLET, OUTLET) if voice is None else (voice.source_id, voice.type)


def surface(sent: Sent, first: Word, last: Word) -> str:
    """The text from ``first`` to ``last`` as written (words in a gap included)."""
    if first.start is not None and last.end is not None and sent.text:
        return sent.text[first.start - sent.start:last.end - sent.start]
    return " ".join(w.text for w in sent.words[first.id - 1:last.id])


def framing_rows(sent: Sent, book: Codebook, chain: list[Link], frames: list[Frame],
                 spans: list[tuple[int, int]], narrator: Link | None = None) -> list[dict]:
    """Rows of the ``framing`` table for one sentence (without doc_id and sent_id).

    Args:
        sent: the parsed sentence (document offsets).
        book: its language's codebook.
        chain: the sentence's reporting chain, proximate first.
        frames: the frames of its cues with their tellers (attrib.attribution.rules).
        spans: quotations of its paragraph as document offsets (start, end).
        narrator: who tells the sentence when not the outlet (a post's author).
    """
    sizes = quotation_sizes(sent, spans)
    rows = []
    for term, words in find_terms(sent, book):
        ids = {w.id for w in words}
        inside = [sizes[i] for i in ids if i in sizes]
        voice, voice_type = voice_of(ids, chain, frames, bool(inside), narrator)
        rows.append({"term": surface(sent, words[0], words[-1]), "lemma": term.lemma, "category": term.category,
                     "target": term.target, "quoted": bool(inside),
                     "scare_quoted": bool(inside) and max(inside) <= max(SCARE_QUOTE_WORDS, len(words) + 1),
                     "voice": voice, "voice_type": voice_type})
    return rows
