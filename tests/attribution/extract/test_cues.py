"""Cue and chain rules on hand-written parses of sentences that are not in the seeds."""

import pytest

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.cues import according_cues, verb_cues
from attrib.attribution.extract.sources import chain_from_cue, phrase
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()


def looks_like_source(s, word):
    return word.upos == "PROPN" or word.lemma in {"εκπρόσωπος", "πηγή"}


def chains(s, lang):
    book = BOOKS[lang]
    cues = verb_cues(s, book) + according_cues(s, book, looks_like_source)
    return [[(link.head.text if link.head else None, link.cue) for link in chain_from_cue(s, c, book)]
            for c in cues]


EL_ACCORDING_RELAY = """
Σύμφωνα σύμφωνα ADV 12 advmod
με με ADP 4 case
το ο DET 4 det
AFP AFP PROPN 1 obl
που που PRON 6 nsubj PronType=Rel
επικαλείται επικαλούμαι VERB 4 acl:relcl
αστυνομικές αστυνομικός ADJ 8 amod
πηγές πηγή NOUN 6 obj
, , PUNCT 12 punct
δύο δύο NUM 11 nummod
άνθρωποι άνθρωπος NOUN 12 nsubj:pass
τραυματίστηκαν τραυματίζω VERB 0 root Voice=Pass
. . PUNCT 12 punct
"""

EL_SOURCES_CITED_BY = """
Σύμφωνα σύμφωνα ADV 12 advmod
με με ADP 3 case
πηγές πηγή NOUN 1 obl
τις ο DET 5 det
οποίες οποίος PRON 6 obj PronType=Rel
επικαλείται επικαλούμαι VERB 3 acl:relcl
η ο DET 8 det
εφημερίδα εφημερίδα NOUN 6 nsubj
, , PUNCT 12 punct
ο ο DET 11 det
υπουργός υπουργός NOUN 12 nsubj
παραιτείται παραιτούμαι VERB 0 root
. . PUNCT 12 punct
"""

EL_PARENTHETICAL_RELAY = """
Οι ο DET 2 det
δυνάμεις δύναμη NOUN 3 nsubj
αποσύρθηκαν αποσύρω VERB 0 root
, , PUNCT 5 punct
πρόσθεσε προσθέτω VERB 3 parataxis
το ο DET 7 det
πρακτορείο πρακτορείο NOUN 5 nsubj
επικαλούμενο επικαλούμαι VERB 5 advcl VerbForm=Part
τις ο DET 10 det
δηλώσεις δήλωση NOUN 8 obj
του ο DET 12 det
υπουργού υπουργός NOUN 10 nmod Case=Gen
. . PUNCT 3 punct
"""

EL_BROADCAST = """
Ο ο DET 2 det
σταθμός σταθμός NOUN 3 nsubj
μετέδωσε μεταδίδω VERB 0 root
χθες χθες ADV 3 advmod
ντοκιμαντέρ ντοκιμαντέρ NOUN 3 obj
για για ADP 8 case
τον ο DET 8 det
πόλεμο πόλεμος NOUN 5 nmod
. . PUNCT 3 punct
"""

EL_KATA = """
Κατά κατά ADP 3 case
τον ο DET 3 det
εκπρόσωπο εκπρόσωπος NOUN 8 obl Case=Acc
, , PUNCT 8 punct
η ο DET 6 det
κατάσταση κατάσταση NOUN 8 nsubj
είναι είμαι AUX 8 cop
ήρεμη ήρεμος ADJ 0 root
, , PUNCT 11 punct
κατά κατά ADP 11 case
διαδηλωτών διαδηλωτής NOUN 8 obl Case=Gen
. . PUNCT 8 punct
"""

EL_PRO_DROP = """
Διευκρίνισε διευκρινίζω VERB 0 root Person=3
ότι ότι SCONJ 5 mark
δεν δεν PART 5 advmod
θα θα AUX 5 aux
παραιτηθεί παραιτούμαι VERB 1 ccomp
. . PUNCT 1 punct
"""

