"""Targets of the learned attribution, per window: what each predicted sentence should get.

For every sentence a window predicts: how many links its chain has (0 = not attributed),
its quote type, and for each link either the tokens that may start and end the words
naming the source (every occurrence of those words in the window counts: the model may
point at any of them), or one of the special answers: ``unnamed``, ``unknown``,
``account``, or ``previous`` (the source is named outside the window and the sentence does
not refer to it in words: the latest speaker, resolved from the document's history).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from attrib.attribution.learned.targets import LABELS, MAX_LINKS, QUOTES, LinkTarget, TrainDoc
from attrib.attribution.learned.windows import Window, make_windows, tokenize_document

SPECIALS = (*LABELS, "previous")
IGNORE = -100


@dataclass
class LinkLabel:
    """One link's answer in a window: token positions, or a special, or nothing to learn."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    special: int = IGNORE
    cue_starts: list[int] = field(default_factory=list)
    cue_ends: list[int] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return bool(self.starts) or self.special != IGNORE


@dataclass
class Example:
    """A window with the answers for its target sentences."""

    window: Window
    lang: str
    ranges: list[tuple[int, int]]        # per target: its tokens' positions in the window
    count: list[int]                     # per target: number of links (IGNORE: unknown)
    quote: list[int]                     # per target: index in QUOTES (IGNORE: none or unknown)
    links: list[list[LinkLabel]]         # per target, per link


def token_span(window: Window, start: int, end: int) -> tuple[int, int] | None:
    """Positions of the first and last window tokens covering ``[start, end)``."""
    inside = [i for i, (a, b) in enumerate(window.offsets) if a >= 0 and a < end and b > start]
    return (inside[0], inside[-1]) if inside else None


def _occurrences(text: str, words: str, window: Window) -> list[tuple[int, int]]:
    """Every place in the window where the same words stand."""
    spans, at = [], text.find(words)
    while at >= 0 and words:
        span = token_span(window, at, at + len(words))
        if span is not None and (at == 0 or not text[at - 1].isalnum()):
            spans.append(span)
        at = text.find(words, at + 1)
    return sorted(set(spans))


def link_label(doc: TrainDoc, window: Window, link: LinkTarget) -> LinkLabel:
    """The answer a window gives for one gold link."""
    out = LinkLabel()
    if link.cue:
        cue = token_span(window, *link.cue)
        if cue:
            out.cue_starts, out.cue_ends = [cue[0]], [cue[1]]
    if link.label in LABELS:
        out.special = SPECIALS.index(link.label)
        return out
    if link.label == "lost":
        return out
    spans = _occurrences(doc.text, doc.text[link.name[0]:link.name[1]], window) if link.name else []
    if not spans and link.mention:
        mention = token_span(window, *link.mention)
        spans = [mention] if mention else []
    if spans:
        out.starts, out.ends = sorted({a for a, _ in spans}), sorted({b for _, b in spans})
    else:
        out.special = SPECIALS.index("previous")
    return out


def examples(doc_index: int, doc: TrainDoc, tokenizer, *, max_len: int, new: int) -> list[Example]:
    """The training examples (windows with answers) of one gold document."""
    sents = [(s.start, s.end) for s in doc.sentences]
    ids, offsets, token_sent = tokenize_document(tokenizer, doc.text, sents)
    windows = make_windows(doc_index, ids, offsets, token_sent, len(sents), bos=tokenizer.bos_token_id,
                           eos=tokenizer.eos_token_id, max_len=max_len, new=new)
    out = []
    for w in windows:
        ranges, count, quote, links = [], [], [], []
        for s in w.targets:
            pos = [i for i, t in enumerate(w.token_sent) if t == s]
            ranges.append((pos[0], pos[-1]) if pos else (1, 1))
            gold = doc.sentences[s]
            count.append(min(len(gold.links), MAX_LINKS))
            quote.append(QUOTES.index(gold.quote) if gold.quote in QUOTES else IGNORE)
            links.append([link_label(doc, w, link) for link in gold.links[:MAX_LINKS]])
        out.append(Example(w, doc.lang, ranges, count, quote, links))
    return out
