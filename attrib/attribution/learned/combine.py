"""The learned attribution in the pipeline: the model says which words, resolution says who.

The model's answer for a sentence (:mod:`attrib.attribution.learned.infer`) is a number of links,
each the span of words naming its source (anywhere in the window the model read) or a
special answer. Each span becomes a source through what the rules already have: the
words of the span in the parse of the sentence that holds it, resolved against the
registry, the article's earlier sources (pronouns, role nouns) and the codebooks' source
nouns (:func:`attrib.attribution.extract.resolve.resolve_link`); ``previous`` is the latest speaker
the model found, ``unnamed``/``unknown``/``account`` the implicit sources.

Per language a mode decides: ``rules`` (the model is not asked), ``model`` (the model
decides whether a sentence is attributed and gives its chain) or ``hybrid`` (the model
decides whether it is attributed; the rules' chain is kept where the rules found one).
Posts and interview answers keep the structure's author or interviewee first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from attrib.attribution.extract.resolve import Link, resolve_link
from attrib.parsing.sent import Sent, Word
from attrib.attribution.extract.sources import RawLink, phrase

if TYPE_CHECKING:  # torch is imported only where the model runs
    from attrib.attribution.learned.decode import PredictedLink, PredictedSentence

MODES = ("rules", "model", "hybrid")
IMPLICIT_LINKS = {
    "unnamed": ("unnamed", "unnamed source", "unnamed", "passive"),
    "unknown": ("unknown", "unknown source", "unknown", "unknown"),
    "account": ("account", "unidentified account", "social_media", "post-author"),
}


@dataclass
class Learned:
    """The model's answers for one article and how to use them."""

    modes: dict[str, str]
    predictions: dict[int, PredictedSentence]
    sents: list[Sent] = field(default_factory=list)
    last_speaker: Link | None = None

    def mode(self, lang: str | None) -> str:
        return self.modes.get(lang or "", "rules")


def span_words(sent: Sent, start: int, end: int) -> list[Word]:
    """The words of a sentence within ``[start, end)`` (document offsets)."""
    return [w for w in sent.words if w.start is not None and w.start < end and w.end > start]


def span_head(sent: Sent, words: list[Word]) -> Word:
    """The span's head: a word whose head lies outside the span (a name or noun first)."""
    ids = {w.id for w in words}
    outside = [w for w in words if w.head not in ids] or words
    named = [w for w in outside if w.upos in ("PROPN", "NOUN", "PRON", "NUM", "X")]
    return (named or outside)[0]


def _whole_name(sent: Sent, head: Word, words: list[Word]) -> list[Word]:
    """The span widened to its head's whole name where the model cut it short
    ("United" of "Manchester United", "Club" of "Paris Club"): the head's noun phrase when
    it is a name, else the span as pointed at."""
    if head.upos != "PROPN":
        return words
    ids = {w.id for w in words}
    names = [w for w in phrase(sent, head) if w.upos == "PROPN" or w.id in ids]
    return sorted({w.id: w for w in names + words}.values(), key=lambda w: w.id)


def sentence_at(sents: list[Sent], offset: int) -> Sent | None:
    """The sentence holding a document offset."""
    for sent in sents:
        if sent.words and sent.start <= offset < (sent.words[-1].end or sent.start):
            return sent
    return None


def cue_word(sent: Sent, cue: tuple[int, int] | None) -> str:
    """The cue as the rules write it: the lemma of its verb (else of its first word)."""
    words = span_words(sent, *cue) if cue else []
    verbs = [w for w in words if w.upos in ("VERB", "AUX")]
    return (verbs or words)[0].lemma.lower() if words else ""


def link_of(pred: PredictedLink, sent: Sent, learned: Learned, ctx) -> Link | None:
    """The source one predicted link stands for."""
    cue = cue_word(sent, pred.cue)
    if pred.special == "previous":
        return replace(learned.last_speaker, surface="", cue=cue, resolution="pro-drop") if learned.last_speaker \
            else Link("unknown", "unknown source", "unknown", "", cue, "unknown")
    if pred.special:
        source_id, name, kind, how = IMPLICIT_LINKS[pred.special]
        return Link(source_id, name, kind, "", cue, how)
    holder = sentence_at(learned.sents, pred.span[0])
    words = span_words(holder, *pred.span) if holder else []
    if not words:
        return None
    book = ctx.books.get(holder.lang) or ctx.books.get(sent.lang)
    head = span_head(holder, words)
    raw = RawLink(head, tuple(_whole_name(holder, head, words)), cue)
    return resolve_link(holder, raw, book, ctx.registry, ctx.history)


def model_chain(pred: PredictedSentence, sent: Sent, learned: Learned, ctx) -> list[Link]:
    """The chain the model gives a sentence, the same source never twice in a row."""
    chain: list[Link] = []
    for link in (link_of(p, sent, learned, ctx) for p in pred.links):
        if link is not None and not (chain and chain[-1].source_id == link.source_id):
            chain.append(link)
    return chain


def apply_learned(block, sents: list[Sent], results: list, ctx, structural: bool) -> list[bool]:
    """Put the model's decisions into a paragraph's results (rules' results otherwise).

    Returns:
        Per sentence, whether its chain now comes from the model (its quote type too).
    """
    learned: Learned | None = getattr(ctx, "learned", None)
    mode = learned.mode(block.lang) if learned is not None else "rules"
    if mode == "rules" or structural:
        return [False] * len(sents)
    from_model = []
    for sent, res in zip(sents, results):
        pred = learned.predictions.get(sent.start)
        use = pred is not None and not (mode == "hybrid" and pred.links and res.chain)
        if use:
            res.chain, res.inner = (model_chain(pred, sent, learned, ctx) if pred.links else []), []
            ctx.history.extend(res.chain)
        if res.chain:
            learned.last_speaker = res.chain[0]
        from_model.append(use and bool(res.chain))
    return from_model


def apply_quotes(sents: list[Sent], results: list, ctx, from_model: list[bool]) -> None:
    """The model's quote type for the sentences whose chain it gave."""
    learned = getattr(ctx, "learned", None)
    for sent, res, own in zip(sents, results, from_model):
        if own and learned is not None:
            res.quote = learned.predictions[sent.start].quote
