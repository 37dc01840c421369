"""Data preparation for the learned attribution: gold documents as targets.

Two kinds of gold feed the model. The pool's span gold (:mod:`attrib.evaluation.spangold`) says, for
every chain link, where the words naming the source are, which words of the sentence refer
to it and where its cue is. The older chain gold (``data/gold/*.yaml``, :mod:`attrib.evaluation.gold`)
gives only the names: the naming words are looked for in the sentence, then in the
sentences around it, as the span gold would have placed them (a link whose name is found
nowhere keeps its label but teaches no span).

A document becomes a :class:`~attrib.attribution.learned.targets.TrainDoc`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from attrib.attribution.learned.targets import (  # noqa: F401 (TrainDoc and the rest re-exported for training)
    LABELS, MAX_LINKS, QUOTES, LinkTarget, SentenceTarget, TrainDoc)
from attrib.evaluation.spangold import doc_sentences, pool_text, read_span_gold


def span_gold_docs(path: Path, pool: Path) -> list[TrainDoc]:
    """The documents of a committed span-gold file, with their pool text."""
    out = []
    for doc in read_span_gold(path):
        sents = []
        for sent in doc_sentences(doc):
            links = [LinkTarget(link.name, link.who, link.mention, link.cue) for link in sent.chain[:MAX_LINKS]]
            sents.append(SentenceTarget(sent.start, sent.end, sent.quote if links else "none", links))
        out.append(TrainDoc(doc["doc_id"], doc["lang"], pool_text(doc, pool), sents, Path(path).stem))
    return out


# --- chain gold: finding the naming words -------------------------------------------------

def fold_chars(text: str) -> str:
    """Lower case without accents, one character for one (offsets stay valid)."""
    return "".join((unicodedata.normalize("NFD", ch)[:1] or ch).lower()[:1] or ch for ch in text)


def _stem(word: str) -> str:
    """A word without an inflectional ending: at most two letters off, four kept."""
    return word[:max(4, len(word) - 2)] if len(word) > 4 else word


def find_name(text: str, folded: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of ``name`` within ``text[start:end]``: exactly (case and accents aside),
    else word by word by stems, running to the end of the last word ("Τσίπρα" for gold
    "Τσίπρας", "Orbánnak" for "Orbán")."""
    want = fold_chars(name.strip())
    at = folded.find(want, start, end)
    if at >= 0:
        return at, at + len(want)
    stems = [_stem(w) for w in want.split()]
    at = folded.find(stems[0], start, end)
    while at >= 0:
        pos, ok = at, True
        for stem in stems:
            pos = folded.find(stem, pos, end)
            ok = ok and pos >= 0 and (pos == at or pos - at < 40)
            if not ok:
                break
            pos += len(stem)
        if ok:
            while pos < end and text[pos].isalnum():
                pos += 1
            return at, pos
        at = folded.find(stems[0], at + 1, end)
    return None


def _options(name: str, registry) -> list[str]:
    """The names a chain-gold entry accepts: its ``|`` alternatives, and for a registry id
    (the seeds' gold writes ``peskov``) that source's name and aliases."""
    options = [n.strip() for n in name.split("|") if n.strip()]
    source = registry.by_id(name) if registry is not None else None
    return options + ([source.name, *source.aliases] if source is not None else [])


def locate_link(text: str, folded: str, sents: list[tuple[int, int]], s: int, name: str,
                registry=None) -> LinkTarget:
    """A chain-gold name as a link target: a label, or the nearest sentence naming it
    (this one, then earlier ones, then later ones)."""
    for option in (n.strip() for n in name.split("|")):
        if option in LABELS:
            return LinkTarget(label=option)
    order = [s] + list(range(s - 1, -1, -1)) + list(range(s + 1, len(sents)))
    for i in order:
        for option in _options(name, registry):
            found = find_name(text, folded, option, *sents[i])
            if found:
                return LinkTarget(name=found)
    return LinkTarget(label="lost")


def chain_gold_docs(path: Path, *, ud: Path, seeds: Path) -> list[TrainDoc]:
    """The documents of a chain-gold file, names placed as spans where the text has them."""
    from attrib.evaluation.gold import load_gold
    from attrib.attribution.registry import load_registry

    registry = load_registry()
    docs, gold = load_gold(Path(path), ud=Path(ud), seeds=Path(seeds))
    by_doc: dict[str, list] = {}
    for g in gold:
        by_doc.setdefault(g.doc_id, []).append(g)
    out = []
    for doc in docs:
        text, golds = doc["text"], by_doc.get(doc["id"], [])
        folded = fold_chars(text)
        spans = [(g.start, g.start + len(g.text)) for g in golds]
        sents = [SentenceTarget(a, b, None if g.chain else "none",
                                [locate_link(text, folded, spans, i, name, registry) for name in g.chain[:MAX_LINKS]])
                 for i, (g, (a, b)) in enumerate(zip(golds, spans))]
        out.append(TrainDoc(doc["id"], doc["lang"], text, sents, Path(path).stem))
    return out
