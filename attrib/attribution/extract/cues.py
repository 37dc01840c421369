"""Find attribution cues in a parsed sentence: reporting verbs and "according to" forms.

A cue names the word that signals attribution and the head word of its source (None when
the source is left out: a pro-drop subject, an agentless passive). Source phrases, relays
and chains are built from cues in :mod:`attrib.attribution.extract.sources`.
"""

from __future__ import annotations

from dataclasses import dataclass

from attrib.languages.codebook import Codebook
from attrib.attribution.extract.clauses import clause_end, has_as_marker, is_parenthetical
from attrib.attribution.extract.givers import from_source
from attrib.attribution.extract.match import find_all, is_in, vocab
from attrib.parsing.sent import Sent, Word, fold
from attrib.attribution.extract.subjects import find_subject, passive_form
from attrib.attribution.extract.verbs import is_unreal, verb_key

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


def _is_clause(word: Word) -> bool:
    """A clausal complement (xcomp only when verbal: "θεωρούνται η δεύτερη φάση" is not)."""
    return word.rel in ("ccomp", "parataxis") or (word.rel == "xcomp" and word.upos in ("VERB", "AUX"))


def _speech_tag(sent: Sent, verb: Word) -> bool:
    """A verb hung on another clause as parataxis reports it ("the war is over, he said"),
    unless a semicolon sets it apart as a clause of its own ("...; shots heard")."""
    return verb.deprel == "parataxis" and not any(
        k.text == ";" and k.id < verb.id for k in sent.children(verb, "punct"))


def has_content(sent: Sent, verb: Word, book: Codebook, quoted: set[int]) -> bool:
    """Whether a reporting verb reports something: a clause, a quote, a colon, an aside, or
    a content noun as its object ("εξέδωσε ανακοίνωση", "denied the allegations")."""
    attribution = book.section("attribution")
    passive = verb.feats.get("Voice") == "Pass" or bool(sent.children(verb, "aux:pass"))
    clauses = [k for k in sent.children(verb) if _is_clause(k) and not (passive and k.rel == "xcomp")]
    if _speech_tag(sent, verb) or clauses:  # "were found stuffed in the trash" reports nothing
        return True
    if is_parenthetical(sent, verb) or has_as_marker(sent, verb, book):
        return True
    complementizers = vocab(attribution.get("complementizers"))
    if _complementizer_follows(sent, verb, complementizers):
        return True
    if any(is_in(m, complementizers) for k in sent.children(verb) if k.id > verb.id
           for m in sent.children(k, "mark")):
        return True  # a clause opened by "ότι" further on, attached as conj or advcl
    content = vocab(attribution.get("content_nouns"))
    if any(is_in(k, content) for k in sent.children(verb, "obj")):
        return True
    pointing = vocab(attribution.get("cataphora"))  # "azt mondta, hogy", "úgy véli, ..."
    kids = sent.children(verb)
    if any(is_in(k, pointing) and any(_is_clause(c) or c.rel in ("acl", "advcl") for c in sent.children(k)) for k in kids):
        return True
    if any(is_in(k, pointing) for k in kids) and any(k.rel == "advcl" and k.id > verb.id for k in kids):
        return True  # the clause attached to the verb itself
    predicate = [k for k in kids if k.rel == "xcomp" and k.upos in ("ADJ", "NOUN") or
                 k.upos == "ADJ" and k.feats.get("Case") in ("Tra", "Ess", "Dat") and k.rel in ("obl", "xcomp")]
    if predicate and any(k.rel == "obj" or k.feats.get("Case") == "Acc" for k in kids):
        return True  # "vitathatónak tartják a befektetéseket", "θεωρούν αυξημένη την απειλή": a view of something
    if verb.head == 0 and sent.text.rstrip().endswith(":"):
        return True  # "the Church denied these allegations:" what follows is the content
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