HU_SPOKESPERSON = """
A a DET 2 det
rendőrség rendőrség NOUN 3 nmod:att
szóvivője szóvivő NOUN 7 obl
szerint szerint ADP 3 case
senki senki PRON 7 nsubj
sem sem ADV 7 advmod
sérült sérül VERB 0 root
meg meg ADV 7 compound:preverb
. . PUNCT 7 punct
"""

HU_REPORT_OF = """
Az a DET 2 det
MTI MTI PROPN 3 nmod:att
beszámolója beszámoló NOUN 8 obl
szerint szerint ADP 3 case
a a DET 5 det
tüntetők tüntető NOUN 8 nsubj
a a DET 7 det
parlament parlament NOUN 8 obl
elé elé ADP 7 case
vonultak vonul VERB 0 root
. . PUNCT 10 punct
"""

HU_CITING = """
A a DET 2 det
miniszter miniszter NOUN 6 nsubj
a a DET 4 det
rendőrségre rendőrség NOUN 5 obl Case=Sbl
hivatkozva hivatkozva ADV 6 advmod:mode VerbForm=Conv
mondta mond VERB 0 root
, , PUNCT 11 punct
hogy hogy SCONJ 11 mark
a a DET 10 det
helyzet helyzet NOUN 11 nsubj
nyugodt nyugodt ADJ 6 ccomp
. . PUNCT 6 punct
"""

EN_CITING = """
The the DET 2 det
ministry ministry NOUN 3 nsubj
said say VERB 0 root
, , PUNCT 5 punct
citing cite VERB 3 advcl
police police NOUN 7 compound
reports report NOUN 5 obj
, , PUNCT 5 punct
that that SCONJ 13 mark
two two NUM 11 nummod
people person NOUN 13 nsubj:pass
were be AUX 13 aux:pass
injured injure VERB 3 ccomp
. . PUNCT 3 punct
"""

EN_BROADCAST = """
The the DET 2 det
channel channel NOUN 3 nsubj
broadcast broadcast VERB 0 root
a a DET 5 det
documentary documentary NOUN 3 obj
. . PUNCT 3 punct
"""

EN_PASSIVE = """
It it PRON 3 nsubj:pass
was be AUX 3 aux:pass
reported report VERB 0 root Voice=Pass
that that SCONJ 8 mark
the the DET 6 det
airport airport NOUN 8 nsubj:pass
was be AUX 8 aux:pass
closed close VERB 3 ccomp
. . PUNCT 3 punct
"""

EN_ACCORDING = """
According accord VERB 3 case
to to ADP 1 fixed
witnesses witness NOUN 7 obl
, , PUNCT 7 punct
the the DET 6 det
soldiers soldier NOUN 7 nsubj
fired fire VERB 0 root
. . PUNCT 7 punct
"""

# A weak parser calls the citer an object ("το" is nominative or accusative).
EL_CITED_BY_MISLABELLED = EL_SOURCES_CITED_BY.replace("εφημερίδα NOUN 6 nsubj", "εφημερίδα NOUN 6 obj")

# "που" is subject or object: the singular verb agrees with the newspaper, not the sources.
EL_CITED_BY_POU = """
Σύμφωνα σύμφωνα ADV 11 advmod
με με ADP 3 case
μάρτυρες μάρτυρας NOUN 1 obl Number=Plur
που που PRON 5 nsubj PronType=Rel
επικαλείται επικαλούμαι VERB 3 acl:relcl Number=Sing
η ο DET 7 det
τηλεόραση τηλεόραση NOUN 5 obj Number=Sing
, , PUNCT 11 punct
οι ο DET 10 det
αστυνομικοί αστυνομικός NOUN 11 nsubj
υποχώρησαν υποχωρώ VERB 0 root
. . PUNCT 11 punct
"""

