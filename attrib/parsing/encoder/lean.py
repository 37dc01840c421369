"""multilingual-e5-small for inference without ``transformers``' model classes.

``transformers.BertModel`` brings its whole modelling stack into the process: importing
it took 1.4 s on this machine beyond what stanza already imports (modeling_utils, the loss
functions with scipy.optimize, torch.distributed), once per annotating process. Annotating
only needs BERT's forward pass, which is a few lines: this module holds it, with the same
submodule names as ``BertModel`` (so its ``model.safetensors`` and the learned attribution's
fine-tuned ``top.N.*`` layers load as they are) and the same operations in the same order
(embeddings summed and normed; per layer, scaled-dot-product self-attention, dense + residual
+ LayerNorm, GELU feed-forward, dense + residual + LayerNorm), so its numbers are
``BertModel``'s (tested against it). Training keeps ``transformers`` (it needs its dropout,
initialisation and gradient checkpointing); so does :func:`attrib.parsing.encoder.convert.load_encoder`.

A tokenizer adapter does the same for ``PreTrainedTokenizerFast`` (1.2 s to load against 0.4 s
for the ``tokenizers`` object it wraps): the windows only ask for a text's ids and offsets and
the special ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F


def additive_mask(mask: torch.Tensor, dtype) -> torch.Tensor:
    """``[B, T]`` 1/0 mask -> ``[B, 1, 1, T]`` additive attention mask."""
    return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min


class Dense(nn.Module):
    """A linear map, a residual sum and LayerNorm (BERT's output blocks)."""

    def __init__(self, n_in: int, n_out: int, eps: float):
        super().__init__()
        self.dense = nn.Linear(n_in, n_out)
        self.LayerNorm = nn.LayerNorm(n_out, eps=eps)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(hidden) + residual)


class SelfAttention(nn.Module):
    """Multi-head self-attention with an additive padding mask."""

    def __init__(self, size: int, heads: int):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(size, size), nn.Linear(size, size), nn.Linear(size, size)
        self.heads = heads

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        batch, length, size = hidden.shape
        split = (batch, length, self.heads, size // self.heads)
        q, k, v = (proj(hidden).view(*split).transpose(1, 2) for proj in (self.query, self.key, self.value))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.0, scale=(size // self.heads) ** -0.5)
        return out.transpose(1, 2).contiguous().reshape(batch, length, size)


class Attention(nn.Module):
    def __init__(self, size: int, heads: int, eps: float):
        super().__init__()
        self.self = SelfAttention(size, heads)
        self.output = Dense(size, size, eps)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(hidden, mask), hidden)


class Intermediate(nn.Module):
    def __init__(self, size: int, inner: int):
        super().__init__()
        self.dense = nn.Linear(size, inner)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(hidden))


class Layer(nn.Module):
    """One transformer layer, called as ``BertLayer`` is: ``layer(hidden, attention_mask=...)``."""

    def __init__(self, config):
        super().__init__()
        size, eps = config.hidden_size, config.layer_norm_eps
        self.attention = Attention(size, config.num_attention_heads, eps)
        self.intermediate = Intermediate(size, config.intermediate_size)
        self.output = Dense(config.intermediate_size, size, eps)

    def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        attended = self.attention(hidden, attention_mask)
        return self.output(self.intermediate(attended), attended)


class Embeddings(nn.Module):
    """Word, position and token-type embeddings, summed and normed."""

    def __init__(self, config, words: nn.Embedding):
        super().__init__()
        self.word_embeddings = words
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.token_type_embeddings = nn.Embedding(config.type_vocab_size, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None) -> torch.Tensor:
        types = torch.zeros_like(input_ids) if token_type_ids is None else token_type_ids
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)[None, :]
        summed = self.word_embeddings(input_ids) + self.token_type_embeddings(types)
        return self.LayerNorm(summed + self.position_embeddings(positions))


class LeanBert(nn.Module):
    """BERT's encoder as ``BertModel`` names its parts (``embeddings``, ``encoder.layer``)."""

    def __init__(self, config, words: nn.Embedding):
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config, words)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList(Layer(config) for _ in range(config.num_hidden_layers))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        """The last layer's states (``attention_mask``: 1 for tokens, 0 for padding)."""
        hidden = self.embeddings(input_ids)
        extended = None if attention_mask is None else additive_mask(attention_mask, hidden.dtype)
        for layer in self.encoder.layer:
            hidden = layer(hidden, attention_mask=extended)
        return hidden


def read_config(folder: Path) -> SimpleNamespace:
    """The encoder's ``config.json`` as attributes."""
    return SimpleNamespace(**json.loads((Path(folder) / "config.json").read_text("utf-8")))


class EncoderTokenizer:
    """The encoder's tokenizer as the windows use it (see the module's docstring)."""

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        special = json.loads((Path(folder) / "tokenizer_config.json").read_text("utf-8"))
        for name in ("bos", "eos", "pad", "unk"):
            setattr(self, f"{name}_token_id", self._tokenizer.token_to_id(special[f"{name}_token"]))

    def __call__(self, text: str, add_special_tokens: bool = False, return_offsets_mapping: bool = True) -> dict:
        """``input_ids`` and ``offset_mapping`` (character offsets) of a text."""
        encoding = self._tokenizer.encode(text, add_special_tokens=add_special_tokens)
        return {"input_ids": encoding.ids, "offset_mapping": encoding.offsets}
