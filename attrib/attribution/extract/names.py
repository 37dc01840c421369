"""A source's name within the phrase that mentions it.

"η αεροπορική εταιρεία χαμηλού κόστους Jazeera Airways του Κουβέιτ" names Jazeera Airways;
"Tunisia's coach Nabil Maaloul" names Nabil Maaloul; "NetBlocks εν μέσω των ταραχών" names
NetBlocks. A phrase without a proper name is named by its head noun with the words that
say whose it is ("αξιωματούχοι του υπουργείου Εσωτερικών"), not with the places, times and
circumstances around it.
"""

from __future__ import annotations

from attrib.parsing.sent import Sent, Word, fold

NAME_PARTS = ("flat", "goeswith")
IDENTITY = ("appos", "flat", "compound")  # in this order of preference
OWNER_RELS = ("amod", "nmod:poss", "det:poss", "nmod:att", "compound", "nummod")
MAX_NAME = 8


def is_name(word: Word) -> bool:
    """A proper noun, or a capitalised foreign word (GDT tags "Λαβρόφ" X, Foreign=Yes); never a
    hashtag ("#protest" is a topic a tagger may call a proper noun)."""
    if word.text.startswith("#"):
        return False
    return word.upos == "PROPN" or (word.upos == "X" and word.text[:1].isupper())


def _capitalised_noun(word: Word) -> bool:
    """A noun written with a capital inside the sentence: a name a tagger did not know
    ("η πρόεδρος ..., Ελένη Σταθοπούλου" tagged ADJ and NOUN)."""
    return word.upos == "NOUN" and word.id > 1 and word.text[:1].isupper() and not word.text.isupper()


def proper_name(sent: Sent, head: Word) -> list[Word]:
    """A proper noun and its name parts ("Suleiman al-Amr"; the proper nouns compounded
    before it, "Home Builders Federation"), in order."""
    ids, todo = {head.id}, [head]
    while todo:
        word = todo.pop()
        compounds = [k for k in sent.children(word, "compound") if is_name(k) and k.id < word.id]
        for kid in sent.children(word, *NAME_PARTS) + compounds:
            if kid.id not in ids:
                ids.add(kid.id)
                todo.append(kid)
    if max(ids) - min(ids) >= len(ids) + 2:
        return [head]
    span = sent.words[min(ids) - 1:max(ids)]  # a hyphen inside stays: "al-Amr"
    return span if all(w.id in ids or w.text in "-'’." for w in span) else [w for w in span if w.id in ids]


def _named_by(sent: Sent, head: Word, inside: set[int]) -> Word | None:
    """The proper noun a phrase's head is, or stands in apposition with ("coach Nabil")."""
    if is_name(head):
        return head
    for rel in IDENTITY:  # "director General Suleiman al-Amr": the flat name, not the compound "Authority"
        found = next((k for k in sent.children(head, rel) if k.id in inside and (
            is_name(k) or rel == "appos" and _capitalised_noun(k))), None)
        if found is not None:
            return found
    if "Person[psor]" not in head.feats:  # "Mark Voorbergen vezető elemző", not "az RTL Klub hírigazgatója"
        return next((k for k in sent.children(head) if k.id < head.id and k.id in inside and is_name(k)
                     and k.feats.get("Case") == "Nom" and k.rel == "nmod"), None)
    return None


def _owners(sent: Sent, head: Word, inside: set[int], genitive_marks: frozenset[str]) -> list[Word]:
    """The head's own modifiers: adjectives and the genitive or possessor saying whose it
    is, each with its own subtree inside the phrase (prepositional phrases left out)."""
    keep = [head]
    for kid in sent.children(head):
        if kid.id not in inside or kid.upos == "PUNCT":
            continue
        cases = [c for c in sent.children(kid, "case")]
        genitive = kid.rel == "nmod" and all(c.lemma.casefold() in genitive_marks for c in cases)
        if kid.deprel in OWNER_RELS or kid.rel in ("amod", "compound") or genitive:
            keep += [w for w in sent.subtree(kid) if w.id in inside]
    return keep