# "X was the first that announced": the predicate noun stands for its subject.
EL_FIRST_TO_ANNOUNCE = """
Η ο DET 2 det
Lufthansa Lufthansa PROPN 5 nsubj
ήταν είμαι AUX 5 cop
η ο DET 5 det
πρώτη πρώτος ADJ 0 root
που που PRON 7 nsubj PronType=Rel
δήλωσε δηλώνω VERB 5 acl:relcl
ότι ότι SCONJ 9 mark
αναστέλλει αναστέλλω VERB 7 ccomp
τις ο DET 11 det
πτήσεις πτήση NOUN 9 obj
. . PUNCT 5 punct
"""


@pytest.mark.parametrize("rows, lang, expected", [
    (EL_FIRST_TO_ANNOUNCE, "el", [[("Lufthansa", "δηλώνω")]]),
    (EL_CITED_BY_POU, "el", [[("τηλεόραση", "σύμφωνα με"), ("μάρτυρες", "επικαλούμαι")]]),
    (EL_CITED_BY_MISLABELLED, "el", [[("εφημερίδα", "σύμφωνα με"), ("πηγές", "επικαλούμαι")]]),
    (EL_ACCORDING_RELAY, "el", [[("AFP", "σύμφωνα με"), ("πηγές", "επικαλούμαι")]]),
    (EL_SOURCES_CITED_BY, "el", [[("εφημερίδα", "σύμφωνα με"), ("πηγές", "επικαλούμαι")]]),
    (EL_PARENTHETICAL_RELAY, "el", [[("πρακτορείο", "προσθέτω"), ("υπουργού", "επικαλούμαι")]]),
    (EL_BROADCAST, "el", []),
    (EL_KATA, "el", [[("εκπρόσωπο", "κατά")]]),
    (EL_PRO_DROP, "el", [[(None, "διευκρινίζω")]]),
    (HU_SPOKESPERSON, "hu", [[("szóvivője", "szerint")]]),
    (HU_REPORT_OF, "hu", [[("MTI", "szerint")]]),
    (HU_CITING, "hu", [[("miniszter", "mond"), ("rendőrségre", "hivatkozva")]]),
    (EN_CITING, "en", [[("ministry", "say"), ("police", "cite")]]),  # "police reports": the police
    (EN_BROADCAST, "en", []),
    (EN_ACCORDING, "en", [[("witnesses", "according to")]]),
])
def test_chains(rows, lang, expected):
    assert chains(sent(rows, lang), lang) == expected


def test_agentless_passive_has_no_source():
    cues = verb_cues(sent(EN_PASSIVE, "en"), BOOKS["en"])
    assert [(c.lemma, c.source, c.passive) for c in cues] == [("report", None, True)]


def test_source_phrase_drops_articles_keeps_modifiers():
    s = sent(HU_SPOKESPERSON, "hu")
    assert [w.text for w in phrase(s, s.word(3))] == ["rendőrség", "szóvivője"]
    s = sent(EL_ACCORDING_RELAY, "el")
    assert [w.text for w in phrase(s, s.word(4))] == ["AFP"]


EL_QUOTE_BEFORE_VERB = """
« « PUNCT 3 punct
Κανένας κανένας DET 3 det
δρόμος δρόμος NOUN 7 nsubj Case=Nom
δεν δεν PART 3 advmod
είναι είμαι AUX 3 cop
ανοιχτός ανοιχτός ADJ 3 amod
» » PUNCT 3 punct
σ σε ADP 10 case
το ο DET 10 det
κέντρο κέντρο NOUN 11 obl
γράφει γράφω VERB 0 root
η ο DET 13 det
αστυνομία αστυνομία NOUN 11 nsubj Case=Nom
. . PUNCT 11 punct
"""


def test_a_quotation_among_the_verbs_dependents_is_its_content():
    s = sent(EL_QUOTE_BEFORE_VERB.replace("NOUN 7 nsubj", "NOUN 11 nsubj"), "el")
    quoted = {1, 2, 3, 4, 5, 6, 7}
    cues = verb_cues(s, BOOKS["el"], quoted)
    assert [(c.lemma, c.source.text) for c in cues] == [("γράφω", "αστυνομία")]
    assert verb_cues(s, BOOKS["el"], frozenset()) == []  # no quotation: γράφω needs content


