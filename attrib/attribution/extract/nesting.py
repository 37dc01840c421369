"""Which cues of a sentence make one chain: the outermost first, then cues inside its content.

"Σύμφωνα με έρευνες, το 53% πιστεύει ότι ..., ενώ το 47% θεωρεί ότι ..." holds three cues,
but the chain is the survey and the first clause's believers: the second reporting verb is
not inside what the first reports, so it is another source, not a further link. A cue in
a relative clause on a noun the outer source talks about ("απέρριψε τις φήμες που αναφέρουν
ότι ...", "hamisnak nevezte a jelentéseket, amelyek szerint ...") and an as-clause inside
reported content ("cáfolta, hogy ..., amint azt Moszkva állítja") describe what the source
speaks of, not whom it cites.
"""

from __future__ import annotations

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.clauses import has_as_marker, is_parenthetical
from attrib.attribution.extract.cues import Cue
from attrib.parsing.sent import Sent, Word

ASIDE_MARKS = (",", "»", "”", '"', "–", "—")
NOT_CONTENT = ("nsubj", "csubj", "advcl", "advmod", "obl", "punct", "cc", "conj", "mark", "aux", "cop",
               "discourse", "vocative", "expl", "compound", "case", "det")


def frames_clause(sent: Sent, cue: Cue, book: Codebook) -> bool:
    """An "according to" form, an as-clause or an aside ("«...», δήλωσε ο Χ", also parsed
    as parataxis after a comma or a quotation mark): it frames the clause it is in. A
    verb after a colon is content ("Varga elmondta: ... ígéri"), not an aside."""
    before = sent.word(cue.anchor.id - 1)
    aside = cue.anchor.rel == "parataxis" and before is not None and before.text in ASIDE_MARKS
    return (cue.kind in ("according", "impersonal") or aside or is_parenthetical(sent, cue.anchor)
            or has_as_marker(sent, cue.anchor, book))


def _depth(sent: Sent, word: Word | None) -> int:
    """How far below the root a word is (the root's head, None, is -1)."""
    return len(sent.ancestors(word)) if word is not None else -1


def framed_clause(sent: Sent, cue: Cue, book: Codebook) -> Word | None:
    """The head of the clause a framing cue frames (None: the whole sentence), or, for a
    plain reporting verb, the verb itself."""
    if cue.kind == "according" and cue.source is not None:
        for word in sent.ancestors(cue.source):
            if word is not cue.anchor and word.upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON", "NUM"):
                return word
        return None
    if frames_clause(sent, cue, book) and cue.anchor.head:
        return sent.word(cue.anchor.head)
    return cue.anchor  # a reporting verb, or a content noun with its clause


def outermost_first(sent: Sent, cues: list[Cue], book: Codebook) -> list[Cue]:
    """Cues in the order a chain reads them: a framing form just before the clause it
    frames, a reporting verb before the verbs of its content."""
    def key(cue: Cue) -> tuple[float, bool]:
        clause = framed_clause(sent, cue, book)
        depth = _depth(sent, clause) - 0.5 if clause is not cue.anchor else _depth(sent, cue.anchor)
        return depth, cue.kind != "according"  # "σύμφωνα με Χ" before an as-clause on the same clause
    return sorted(cues, key=key)


def _subtree_ids(sent: Sent, word: Word | None) -> set[int]:
    return {w.id for w in sent.subtree(word)} if word is not None else {w.id for w in sent.words}


def content(sent: Sent, cue: Cue, book: Codebook) -> set[int]:
    """Ids of the words a cue reports: a framing form's clause (the form itself aside), a
    reporting verb's complements and quotations (its subject, adverbials and coordinate
    clauses aside)."""
    clause = framed_clause(sent, cue, book)
    if clause is not cue.anchor:
        own = _subtree_ids(sent, cue.source if cue.kind == "according" else cue.anchor)
        return _subtree_ids(sent, clause) - own - {cue.anchor.id}
    ids: set[int] = set()
    objectless = not sent.children(cue.anchor, "obj")  # "Hozzátette, hogy ..." parsed as csubj: the content
    for kid in sent.children(cue.anchor):
        content = kid.rel not in NOT_CONTENT or kid.rel == "csubj" and objectless
        if content and (cue.source is None or kid.id != cue.source.id):
            ids |= _subtree_ids(sent, kid)
    return ids


def _in_relative(sent: Sent, cue: Cue, outer: Cue) -> bool:
    """The cue sits in a relative or participial clause on a noun below the outer cue."""
    for word in [cue.anchor] + sent.ancestors(cue.anchor):
        if word.id == outer.anchor.id:
            return False
        if word.rel == "acl":
            return True
    return False


def nested(sent: Sent, outer: Cue, inner: Cue, book: Codebook) -> bool:
    """Whether ``inner`` reports inside what ``outer`` reports: a further link of its chain."""
    if inner.anchor.id not in content(sent, outer, book) or _in_relative(sent, inner, outer):
        return False
    return not (outer.kind == "verb" and inner.kind == "verb" and has_as_marker(sent, inner.anchor, book))


def chain_cues(sent: Sent, cues: list[Cue], book: Codebook) -> tuple[list[Cue], list[Cue]]:
    """The cues of one chain, outermost first, and the independent ones left out."""
    kept, others = [], []
    for cue in outermost_first(sent, cues, book):
        if not kept or nested(sent, kept[-1], cue, book):
            kept.append(cue)
        else:
            others.append(cue)
    return kept, others
