"""The encoder for annotating, its word embeddings read from the disk as they are used.

multilingual-e5-small's word embeddings are 250,037 pieces × 384 floats: 384 MB of its
470, of which a batch of windows needs the rows of the few thousand pieces it holds.
Loaded the usual way (``BertModel.from_pretrained``), every row is copied into the process,
and an annotating worker held about 960 MB for the encoder (measured: 503 MB before loading
it, 1,465 after). A memory map of the table was tried next: its pages stay in the process
once touched, and 100 news articles in several languages touched 276 of its 384 MB. Here
(:class:`FileRows`) each batch reads the rows of its distinct pieces from the cached
``model.safetensors`` (safetensors keeps a tensor as a plain little-endian array after a JSON
header) with ``os.pread``: a few thousand reads per batch, served from the operating
system's file cache, which the workers of a machine share and which is not the process's
memory. The other weights (84 MB) are loaded as usual, into
:mod:`attrib.parsing.encoder.lean`'s BERT. The numbers are those of ``from_pretrained``'s
model (tested).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import torch
from torch import nn

WORD_EMBEDDINGS = "embeddings.word_embeddings.weight"
DTYPES = {"F32": np.float32, "F16": np.float16}


def safetensors_header(path: Path) -> tuple[dict, int]:
    """The JSON header of a safetensors file and where its data starts."""
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(8), "little")
        return json.loads(f.read(size)), 8 + size


class FileRows(nn.Module):
    """An embedding table left in a safetensors file, its rows read when looked up.

    Raises:
        KeyError: when the file has no tensor of that name.
        ValueError: for a tensor that is not a float32 or float16 matrix.
    """

    def __init__(self, path: Path, name: str):
        super().__init__()
        header, start = safetensors_header(path)
        entry = header[name]
        if entry["dtype"] not in DTYPES or len(entry["shape"]) != 2:
            raise ValueError(f"{path}: {name} is a {entry['dtype']} tensor of shape {entry['shape']}, not a float "
                             "matrix; delete the encoder folder to rebuild it")
        self.path, self.dtype = str(path), DTYPES[entry["dtype"]]
        self.num_embeddings, self.embedding_dim = entry["shape"]
        self.row_bytes = self.embedding_dim * np.dtype(self.dtype).itemsize
        self.offset = start + entry["data_offsets"][0]
        self._fd: int | None = None

    def rows(self, ids: list[int]) -> np.ndarray:
        """The rows of ``ids``, in order, read from the file."""
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        data = b"".join(os.pread(self._fd, self.row_bytes, self.offset + i * self.row_bytes) for i in ids)
        return np.frombuffer(data, dtype=self.dtype).reshape(len(ids), self.embedding_dim)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        unique, inverse = torch.unique(input_ids, return_inverse=True)
        if len(unique) and (unique[0] < 0 or unique[-1] >= self.num_embeddings):
            raise IndexError(f"piece ids outside 0..{self.num_embeddings - 1}")
        table = torch.from_numpy(self.rows(unique.tolist()).copy()).to(input_ids.device)
        return table[inverse]

    def __getstate__(self):
        return {**self.__dict__, "_fd": None}


def load_mapped_encoder(folder: Path | None = None):
    """The converted encoder for annotating: :class:`~attrib.parsing.encoder.lean.LeanBert`
    with its word embeddings read as used (:class:`FileRows`), and its tokenizer adapter.

    Returns:
        ``(LeanBert, EncoderTokenizer)``, the model in eval mode.
    """
    from safetensors import safe_open

    from attrib.parsing.encoder.convert import encoder_dir, ensure_encoder
    from attrib.parsing.encoder.lean import EncoderTokenizer, LeanBert, read_config

    folder = ensure_encoder(Path(folder) if folder else encoder_dir())
    config, weights = read_config(folder), folder / "model.safetensors"
    model = LeanBert(config, FileRows(weights, WORD_EMBEDDINGS))
    with safe_open(str(weights), framework="pt") as f:
        state = {key: f.get_tensor(key) for key in f.keys() if key != WORD_EMBEDDINGS}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or set(missing) - {WORD_EMBEDDINGS}:
        raise ValueError(f"{weights} does not hold multilingual-e5-small's weights (missing {missing}, "
                         f"unexpected {unexpected}); delete {folder} to rebuild it")
    return model.eval(), EncoderTokenizer(folder)
