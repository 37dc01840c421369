"""``attrib parse``: run the model pack over a corpus and write CoNLL-U.

A quick way to see what the models make of a corpus. Documents are read and decoded like
``attrib annotate`` reads them (attrib.inputs.reader), split into paragraphs with their language
(attrib.article.structure), and each paragraph goes through that language's pipeline; every
document becomes ``OUT/<doc_id>.conllu`` with ``# newpar`` and ``# lang`` comments.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from attrib.atomic import write_text_atomic
from attrib.languages.codebook import load_codebooks
from attrib.parsing.nlp import parse_paragraphs
from attrib.progress import Progress
from attrib.inputs.reader import corpus_size, read_corpus
from attrib.article.structure import Block, structure_article
from attrib.inputs.usage import check_inputs, check_out_folder
from attrib.parsing.pack.resolve import check_model_pack


def to_conllu(doc_id: str, blocks: list[Block], docs: list) -> str:
    """CoNLL-U text of one article, paragraph by paragraph.

    A paragraph whose language has no model keeps its text in a comment, so nothing is lost.
    """
    parts = [f"# newdoc id = {doc_id}"]
    for block, doc in zip(blocks, docs):
        parts.append(f"# newpar id = {doc_id}-p{block.para_id}\n# lang = {block.lang}\n# kind = {block.kind}")
        if doc is None:
            parts.append(f"# unparsed = no {block.lang} models\n# text = {' '.join(block.text.split())}\n")
        else:
            parts.append("{:C}".format(doc) + "\n")  # a blank line ends every sentence
    return "\n".join(parts) + "\n"


def _parse_available(blocks: list[Block], models, available: set[str]) -> list:
    """Parse the blocks whose language has models; None for the others."""
    wanted = [i for i, b in enumerate(blocks) if b.lang in available]
    docs = parse_paragraphs([(blocks[i].lang, blocks[i].text) for i in wanted], models=models)
    out: list = [None] * len(blocks)
    for index, doc in zip(wanted, docs):
        out[index] = doc
    return out


def parse_corpus(*, inputs: list[str], out: Path, models=None, codebooks: tuple = (), progress: bool = True,
                 threads: int | None = None) -> dict:
    """Parse every document of ``inputs`` into ``out/<doc_id>.conllu``.

    Args:
        inputs: folders, files or globs (text files or tables, as for ``attrib annotate``).
        out: output folder.
        models: pack folder or ``stanza`` (default: ``$ATTRIB_MODELS`` or the shipped pack).
        codebooks: user codebook files.
        progress: show progress on stderr when the run takes long (:mod:`attrib.progress`).
        threads: torch threads (None: 1, as ``attrib annotate``).

    Returns:
        Counts: documents, unreadable documents, paragraphs, sentences per language.
    """
    check_inputs(inputs)
    check_out_folder(out, "CoNLL-U files")
    books = load_codebooks(codebooks)
    available = set(check_model_pack(models))
    import torch

    torch.set_num_threads(threads or 1)
    out.mkdir(parents=True, exist_ok=True)
    summary: Counter = Counter()
    with Progress(corpus_size(inputs, books) if progress else None, label="parsing", enabled=progress) as bar:
        for doc in read_corpus(inputs, books):
            summary["documents"] += 1
            if doc.ok:
                _parse_document(doc, books, models, available, out, summary)
            else:
                summary["unreadable"] += 1
            bar.advance()
    return dict(summary)


def _parse_document(doc, books: dict, models, available: set[str], out: Path, summary: Counter) -> None:
    """Parse one readable document into ``out/<doc_id>.conllu`` and count what it held."""
    blocks = list(structure_article(doc.text, books, doc.meta.get("lang")).blocks)
    docs = _parse_available(blocks, models, available)
    write_text_atomic(out / f"{doc.doc_id}.conllu", to_conllu(doc.doc_id, blocks, docs))
    summary["paragraphs"] += len(blocks)
    for block, parsed in zip(blocks, docs):
        key = f"sentences_{block.lang}" if parsed is not None else f"unparsed_paragraphs_{block.lang}"
        summary[key] += len(parsed.sentences) if parsed is not None else 1
