""""X told <outlet>": the medium is the proximate link unless it is the article's own."""

from attrib.attribution.rules import attribute_article
from attrib.languages.codebook import load_codebooks
from attrib.parsing.sent import with_offsets
from attrib.attribution.registry import load_registry
from attrib.article.structure import Block
from tests.attribution.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()

TOLD = """
The the DET 2 det
mayor mayor NOUN 3 nsubj
told tell VERB 0 root
the the DET 5 det
{medium}
that that SCONJ 9 mark
the the DET 8 det
bridge bridge NOUN 9 nsubj
collapsed collapse VERB 3 ccomp
. . PUNCT 3 punct
"""


def chain(rows, text, lang, outlet=None):
    s = with_offsets(sent(rows, lang), text)
    result = attribute_article([(Block(0, 0, text, "paragraph", lang), [s])], BOOKS, REG, outlet)[0][0]
    return [link.name for link in result.chain]


def told(medium: str, outlet=None) -> list[str]:
    word = medium.split()[0]
    return chain(TOLD.format(medium=medium), f"The mayor told the {word} that the bridge collapsed.", "en", outlet)


def test_a_medium_the_speaker_told_comes_first():
    assert told("newspaper newspaper NOUN 3 obj") == ["newspaper", "mayor"]
    assert told("BBC BBC PROPN 3 obj")[0] == "BBC"  # the registry knows it as a broadcaster


def test_someone_told_who_is_no_medium_adds_no_link():
    assert told("court court NOUN 3 obj") == ["mayor"]
    assert told("Herald Herald PROPN 3 obj") == ["mayor"]  # an unknown name is no medium by itself


def test_the_articles_own_outlet_is_not_a_link():
    assert told("BBC BBC PROPN 3 obj", outlet="BBC") == ["mayor"]


def test_our_paper_is_the_outlet():
    rows = """
    Kiss Kiss PROPN 3 nsubj
    lapunknak lap NOUN 3 obl Case=Dat|Person[psor]=1|Number[psor]=Plur
    elmondta elmond VERB 0 root
    , , PUNCT 6 punct
    hogy hogy SCONJ 6 mark
    marad marad VERB 3 ccomp
    """
    assert chain(rows, "Kiss lapunknak elmondta, hogy marad", "hu") == ["Kiss"]
    other = rows.replace("lapunknak lap NOUN 3 obl Case=Dat|Person[psor]=1|Number[psor]=Plur", "lapnak lap NOUN 3 obl Case=Dat")
    assert chain(other, "Kiss lapnak elmondta, hogy marad", "hu") == ["lap", "Kiss"]


def test_a_medium_an_interview_was_given_to_comes_first():
    rows = """
The the DET 2 det
mayor mayor NOUN 3 nsubj
said say VERB 0 root
in in ADP 6 case
an a DET 6 det
interview interview NOUN 3 obl
he he PRON 8 nsubj
gave give VERB 6 acl:relcl
to to ADP 10 case
CNN CNN PROPN 8 obl
that that SCONJ 15 mark
the the DET 14 det
bridge bridge NOUN 15 nsubj
collapsed collapse VERB 3 ccomp
. . PUNCT 3 punct
"""
    text = "The mayor said in an interview he gave to CNN that the bridge collapsed."
    assert chain(rows, text, "en")[1:] == ["mayor"] and chain(rows, text, "en")[0].startswith("CNN")
    own = chain(rows, text, "en", outlet="CNN")
    assert own == ["mayor"]


def test_an_answer_to_a_paper_puts_the_paper_first_not_the_answer():
    rows = """
    Το ο DET 2 det
    υπουργείο υπουργείο NOUN 9 nsubj
    , , PUNCT 6 punct
    σε σε ADP 6 case
    γραπτή γραπτός ADJ 6 amod
    απάντηση απάντηση NOUN 9 obl
    προς προς ADP 8 case
    εφημερίδα εφημερίδα NOUN 6 nmod
    διαβεβαιώνει διαβεβαιώνω VERB 0 root
    ότι ότι SCONJ 11 mark
    επαρκεί επαρκώ VERB 9 ccomp
    """
    text = "Το υπουργείο, σε γραπτή απάντηση προς εφημερίδα διαβεβαιώνει ότι επαρκεί"
    assert chain(rows, text, "el") == ["εφημερίδα", "υπουργείο"]


def test_a_speaking_gerund_gives_the_medium_however_it_is_attached():
    rows = """
    Ανέφερε αναφέρω VERB 0 root
    μιλώντας μιλώ VERB 1 ccomp VerbForm=Conv
    σε σε ADP 5 case
    ραδιοφωνικό ραδιοφωνικός ADJ 5 amod
    σταθμό σταθμός NOUN 2 obl
    ότι ότι SCONJ 7 mark
    λείπουν λείπω VERB 1 ccomp
    """
    text = "Ανέφερε μιλώντας σε ραδιοφωνικό σταθμό ότι λείπουν"
    assert chain(rows, text, "el")[0] == "ραδιοφωνικό σταθμό"  # as written: the test rows give no lemma case


def test_the_press_at_large_is_no_medium():
    assert told("reporters reporter NOUN 3 obj Number=Plur") == ["mayor"]
    assert told("reporter reporter NOUN 3 obj Number=Sing")[0] == "reporter"  # one reporter, of some medium
