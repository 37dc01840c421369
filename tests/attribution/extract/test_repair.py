"""Repairs of known parser confusions, on hand-written parses of sentences not in the seeds."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.cues import verb_cues
from attrib.attribution.extract.repair import relay_participles, repair
from attrib.attribution.extract.sources import chain_from_cue
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()

# "The agency reported, citing a police statement, that two people were hurt", with the
# participle parsed as an adjective of "ανακοίνωση" and the noun as the verb's subject.
EL_RELAY_AS_ADJECTIVE = """
Το ο DET 2 det
πρακτορείο πρακτορείο NOUN 3 nsubj
ανέφερε αναφέρω VERB 0 root
, , PUNCT 6 punct
επικαλούμενο επικαλούμενος ADJ 6 amod
ανακοίνωση ανακοίνωση NOUN 3 nsubj
της ο DET 8 det
αστυνομίας αστυνομία NOUN 6 nmod Case=Gen
, , PUNCT 13 punct
ότι ότι SCONJ 13 mark
δύο δύο NUM 12 nummod
άνθρωποι άνθρωπος NOUN 13 nsubj
τραυματίστηκαν τραυματίζω VERB 8 acl
. . PUNCT 3 punct
"""


def test_relay_participle_parsed_as_adjective_becomes_a_clause():
    s = relay_participles(sent(EL_RELAY_AS_ADJECTIVE, "el"), BOOKS["el"])
    assert (s.word(5).head, s.word(5).deprel) == (3, "advcl")
    assert (s.word(6).head, s.word(6).deprel) == (5, "obj")
    assert s.word(2).deprel == "nsubj"


def test_repaired_relay_gives_the_chain_and_far_complementizer_is_content():
    s = repair(sent(EL_RELAY_AS_ADJECTIVE, "el"), BOOKS["el"])
    [cue] = verb_cues(s, BOOKS["el"])
    assert [link.head.text for link in chain_from_cue(s, cue, BOOKS["el"])] == ["πρακτορείο", "αστυνομίας"]


def test_sentences_without_the_confusion_are_left_alone():
    s = sent(EL_RELAY_AS_ADJECTIVE.replace("ADJ 6 amod", "VERB 3 advcl").replace("NOUN 3 nsubj\nτης", "NOUN 5 obj\nτης"), "el")
    assert repair(s, BOOKS["el"]) is s


# "Όπως μετέδωσε το BBC, ...": the as-word parsed as an adverb still frames the verb.
EL_AS_ADVERB = """
Όπως όπως ADV 2 advmod
μετέδωσε μεταδίδω VERB 0 root
το ο DET 4 det
BBC BBC X 2 obl
, , PUNCT 7 punct
οι ο DET 7 det
συγκρούσεις σύγκρουση NOUN 2 nsubj
συνεχίστηκαν συνεχίζω VERB 2 conj
. . PUNCT 2 punct
"""


def test_as_word_parsed_as_adverb_and_caseless_name_as_oblique():
    s = sent(EL_AS_ADVERB, "el")
    assert [(c.lemma, c.source.text) for c in verb_cues(s, BOOKS["el"])] == [("μεταδίδω", "BBC")]


EL_AS_CLAUSE_SPILL = """
Όπως όπως ADV 2 advmod
ανέφερε αναφέρω VERB 9 advcl
η ο DET 4 det
Καθημερινή Καθημερινή PROPN 2 nsubj
, , PUNCT 2 punct
ο ο DET 7 det
υπουργός υπουργός NOUN 2 nsubj
, , PUNCT 9 punct
δήλωσε δηλώνω VERB 0 root
ότι ότι SCONJ 11 mark
παραιτείται παραιτούμαι VERB 9 ccomp
. . PUNCT 9 punct
"""


def test_main_subject_hung_on_the_as_clause_moves_to_the_main_verb():
    s = repair(sent(EL_AS_CLAUSE_SPILL, "el"), BOOKS["el"])
    assert (s.word(7).head, s.word(7).deprel) == (9, "nsubj")
    cues = sorted(verb_cues(s, BOOKS["el"]), key=lambda c: c.anchor.id)
    assert [(c.lemma, c.source.text) for c in cues] == [("αναφέρω", "Καθημερινή"), ("δηλώνω", "υπουργός")]


HU_NOMINATIVE_OBLIQUE = """
Kovács Kovács PROPN 3 obl Case=Nom
ezredes ezredes NOUN 1 flat Case=Nom
bejelentette bejelent VERB 0 root
, , PUNCT 7 punct
hogy hogy SCONJ 7 mark
a a DET 7 det
híd híd NOUN 8 nsubj Case=Nom
lezárul lezárul VERB 3 ccomp
. . PUNCT 3 punct
"""


def test_bare_nominative_oblique_becomes_the_subject_but_not_before_a_postposition():
    s = repair(sent(HU_NOMINATIVE_OBLIQUE, "hu"), BOOKS["hu"])
    assert (s.word(1).head, s.word(1).deprel) == (3, "nsubj")
    with_postposition = sent(HU_NOMINATIVE_OBLIQUE.replace("ezredes ezredes NOUN 1 flat Case=Nom",
                                                           "szerint szerint ADP 1 case"), "hu")
    assert repair(with_postposition, BOOKS["hu"]).word(1).deprel == "obl"


HU_POSSESSOR_AS_SUBJECT = """
A a DET 2 det
Vöröskereszt Vöröskereszt PROPN 4 nsubj Case=Nom
szóvivője szóvivő NOUN 4 obl Case=Nom|Number[psor]=Sing|Person[psor]=3
közölte közöl VERB 0 root
, , PUNCT 7 punct
hogy hogy SCONJ 7 mark
folytatják folytat VERB 4 ccomp
. . PUNCT 4 punct
"""


def test_possessed_noun_after_its_possessor_is_the_subject():
    s = repair(sent(HU_POSSESSOR_AS_SUBJECT, "hu"), BOOKS["hu"])
    assert (s.word(3).head, s.word(3).deprel) == (4, "nsubj")
    assert (s.word(2).head, s.word(2).deprel) == (3, "nmod:att")


def test_one_subject_per_verb_from_bare_nominatives():
    rows = HU_NOMINATIVE_OBLIQUE.replace("a a DET 7 det\nhíd híd NOUN 8 nsubj Case=Nom",
                                         "a a DET 7 det\nhíd híd NOUN 3 obl Case=Nom")
    s = repair(sent(rows, "hu"), BOOKS["hu"])
    assert [w.text for w in s.words if w.deprel == "nsubj" and w.head == 3] == ["Kovács"]


# "Denied the claim of the station's director ...": the station is a possessor, not the subject.
HU_POSSESSOR_OF_DATIVE = """
Cáfolta cáfol VERB 0 root
az a DET 3 det
MTV MTV PROPN 1 nsubj Case=Nom
igazgatójának igazgató NOUN 1 obl Case=Dat|Number[psor]=Sing|Person[psor]=3
az a DET 6 det
állítását állítás NOUN 1 obj Case=Acc|Number[psor]=Sing|Person[psor]=3
. . PUNCT 1 punct
"""


def test_possessor_before_a_non_nominative_noun_leaves_the_verb_without_subject():
    s = repair(sent(HU_POSSESSOR_OF_DATIVE, "hu"), BOOKS["hu"])
    assert (s.word(3).head, s.word(3).deprel) == (4, "nmod:att")
    assert not [w for w in s.words if w.deprel == "nsubj"]
    ours = sent(HU_POSSESSOR_OF_DATIVE.replace("Person[psor]=3\naz", "Person[psor]=1\naz"), "hu")
    assert repair(ours, BOOKS["hu"]).word(3).deprel == "nsubj"  # "lapunknak": our paper's, no possessor


def test_a_nominative_possessor_of_a_verb_is_its_subject():
    from attrib.languages.codebook import load_codebooks
    from attrib.attribution.extract.repair import nominative_obliques
    from tests.attribution.extract.conllu import sent

    s = sent("""
    Berzi Berzi PROPN 3 nmod:att Case=Nom
    arról az PRON 3 obl Case=Del
    tájékoztatott tájékoztat VERB 0 root
    """, "hu")
    fixed = nominative_obliques(s, load_codebooks()["hu"])
    assert fixed.word(1).deprel == "nsubj"