def names_no_one(sent: Sent, word: Word, book: Codebook) -> bool:
    """A subject or marker noun that is never a source: a first- or second-person pronoun
    (the author, the addressee) or a noun that is theirs ("η χώρα μας"), a demonstrative standing for a thing ("Ez azt jelenti,
    hogy", "this means that"), or a word of the codebook's ``non_sources`` (experience,
    custom, "everyone")."""
    if word.upos in ("PRON", "DET") and word.feats.get("Person") in ("1", "2"):
        return True
    if word.feats.get("Person[psor]") == "1" or any(
            k.feats.get("Person") == "1" and k.feats.get("Poss") == "Yes" for k in sent.children(word)):
        return True  # "η χώρα μας", "lapunk": the speaker's own
    if word.feats.get("PronType") == "Dem" and word.feats.get("Gender") == "Neut":
        return True
    return is_in(word, vocab(book.section("attribution").get("non_sources")))


def speaks_for_outlet(sent: Sent, verb: Word, book: Codebook) -> bool:
    """The author's own voice: a verb in the first person, or with a first-person subject
    ("we wrote", "γράψαμε", "írtunk", "I said", "as I told the Nation"), not one in the
    passive ("I'm advised that": someone advised the author); where a tagger
    misses the person, the verb's ending says (codebook ``first_person_endings``, endings only
    the first person has)."""
    if passive_form(sent, verb):
        return False  # "I'm advised that ...", "I was told": someone told the author
    if verb.feats.get("Person") == "1":
        return True
    if any(k.rel == "nsubj" and k.feats.get("Person") == "1" for k in sent.children(verb)):
        return True
    endings = tuple(fold(e) for e in book.section("attribution").get("first_person_endings") or [])
    return bool(endings) and fold(verb.text).endswith(endings)  # a tagger's "Person=3" on "írtunk" is wrong


def _learned_from(sent: Sent, verb: Word, book: Codebook) -> Word | None:
    """Whom a verb of learning names as the giver ("Szűcs Andrástól megtudtuk", "έμαθε από
    τον υπουργό", "learned from officials")."""
    section = book.section("attribution")
    cases, marks = set(section.get("from_cases") or []), vocab(section.get("from_markers"))
    for kid in sent.children(verb, "obl", "nmod", "iobj", "nsubj"):
        if _name_case(sent, kid) in cases or any(is_in(c, marks) for c in sent.children(kid, "case")):
            return kid
    return None


def _name_case(sent: Sent, word: Word) -> str | None:
    """A nominal's case, which a name carries on its last word ("Szűcs Andrástól": the
    parser may call the first word the subject)."""
    return max([word] + sent.children(word, "flat"), key=lambda w: w.id).feats.get("Case")


def case_marked(sent: Sent, book: Codebook) -> set[int]:
    """Nouns whose ending shows a case no subject is in, whatever the tagger said: the
    lemma followed by one of the codebook's ``oblique_endings`` ("kérdésére" is kérdés +
    é + re, to the question; "bűntettével", with the crime)."""
    endings = tuple(fold(e) for e in book.section("attribution").get("oblique_endings") or [])
    if not endings:
        return set()
    out = set()
    for word in sent.words:
        text, lemma = fold(word.text), fold(word.lemma)
        if word.upos in ("NOUN", "PROPN") and len(lemma) >= 3 and text.startswith(lemma) and \
                text[len(lemma):].endswith(endings):
            out.add(word.id)
    return out