# "..., ότι δεκάδες διαδηλωτές συνελήφθησαν, μεταδίδει το πρακτορείο Ίντερφαξ", with the
# content's subject hung on the parenthetical verb.
EL_PARENTHETICAL_AFTER_CONTENT = """
Η ο DET 2 det
κυβέρνηση κυβέρνηση NOUN 3 nsubj
ανακοίνωσε ανακοινώνω VERB 0 root
ότι ότι SCONJ 7 mark
πολλοί πολύς ADJ 6 amod
διαδηλωτές διαδηλωτής NOUN 9 nsubj Case=Nom
συνελήφθησαν συλλαμβάνω VERB 3 ccomp Voice=Pass
, , PUNCT 9 punct
μεταδίδει μεταδίδω VERB 3 ccomp
το ο DET 11 det
πρακτορείο πρακτορείο NOUN 9 obj Case=Acc
Ίντερφαξ Ίντερφαξ PROPN 11 flat
. . PUNCT 3 punct
"""

EL_ACCORDING_ALSO = """
Σύμφωνα σύμφωνα ADV 9 advmod
επίσης επίσης ADV 9 advmod
με με ADP 5 case
την ο DET 5 det
Kathimerini Kathimerini PROPN 9 obl
, , PUNCT 9 punct
η ο DET 8 det
βουλή βουλή NOUN 9 nsubj
ψηφίζει ψηφίζω VERB 0 root
. . PUNCT 9 punct
"""


def test_parenthetical_subject_comes_after_the_verb():
    s = sent(EL_PARENTHETICAL_AFTER_CONTENT, "el")
    cues = {c.lemma: c.source.text for c in verb_cues(s, BOOKS["el"])}
    assert cues == {"ανακοινώνω": "κυβέρνηση", "μεταδίδω": "Ίντερφαξ"}


def test_according_to_with_an_adverb_inside():
    s = sent(EL_ACCORDING_ALSO, "el")
    assert [(c.lemma, c.source.text) for c in according_cues(s, BOOKS["el"], looks_like_source)] == \
        [("σύμφωνα με", "Kathimerini")]


# "The plan is not aimed at China, the minister said during a long press conference in the
# capital", with the content's subject hung on the inverted reporting verb.
EL_INVERTED_LONG = """
Το ο DET 2 det
σχέδιο σχέδιο NOUN 6 nsubj Case=Nom
δεν δεν PART 4 advmod
στρέφεται στρέφω VERB 0 root
, , PUNCT 6 punct
είπε λέγω VERB 4 conj
ο ο DET 8 det
υπουργός υπουργός NOUN 6 nsubj Case=Nom
κατά κατά ADP 11 case
τη ο DET 11 det
διάρκεια διάρκεια NOUN 6 obl Case=Acc
μιας ένας DET 14 det
μακράς μακρύς ADJ 14 amod
συνέντευξης συνέντευξη NOUN 11 nmod Case=Gen
Τύπου τύπος NOUN 14 nmod Case=Gen
σ σε ADP 18 case
την ο DET 18 det
πρωτεύουσα πρωτεύουσα NOUN 6 obl
. . PUNCT 4 punct
"""


def test_inverted_subject_after_a_comma_wins_over_one_before_it():
    s = sent(EL_INVERTED_LONG, "el")
    assert [(c.lemma, c.source.text) for c in verb_cues(s, BOOKS["el"])] == [("λέγω", "υπουργός")]


# "For his part the minister, Nikos Pappas, tried to calm the markets, saying that ...",
# with the minister hung on "μεριά" and the gerund parsed as a complement.
EL_GERUND_APPOSITION = """
Από από ADP 3 case
τη ο DET 3 det
μεριά μεριά NOUN 11 obl
του ο DET 6 det
ο ο DET 6 det
υπουργός υπουργός NOUN 3 nmod Case=Nom
, , PUNCT 8 punct
Νίκος Νίκος PROPN 6 appos Case=Nom
Παππάς Παππάς PROPN 8 flat Case=Nom
, , PUNCT 8 punct
προσπάθησε προσπαθώ VERB 0 root
να να AUX 13 aux
καθησυχάσει καθησυχάζω VERB 11 ccomp
τις ο DET 15 det
αγορές αγορά NOUN 13 obj
, , PUNCT 17 punct
λέγοντας λέγω VERB 11 ccomp VerbForm=Conv
ότι ότι SCONJ 20 mark
δεν δεν PART 20 advmod
κινδυνεύουν κινδυνεύω VERB 17 ccomp
. . PUNCT 11 punct
"""


