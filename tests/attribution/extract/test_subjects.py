"""Source words of reporting verbs (hand-written parses)."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.cues import verb_cues
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()


def test_a_coordinate_verb_with_another_person_has_its_own_subject():
    rows = """
    Az az DET 2 det
    állapota állapot NOUN 3 nsubj
    romlott romlik VERB 0 root Number=Sing|Person=3
    , , PUNCT 6 punct
    és és CCONJ 6 cc
    felkérték felkér VERB 3 conj Number=Plur|Person=3
    , , PUNCT 9 punct
    hogy hogy SCONJ 9 mark
    tervezze tervez VERB 6 ccomp
    """
    [cue] = verb_cues(sent(rows, "hu"), BOOKS["hu"])
    assert cue.source is None  # not "állapota": "felkérték" (they asked) has another subject
    same = rows.replace("Number=Plur|Person=3", "Number=Sing|Person=3")
    [shared] = verb_cues(sent(same, "hu"), BOOKS["hu"])
    assert shared.source.text == "állapota"


def test_a_comma_after_the_subjects_apposition_is_no_aside():
    rows = """
    Ο ο DET 2 det
    πρόεδρος πρόεδρος NOUN 6 nsubj
    , , PUNCT 4 punct
    Γιάννης Γιάννης PROPN 2 appos
    , , PUNCT 4 punct
    δήλωσε δηλώνω VERB 0 root
    ότι ότι SCONJ 8 mark
    φεύγει φεύγω VERB 6 ccomp
    """
    [cue] = verb_cues(sent(rows, "el"), BOOKS["el"])
    assert cue.source.text == "πρόεδρος"


def source_of(rows, lang):
    return [c.source.text if c.source else None for c in verb_cues(sent(rows, lang), BOOKS[lang])]


def test_the_subject_of_the_reported_clause_is_not_the_reporting_verbs():
    rows = """
    Mills Mills PROPN 0 root
    , , PUNCT 5 punct
    a a DET 4 det
    nurse nurse NOUN 1 appos
    said say VERB 1 parataxis
    staff staff NOUN 8 nsubj
    had have AUX 8 aux
    worked work VERB 5 ccomp
    """
    assert source_of(rows, "en") == ["Mills"]  # the parser's root, not "staff"


def test_a_nominal_root_is_no_subject_past_another_verb():
    rows = """
    Mills Mills PROPN 0 root
    who who PRON 3 nsubj
    left leave VERB 1 acl:relcl
    said say VERB 3 parataxis
    staff staff NOUN 7 nsubj
    had have AUX 7 aux
    worked work VERB 4 ccomp
    """
    assert source_of(rows, "en") != ["staff"]
    assert source_of(rows, "en") != ["Mills"]  # "left" stands between the root and "said"