def apposed_name(sent: Sent, phrase: list[Word]) -> list[Word]:
    """A name set off by commas right after or right before a role's phrase, however the
    parser attached it ("Η εκπρόσωπος ... στις ΗΠΑ, Ντελφίν Χολγκάντ, ανέφερε"; "Τζορτζέτ
    Γκανόν, Διευθύντρια της υπηρεσίας, τόνισε")."""
    first, last = phrase[0].id, phrase[-1].id
    for start, step in ((last + 1, 1), (first - 1, -1)):
        comma = sent.word(start)
        if comma is None or comma.text != ",":
            continue
        run, pos = [], start + step
        while (word := sent.word(pos)) is not None and (is_name(word) or word.text == "-" and run):
            run.append(word)
            pos += step
        closed = sent.word(pos)
        if run and (step < 0 and (closed is None or closed.upos in ("DET", "PUNCT", "ADP")) or
                    step > 0 and closed is not None and closed.text in (",", "—", "–")):
            return sorted(run, key=lambda w: w.id)
    return []


def _titled(sent: Sent, head: Word, inside: set[int], title_marks: frozenset[str]) -> Word | None:
    """The name a title word gives the head ("a Globus című hetilap": the weekly titled Globus)."""
    for kid in sent.children(head):
        if kid.id in inside and (fold(kid.lemma) in title_marks or fold(kid.text) in title_marks):
            return next((k for k in sent.children(kid) if is_name(k) and k.id in inside), None)
    return None


OPENING, CLOSING = "«“„\"'", "»”“\"'"


def _quoted_title(sent: Sent, head: Word) -> list[Word]:
    """The title in quotation marks right after a noun ("η εφημερίδα «Αιτωλική Ηχώ»", "the
    paper "Daily Post""): capitalised words, at most five, between the marks."""
    mark = sent.word(head.id + 1)
    if head.upos not in ("NOUN", "PROPN") or mark is None or mark.text not in OPENING:
        return []
    words, pos = [], head.id + 2
    while (word := sent.word(pos)) is not None and word.text not in CLOSING and len(words) < 6:
        words.append(word)
        pos += 1
    closed = word is not None and word.text in CLOSING
    return words if closed and 0 < len(words) <= 5 and words[0].text[:1].isupper() else []


def name_words(sent: Sent, head: Word, phrase: list[Word], genitive_marks: frozenset[str] = frozenset(),
               title_marks: frozenset[str] = frozenset()) -> list[Word]:
    """The words of ``phrase`` (the source's noun phrase, ``head`` its head) that name it.

    Args:
        sent: the sentence.
        head: the phrase's head word.
        phrase: the whole noun phrase, in order.
        genitive_marks: adpositions that mark a possessor ("of"): an nmod behind one stays.
        title_marks: words that give the head its title ("című"), folded.
    """
    inside = {w.id for w in phrase} | {head.id}
    quoted = _quoted_title(sent, head)
    if quoted:
        return quoted
    named = _titled(sent, head, inside, title_marks) or _named_by(sent, head, inside)
    if named is not None and named is not head and named.rel == "flat":
        parts = [k for k in sent.children(head, *NAME_PARTS) if is_name(k)]  # "director General Suleiman al-Amr"
        return [w for part in parts for w in proper_name(sent, part)]
    if named is not None and named.rel == "compound" and named.head == head.id and _capitalised_noun(head):
        return proper_name(sent, head)  # "Karen Mills" with Mills tagged a noun
    if named is not None:
        return proper_name(sent, named)
    ids = {w.id for w in _owners(sent, head, inside, genitive_marks)}
    words = [w for w in phrase if w.id in ids]
    while len(words) > 1 and words[-1] is not head and words[-1].upos in ("DET", "ADP", "CCONJ", "PUNCT"):
        words.pop()
    return words[:MAX_NAME]


def citation(word: Word) -> str:
    """A name word in its citation form: the lemma of a word in an oblique case ("Pétertől"
    is Péter, "lapnak" is lap, "του υπουργού" is υπουργός), where the lemma is plausibly the
    same word; else as written."""
    case = word.feats.get("Case")
    lemma = word.lemma.replace("+", "")
    if case in (None, "Nom") or not lemma or lemma.casefold()[:3] != word.text.casefold()[:3]:
        return word.text
    return lemma[:1].upper() + lemma[1:] if word.text[:1].isupper() else lemma
