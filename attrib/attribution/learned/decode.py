"""From the model's scores to answers: per sentence, its links as spans or special answers.

The number of links is the count head's best class; each link takes the best of the
special answers and of the spans (a start and an end in the same sentence, at most
``max_span`` tokens apart), never the span an earlier link of the chain took. The cue of
a link is the best span of the cue pointers inside the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from attrib.attribution.learned.targets import QUOTES
from attrib.attribution.learned.features import SPECIALS

MAX_SPAN = 12


@dataclass
class PredictedLink:
    """One predicted link: document character offsets of its naming words, or a special."""

    span: tuple[int, int] | None
    special: str | None
    cue: tuple[int, int] | None
    score: float


@dataclass
class PredictedSentence:
    """What the model says of one sentence."""

    sent: int
    p_attributed: float
    quote: str
    links: list[PredictedLink]


def best_span(start: torch.Tensor, end: torch.Tensor, token_sent: list[int], taken: set, max_span: int = MAX_SPAN):
    """The best (start, end) with start <= end < start + max_span in one sentence, not taken."""
    n = start.shape[0]
    pair = start[:, None] + end[None, :]
    i, j = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
    ts = torch.tensor(token_sent)
    ok = (j >= i) & (j < i + max_span) & (ts[:, None] == ts[None, :])
    pair = pair.masked_fill(~ok, float("-inf"))
    for a, b in taken:
        pair[a, b] = float("-inf")
    flat = int(torch.argmax(pair))
    a, b = divmod(flat, n)
    return a, b, float(pair[a, b])


def decode_target(out: dict, t: int, offsets: list, token_sent: list[int],
                  threshold: float = 0.5) -> tuple[float, str, list[PredictedLink]]:
    """Answers for target ``t`` of a window from the heads' output (one window): attributed
    when the probability of any link reaches ``threshold``, then as many links as the
    count head says most likely (at least one)."""
    probs = torch.softmax(out["count"][t], -1)
    n_links = 1 + int(torch.argmax(probs[1:])) if 1.0 - float(probs[0]) >= threshold else 0
    quote = QUOTES[int(torch.argmax(out["quote"][t]))] if n_links else "none"
    links, taken = [], set()
    for k in range(n_links):
        pointers = out["pointers"][t, k]
        a, b, span_score = best_span(pointers[0], pointers[1], token_sent, taken)
        special = out["specials"][t, k]
        best_special = int(torch.argmax(special))
        start_max = torch.logsumexp(pointers[0], 0)  # compare a special with the best start
        cue = _cue(pointers[2], pointers[3], offsets, token_sent)
        if float(special[best_special]) > float(pointers[0][a]) or not torch.isfinite(start_max):
            links.append(PredictedLink(None, SPECIALS[best_special], cue, float(special[best_special])))
            continue
        taken.add((a, b))
        links.append(PredictedLink((offsets[a][0], offsets[b][1]), None, cue, span_score))
    return 1.0 - float(probs[0]), quote, links


def _cue(start: torch.Tensor, end: torch.Tensor, offsets: list, token_sent: list[int]) -> tuple[int, int] | None:
    if not torch.isfinite(start).any():
        return None
    a, b, _ = best_span(start, end, token_sent, set(), max_span=4)
    return offsets[a][0], offsets[b][1]
