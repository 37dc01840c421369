"""Run paragraphs through the stanza pipeline of their language, batched per language."""

from __future__ import annotations

import os
import time
from collections import defaultdict

from attrib.parsing.lemmas import relemmatise_sentence_starts
from attrib.parsing.pack.resolve import load_pipeline

TIMING = {"cpu": 0.0}  # CPU time this process spent in parse_paragraphs (models loading included)


def parse_paragraphs(paragraphs: list[tuple[str, str]], *, models: str | os.PathLike | None = None,
                     processors: tuple[str, ...] | None = None, use_gpu: bool = False) -> list:
    """Annotate ``(lang, text)`` paragraphs; return stanza Documents in input order.

    Paragraphs of one language go through that language's pipeline together
    (``Pipeline.bulk_process``), so the models batch across paragraphs and documents.

    Args:
        paragraphs: pairs of language code and paragraph text.
        models: pack folder, ``stanza``, or None (see :func:`attrib.parsing.pack.resolve.resolve_models`).
        processors: processors to run; None for all the models have.
        use_gpu: run stanza on the CUDA device (see :func:`attrib.options.resolve_device`).

    Returns:
        One ``stanza.Document`` per paragraph.
    """
    import stanza

    cpu = time.process_time()
    by_lang: dict[str, list[int]] = defaultdict(list)
    for index, (lang, _) in enumerate(paragraphs):
        by_lang[lang].append(index)
    out: list = [None] * len(paragraphs)
    for lang, indexes in by_lang.items():
        nlp = load_pipeline(lang, models=models, processors=processors, use_gpu=use_gpu)
        docs = nlp.bulk_process([stanza.Document([], text=paragraphs[i][1]) for i in indexes])
        relemmatise_sentence_starts(nlp, docs)
        for index, doc in zip(indexes, docs):
            out[index] = doc
    TIMING["cpu"] += time.process_time() - cpu
    return out