def test_gerund_speaks_with_the_subject_of_its_verb_and_an_apposition_before_a_comma():
    s = sent(EL_GERUND_APPOSITION, "el")
    assert [(c.lemma, c.source.text) for c in verb_cues(s, BOOKS["el"])] == [("λέγω", "Νίκος")]


def test_listed_forms_catch_a_wrong_lemma():
    rows = """
Η ο DET 2 det
κυβέρνηση κυβέρνηση NOUN 3 nsubj:pass
υποσχέθηκε υποσχέω VERB 0 root Voice=Pass
ότι ότι SCONJ 5 mark
θα θα AUX 5 aux
"""
    s = sent(rows.replace("θα θα AUX 5 aux", "θα θα AUX 6 aux\nσυνεχίσει συνεχίζω VERB 3 ccomp").replace(
        "ότι ότι SCONJ 5 mark", "ότι ότι SCONJ 6 mark"), "el")
    assert [(c.lemma, c.source.text, c.passive) for c in verb_cues(s, BOOKS["el"])] == \
        [("υπόσχομαι", "κυβέρνηση", False)]


# "Almost at once, the carmaker Volvo announced that ...", with "ταυτόχρονα" tagged a noun
# subject and the adverb "σχεδόν" as well.
EL_TWO_SUBJECTS = """
Σχεδόν σχεδόν ADV 7 nsubj
ταυτόχρονα ταυτόχρονα NOUN 7 nsubj Case=Nom
, , PUNCT 2 punct
η ο DET 5 det
αυτοκινητοβιομηχανία αυτοκινητοβιομηχανία NOUN 7 nsubj Case=Nom
Volvo Volvo X 5 flat
ανακοίνωσε ανακοινώνω VERB 0 root
ότι ότι SCONJ 9 mark
σταματά σταματώ VERB 7 ccomp
. . PUNCT 7 punct
"""


def test_the_subject_nearest_the_verb_wins_and_adverbs_are_never_subjects():
    s = sent(EL_TWO_SUBJECTS, "el")
    assert [(c.lemma, c.source.text) for c in verb_cues(s, BOOKS["el"])] == [("ανακοινώνω", "αυτοκινητοβιομηχανία")]


HU_INFO_FROM = """
A a DET 2 det
rendőrségtől rendőrség NOUN 3 obl Case=Abl
kapott kap ADJ 4 amod:att VerbForm=PartPast
információk információ NOUN 6 obl Case=Nom
szerint szerint ADP 4 case
nincs nincs VERB 0 root
sérült sérült NOUN 6 nsubj Case=Nom
. . PUNCT 6 punct
"""

EL_DATA_FROM = """
Σύμφωνα σύμφωνα ADV 8 advmod
με με ADP 3 case
στοιχεία στοιχείο NOUN 1 obl Case=Acc
από από ADP 6 case
την ο DET 6 det
αστυνομία αστυνομία NOUN 3 nmod Case=Acc
, , PUNCT 8 punct
συνελήφθησαν συλλαμβάνω VERB 0 root Voice=Pass
. . PUNCT 8 punct
"""


def test_information_from_someone_is_theirs():
    hu = sent(HU_INFO_FROM, "hu")
    assert chains(hu, "hu") == [[("rendőrségtől", "szerint")]]
    assert chains(sent(EL_DATA_FROM, "el"), "el") == [[("αστυνομία", "σύμφωνα με")]]


