"""Tokenizer windows that stop running paragraphs already tokenized.

stanza's tokenizer sorts a call's paragraphs by length and batches them (32 at a time). A
batch whose longest paragraph exceeds 1,000 characters runs in windows of up to 1,000
characters, each paragraph advancing to its last sentence break; but every window runs the
*whole* batch, paragraphs finished in earlier windows included (stanza 1.15's own TODO in
``stanza.models.tokenization.utils.predict``). A call that mixes one 7,000-character
paragraph with thirty short ones (a Greek treebank article without paragraph marks among
50 documents) drags the short ones, as padding, through all seven windows. Measured on the
bench's 1,000 articles, tokenizer alone, one thread, 50 documents per call: Greek 30.8 s
with stanza's windows, 12.7 s with these; English 23.8 → 17.1 s; Hungarian (no paragraph
over 1,000 characters) unchanged. The whole corpus in one call takes 10.5 s either way.

attrib runs each window over the unfinished paragraphs only. A window's length is set by
the unfinished paragraphs, as in stanza, so each paragraph sees the same characters and
gets the same predictions; the tokens are stanza's (tested against stanza's own ``process``).
"""

from __future__ import annotations

from functools import partial

WINDOW = 1000  # stanza's tokenizer windows: max(1000, max_seqlen) characters


def bound_tokenizer_windows(pipeline) -> None:
    """Make a stanza pipeline's neural tokenizer skip finished paragraphs in its windows.
    Tokenizers that are stanza variants, take pretokenized text or split speaker tags are
    left as they are."""
    processor = pipeline.processors.get("tokenize")
    if processor is None or hasattr(processor, "_variant") or processor.config.get("pretokenized"):
        return
    if getattr(processor, "_speaker_opener", None) is None:
        processor.process = partial(tokenize_windowed, processor)


def tokenize_windowed(processor, document):
    """What stanza's ``TokenizeProcessor.process`` does for raw text (a string or a
    Document's text), with :func:`predict`; return a new Document. Other input (lists of
    paragraphs with ``no_ssplit``, or wrong types) goes to stanza's own ``process``."""
    import torch
    from stanza.models.common import doc as fields
    from stanza.models.tokenization.data import TokenizationDataset
    from stanza.pipeline.tokenize_processor import (
        TOKEN_TOO_LONG_REPLACEMENT,
        TokenizeProcessor,
    )

    if not isinstance(document, (str, fields.Document)):
        return type(processor).process(processor, document)
    raw_text = document.text if isinstance(document, fields.Document) else document
    config = processor.config
    dataset = TokenizationDataset(config, input_text=raw_text, vocab=processor.vocab, evaluation=True,
                                  dictionary=processor.trainer.dictionary)
    longest = config.get("max_seqlen", TokenizeProcessor.MAX_SEQ_LENGTH_DEFAULT)
    with torch.no_grad():
        sentences = _decode(processor, dataset, raw_text, max(WINDOW, longest))
    for token in (token for sentence in sentences for token in sentence):
        if len(token["text"]) > longest:  # as stanza: spare later processors huge tokens
            token["text"] = TOKEN_TOO_LONG_REPLACEMENT
    return fields.Document(sentences, raw_text)


def _decode(processor, dataset, raw_text: str, window: int) -> list:
    """Predictions turned into stanza's sentence dicts (stanza's ``output_predictions``)."""
    from stanza.models.tokenization import utils

    trainer, config = processor.trainer, processor.config
    preds, raws = predict(trainer, dataset, window, config.get("num_workers", 0))
    _, _, sentences = utils.decode_predictions(
        processor.vocab, None, raw_text, raws, preds, config.get("no_ssplit", False),
        trainer.args["skip_newline"], trainer.args["shorthand"] == "la_ittb")
    if processor._postprocessor:
        sentences = utils.postprocess_doc(sentences, processor._postprocessor, raw_text)
    return sentences


