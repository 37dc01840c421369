"""Static word vectors distilled from the shared encoder, for stanza's ``--wordvec_pretrain_file``.

The reference systems give their taggers and parsers pretrained word vectors; none can be
downloaded here, but the shared multilingual encoder (:mod:`attrib.parsing.encoder`) has
read far more text than any treebank. A word's static vector is the mean of the encoder's
contextual vectors of that word (its subword pieces averaged, the last ``LAYERS`` layers
averaged) over up to ``CONTEXTS`` sentences it occurs in, reduced to ``DIM`` dimensions by
PCA (Bommasani et al., 2020, "Interpreting pretrained contextualized representations via
reductions to static embeddings"). The words come from the treebank's training sentences
and from the pool's articles outside its test half (unlabelled text; the dev split, which
picks checkpoints and judges models, and the test half are never read: a dev word with a
vector from its own dev sentence would flatter the dev score). At annotation time the vectors cost one table lookup per word,
where the encoder itself would cost a transformer pass per processor.

The file is stanza's own pretrain format (``{"vocab": ..., "emb": ...}``), lower-cased
lookups, the first rows stanza's reserved ones (``<PAD>``, ``<UNK>``, ``<EMPTY>``, ``<ROOT>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

LAYERS = 4  # the last layers averaged (stanza's own default for transformer features)
CONTEXTS = 8  # sentences a word's vector is averaged over, at most
DIM = 128  # dimensions kept by PCA
MAX_WORDS = 120  # words per encoder input (a longer sentence is cut into pieces)
BATCH = 32
WORD = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]", re.UNICODE)


def block_words(block: str) -> list[str]:
    """The syntactic words of a CoNLL-U sentence (no multiword-token or empty-node lines)."""
    rows = (line.split("\t") for line in block.splitlines() if line and not line.startswith("#"))
    return [cols[1] for cols in rows if cols[0].isdigit()]


def text_sentences(paths: Iterable[Path]) -> Iterator[list[str]]:
    """Paragraphs of plain-text articles as word lists (pieces of at most ``MAX_WORDS``)."""
    for path in paths:
        for para in Path(path).read_text("utf-8").split("\n"):
            words = WORD.findall(para)
            for start in range(0, len(words), MAX_WORDS):
                if words[start:start + MAX_WORDS]:
                    yield words[start:start + MAX_WORDS]


def _needed(sentences: Iterable[list[str]], counts: dict) -> Iterator[list[str]]:
    """Sentences holding a word with fewer than ``CONTEXTS`` contexts so far, cut to ``MAX_WORDS``."""
    for sent in sentences:
        for start in range(0, len(sent), MAX_WORDS):
            piece = sent[start:start + MAX_WORDS]
            if any(counts.get(w.lower(), 0) < CONTEXTS for w in piece):
                for w in {w.lower() for w in piece}:
                    counts[w] = counts.get(w, 0) + 1
                yield piece


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _by_length(sentences: Iterator[list[str]], buffer: int = 1024) -> Iterator[list[list[str]]]:
    """Batches of ``BATCH`` sentences of similar length (little padding), read ``buffer`` at a time."""
    for chunk in _batches(sentences, buffer):
        yield from _batches(iter(sorted(chunk, key=len)), BATCH)


def encode_batch(model, tokenizer, batch: list[list[str]]):
    """Per word of each sentence, the mean of its pieces' vectors (last ``LAYERS`` layers averaged)."""
    import torch

    enc = tokenizer(batch, is_split_into_words=True, truncation=True, max_length=512, padding=True,
                    return_tensors="pt")
    with torch.inference_mode():
        states = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                       output_hidden_states=True).hidden_states
    layers = torch.stack(states[-LAYERS:]).mean(0)
    out = []
    for b, sent in enumerate(batch):
        ids = enc.word_ids(b)
        sums = torch.zeros(len(sent), layers.shape[-1])
        n = torch.zeros(len(sent))
        for t, w in enumerate(ids):
            if w is not None:
                sums[w] += layers[b, t]
                n[w] += 1
        out.append([(word, sums[i] / n[i]) for i, word in enumerate(sent) if n[i] > 0])
    return out


def distil(sentences: Iterable[list[str]], model, tokenizer) -> tuple[list[str], object]:
    """Lower-cased words and their mean contextual vectors (one row per word)."""
    import torch

    sums, seen = {}, {}
    for batch in _by_length(_needed(sentences, {})):
        for sent in encode_batch(model, tokenizer, batch):
            for word, vec in sent:
                key = word.lower()
                if seen.get(key, 0) < CONTEXTS:
                    sums[key] = sums[key] + vec if key in sums else vec.clone()
                    seen[key] = seen.get(key, 0) + 1
    words = sorted(sums, key=lambda w: (-seen[w], w))
    return words, torch.stack([sums[w] / seen[w] for w in words])


def reduce(vectors, dim: int = DIM):
    """PCA to ``dim`` dimensions, scaled to unit mean norm (stanza projects them anyway)."""
    import torch

    centred = vectors - vectors.mean(0)
    _, _, v = torch.pca_lowrank(centred, q=dim, center=False, niter=4)
    reduced = centred @ v[:, :dim]
    return reduced / reduced.norm(dim=1).mean()


def save_pretrain(words: list[str], vectors, path: Path) -> Path:
    """Write stanza's pretrain file (lower-cased vocabulary, reserved rows first)."""
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    vocab = PretrainedWordVocab(words, lower=True)
    emb = torch.cat([torch.zeros(len(VOCAB_PREFIX), vectors.shape[1]), vectors.float()])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    torch.save({"vocab": vocab.state_dict(), "emb": emb}, tmp, _use_new_zipfile_serialization=False)
    tmp.replace(path)
    return path


def build_vectors(*, blocks: list[str], texts: list[Path], out: Path, threads: int = 1) -> dict:
    """Distil the vectors of a language's words and write ``out``.

    Args:
        blocks: the treebank's CoNLL-U sentences whose words are read (its train split).
        texts: unlabelled articles of the language (never a test half).
        out: the pretrain file to write.
        threads: torch threads.

    Returns:
        What was built: words, dimensions, sources, for the pack's manifest.
    """
    import torch

    from attrib.parsing.encoder.convert import load_encoder

    torch.set_num_threads(threads)
    model, tokenizer = load_encoder()
    sentences = [block_words(b) for b in blocks]
    words, vectors = distil([*sentences, *text_sentences(texts)], model, tokenizer)
    save_pretrain(words, reduce(vectors), out)
    return {"words": len(words), "dim": DIM, "layers": LAYERS, "contexts": CONTEXTS,
            "treebank_sentences": len(sentences), "articles": len(texts)}


def pool_articles(pool: Path, lang: str) -> list[Path]:
    """The pool's articles in ``lang`` outside its test half (``<lang>-test-*`` files)."""
    return sorted(p for p in (Path(pool) / lang).glob("*.txt") if not p.name.startswith(f"{lang}-test-"))
