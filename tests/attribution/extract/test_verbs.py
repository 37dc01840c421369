"""Which codebook verb a word is: particles, light verbs, preverbs, exceptions (hand-written parses)."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.verbs import verb_key
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()


def keys(s, lang):
    verbs = BOOKS[lang].section("attribution")["speech_verbs"]
    return [(w.text, verb_key(s, w, verbs)) for w in s.words if verb_key(s, w, verbs)]


def test_a_particle_verb_is_one_cue():
    s = sent("""
    The the DET 2 det
    mayor mayor NOUN 3 nsubj
    pointed point VERB 0 root
    out out ADP 3 compound:prt
    that that SCONJ 7 mark
    roads road NOUN 7 nsubj
    flooded flood VERB 3 ccomp
    """, "en")
    assert keys(s, "en") == [("pointed", "point out")]


def test_a_light_verb_needs_its_noun():
    talk = sent("""
    Ο ο DET 2 det
    υπουργός υπουργός NOUN 3 nsubj
    έκανε κάνω VERB 0 root
    λόγο λόγος NOUN 3 obj
    για για ADP 6 case
    απάτη απάτη NOUN 3 obl
    """, "el")
    assert keys(talk, "el") == [("έκανε", "κάνω λόγος")]
    work = sent("""
    Ο ο DET 2 det
    υπουργός υπουργός NOUN 3 nsubj
    έκανε κάνω VERB 0 root
    δουλειά δουλειά NOUN 3 obj
    """, "el")
    assert keys(work, "el") == []


def test_a_hungarian_light_verb_and_a_separated_preverb():
    voiced = sent("""
    Az az DET 2 det
    ellenzék ellenzék NOUN 4 nsubj
    aggodalmának aggodalom NOUN 5 nmod:att
    hangot hang NOUN 5 obj
    adott ad VERB 0 root
    """, "hu")
    assert keys(voiced, "hu") == [("adott", "ad hang")]
    reported = sent("""
    A a DET 2 det
    lap lap NOUN 3 nsubj
    számolt számol VERB 0 root
    be be ADV 3 compound:preverb
    """, "hu")
    assert keys(reported, "hu") == [("számolt", "beszámol")]


def test_an_exception_makes_the_verb_something_else():
    refused = sent("""
    Η ο DET 2 det
    κυβέρνηση κυβέρνηση NOUN 3 nsubj
    αρνήθηκε αρνούμαι VERB 0 root
    να να AUX 5 mark
    απαντήσει απαντώ VERB 3 ccomp
    """, "el")
    assert ("αρνήθηκε", "αρνούμαι") not in keys(refused, "el")
    failed = sent("""
    A a DET 2 det
    buszközlekedés buszközlekedés NOUN 4 nsubj
    csődöt csőd NOUN 4 obj
    mondott mond VERB 0 root
    """, "hu")
    assert keys(failed, "hu") == []


def test_a_separated_preverb_that_makes_another_verb_is_no_cue():
    erected = sent("""
    A a DET 2 det
    szobrot szobor NOUN 3 obj
    állították állít VERB 0 root
    fel fel ADV 3 compound:preverb
    """, "hu")
    assert keys(erected, "hu") == []
    claimed = sent("""
    A a DET 2 det
    szóvivő szóvivő NOUN 3 nsubj
    állította állít VERB 0 root
    """, "hu")
    assert keys(claimed, "hu") == [("állította", "állít")]


def test_a_converb_left_as_an_adverb_is_found_by_its_listed_form():
    s = sent("""
    azt az PRON 2 obj
    hangoztatva hangoztatva ADV 0 root
    """, "hu")
    assert keys(s, "hu") == [("hangoztatva", "hangoztat")]


def test_future_and_conditional_verbs_are_unreal():
    from attrib.attribution.extract.match import vocab
    from attrib.attribution.extract.verbs import is_unreal

    will = sent("""
    θα θα AUX 2 aux
    ζητήσει ζητώ VERB 0 root
    """, "el")
    markers = vocab(BOOKS["el"].section("attribution")["unreal_markers"])
    assert is_unreal(will, will.word(2), markers)
    past = sent("""
    ζήτησε ζητώ VERB 0 root Tense=Past
    """, "el")
    assert not is_unreal(past, past.word(1), markers)
    would = sent("""
    mondaná mond VERB 0 root Mood=Cnd
    """, "hu")
    assert is_unreal(would, would.word(1), frozenset())
