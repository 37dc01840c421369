"""A source's name within its phrase (hand-written parses)."""

from attrib.attribution.extract.names import name_words
from attrib.attribution.extract.sources import phrase
from tests.attribution.extract.conllu import sent


def named(rows, lang, head_id, marks=frozenset()):
    s = sent(rows, lang)
    head = s.word(head_id)
    return " ".join(w.text for w in name_words(s, head, phrase(s, head), marks))


def test_a_company_noun_phrase_is_named_by_its_proper_name():
    rows = """
    Η ο DET 3 det
    ολλανδική ολλανδικός ADJ 3 amod
    εταιρεία εταιρεία NOUN 0 root
    λογισμικού λογισμικό NOUN 3 nmod Case=Gen
    Acme Acme X 3 flat Foreign=Yes
    Soft Soft X 5 flat Foreign=Yes
    του ο DET 8 det
    Άμστερνταμ Άμστερνταμ PROPN 3 nmod Case=Gen
    """
    assert named(rows, "el", 3) == "Acme Soft"


def test_a_role_with_a_name_in_apposition_is_named_by_the_person():
    rows = """
    Poland poland PROPN 3 nmod:poss
    's 's PART 1 case
    coach coach NOUN 0 root
    Adam Adam PROPN 3 appos
    Nowak Nowak PROPN 4 flat
    """
    assert named(rows, "en", 3) == "Adam Nowak"


def test_a_common_noun_keeps_whose_it_is_but_not_the_circumstances():
    rows = """
    officials official NOUN 0 root
    of of ADP 4 case
    the the DET 4 det
    ministry ministry NOUN 1 nmod
    in in ADP 6 case
    Brussels Brussels PROPN 1 nmod
    """
    assert named(rows, "en", 1, frozenset({"of"})) == "officials of the ministry"


def test_a_name_keeps_its_hyphen():
    s = sent("""
    Ahmed Ahmed PROPN 0 root
    al al PROPN 1 flat
    - - PUNCT 4 punct
    Masri Masri PROPN 2 flat
    """, "en")
    from attrib.parsing.sent import with_offsets
    placed = with_offsets(s, "Ahmed al-Masri")
    from attrib.attribution.extract.resolve import surface_of
    assert surface_of(name_words(placed, placed.word(1), placed.words)) == "Ahmed al-Masri"


def test_a_title_word_gives_the_noun_its_name():
    from attrib.parsing.sent import fold

    s = sent("""
    A a DET 5 det
    Magyar Magyar PROPN 4 nmod:att Case=Nom
    Hírlap Hírlap PROPN 2 flat:name Case=Nom
    című című ADJ 5 amod:att Case=Nom
    napilap napilap NOUN 0 root Case=Nom
    """, "hu")
    head = s.word(5)
    assert " ".join(w.text for w in name_words(s, head, phrase(s, head))) == "Magyar Hírlap című napilap"
    titled = name_words(s, head, phrase(s, head), title_marks=frozenset({fold("című")}))
    assert " ".join(w.text for w in titled) == "Magyar Hírlap"


def test_proper_nouns_compounded_before_a_name_are_part_of_it():
    rows = """
    The the DET 4 det
    Home Home PROPN 4 compound
    Builders Builders PROPN 4 compound
    Federation Federation PROPN 5 nsubj
    said say VERB 0 root
    """
    assert named(rows, "en", 4) == "Home Builders Federation"
    rows = """
    Karen Karen PROPN 2 compound
    Mills mills NOUN 3 nsubj
    said say VERB 0 root
    """
    assert named(rows, "en", 2) == "Karen Mills"  # the surname a tagger called a noun


def test_a_title_in_quotation_marks_after_a_noun_names_it():
    rows = """
    την ο DET 2 det
    εφημερίδα εφημερίδα NOUN 0 root
    « « PUNCT 5 punct
    Αιτωλική αιτωλικός ADJ 5 amod
    Ηχώ Ηχώ NOUN 2 conj
    » » PUNCT 5 punct
    """
    assert named(rows, "el", 2) == "Αιτωλική Ηχώ"
    assert named(rows.replace("Αιτωλική αιτωλικός", "τοπική τοπικός"), "el", 2) != "τοπική Ηχώ"  # no capital: no title


def test_a_hashtag_is_no_name():
    from attrib.attribution.extract.names import is_name
    from attrib.parsing.sent import Word

    tag = Word(1, "#protest", "#protest", "PROPN", {}, 0, "nsubj", 0, 8)
    assert not is_name(tag) and is_name(Word(1, "Reuters", "Reuters", "PROPN", {}, 0, "nsubj", 0, 7))
