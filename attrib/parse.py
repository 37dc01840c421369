"""``attrib parse``: run the model pack over a folder of articles and write CoNLL-U.

A quick way to see what the models make of a corpus: every paragraph gets its language
(from the codebooks' language evidence) and goes through that language's pipeline; each
article becomes ``OUT/<doc_id>.conllu`` with ``# newpar`` and ``# lang`` comments.
"""

from __future__ import annotations

import glob
import os
import re
from collections import Counter
from pathlib import Path

from attrib.codebook import load_codebooks
from attrib.errors import AttribError
from attrib.langid import detect_language
from attrib.models.resolve import available_languages
from attrib.nlp import parse_paragraphs

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def find_text_files(inputs: list[str]) -> list[Path]:
    """Expand folders and globs into a sorted list of ``.txt`` files."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += sorted(path.glob("*.txt"))
        elif path.is_file():
            files.append(path)
        else:
            files += sorted(Path(p) for p in glob.glob(item))
    if not files:
        raise AttribError(f"no .txt files found in {inputs}; give a folder, a file or a glob")
    return files


def split_paragraphs(text: str) -> list[str]:
    """Split an article into non-empty paragraphs (blank lines separate them)."""
    return [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]


def label_paragraphs(paragraphs: list[str], codebooks) -> list[str]:
    """Language of each paragraph; paragraphs without evidence take the article's main one."""
    guesses = [detect_language(p, codebooks).lang for p in paragraphs]
    counts = Counter(g for g in guesses if g)
    main = counts.most_common(1)[0][0] if counts else "en"
    return [g or main for g in guesses]


def to_conllu(doc_id: str, langs: list[str], docs: list, paragraphs: list[str]) -> str:
    """CoNLL-U text of one article, paragraph by paragraph.

    A paragraph whose language has no model keeps its text in a comment, so nothing is lost.
    """
    parts = [f"# newdoc id = {doc_id}"]
    for number, (lang, doc, text) in enumerate(zip(langs, docs, paragraphs)):
        parts.append(f"# newpar id = {doc_id}-p{number}\n# lang = {lang}")
        if doc is None:
            parts.append(f"# unparsed = no {lang} models\n# text = {' '.join(text.split())}\n")
        else:
            parts.append("{:C}".format(doc))
    return "\n".join(parts) + "\n\n"


def _parse_available(langs: list[str], paragraphs: list[str], models, available: set[str]) -> list:
    """Parse the paragraphs whose language has models; None for the others."""
    wanted = [(i, lang, p) for i, (lang, p) in enumerate(zip(langs, paragraphs)) if lang in available]
    docs = parse_paragraphs([(lang, p) for _, lang, p in wanted], models=models)
    out: list = [None] * len(paragraphs)
    for (index, _, _), doc in zip(wanted, docs):
        out[index] = doc
    return out


def parse_corpus(*, inputs: list[str], out: Path, models=None, codebooks: tuple = ()) -> dict:
    """Parse every article of ``inputs`` into ``out/<doc_id>.conllu``.

    Args:
        inputs: folders, files or globs of UTF-8 ``.txt`` articles.
        out: output folder.
        models: pack folder or ``stanza`` (default: ``$ATTRIB_MODELS`` or the shipped pack).
        codebooks: user codebook files.

    Returns:
        Counts: documents, paragraphs, sentences per language.
    """
    books = load_codebooks(codebooks)
    available = set(available_languages(models))
    out.mkdir(parents=True, exist_ok=True)
    summary: Counter = Counter()
    for path in find_text_files(inputs):
        paragraphs = split_paragraphs(path.read_text("utf-8"))
        langs = label_paragraphs(paragraphs, books)
        docs = _parse_available(langs, paragraphs, models, available)
        target = out / f"{path.stem}.conllu"
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(to_conllu(path.stem, langs, docs, paragraphs), "utf-8")
        os.replace(tmp, target)
        summary["documents"] += 1
        summary["paragraphs"] += len(paragraphs)
        for lang, doc in zip(langs, docs):
            summary[f"sentences_{lang}" if doc is not None else f"unparsed_paragraphs_{lang}"] += (
                len(doc.sentences) if doc is not None else 1)
    return dict(summary)
