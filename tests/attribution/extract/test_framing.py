"""Framing terms and their voice, on hand-written parses of sentences not in the seeds."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.cues import verb_cues
from attrib.attribution.extract.framing import cue_frame, find_terms, framing_rows
from attrib.attribution.extract.resolve import Link
from attrib.parsing.sent import with_offsets
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()
MAYOR = Link("x:mayor", "δήμαρχος", "person", "ο δήμαρχος", "αποκαλώ", "explicit")

# "The «rioters», as the mayor called the protesters, were arrested."
EL_AS_CALLED = """
Οι ο DET 3 det
« « PUNCT 3 punct
ταραξίες ταραξίας NOUN 12 nsubj:pass
» » PUNCT 3 punct
, , PUNCT 7 punct
όπως όπως SCONJ 7 mark
αποκάλεσε αποκαλώ VERB 3 acl
ο ο DET 9 det
δήμαρχος δήμαρχος NOUN 7 nsubj
τους ο DET 11 det
διαδηλωτές διαδηλωτής NOUN 7 obj
συνελήφθησαν συλλαμβάνω VERB 0 root
. . PUNCT 12 punct
"""
EL_TEXT = "Οι «ταραξίες», όπως αποκάλεσε ο δήμαρχος τους διαδηλωτές, συνελήφθησαν."


def _rows(rows, text, lang, chain, narrator=None):
    s = with_offsets(sent(rows, lang), text)
    book = BOOKS[lang]
    spans = [(q, text.index(c, q + 1) + 1) for q, c in ((text.find(o), c) for o, c in ("«»", "„”")) if q >= 0]
    quoted = {w.id for w in s.words if any(a <= w.start < b for a, b in spans)}
    frames = [(cue_frame(s, cue, quoted, book), None) for cue in verb_cues(s, book, quoted)]
    return framing_rows(s, book, chain, frames, spans, narrator)


def test_quoted_term_is_the_sources_and_the_frames_term_the_outlets():
    rows = _rows(EL_AS_CALLED, EL_TEXT, "el", [MAYOR])
    got = [(r["lemma"], r["category"], r["target"], r["quoted"], r["scare_quoted"], r["voice"]) for r in rows]
    assert got == [("ταραξίας", "riot", "protesters", True, True, "x:mayor"),
                   ("διαδηλωτής", "protest", "protesters", False, False, "outlet")]
    assert rows[1]["voice_type"] == "outlet" and rows[0]["voice_type"] == "person"


def test_unattributed_scare_quote_belongs_to_someone_unnamed():
    rows = _rows(EL_AS_CALLED, EL_TEXT, "el", [])
    assert [(r["lemma"], r["voice"]) for r in rows] == [("ταραξίας", "unknown"), ("διαδηλωτής", "outlet")]


# "Hungarian: the police killed dozens of „rebels”" with an inflected form (felkelőt).
HU_SCARE = """
A a DET 2 det
rendőrség rendőrség NOUN 8 nsubj
több sok ADJ 4 amod
tucat tucat NOUN 8 obj
„ „ PUNCT 6 punct
felkelőt felkelőt NOUN 4 nmod
” ” PUNCT 6 punct
ölt öl VERB 0 root
meg meg ADV 8 compound:preverb
. . PUNCT 8 punct
"""
HU_TEXT = "A rendőrség több tucat „felkelőt” ölt meg."


def test_hungarian_inflected_term_matches_by_its_beginning():
    rows = _rows(HU_SCARE, HU_TEXT, "hu", [])
    assert [(r["term"], r["category"], r["scare_quoted"], r["voice"]) for r in rows] == \
        [("felkelőt", "uprising", True, "unknown")]


def test_phrase_with_a_gap_and_longest_match_first():
    rows = """
They they PRON 3 nsubj:pass
were be AUX 3 aux:pass
trained train VERB 0 root
in in ADP 5 case
camps camp NOUN 3 obl
abroad abroad ADV 3 advmod
by by ADP 10 case
a a DET 10 det
terrorist terrorist ADJ 10 amod
threat threat NOUN 3 obl
"""
    s = sent(rows, "en")
    terms = [(t.category, " ".join(w.text for w in ws)) for t, ws in find_terms(s, BOOKS["en"])]
    assert terms == [("foreign_hand", "trained abroad"), ("terrorism", "terrorist threat")]
    assert [r["term"] for r in framing_rows(s, BOOKS["en"], [], [], [])] == ["trained in camps abroad", "terrorist threat"]


def test_post_narrator_speaks_the_frame():
    author = Link("@mayor", "Mayor", "social_media", "@mayor", "post", "post-author")
    rows = _rows(EL_AS_CALLED, EL_TEXT, "el", [author, MAYOR], narrator=author)
    assert [r["voice"] for r in rows] == ["x:mayor", "@mayor"]


# "The minister said that the protesters are «terrorists»": reported content is his.
EL_SAID_THAT = """
Ο ο DET 2 det
υπουργός υπουργός NOUN 3 nsubj
δήλωσε δηλώνω VERB 0 root
ότι ότι SCONJ 9 mark
οι ο DET 6 det
διαδηλωτές διαδηλωτής NOUN 9 nsubj
είναι είμαι AUX 9 cop
« « PUNCT 9 punct
τρομοκράτες τρομοκράτης NOUN 3 ccomp
» » PUNCT 9 punct
. . PUNCT 3 punct
"""


def test_terms_in_reported_content_are_the_sources():
    text = "Ο υπουργός δήλωσε ότι οι διαδηλωτές είναι «τρομοκράτες» ."
    rows = _rows(EL_SAID_THAT, text, "el", [MAYOR])
    assert [(r["lemma"], r["voice"], r["scare_quoted"]) for r in rows] == \
        [("διαδηλωτής", "x:mayor", False), ("τρομοκράτης", "x:mayor", True)]


PRESIDENT = Link("x:president", "elnök", "person", "az elnök", "okol", "explicit")


def test_the_object_a_source_blames_is_the_sources_word():
    rows = """
    Az az DET 2 det
    elnök elnök NOUN 5 nsubj
    a a DET 4 det
    terroristákat terrorista NOUN 5 obl Case=Acc
    okolta okol VERB 0 root
    """
    got = _rows(rows, "Az elnök a terroristákat okolta", "hu", [PRESIDENT])
    assert [(r["lemma"], r["voice"]) for r in got] == [("terrorista", "x:president")]


AGENCY = Link("interfax", "Interfax", "wire_agency", "το Ίντερφαξ", "μεταδίδω", "registry")


def test_an_aside_tells_only_itself_however_it_was_attached():
    rows = """
    Η ο DET 2 det
    αστυνομία αστυνομία NOUN 3 nsubj
    ανακοίνωσε ανακοινώνω VERB 0 root
    ότι ότι SCONJ 6 mark
    ταραξίες ταραξίας NOUN 8 nsubj
    συνελήφθησαν συλλαμβάνω VERB 3 ccomp
    , , PUNCT 8 punct
    μεταδίδει μεταδίδω VERB 3 ccomp
    το ο DET 10 det
    Ίντερφαξ Ίντερφαξ PROPN 8 obj
    . . PUNCT 3 punct
    """
    police = Link("x:police", "αστυνομία", "government", "Η αστυνομία", "ανακοινώνω", "explicit")
    got = _rows(rows, "Η αστυνομία ανακοίνωσε ότι ταραξίες συνελήφθησαν, μεταδίδει το Ίντερφαξ.", "el",
                [AGENCY, police])
    assert [(r["lemma"], r["voice"]) for r in got] == [("ταραξίας", "x:police")]
