"""Cue rules for the language (hand-written parses of sentences in no gold set): learning,
impersonal reports, unreal verbs, content objects, documents, places, nouns with clauses,
words that name no one, comparisons."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.cues import (
    according_cues,
    document_cues,
    impersonal_cues,
    noun_cues,
    verb_cues,
)
from attrib.attribution.extract.sources import chain_from_cue
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()


def sources(rows, lang, finder=verb_cues):
    s = sent(rows, lang)
    return [(c.lemma, c.source.text if c.source else None, c.passive) for c in finder(s, BOOKS[lang])]


def test_a_verb_of_learning_takes_the_giver_even_in_the_first_person():
    rows = """
    Mint mint SCONJ 5 mark
    Kovács Kovács PROPN 3 flat
    Pétertől Péter PROPN 5 obl Case=Abl
    , , PUNCT 5 punct
    megtudtuk megtud VERB 9 advcl Person=1|Number=Plur
    , , PUNCT 5 punct
    nem nem ADV 8 advmod
    nyit nyit VERB 9 ccomp
    ki ki ADV 8 compound:preverb
    """
    assert ("megtud", "Pétertől", False) in sources(rows, "hu")
    alone = """
    Megtudtuk megtud VERB 0 root Person=1|Number=Plur
    , , PUNCT 4 punct
    hogy hogy SCONJ 4 mark
    zárva zár VERB 1 ccomp
    """
    assert sources(alone, "hu") == []  # "we learned that": the outlet's own voice


def test_impersonal_markers_and_verbs_give_an_unnamed_source():
    assert sources("""
    A a DET 2 det
    polgármester polgármester NOUN 4 nsubj
    állítólag állítólag ADV 4 advmod
    lemondott lemond VERB 0 root
    """, "hu", impersonal_cues) == [("állítólag", None, True)]
    alleged = sources("""
    Ο ο DET 2 det
    ύποπτος ύποπτος NOUN 3 nsubj
    φέρεται φέρω VERB 0 root Voice=Pass
    να να AUX 5 mark
    ανήκει ανήκω VERB 3 ccomp
    σε σε ADP 7 case
    συμμορία συμμορία NOUN 5 obl
    """, "el")
    assert alleged == [("φέρομαι", None, True)]


def test_a_reporting_verb_in_the_future_or_conditional_reports_nothing_yet():
    rows = """
    The the DET 2 det
    minister minister NOUN 4 nsubj
    will will AUX 4 aux
    announce announce VERB 0 root
    new new ADJ 6 amod
    measures measure NOUN 4 obj
    """
    assert sources(rows, "en") == []
    assert sources(rows.replace("will will AUX 4 aux", "has have AUX 4 aux"), "en") == [("announce", "minister", False)]


def test_a_content_noun_object_or_a_closing_colon_is_content():
    issued = """
    Το ο DET 2 det
    υπουργείο υπουργείο NOUN 3 nsubj
    μετέδωσε μεταδίδω VERB 0 root
    ανακοίνωση ανακοίνωση NOUN 3 obj
    """
    assert sources(issued, "el") == [("μεταδίδω", "υπουργείο", False)]
    documentary = issued.replace("ανακοίνωση ανακοίνωση NOUN 3 obj", "ντοκιμαντέρ ντοκιμαντέρ NOUN 3 obj")
    assert sources(documentary, "el") == []
    colon = sent("""
    The the DET 2 det
    company company NOUN 3 nsubj
    denied deny VERB 0 root
    the the DET 5 det
    rumours rumour NOUN 3 obj
    : : PUNCT 3 punct
    """, "en")
    colon.text = "The company denied the rumours:"
    assert [c.lemma for c in verb_cues(colon, BOOKS["en"])] == ["deny"]


def test_the_document_a_clause_is_in_and_a_passive_that_says_where():
    in_report = """
    Στην σε ADP 2 case
    έκθεση έκθεση NOUN 6 obl
    , , PUNCT 6 punct
    η ο DET 5 det
    χώρα χώρα NOUN 6 nsubj
    υποχωρεί υποχωρώ VERB 0 root
    """
    assert sources(in_report, "el", document_cues) == [("έκθεση", "έκθεση", False)]
    stated = """
    « « PUNCT 2 punct
    Φεύγουμε φεύγω VERB 4 ccomp Person=1
    » » PUNCT 2 punct
    αναφέρεται αναφέρω VERB 0 root Voice=Pass
    στη σε ADP 6 case
    δήλωση δήλωση NOUN 4 obl
    """
    assert sources(stated, "el") == [("αναφέρω", "δήλωση", False)]


def test_a_hungarian_impersonal_report_at_an_institution():
    rows = """
    A a DET 2 det
    minisztériumban minisztérium NOUN 3 obl Case=Ine
    elmondták elmond VERB 0 root Number=Plur|Person=3
    : : PUNCT 5 punct
    nincs van VERB 3 parataxis
    """
    assert sources(rows, "hu") == [("elmond", "minisztériumban", False)]


def test_a_content_noun_with_its_author_and_a_clause_is_a_cue():
    rows = """
    Οι ο DET 2 det
    δηλώσεις δήλωση NOUN 7 nsubj
    του ο DET 4 det
    υπουργού υπουργός NOUN 2 nmod Case=Gen
    ότι ότι SCONJ 6 mark
    παραιτείται παραιτούμαι VERB 2 acl
    προκάλεσαν προκαλώ VERB 0 root
    σάλο σάλος NOUN 7 obj
    """
    s = sent(rows, "el")
    [cue] = noun_cues(s, BOOKS["el"])
    assert [raw.head.text for raw in chain_from_cue(s, cue, BOOKS["el"])] == ["υπουργού"]
    anonymous = sent(rows.replace("υπουργού υπουργός NOUN 2 nmod Case=Gen", "χθες χθες ADV 7 advmod"), "el")
    assert chain_from_cue(anonymous, noun_cues(anonymous, BOOKS["el"])[0], BOOKS["el"]) == []


def test_words_that_name_no_one_are_no_source():
    this_means = """
    Ez ez PRON 3 nsubj PronType=Dem
    azt az PRON 3 obj PronType=Dem
    jelenti jelent VERB 0 root
    , , PUNCT 6 punct
    hogy hogy SCONJ 6 mark
    vége vég NOUN 3 ccomp
    """
    assert sources(this_means, "hu") == []
    our_country = """
    Η ο DET 2 det
    χώρα χώρα NOUN 4 nsubj
    μας μου PRON 2 nmod Person=1|Poss=Yes
    θεωρεί θεωρώ VERB 0 root
    ότι ότι SCONJ 6 mark
    φταίνε φταίω VERB 4 ccomp
    """
    assert sources(our_country, "el") == []
    experience = """
    A a DET 2 det
    tapasztalatok tapasztalat NOUN 5 obl
    szerint szerint ADP 2 case
    sokan sokan ADV 5 nsubj
    jönnek jön VERB 0 root
    """
    assert sources(experience, "hu", lambda s, b: according_cues(s, b, lambda *a: True)) == []


def test_an_indefinite_subject_is_a_source_even_as_an_adverb():
    rows = """
    Sokan sokan ADV 3 nsubj
    őt ő PRON 3 obj
    okolták okol VERB 0 root
    """
    assert sources(rows, "hu") == [("okol", "Sokan", False)]


def test_a_comparison_is_no_as_clause():
    rows = """
    A a DET 2 det
    hiány hiány NOUN 3 nsubj
    kisebb kis ADJ 0 root Degree=Cmp
    , , PUNCT 9 punct
    mint mint SCONJ 9 mark
    amire ami PRON 9 obl PronType=Rel
    a a DET 8 det
    szakértők szakértő NOUN 9 nsubj
    számítottak számít VERB 3 advcl
    """
    assert sources(rows, "hu") == []


def according(rows, lang):
    return sources(rows, lang, lambda s, b: according_cues(s, b, lambda *_: True))


def test_an_according_idiom_with_a_bare_noun_is_no_cue():
    scheduled = """
    A a DET 2 det
    tervek terv NOUN 5 obl Number=Plur
    szerint szerint ADP 2 case
    holnap holnap ADV 5 advmod
    indul indul VERB 0 root
    """
    assert according(scheduled, "hu") == []
    technical = """
    A a DET 3 det
    műszaki műszaki ADJ 3 amod:att
    tervek terv NOUN 6 obl Number=Plur
    szerint szerint ADP 3 case
    holnap holnap ADV 6 advmod
    indul indul VERB 0 root
    """
    assert according(technical, "hu") == [("szerint", "tervek", False)]
    assert according("""
    according accord VERB 3 case
    to to ADP 1 fixed
    plan plan NOUN 6 obl
    , , PUNCT 3 punct
    it it PRON 6 nsubj
    opens open VERB 0 root
    """, "en") == []


def test_an_aside_near_the_start_reports_what_follows_it():
    rows = """
    Ráadásul ráadásul ADV 9 advmod
    — — PUNCT 3 punct
    vélik vél VERB 9 advcl Number=Plur|Person=3
    az az DET 5 det
    elemzők elemző NOUN 3 nsubj Number=Plur
    — — PUNCT 3 punct
    a a DET 8 det
    gazdaság gazdaság NOUN 9 nsubj
    lassul lassul VERB 0 root
    idén idén ADV 9 advmod
    """
    assert sources(rows, "hu") == [("vél", "elemzők", False)]
    short = rows.replace("    a a DET 8 det\n", "").replace("idén idén ADV 9 advmod", "").replace(
        "Ráadásul ráadásul ADV 9", "Ráadásul ráadásul ADV 8").replace("vélik vél VERB 9", "vélik vél VERB 8").replace(
        "gazdaság gazdaság NOUN 9", "gazdaság gazdaság NOUN 8")
    assert sources(short, "hu") == []  # two words after the aside are too few to be its content


def test_a_first_person_passive_is_someone_telling_the_author():
    rows = """
    I I PRON 3 nsubj:pass Person=1|PronType=Prs
    'm be AUX 3 aux:pass
    advised advise VERB 0 root Voice=Pass
    that that SCONJ 7 mark
    the the DET 6 det
    risk risk NOUN 7 nsubj
    is be VERB 3 ccomp
    """
    assert sources(rows, "en") == [("advise", None, True)]
    active = rows.replace("nsubj:pass", "nsubj").replace("'m be AUX 3 aux:pass", "have have AUX 3 aux").replace(
        "advised advise VERB 0 root Voice=Pass", "advised advise VERB 0 root")
    assert sources(active, "en") == []  # "I have advised that ...": the author's own voice


def test_a_noun_whose_ending_shows_an_oblique_case_is_no_subject_whatever_the_tagger_said():
    rows = """
    Kovács Kovács PROPN 3 nsubj Case=Nom
    kérdésére kérdés NOUN 3 obl Case=Nom
    mondta mond VERB 0 root Number=Sing|Person=3
    , , PUNCT 6 punct
    hogy hogy SCONJ 6 mark
    jön jön VERB 3 ccomp
    """
    assert sources(rows, "hu") == [("mond", "Kovács", False)]
    wrong = rows.replace("Kovács Kovács PROPN 3 nsubj", "Kovács Kovács PROPN 2 nmod:att").replace(
        "kérdésére kérdés NOUN 3 obl", "kérdésére kérdés NOUN 3 nsubj")
    assert sources(wrong, "hu") != [("mond", "kérdésére", False)]  # to Kovács's question: not the speaker


def test_a_dash_before_a_verb_is_no_preverb():
    rows = """
    – – ADV 2 compound:preverb
    mondta mond VERB 0 root Number=Sing|Person=3
    Kovács Kovács PROPN 2 nsubj
    """
    assert sources(rows, "hu") == [("mond", "Kovács", False)]