# "The square, reports a correspondent of the paper, has become a war zone."
EL_ASIDE = """
Η ο DET 2 det
πλατεία πλατεία NOUN 9 nsubj
, , PUNCT 4 punct
αναφέρει αναφέρω VERB 2 conj
ανταποκριτής ανταποκριτής NOUN 4 obj Case=Gen
της ο DET 7 det
Kathimerini Kathimerini X 5 nmod
, , PUNCT 9 punct
έγινε γίνομαι VERB 0 root
ζώνη ζώνη NOUN 9 obj
πολέμου πόλεμος NOUN 10 nmod Case=Gen
. . PUNCT 9 punct
"""


def test_verb_and_noun_phrase_between_commas_is_an_aside():
    s = sent(EL_ASIDE, "el")
    assert [(c.lemma, c.source.text) for c in verb_cues(s, BOOKS["el"])] == [("αναφέρω", "Kathimerini")]


# "According to the regime's official information ..." with "rezsim" tagged an adjective,
# and "A szervezet beszámolók szerint" (the organisation, according to reports).
HU_POSSESSOR_TAGGED_ADJ = """
A a DET 4 det
rezsim rezsim ADJ 4 amod:att Case=Nom
hivatalos hivatalos ADJ 4 amod:att Case=Nom
tájékoztatása tájékoztatás NOUN 7 obl Case=Nom|Number[psor]=Sing|Person[psor]=3
szerint szerint ADP 4 case
ketten kettő NUM 7 nsubj
meghaltak meghal VERB 0 root
. . PUNCT 7 punct
"""


def test_hungarian_possessor_needs_the_possessive_mark():
    assert chains(sent(HU_POSSESSOR_TAGGED_ADJ, "hu"), "hu") == [[("rezsim", "szerint")]]
    unmarked = HU_POSSESSOR_TAGGED_ADJ.replace("rezsim rezsim ADJ 4 amod:att", "szervezet szervezet NOUN 7 nsubj") \
        .replace("tájékoztatása tájékoztatás NOUN 7 obl Case=Nom|Number[psor]=Sing|Person[psor]=3",
                 "beszámolók beszámoló NOUN 7 obl Case=Nom|Number=Plur")
    assert chains(sent(unmarked, "hu"), "hu") == [[("beszámolók", "szerint")]]


EL_ELLIPSIS = """
Πολλές πολύς ADJ 2 amod Gender=Fem|Number=Plur
χώρες χώρα NOUN 3 nsubj Gender=Fem|Number=Plur
αντιδρούν αντιδρώ VERB 0 root
, , PUNCT 7 punct
ενώ ενώ SCONJ 7 mark
μερικές μερικός ADJ 7 nsubj Gender=Fem|Number=Plur
δήλωσαν δηλώνω VERB 3 advcl
ότι ότι SCONJ 9 mark
αποχωρούν αποχωρώ VERB 7 ccomp
. . PUNCT 3 punct
"""


def test_a_quantifier_alone_stands_for_the_noun_before():
    assert chains(sent(EL_ELLIPSIS, "el"), "el") == [[("χώρες", "δηλώνω")]]


EN_CLOSING_ASIDE = """
Prices prices NOUN 3 nsubj
will will AUX 3 aux
rise rise VERB 0 root
, , PUNCT 6 punct
economists economist NOUN 3 nsubj
warn warn VERB 3 advcl
. . PUNCT 3 punct
"""


def test_verb_closing_the_sentence_after_a_comma_speaks_for_the_noun_before_it():
    assert chains(sent(EN_CLOSING_ASIDE, "en"), "en") == [[("economists", "warn")]]


EN_NAME_TITLE = """
Jane Jane PROPN 6 obl
Doe Doe PROPN 1 flat
, , PUNCT 4 punct
QC QC PROPN 1 appos
, , PUNCT 4 punct
said say VERB 0 root
that that SCONJ 9 mark
they they PRON 9 nsubj
appeal appeal VERB 6 ccomp
. . PUNCT 6 punct
"""


def test_a_title_after_a_name_is_not_the_speaker():
    assert chains(sent(EN_NAME_TITLE, "en"), "en") == [[("Jane", "say")]]


