"""Which cues make one chain: hand-written parses of sentences in no gold set."""

from attrib.attribution.rules import ordered_cues
from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.nesting import chain_cues
from attrib.attribution.registry import load_registry
from tests.attribution.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()


def chain_lemmas(rows, lang):
    s = sent(rows, lang)
    kept, others = chain_cues(s, ordered_cues(s, BOOKS[lang], REG, set()), BOOKS[lang])
    return [c.lemma for c in kept], [c.lemma for c in others]


# "According to the survey, most Germans believe that prices rose, while the rest think that they fell."
EL_WHILE = """
Σύμφωνα σύμφωνα ADV 7 advmod
με με ADP 4 case
την ο DET 4 det
έρευνα έρευνα NOUN 1 obl
οι ο DET 6 det
Γερμανοί Γερμανός NOUN 7 nsubj
πιστεύουν πιστεύω VERB 0 root
ότι ότι SCONJ 11 mark
οι ο DET 10 det
τιμές τιμή NOUN 11 nsubj
αυξήθηκαν αυξάνω VERB 7 ccomp
ενώ ενώ SCONJ 15 mark
οι ο DET 14 det
υπόλοιποι υπόλοιπος ADJ 15 nsubj
θεωρούν θεωρώ VERB 7 advcl
ότι ότι SCONJ 17 mark
έπεσαν πέφτω VERB 15 ccomp
. . PUNCT 7 punct
"""


def test_a_clause_of_its_own_is_another_source_not_a_further_link():
    kept, others = chain_lemmas(EL_WHILE, "el")
    assert kept == ["σύμφωνα με", "πιστεύω"] and others == ["θεωρώ"]


# "The mayor rejected the reports which claim that the bridge collapsed."
EN_RELATIVE = """
The the DET 2 det
mayor mayor NOUN 3 nsubj
rejected reject VERB 0 root
the the DET 5 det
reports report NOUN 3 obj
which which PRON 7 nsubj PronType=Rel
claim claim VERB 5 acl:relcl
that that SCONJ 11 mark
the the DET 10 det
bridge bridge NOUN 11 nsubj
collapsed collapse VERB 7 ccomp
. . PUNCT 3 punct
"""


def test_a_cue_in_a_relative_clause_on_what_the_source_speaks_of_adds_no_link():
    kept, others = chain_lemmas(EN_RELATIVE.replace("rejected reject VERB 0 root", "denied deny VERB 0 root"), "en")
    assert kept == ["deny"] and others == ["claim"]


# "The minister said that the unions had warned that strikes would follow."
EN_NESTED = """
The the DET 2 det
minister minister NOUN 3 nsubj
said say VERB 0 root
that that SCONJ 8 mark
the the DET 6 det
unions union NOUN 8 nsubj
had have AUX 8 aux
warned warn VERB 3 ccomp
that that SCONJ 12 mark
strikes strike NOUN 12 nsubj
would would AUX 12 aux
follow follow VERB 8 ccomp
. . PUNCT 3 punct
"""


def test_a_reporting_verb_inside_what_is_reported_is_a_further_link():
    assert chain_lemmas(EN_NESTED, "en") == (["say", "warn"], [])


# "A parancsnok cáfolta, hogy a város elesett, amint azt Moszkva állítja."
HU_AS_INSIDE = """
A a DET 2 det
parancsnok parancsnok NOUN 3 nsubj
cáfolta cáfol VERB 0 root
, , PUNCT 7 punct
hogy hogy SCONJ 7 mark
a a DET 6 det
város város NOUN 7 nsubj
elesett elesik VERB 3 ccomp
, , PUNCT 12 punct
amint amint SCONJ 12 mark
azt az PRON 12 obj
Moszkva Moszkva PROPN 12 nsubj
állítja állít VERB 7 advcl
. . PUNCT 3 punct
"""


def test_an_as_clause_inside_reported_content_adds_no_link():
    assert chain_lemmas(HU_AS_INSIDE, "hu")[0] == ["cáfol"]
