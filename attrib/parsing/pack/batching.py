"""Dependency-parser batches bounded by padded cells, not by words.

stanza's parser sorts a call's sentences by length and fills each batch with up to
``depparse_batch_size`` *words*, padding every sentence to the batch's longest. Its label
scorer then holds tensors of (sentences × longest) × hidden × labels floats, and more of
(sentences × longest²) × labels. When a call mixes one long sentence with many short ones
(a post with a tweet, an article with datelines and captions), a 500-word batch of one
59-word sentence and 34 short ones is 35 × 60 = 2,100 cells: measured on the English
parser, a 180 MB spike for 490 words, and the padding is computed for nothing. By the
same arithmetic, one long sentence among hundreds of one-word lines would take gigabytes.

attrib reads the same setting as a budget of padded cells (sentences × the longest one's
length): a batch never holds more cells than the budget (a sentence longer than it is a
batch of its own), so the parser's memory is bounded whatever the mix of lengths, and
less padding is computed. Every sentence is parsed alone within its batch (packed LSTMs,
masked scores), so which sentences share a batch does not change the parse.
"""

from __future__ import annotations

from functools import partial


def padded_batches(lengths: list[int], cells: int) -> list[list[int]]:
    """Indexes of sentences grouped longest first into batches of at most ``cells`` padded
    cells (a batch's size times its longest sentence's length).

    Args:
        lengths: words per sentence.
        cells: the budget; a sentence longer than it makes a batch of its own.

    Returns:
        Batches of indexes into ``lengths``, every index once.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    out: list[list[int]] = []
    for index in order:
        if out and (len(out[-1]) + 1) * lengths[out[-1][0]] <= cells:
            out[-1].append(index)
        else:
            out.append([index])
    return out


def bound_parser_batches(pipeline) -> None:
    """Make a stanza pipeline's dependency parser batch by padded cells (its
    ``depparse_batch_size``, read as cells). Pipelines without a parser, or whose parser is
    a stanza variant, are left as they are."""
    processor = pipeline.processors.get("depparse")
    if processor is not None and not hasattr(processor, "_variant"):
        processor.process = partial(parse_bounded, processor)


def parse_bounded(processor, document):
    """What stanza's ``DepparseProcessor.process`` does, with :func:`padded_batches`: parse
    ``document``'s sentences in place and return it (without stanza's check that POS tags
    are there: a pipeline always tags before it parses)."""
    import torch
    from stanza.models.common import doc as fields
    from stanza.models.common.utils import unsort
    from stanza.models.depparse.data import DataLoader

    config = processor.config
    loader = DataLoader(document, config["batch_size"], config, processor.pretrain, vocab=processor.vocab,
                        evaluation=True, sort_during_eval=True)
    loader.sampler.batches = padded_batches(loader.dataset.lengths, config["batch_size"])
    order = [index for batch in loader.sampler.batches for index in batch]
    resolve = config.get("resolve_head_constraints", True)
    with torch.no_grad():
        preds = [p for batch in loader for p in processor.trainer.predict(batch, resolve_head_constraints=resolve)]
    loader.doc.set((fields.HEAD, fields.DEPREL), [word for sent in unsort(preds, order) for word in sent])
    for sentence in loader.doc.sentences:
        sentence.build_dependencies()
    return loader.doc
