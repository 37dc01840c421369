"""The encoder for annotating, its word embeddings read from the disk as they are used.

multilingual-e5-small's word embeddings are 250,037 pieces × 384 floats: 384 MB of its
470, of which a corpus touches the rows of the pieces it holds. Loaded the usual way
(``BertModel.from_pretrained``), every row is copied into the process, and an annotating
worker held about 960 MB for the encoder (measured: 503 MB before loading it, 1,465 after).
Here the embedding matrix is a copy-on-write memory map of the cached ``model.safetensors``
(safetensors stores tensors as plain little-endian arrays after a JSON header): the
operating system reads a row's page when a piece first needs it, and the workers of one
machine share those pages; the other weights (84 MB) are loaded as usual, into
:mod:`attrib.parsing.encoder.lean`'s BERT. The numbers are those of ``from_pretrained``'s
model (tested).
"""

from __future__ import annotations

import json
from pathlib import Path

WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
DTYPES = {"F32": "float32", "F16": "float16", "BF16": None}


def safetensors_header(path: Path) -> tuple[dict, int]:
    """The JSON header of a safetensors file and where its data starts."""
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        return json.loads(f.read(size)), 8 + size


def mapped_tensor(path: Path, name: str):
    """One tensor of a safetensors file as a copy-on-write memory map (nothing read yet).

    Raises:
        KeyError: when the file has no tensor of that name.
        ValueError: for a data type numpy cannot map (bfloat16).
    """
    import numpy as np
    import torch

    header, start = safetensors_header(path)
    entry = header[name]
    dtype = DTYPES.get(entry["dtype"])
    if dtype is None:
        raise ValueError(f"{path}: {name} is {entry['dtype']}, which cannot be memory-mapped; rebuild the cache")
    first, _ = entry["data_offsets"]
    array = np.memmap(path, dtype=dtype, mode="c", offset=start + first, shape=tuple(entry["shape"]))
    return torch.from_numpy(array)


def load_mapped_encoder(folder: Path | None = None):
    """The converted encoder for annotating: :class:`~attrib.parsing.encoder.lean.LeanBert`
    with memory-mapped word embeddings, and its tokenizer adapter.

    Returns:
        ``(LeanBert, EncoderTokenizer)``, the model in eval mode and its word embeddings frozen.
    """
    import torch
    from safetensors import safe_open

    from attrib.parsing.encoder.convert import encoder_dir, ensure_encoder
    from attrib.parsing.encoder.lean import EncoderTokenizer, LeanBert, read_config

    folder = ensure_encoder(Path(folder) if folder else encoder_dir())
    config, weights = read_config(folder), folder / "model.safetensors"
    rows = torch.nn.Embedding.from_pretrained(mapped_tensor(weights, WORD_EMBEDDINGS), freeze=True,
                                              padding_idx=config.pad_token_id)
    model = LeanBert(config, rows)
    with safe_open(str(weights), framework="pt") as f:
        state = {key: f.get_tensor(key) for key in f.keys() if key != WORD_EMBEDDINGS}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {WORD_EMBEDDINGS}:
        raise ValueError(f"{weights} does not hold multilingual-e5-small's weights (missing {missing}, "
                         f"unexpected {unexpected}); delete {folder} to rebuild it")
    return model.eval(), EncoderTokenizer(folder)