def predict(trainer, dataset, window: int = WINDOW, num_workers: int = 0) -> tuple[list, list]:
    """stanza's tokenizer ``predict`` with :func:`windows` for long batches.

    Args:
        trainer: the tokenizer's stanza Trainer.
        dataset: a ``TokenizationDataset`` of the text.
        window: characters per window (stanza: its ``max_seqlen``, at least 1,000).
        num_workers: torch DataLoader workers (stanza's ``num_workers`` setting).

    Returns:
        Per paragraph, in text order: the predicted labels and the characters.
    """
    from stanza.models.tokenization.data import SortedDataset
    from torch.utils.data import DataLoader

    ordered = SortedDataset(dataset)
    preds, raws = [], []
    for batch in DataLoader(ordered, batch_size=trainer.args["batch_size"], collate_fn=ordered.collate,
                            num_workers=num_workers):
        chars = [list(paragraph[:paragraph.index("<PAD>")]) for paragraph in batch[3]]
        labels = _labels(trainer, dataset, batch, window)
        raws += chars
        preds += [_finish(raw, label) for raw, label in zip(chars, labels)]
    return ordered.unsort(preds), ordered.unsort(raws)


def _labels(trainer, dataset, batch, window: int) -> list:
    """Labels per character for one batch: one prediction, or windows when it is long."""
    if len(batch[3][0]) <= window:
        return list(_window(trainer, batch, window))
    return windows(trainer, dataset, batch, window)


def windows(trainer, dataset, batch, window: int = WINDOW) -> list:
    """Predict a long batch window by window, each window over the paragraphs not yet done.

    Args:
        trainer: anything with ``predict(batch)`` returning (rows × characters × labels) scores.
        dataset: what built the batch (its ``advance_old_batch`` moves rows on).
        batch: units, labels, features and characters of padded paragraphs, longest first.
        window: characters per window.

    Returns:
        Per row of the batch, a label per character.
    """
    import numpy as np

    lengths = [paragraph.index("<PAD>") for paragraph in batch[3]]
    rows, done = list(range(len(lengths))), [0] * len(lengths)
    out: list[list] = [[] for _ in lengths]
    while True:
        spans = [min(lengths[r] - done[r], window) for r in rows]
        labels = _window(trainer, batch, max(spans))
        steps = [_advance(labels[k], spans[k], lengths[r] - done[r], window) for k, r in enumerate(rows)]
        for k, r in enumerate(rows):
            out[r].append(labels[k, :steps[k]])
            done[r] += steps[k]
        keep = [k for k, r in enumerate(rows) if done[r] < lengths[r]]
        if not keep:
            return [np.concatenate(parts) for parts in out]
        batch, rows = _rows(dataset.advance_old_batch(steps, batch), keep), [rows[k] for k in keep]


def _window(trainer, batch, width: int):
    """The labels the model gives the first ``width`` characters of every row."""
    import numpy as np

    cut = (batch[0][:, :width], batch[1][:, :width], batch[2][:, :width], [row[:width] for row in batch[3]])
    return np.argmax(trainer.predict(cut), axis=2)


def _advance(labels, span: int, left: int, window: int) -> int:
    """How far a paragraph moves after a window: to just past its last sentence break
    (labels 2 and 4), or the whole span when there is none or the rest fits one window."""
    import numpy as np

    breaks = np.where((labels == 2) | (labels == 4))[0]
    return span if len(breaks) == 0 or left <= window else int(breaks.max()) + 1


def _rows(batch, keep: list[int]):
    """The batch restricted to the rows ``keep``."""
    return batch[0][keep], batch[1][keep], batch[2][keep], [batch[3][k] for k in keep]


def _finish(raw: list[str], labels):
    """stanza's closing touches: the paragraph ends a sentence (2, or 4 for a multi-word
    token), and its regular-expression tokens are applied."""
    from stanza.models.tokenization.utils import update_pred_regex

    end = len(raw) - 1  # as stanza: index -1 (a padding label) for an empty paragraph
    if labels[end] < 2:
        labels[end] = 2
    elif labels[end] > 2:
        labels[end] = 4
    return update_pred_regex(raw, labels[:len(raw)])
