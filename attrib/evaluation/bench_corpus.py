"""The benchmark's corpora (see :mod:`attrib.evaluation.bench`): real text, cycled to N
documents made unique by a first line naming them.

- ``articles``: the seed articles and the documents of the UD treebanks, every split
  (Greek GDT, Hungarian Szeged, English GUM and EWT);
- ``posts``: two consecutive sentences of those UD files per document.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

# Treebank files whose documents make the articles corpus, every split: the bench needs
# over 500 distinct documents, or the 1,000-document corpus repeats each text many times,
# which favours bare stanza's single call (measured: 4 copies made it 29 % faster).
ARTICLE_FILES = tuple(f"{bank}/{code}-ud-{split}.conllu" for bank, code in (
    ("UD_Greek-GDT", "el_gdt"), ("UD_Hungarian-Szeged", "hu_szeged"), ("UD_English-GUM", "en_gum"),
    ("UD_English-EWT", "en_ewt")) for split in ("train", "dev", "test"))
POST_FILES = ("UD_Greek-GDT/el_gdt-ud-dev.conllu", "UD_Hungarian-Szeged/hu_szeged-ud-dev.conllu",
              "UD_English-GUM/en_gum-ud-dev.conllu")
# A treebank without document marks (Hungarian Szeged) is cut into documents of consecutive
# sentences: paragraphs of this many sentences, documents of at least this many characters.
PARA_SENTENCES, DOC_CHARS = 3, 2_000

def ud_documents(path: Path) -> list[str]:
    """The documents of a CoNLL-U file as plain text (one paragraph per ``# newpar``); a file
    without ``# newdoc`` marks is cut into documents of consecutive sentences."""
    blocks = path.read_text("utf-8").split("\n\n")
    if not any("# newdoc" in block for block in blocks):
        return _cut_documents([m.group(1) for b in blocks if (m := re.search(r"^# text = (.*)$", b, re.M))])
    docs, paras = [], []
    for block in blocks:
        if "# newdoc" in block and paras:
            docs.append("\n\n".join(paras))
            paras = []
        text = re.search(r"^# text = (.*)$", block, re.M)
        if text:
            if "# newpar" in block or not paras:
                paras.append(text.group(1))
            else:
                paras[-1] += " " + text.group(1)
    return docs + (["\n\n".join(paras)] if paras else [])


def _cut_documents(sentences: list[str]) -> list[str]:
    """Consecutive sentences as documents of ``PARA_SENTENCES``-sentence paragraphs, each
    document closing once it holds ``DOC_CHARS`` characters."""
    paras = [" ".join(sentences[i:i + PARA_SENTENCES]) for i in range(0, len(sentences), PARA_SENTENCES)]
    docs, doc = [], []
    for para in paras:
        doc.append(para)
        if sum(map(len, doc)) >= DOC_CHARS:
            docs.append("\n\n".join(doc))
            doc = []
    return docs + (["\n\n".join(doc)] if doc else [])


def base_texts(seeds: Path, ud: Path) -> list[str]:
    """Seed articles, then the UD documents longer than 300 characters, taking one from
    each treebank file in turn (so any first N documents mix languages and genres), each
    distinct text once."""
    per_file = [[d for d in ud_documents(ud / rel) if len(d) > 300] for rel in ARTICLE_FILES
                if (ud / rel).is_file()]
    mixed = [doc for turn in itertools.zip_longest(*per_file) for doc in turn if doc]
    texts = [p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))] + mixed
    return list(dict.fromkeys(texts))  # a text twice in a treebank (GUM train) once: a copy is an error row


def post_texts(ud: Path) -> list[str]:
    """Two consecutive sentences of the UD news files per text, the languages alternating."""
    per_file = []
    for rel in POST_FILES:
        if (ud / rel).is_file():
            sents = re.findall(r"^# text = (.*)$", (ud / rel).read_text("utf-8"), re.M)
            per_file.append([f"{a} {b}" for a, b in zip(sents[0::2], sents[1::2])])
    return [text for group in zip(*per_file) for text in group]


def build_corpus(n: int, folder: Path, seeds: Path, ud: Path, kind: str = "articles") -> int:
    """Write ``n`` unique documents of a corpus kind (articles, posts) into ``folder``;
    return the characters written."""
    texts = base_texts(seeds, ud) if kind == "articles" else post_texts(ud)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        text = f"Document {i}.\n\n{texts[i % len(texts)]}"
        (folder / f"bench-{i:05d}.txt").write_text(text, "utf-8")
        size += len(text)
    return size