def _verb_cue(sent: Sent, word: Word, key: str, book: Codebook, quoted: set[int]) -> Cue | None:
    """The cue a codebook verb makes, if it reports here (see :func:`verb_cues`)."""
    section = book.section("attribution")
    options = section["speech_verbs"][key] or {}
    if options.get("needs_content") and not has_content(sent, word, book, quoted):
        return None
    if options.get("learning") and (giver := _learned_from(sent, word, book)) is not None:
        return Cue("verb", key, word, giver)
    if speaks_for_outlet(sent, word, book):
        return None  # the outlet's own "we wrote", "megtudtuk" with no giver
    if options.get("impersonal"):
        return Cue("verb", key, word, None, True)  # "φέρεται να": whoever says so is not named
    if any(k.deprel == "csubj" for k in sent.children(word)) and sent.children(word, "obj"):
        return None  # "A válságot jelzi, hogy ...": a fact shows it, no one says it (with no object
        # of its own, "Hozzátette, hogy ..." parsed so, the clause is the content)
    excluded = set(quoted) | case_marked(sent, book)
    if has_as_marker(sent, word, book):  # "Όπως μετέδωσε το BBC, ο πρόεδρος ...": the clause ends at the comma
        excluded |= {w.id for w in sent.words if w.id > clause_end(sent, word)}
    source, passive = find_subject(sent, word, bool(options.get("deponent")), excluded,
                                   frozenset(section.get("non_subject_cases") or []),
                                   vocab(section.get("indefinite_sources")),
                                   tuple(fold(e) for e in section.get("passive_endings") or []))
    if source is None:  # "«...», αναφέρεται στη δήλωση"; "a minisztériumban azt mondták"
        source = document_obl(sent, word, book) if passive else impersonal_place(sent, word, book)
        passive = passive and source is None
    return None if source is not None and names_no_one(sent, source, book) else Cue("verb", key, word, source, passive)


def document_obl(sent: Sent, verb: Word, book: Codebook) -> Word | None:
    """A document the clause is "in" ("στην έκθεση", "in the report", "a jelentésben"): a
    content or document noun marked by the codebook's ``document_markers`` or cases."""
    section = book.section("attribution")
    nouns = vocab(list(section.get("content_nouns") or []) + list((section.get("source_nouns") or {}).get("document") or []))
    marks, cases = vocab(section.get("document_markers")), set(section.get("document_cases") or [])
    for kid in sent.children(verb, "obl"):
        marked = kid.feats.get("Case") in cases or any(is_in(c, marks) for c in sent.children(kid, "case"))
        if marked and is_in(kid, nouns):
            return kid
    return None


def impersonal_place(sent: Sent, verb: Word, book: Codebook) -> Word | None:
    """The institution a subjectless third-person-plural report is made at ("a polgármesteri
    hivatalban nem tartottak attól", "az Ersténél abban reménykednek")."""
    cases = set(book.section("attribution").get("impersonal_place_cases") or [])
    if not cases or verb.feats.get("Number") != "Plur" or verb.feats.get("Person", "3") != "3":
        return None
    return next((k for k in sent.children(verb, "obl") if k.feats.get("Case") in cases
                 and (k.upos == "NOUN" or k.upos == "PROPN" and k.feats.get("Case") == "Ade")), None)
    # an institution ("hivatalban", "az Ersténél"), not a place name ("Szöulban")


def _quoted_in_narration(sent: Sent, verb: Word, quoted: set[int]) -> bool:
    """A verb quoted within the narrator's sentence, its subject outside the quotation and
    before it ("A tagozat "nem tartja igazságosnak", hogy ...", 'He "firmly believes"
    that ...'): the narrator reports with the speaker's words."""
    subjects = [k for k in sent.children(verb) if k.rel == "nsubj"]
    return bool(subjects) and all(k.id not in quoted and k.id < verb.id for k in subjects) and \
        any(w.id not in quoted for w in sent.words if w.id > verb.id and w.upos != "PUNCT")


def verb_cues(sent: Sent, book: Codebook, quoted: set[int] = frozenset()) -> list[Cue]:
    """Reporting-verb cues of a sentence (``quoted``: ids of words inside quotation marks).

    A verb in the future or the conditional reports nothing yet; a verb of learning
    (``learning``) has the giver it names as its source; an ``impersonal`` verb ("φέρεται
    να", "is said to") an unnamed one, whatever its subject.
    """
    section = book.section("attribution")
    verbs, unreal = section.get("speech_verbs", {}), vocab(section.get("unreal_markers"))
    cues = []
    for word in sent.words:
        key = verb_key(sent, word, verbs)
        if key is None or word.id in quoted and not _quoted_in_narration(sent, word, quoted) \
                or is_unreal(sent, word, unreal):
            continue
        cue = _verb_cue(sent, word, key, book, quoted)
        if cue is not None:
            cues.append(cue)
    return cues


