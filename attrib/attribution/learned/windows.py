"""Documents as encoder windows: each token encoded about once, each sentence seen with the
sentences before it and the document's headline.

A document is tokenized once. Its sentences are taken in groups of at most ``new`` tokens;
each group is predicted from one window that ends with the group and reaches back as far
as the encoder allows (``max_len`` positions), so a group's first sentence still sees the
``max_len - new`` tokens before it. The headline (the first sentence, when short) opens
every window that does not already hold it. A window records, per token, the sentence it
belongs to, so the model's pointers can tell "in this sentence" from "two sentences back".
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEADLINE = -2   # token_sent of a headline copied in front of a window
SPECIAL = -1    # token_sent of <s> and </s>
OUTSIDE = -3    # token_sent of text in no sentence (a date line read as metadata)


@dataclass
class Window:
    """One encoder input and the sentences it predicts."""

    doc: int                      # index of the document in its list
    ids: list[int]                # token ids, <s> ... </s>
    offsets: list[tuple[int, int]]  # document character offsets of each token ((-1, -1) for specials)
    token_sent: list[int]         # sentence index of each token, HEADLINE or SPECIAL
    targets: list[int] = field(default_factory=list)  # sentences predicted from this window


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Token offsets without the leading space SentencePiece gives a word's first piece."""
    while start < end and text[start].isspace():
        start += 1
    return start, end


def tokenize_document(tokenizer, text: str, sentences: list[tuple[int, int]]) -> tuple[list[int], list, list[int]]:
    """Token ids, offsets and sentence index of every token of a document (once)."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    offsets = [_strip(text, a, b) for a, b in enc["offset_mapping"]]
    token_sent, s = [], 0
    for a, _ in offsets:
        while s + 1 < len(sentences) and a >= sentences[s + 1][0]:
            s += 1
        token_sent.append(s if sentences and sentences[s][0] <= a < sentences[s][1] else OUTSIDE)
    return list(enc["input_ids"]), offsets, token_sent


def _groups(token_sent: list[int], n_sents: int, new: int) -> list[list[int]]:
    """Consecutive sentences in groups of at most ``new`` tokens (a longer sentence alone)."""
    sizes = [0] * n_sents
    for s in token_sent:
        if s >= 0:
            sizes[s] += 1
    groups, size = [[]], 0
    for s in range(n_sents):
        if groups[-1] and size + sizes[s] > new:
            groups.append([])
            size = 0
        groups[-1].append(s)
        size += sizes[s]
    return [g for g in groups if g]


def make_windows(doc_index: int, ids: list[int], offsets: list, token_sent: list[int], n_sents: int, *,
                 bos: int, eos: int, max_len: int = 512, new: int = 384, headline_max: int = 32) -> list[Window]:
    """Cut a tokenized document into windows (see the module's docstring)."""
    first = [i for i, s in enumerate(token_sent) if s == 0]
    headline = first if 0 < len(first) <= headline_max and n_sents > 1 else []
    out = []
    for group in _groups(token_sent, n_sents, new):
        toks = [i for i, s in enumerate(token_sent) if s in group]
        end = (toks[-1] + 1) if toks else 0
        room = max_len - 2 - (len(headline) + 1 if headline else 0)
        start = max(0, end - room)
        if headline and start <= headline[-1]:  # the window holds the headline already
            room, start = max_len - 2, max(0, end - (max_len - 2))
        keep = (headline + [SPECIAL] if headline and start > headline[-1] else []) + list(range(start, end))
        out.append(_window(doc_index, keep, ids, offsets, token_sent, bos, eos, group))
    return out


def _window(doc_index: int, keep: list[int], ids, offsets, token_sent, bos: int, eos: int, group) -> Window:
    w = Window(doc_index, [bos], [(-1, -1)], [SPECIAL], list(group))
    in_headline = True
    for i in keep:
        if i == SPECIAL:
            w.ids.append(eos), w.offsets.append((-1, -1)), w.token_sent.append(SPECIAL)
            in_headline = False
            continue
        w.ids.append(ids[i]), w.offsets.append(offsets[i])
        w.token_sent.append(HEADLINE if in_headline and SPECIAL in keep else token_sent[i])
    w.ids.append(eos), w.offsets.append((-1, -1)), w.token_sent.append(SPECIAL)
    return w