def test_a_share_of_a_group_speaks_as_the_group():
    from attrib.attribution.extract.sources import group_of

    s = sent("""
    το ο DET 2 det
    53% 53% NUM 5 nsubj
    των ο DET 4 det
    Γάλλων Γάλλος NOUN 2 nmod Case=Gen
    πιστεύουν πιστεύω VERB 0 root
    """, "el")
    assert group_of(s, s.word(2), BOOKS["el"]).text == "Γάλλων"
    named = sent("""
    Ένας ένας NUM 5 nsubj
    από από ADP 3 case
    πρωτοστάτες πρωτοστάτης NOUN 1 nmod
    , , PUNCT 4 punct
    ανέφερε αναφέρω VERB 0 root
    """, "el")
    assert group_of(named, named.word(1), BOOKS["el"]).text == "πρωτοστάτες"


def test_the_object_of_a_relay_verb_is_quoted_by_its_subject():
    s = sent("""
    Az a DET 2 det
    újság újság NOUN 3 nsubj
    megszólaltatta megszólaltat VERB 0 root
    Kovácsot Kovács PROPN 3 obj
    , , PUNCT 7 punct
    aki aki PRON 7 nsubj PronType=Rel
    megerősítette megerősít VERB 4 acl:relcl
    : : PUNCT 9 punct
    igaz igaz ADJ 7 parataxis
    """, "hu")
    [cue] = verb_cues(s, BOOKS["hu"])
    assert [raw.head.text for raw in chain_from_cue(s, cue, BOOKS["hu"])] == ["újság", "Kovácsot"]


EL_SIBLING_RELAY = """
Όπως όπως SCONJ 2 mark
μετέδωσε μεταδίδω VERB 13 advcl
η ο DET 4 det
ΕΡΤ ΕΡΤ PROPN 2 nsubj Gender=Fem|Number=Sing
, , PUNCT 6 punct
επικαλούμενη επικαλούμαι VERB 13 advcl VerbForm=Part|Gender=Fem|Number=Sing
στελέχη στέλεχος NOUN 6 obj Gender=Neut|Number=Plur
του ο DET 9 det
υπουργείου υπουργείο NOUN 7 nmod Case=Gen
, , PUNCT 6 punct
η ο DET 12 det
κυβέρνηση κυβέρνηση NOUN 13 nsubj
παραιτείται παραιτούμαι VERB 0 root
. . PUNCT 13 punct
"""


def test_a_relay_participle_hung_on_the_main_clause_relays_the_as_clause_source():
    """'Όπως μετέδωσε η ΕΡΤ, επικαλούμενη στελέχη ...': the participle agrees with ΕΡΤ and sits
    between it and the main verb, so ΕΡΤ cites the officials; one that does not agree is not a relay."""
    assert chains(sent(EL_SIBLING_RELAY, "el"), "el") == [[("ΕΡΤ", "μεταδίδω"), ("στελέχη", "επικαλούμαι")]]
    masculine = EL_SIBLING_RELAY.replace("Part|Gender=Fem|Number=Sing", "Part|Gender=Masc|Number=Plur")
    assert chains(sent(masculine, "el"), "el") == [[("ΕΡΤ", "μεταδίδω")]]


EN_SEMICOLON_CLAUSE = """
Police police NOUN 2 nsubj
withdrew withdraw VERB 0 root
from from ADP 4 case
downtown downtown NOUN 2 obl
; ; PUNCT 7 punct
explosions explosion NOUN 7 nsubj
heard hear VERB 2 parataxis Tense=Past|VerbForm=Fin
overnight overnight ADV 7 advmod
"""


def test_a_clause_after_a_semicolon_is_no_speech_tag():
    """'..., he said' hung on a clause reports it; '...; explosions heard' is a clause of its own."""
    assert chains(sent(EN_SEMICOLON_CLAUSE, "en"), "en") == []
    tagged = EN_SEMICOLON_CLAUSE.replace("; ; PUNCT 7 punct", ", , PUNCT 7 punct").replace(
        "explosions explosion NOUN", "witnesses witness NOUN")
    assert chains(sent(tagged, "en"), "en") == [[("witnesses", "hear")]]