def noun_cues(sent: Sent, book: Codebook) -> list[Cue]:
    """A content noun with its author and a content clause ("τις δηλώσεις των Αρχών ... ότι
    «...»", "the Kremlin's claim that ..."): the author reports the clause."""
    section = book.section("attribution")
    content, marks = vocab(section.get("content_nouns")), vocab(section.get("complementizers"))
    cues = []
    for noun in sent.words:
        if noun.upos == "NOUN" and is_in(noun, content) and any(
                is_in(m, marks) for k in sent.children(noun, "acl", "ccomp", "advcl") for m in sent.children(k, "mark")):
            cues.append(Cue("noun", noun.lemma, noun, noun))
    return cues


def document_cues(sent: Sent, book: Codebook) -> list[Cue]:
    """"Στην έκθεση για το 2014, η Ελλάδα βρίσκεται ...": the document the main clause is in."""
    root = next((w for w in sent.words if w.head == 0), None)
    found = document_obl(sent, root, book) if root is not None else None
    if found is None or found.id > root.id:  # fronted only: "spent billions on research" is in no document
        return []
    if speaks_for_outlet(sent, root, book) or names_no_one(sent, found, book):
        return []  # "ebben a cikkünkben írtunk": the outlet's own article
    return [Cue("according", found.lemma, found, found)]


def impersonal_cues(sent: Sent, book: Codebook) -> list[Cue]:
    """"Állítólag", "reportedly", "úgy tudni": the clause is reported by someone unnamed."""
    return [Cue("impersonal", " ".join(w.text.casefold() for w in match), match[0], None, True)
            for match in find_all(sent, book.section("attribution").get("impersonal_markers") or [])]


def marker_source(sent: Sent, match: list[Word]) -> Word | None:
    """The nominal an "according to" marker attaches to (UD: the marker is its ``case``), or
    the marker itself where it is a personal form ("szerinte": according to him)."""
    if len(match) == 1 and match[0].upos == "PRON" and match[0].feats.get("PronType") == "Prs":
        return match[0]
    ids = {w.id for w in match}
    for word in reversed(match):  # the case word nearest the noun first
        head = sent.word(word.head)
        if head is not None and head.id not in ids and head.upos in NOMINAL:
            return head
    for kid in sent.children(match[0], "obl", "nmod"):
        if kid.id not in ids and kid.upos in NOMINAL:
            return kid
    return None


def _has_words_of_its_own(sent: Sent, noun: Word) -> bool:
    """A noun with modifiers beyond its article and marker ("a műszaki tervek")."""
    return any(k.rel not in ("det", "case", "punct") for k in sent.children(noun))


def according_cues(sent: Sent, book: Codebook, looks_like_source) -> list[Cue]:
    """"According to" cues; weak markers need a source that ``looks_like_source``."""
    section = book.section("attribution")
    weak = vocab(section.get("weak_markers"))
    cases = {fold(k): v for k, v in (section.get("marker_case") or {}).items()}
    idioms = {w.id for found in find_all(sent, section.get("idioms") or []) for w in found}
    cues = []
    for match in find_all(sent, section.get("according_to", [])):
        source = marker_source(sent, match)
        if source is None or source.id in idioms and not _has_words_of_its_own(sent, source):
            continue  # "a tervek szerint": as scheduled
        lemma = " ".join(w.text.casefold() for w in match)
        wanted = cases.get(fold(match[0].lemma)) or cases.get(fold(match[0].text))
        if wanted and source.feats.get("Case") not in (None, wanted):
            continue
        if is_in(match[0], weak) and len(match) == 1 and not looks_like_source(sent, source):
            continue
        if names_no_one(sent, source, book) and from_source(sent, source, book) is None:
            continue  # "értesüléseink szerint": ours, unless it says whom we had it from
        cues.append(Cue("according", lemma, match[0], source))
    return cues
