"""The model's spans become sources through the rules' resolution; the mode decides who
gives a sentence its chain. Hand-written CoNLL-U, no model."""

from attrib.attribution.rules import attribute_article
from attrib.languages.codebook import load_codebooks
from attrib.parsing.sent import with_offsets
from attrib.attribution.learned.combine import Learned
from attrib.attribution.learned.decode import PredictedLink, PredictedSentence
from attrib.attribution.registry import load_registry
from attrib.article.structure import Block
from tests.attribution.extract.conllu import sent

BOOKS, REG = load_codebooks(), load_registry()
TEXT = "Minister John Smith said taxes rise. He added that it was hard. Prices rose."
FIRST = """
Minister minister NOUN 3 compound
John John PROPN 4 nsubj
Smith Smith PROPN 2 flat
said say VERB 0 root
taxes tax NOUN 6 nsubj
rise rise VERB 4 ccomp
. . PUNCT 4 punct
"""
SECOND = """
He he PRON 2 nsubj Case=Nom|Number=Sing|Person=3|PronType=Prs
added add VERB 0 root
that that SCONJ 6 mark
it it PRON 6 nsubj
was be AUX 6 cop
hard hard ADJ 2 ccomp
. . PUNCT 2 punct
"""
THIRD = """
Prices price NOUN 2 nsubj
rose rise VERB 0 root
. . PUNCT 2 punct
"""


def _parsed():
    sents, cursor = [], 0
    for rows in (FIRST, SECOND, THIRD):
        s = with_offsets(sent(rows, "en"), TEXT, 0, cursor)
        s.start, s.text = s.words[0].start, TEXT[s.words[0].start:s.words[-1].end]
        cursor = s.words[-1].end
        sents.append(s)
    return [(Block(0, 0, TEXT, lang="en"), sents)], sents


def _span(words: str) -> tuple[int, int]:
    at = TEXT.index(words)
    return at, at + len(words)


def _chains(mode: str, predictions: dict) -> list[list[str]]:
    parsed, _ = _parsed()
    learned = Learned({"en": mode}, predictions)
    results = attribute_article(parsed, BOOKS, REG, None, learned)
    return [[link.name for link in res.chain] for res in results[0]]


def _pred(s: int, *links: PredictedLink, quote: str = "indirect") -> PredictedSentence:
    return PredictedSentence(s, 0.9 if links else 0.1, quote, list(links))


def test_a_pronoun_span_is_resolved_to_the_speaker_before_it():
    parsed, sents = _parsed()
    preds = {sents[0].start: _pred(0, PredictedLink(_span("John Smith"), None, _span("said"), 1.0)),
             sents[1].start: _pred(1, PredictedLink(_span("He"), None, _span("added"), 1.0)),
             sents[2].start: _pred(2)}
    chains = _chains("model", preds)
    assert chains[0] == chains[1] and "Smith" in chains[0][0] and chains[2] == []


def test_special_answers_and_the_previous_speaker():
    parsed, sents = _parsed()
    preds = {sents[0].start: _pred(0, PredictedLink(_span("John Smith"), None, None, 1.0)),
             sents[1].start: _pred(1, PredictedLink(None, "previous", None, 1.0)),
             sents[2].start: _pred(2, PredictedLink(None, "unnamed", None, 1.0))}
    chains = _chains("model", preds)
    assert chains[1] == chains[0] and chains[2] == ["unnamed source"]


def test_the_model_can_say_no_and_the_mode_decides():
    parsed, sents = _parsed()
    preds = {s.start: _pred(i) for i, s in enumerate(sents)}
    assert _chains("model", preds) == [[], [], []]
    rules = _chains("rules", preds)
    assert rules[0] and rules[1]  # the rules alone attribute both reports
    hybrid_preds = {**preds, sents[0].start: _pred(0, PredictedLink(_span("taxes"), None, None, 1.0))}
    hybrid = _chains("hybrid", hybrid_preds)
    assert hybrid[0] == rules[0] and hybrid[1] == []  # the rules' chain kept, the model's "no" obeyed
