"""The attribution model: multilingual-e5-small, its top layers fine-tuned, and pointer heads.

The encoder reads a window of a document (:mod:`attrib.attribution.learned.windows`). Each sentence
the window predicts is summed up from its tokens (mean, first and last); from that,
heads say how many links its chain has (0: not attributed), its quote type, and for each
link, by pointing, which tokens of the window start and end the words naming the source,
or one of the special answers (unnamed, unknown, account, previous), and which tokens
are its cue. A pointer scores a token by a query from the sentence against a key from the
token plus the relation of the token's sentence to the target ("in it", "one before",
"in the headline", ...), so one encoding of the window serves all its sentences.

The bottom layers stay as pretrained (their output can be computed once and cached for
training); the top ``trainable`` layers and the heads are what training changes and what
the pack stores.
"""

from __future__ import annotations

import torch
from torch import nn

from attrib.attribution.learned.windows import HEADLINE, OUTSIDE, SPECIAL
from attrib.parsing.encoder.lean import additive_mask

N_SPECIALS = 4
N_QUOTES = 3
MAX_LINKS = 3
POINTERS = ("start", "end", "cue_start", "cue_end")
N_BUCKETS = 10


def buckets(token_sent: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Relation of every token's sentence to every target sentence, as bucket ids.

    Args:
        token_sent: ``[T]`` sentence index per token (or HEADLINE, SPECIAL, OUTSIDE).
        targets: ``[S]`` target sentence indexes.

    Returns:
        ``[S, T]``: 0 same sentence, 1-3 one to three before, 4 four to six before, 5 further
        before, 6 the next, 7 later, 8 headline, 9 special or outside.
    """
    diff = targets[:, None] - token_sent[None, :]
    out = torch.full_like(diff, 5)
    out[diff == 0], out[diff == 1], out[diff == 2], out[diff == 3] = 0, 1, 2, 3
    out[(diff >= 4) & (diff <= 6)] = 4
    out[diff == -1], out[diff < -1] = 6, 7
    ts = token_sent[None, :].expand_as(diff)
    out[ts == HEADLINE] = 8
    out[(ts == SPECIAL) | (ts == OUTSIDE)] = 9
    return out


def run_layers(layers, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Hidden states through BERT layers with a padding mask."""
    extended = additive_mask(mask, hidden.dtype)
    for layer in layers:
        out = layer(hidden, attention_mask=extended)
        hidden = out[0] if isinstance(out, tuple) else out
    return hidden


class PointerHeads(nn.Module):
    """Sentence summaries, link count, quote type and the link and cue pointers."""

    def __init__(self, hidden: int = 384, dim: int = 128, dropout: float = 0.1, cue_query: bool = False):
        super().__init__()
        self.summary = nn.Sequential(nn.Linear(3 * hidden, hidden), nn.GELU(), nn.Dropout(dropout))
        # cue_query: a link's source pointers ask from the sentence and from its cue (the
        # cue pointer's attention over the sentence), as the source is the cue's speaker
        self.cue_queries = nn.Linear(2 * hidden, MAX_LINKS * 2 * dim) if cue_query else None
        self.count = nn.Linear(hidden, MAX_LINKS + 1)
        self.quote = nn.Linear(hidden, N_QUOTES)
        self.queries = nn.Linear(hidden, MAX_LINKS * len(POINTERS) * dim)
        self.keys = nn.Linear(hidden, len(POINTERS) * dim)
        self.bucket_keys = nn.Embedding(N_BUCKETS, len(POINTERS) * dim)
        self.bucket_bias = nn.Parameter(torch.zeros(MAX_LINKS, len(POINTERS), N_BUCKETS))
        self.specials = nn.Parameter(torch.randn(N_SPECIALS, dim) * 0.02)
        self.dim = dim

    def forward(self, hidden: torch.Tensor, ranges: torch.Tensor, token_sent: torch.Tensor,
                targets: torch.Tensor) -> dict[str, torch.Tensor]:
        """Scores for the targets of one window.

        Args:
            hidden: ``[T, H]`` the window's top-layer states.
            ranges: ``[S, 2]`` first and last token position of each target sentence.
            token_sent: ``[T]`` sentence index per token.
            targets: ``[S]`` target sentence indexes.

        Returns:
            ``count [S, 4]``, ``quote [S, 3]``, ``pointers [S, L, P, T]`` (a token that
            cannot be an answer scores -inf) and ``specials [S, L, 4]`` (start pointer only).
        """
        n_tok = hidden.shape[0]
        pos = torch.arange(n_tok)
        inside = (pos[None, :] >= ranges[:, :1]) & (pos[None, :] <= ranges[:, 1:])
        mean = (inside.float() @ hidden) / inside.sum(1, keepdim=True).clamp(min=1)
        summary = self.summary(torch.cat([mean, hidden[ranges[:, 0]], hidden[ranges[:, 1]]], dim=-1))
        n_s, n_p = len(targets), len(POINTERS)
        q = self.queries(summary).view(n_s, MAX_LINKS, n_p, self.dim)
        rel = buckets(token_sent, targets)                                    # [S, T]
        k = self.keys(hidden).view(n_tok, n_p, self.dim)[None] + self.bucket_keys(rel).view(n_s, n_tok, n_p, self.dim)
        bias = self.bucket_bias[None].expand(n_s, -1, -1, -1).gather(3, rel[:, None, None, :].expand(n_s, MAX_LINKS, n_p, n_tok))
        scores = torch.einsum("slpd,stpd->slpt", q, k) / self.dim ** 0.5 + bias
        blocked = (token_sent < 0) & (token_sent != HEADLINE)
        scores = scores.masked_fill(blocked[None, None, None, :], float("-inf"))
        cue_outside = ~inside[:, None, :]
        scores[:, :, 2:] = scores[:, :, 2:].masked_fill(cue_outside[:, :, None, :], float("-inf"))
        if self.cue_queries is not None:
            q, scores = self._from_cue(summary, hidden, q, k, bias, scores, blocked)
        specials = torch.einsum("sld,nd->sln", q[:, :, 0], self.specials) / self.dim ** 0.5
        return {"count": self.count(summary), "quote": self.quote(summary), "pointers": scores, "specials": specials}


    def _from_cue(self, summary, hidden, q, k, bias, scores, blocked):
        """Source pointers asked again, from the sentence and its cue's attention-pooled state."""
        n_s = summary.shape[0]
        cue = torch.softmax(scores[:, :, 2], dim=-1) @ hidden                          # [S, L, H]
        both = torch.cat([summary[:, None, :].expand(-1, MAX_LINKS, -1), cue], dim=-1)
        src = self.cue_queries(both).view(n_s, MAX_LINKS, MAX_LINKS, 2, self.dim)
        src = torch.stack([src[:, k_, k_] for k_ in range(MAX_LINKS)], dim=1)       # link k from its own cue
        new = torch.einsum("slpd,stpd->slpt", src, k[:, :, :2]) / self.dim ** 0.5 + bias[:, :, :2]
        new = new.masked_fill(blocked[None, None, None, :], float("-inf"))
        q = torch.cat([src, q[:, :, 2:]], dim=2)
        return q, torch.cat([new, scores[:, :, 2:]], dim=2)


class AttributionModel(nn.Module):
    """The encoder's top layers and the heads (what training changes)."""

    def __init__(self, top_layers: nn.ModuleList, hidden: int = 384, dim: int = 128, dropout: float = 0.1,
                 cue_query: bool = False):
        super().__init__()
        self.top = top_layers
        self.heads = PointerHeads(hidden, dim, dropout, cue_query)

    def forward(self, bottom: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Top-layer states ``[B, T, H]`` from the frozen layers' output."""
        return run_layers(self.top, bottom, mask)


def split_encoder(encoder, trainable: int) -> tuple[nn.Module, nn.ModuleList]:
    """The pretrained encoder as (frozen bottom, trainable top layers)."""
    layers = encoder.encoder.layer
    cut = len(layers) - trainable
    top = nn.ModuleList(layers[cut:])
    bottom = FrozenBottom(encoder.embeddings, nn.ModuleList(layers[:cut]))
    for p in bottom.parameters():
        p.requires_grad_(False)
    return bottom.eval(), top


class FrozenBottom(nn.Module):
    """Embeddings and the layers training leaves as they are."""

    def __init__(self, embeddings: nn.Module, layers: nn.ModuleList):
        super().__init__()
        self.embeddings, self.layers = embeddings, layers

    @torch.no_grad()
    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
        return run_layers(self.layers, hidden, mask)


def from_recipe(recipe: dict, encoder, *, inference: bool = False) -> tuple[nn.Module, AttributionModel]:
    """The frozen bottom and the trainable model a recipe describes, over a loaded encoder."""
    bottom, top = split_encoder(encoder, recipe["encoder"]["trainable_layers"])
    heads = recipe["heads"]
    model = AttributionModel(top, encoder.config.hidden_size, heads["pointer_dim"],
                             0.0 if inference else heads["dropout"], heads.get("cue_query", False))
    return bottom, model
