"""Quotation spans and hedges on sentences written for the tests."""

from attrib.languages.codebook import load_codebooks
from attrib.attribution.extract.hedges import hedges
from attrib.attribution.extract.quotes import quote_spans
from tests.attribution.extract.conllu import sent

BOOKS = load_codebooks()


def _spans(text, lang):
    return [(s.kind, s.closed, text[s.start:s.end]) for s in quote_spans(text, BOOKS[lang])]


def test_speech_and_terms_in_greek():
    text = "Ο υπουργός δήλωσε: «Δεν θα υποχωρήσουμε. Θα μείνουμε εδώ». Μίλησε για «προβοκάτορες»."
    assert _spans(text, "el") == [("speech", True, "Δεν θα υποχωρήσουμε. Θα μείνουμε εδώ"),
                                  ("term", True, "προβοκάτορες")]


def test_hungarian_low_high_quotes_and_dash_dialogue():
    text = "– Nem adjuk fel – mondta egy tüntető. A rendőrség „provokátorokról” beszélt."
    assert _spans(text, "hu") == [("speech", True, "Nem adjuk fel"), ("term", True, "provokátorokról")]


def test_apostrophes_are_not_quotes_and_unclosed_quotes_run_to_the_end():
    text = "The minister's aide said: “We will not resign. We stay"
    assert _spans(text, "en") == [("speech", False, "We will not resign. We stay")]


REPORTEDLY = """
Ο ο DET 2 det
δράστης δράστης NOUN 3 nsubj
φέρεται φέρω VERB 0 root Voice=Pass
να να AUX 5 mark
διέφυγε διαφεύγω VERB 3 xcomp
χωρίς χωρίς ADP 9 case
να να AUX 8 mark
προσκομίσει προσκομίζω VERB 5 advcl
στοιχεία στοιχείο NOUN 8 obj
. . PUNCT 3 punct
"""

NOT_CONFIRMED = """
The the DET 2 det
report report NOUN 6 nsubj:pass
has have AUX 6 aux
not not PART 6 advmod
been be AUX 6 aux:pass
confirmed confirm VERB 0 root
. . PUNCT 6 punct
"""

HU_ALLEGEDLY = """
A a DET 2 det
katonák katona NOUN 4 nsubj
állítólag állítólag ADV 4 advmod
lőttek lő VERB 0 root
. . PUNCT 4 punct
"""


def test_hedges():
    assert hedges(sent(REPORTEDLY, "el"), BOOKS["el"]) == ["reportedly", "without_evidence"]
    assert hedges(sent(NOT_CONFIRMED, "en"), BOOKS["en"]) == ["unconfirmed"]
    assert hedges(sent(HU_ALLEGEDLY, "hu"), BOOKS["hu"]) == ["reportedly"]


def test_a_quotation_left_open_goes_on_in_the_next_paragraph():
    from attrib.attribution.extract.quotes import left_open, quote_spans

    first = quote_spans("Ο υπουργός είπε: «Δεν φεύγω.", BOOKS["el"])
    assert left_open(first) == "«»"
    reopened = quote_spans("«Μένω εδώ.» Η συνεδρίαση έληξε.", BOOKS["el"], left_open(first))
    assert reopened[0].continued and reopened[0].kind == "speech"
    closes = quote_spans("μένουμε εδώ.» Μετά έφυγε.", BOOKS["el"], "«»")
    assert closes[0].continued and closes[0].end == len("μένουμε εδώ.")
    assert len(closes) == 1  # the closing mark opens nothing
    assert quote_spans('Then he left "for good".', BOOKS["en"], '""')[0].kind == "term"  # no reopening: closed before
    straight = quote_spans('put the game to bed early." After the match, Smith said, "We lost.', BOOKS["en"], '""')
    assert straight[0].continued and straight[0].end == len("put the game to bed early.")  # a closer by its place
    assert straight[1].start == straight[0].end + len('." After the match, Smith said, "') - 1 and not straight[1].closed


def test_a_dash_after_a_colon_opens_dialogue():
    text = "Kovács kijelentette: — Nem megyünk el — tette hozzá. Utána hazament."
    spans = _spans(text, "hu")
    assert ("speech", True, "Nem megyünk el") in spans


def test_a_dash_opening_a_sentence_inside_a_paragraph_opens_dialogue_but_not_one_before_the_tag():
    text = "Kovács nem ismerte el a vádat. – Soha nem kaptam pénzt – mondta a bírónak."
    assert ("speech", True, "Soha nem kaptam pénzt") in _spans(text, "hu")
    tagged = "Vajon sikernek tekinthető-e? — tette fel a kérdést a lap."
    assert not [s for s in _spans(tagged, "hu") if s[2].startswith("tette")]
