"""Gold files for ``attrib eval``: documents, their paragraphs and their gold chains.

A gold document's text is inline, taken from the project's ``seeds/``, or read from a UD
treebank by sentence id, so no treebank text is stored in the project. Treebank documents
keep their paragraphs: UD's ``# newpar`` marks where the treebank has them (GUM), else a
sentence without final punctuation (a headline, a dateline) is a paragraph of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from attrib.languages.codebook import parse_yaml
from attrib.errors import ConfigError

FINAL = tuple(".!?…:;\"»”'’)")
DASHES = ("—", "–")


@dataclass
class GoldSentence:
    """One gold sentence: its text, offsets in its document and its chain."""

    doc_id: str
    lang: str
    text: str
    chain: list[str]
    start: int = 0

    @property
    def attributed(self) -> bool:
        """Whether the gold says someone speaks."""
        return bool(self.chain)


def ud_blocks(path: Path, cache: dict, doc_id: str) -> dict[str, str]:
    """sent_id -> CoNLL-U block of a treebank file, in file order (read once per file)."""
    if path not in cache:
        if not path.is_file():
            raise ConfigError(f"gold document {doc_id} needs {path}; pass --ud with the UD folder")
        blocks = path.read_text("utf-8").split("\n\n")
        cache[path] = {b.split("# sent_id =", 1)[1].split("\n", 1)[0].strip(): b
                       for b in blocks if "# sent_id =" in b}
    return cache[path]


def block_sent_id(block: str) -> str:
    """The ``# sent_id`` of a CoNLL-U sentence block ("" if none)."""
    for line in block.splitlines():
        if line.startswith("# sent_id ="):
            return line.split("=", 1)[1].strip()
    return ""


def block_text(block: str) -> str:
    """The ``# text =`` line of a CoNLL-U sentence block."""
    return block.split("# text =", 1)[1].split("\n", 1)[0].strip()


def _opens_paragraph(block: str) -> bool:
    """Whether UD marks the block as the first sentence of a paragraph."""
    return any(line.startswith(("# newpar", "# newdoc")) for line in block.splitlines())


def paragraphs(blocks: list[str]) -> list[list[int]]:
    """Indices of ``blocks`` (one document's sentences, in order) grouped into paragraphs.

    UD's ``# newpar`` decides where any block carries one; else a sentence that does not
    end like a sentence (a headline, a date) stands alone, a sentence that opens with a
    dash opens a paragraph (dialogue, as Hungarian prints it: "— Nem megyünk el — mondta."),
    and after dialogue a sentence that opens with a name goes back to narration.
    """
    marked = any("# newpar" in b for b in blocks)
    groups: list[list[int]] = []
    for index, block in enumerate(blocks):
        previous = block_text(blocks[index - 1]).rstrip() if index else ""
        dash = block_text(block).startswith(DASHES)
        after_dialogue = bool(groups) and block_text(blocks[groups[-1][0]]).startswith(DASHES) and _named_first(block)
        starts = _opens_paragraph(block) if marked else not previous.endswith(FINAL) or dash or after_dialogue
        if not groups or starts:
            groups.append([])
        groups[-1].append(index)
    return groups


def _named_first(block: str) -> bool:
    """Whether a CoNLL-U sentence's first word is a proper noun."""
    for line in block.splitlines():
        cols = line.split("\t")
        if len(cols) > 3 and cols[0].isdigit():
            return cols[3] == "PROPN"
    return False


def ud_document(blocks: list[str]) -> tuple[str, list[str]]:
    """A treebank document's text (paragraphs apart by a blank line) and its sentences."""
    texts = [block_text(b) for b in blocks]
    text = "\n\n".join(" ".join(texts[i] for i in group) for group in paragraphs(blocks))
    return text, texts


def _doc_text(doc: dict, ud: Path, seeds: Path, cache: dict) -> tuple[str, list[str]]:
    """The document text and its sentences' texts, from inline text, seeds or UD."""
    sents = doc.get("sentences") or []
    if "ud_file" in doc:
        blocks = ud_blocks(ud / doc["ud_file"], cache, doc["doc_id"])
        missing = [s["ud_sent_id"] for s in sents if s["ud_sent_id"] not in blocks]
        if missing:
            raise ConfigError(f"gold document {doc['doc_id']}: {doc['ud_file']} has no sentence {missing[0]}; "
                              "check the id or the treebank version (../shared/ud/COMMITS.txt)")
        return ud_document([blocks[s["ud_sent_id"]] for s in sents])
    if "seed" in doc:
        return (seeds / doc["seed"]).read_text("utf-8"), [s["text"] for s in sents]
    return doc["text"], [s["text"] for s in sents]


def read_gold(path: Path) -> list[dict]:
    """The documents of a gold file, checked for what every document needs."""
    data = parse_yaml(Path(path).read_text("utf-8"), str(path))
    docs = (data or {}).get("documents") or []
    for doc in docs:
        for key in ("doc_id", "lang", "sentences"):
            if key not in doc:
                raise ConfigError(f"{path}: a gold document lacks {key!r}: {str(doc)[:80]}")
    return docs


def gold_description(path: Path) -> str:
    """The gold file's ``description`` (what the set is), or ""."""
    data = parse_yaml(Path(path).read_text("utf-8"), str(path)) or {}
    return " ".join(str(data.get("description") or "").split())


def _pool_document(doc: dict, pool: Path) -> tuple[dict, list[GoldSentence]]:
    """A span-gold document of the pool (:mod:`attrib.evaluation.spangold`): text from the pool,
    sentences by offsets, chains as the words that name each source."""
    from attrib.evaluation.spangold import doc_sentences, pool_text

    text = pool_text(doc, pool)
    gold = [GoldSentence(doc["doc_id"], doc["lang"], text[s.start:s.end], [link.text(text) for link in s.chain], s.start)
            for s in doc_sentences(doc)]
    return {"id": doc["doc_id"], "text": text, "lang": doc["lang"], "outlet": doc.get("outlet", "")}, gold


def load_gold(path: Path, *, ud: Path, seeds: Path, pool: Path | None = None) -> tuple[list[dict], list[GoldSentence]]:
    """Read a gold file: documents to annotate (id, text, lang) and gold sentences.

    ``pool`` is where span-gold documents of the pool read their text (default: ``pool``
    beside the UD folder, as in ``../shared``)."""
    docs, gold, cache = [], [], {}
    for doc in read_gold(path):
        if "pool" in doc:
            entry, sentences = _pool_document(doc, Path(pool) if pool else Path(ud).parent / "pool")
            docs.append(entry)
            gold += sentences
            continue
        text, texts = _doc_text(doc, Path(ud), Path(seeds), cache)
        docs.append({"id": doc["doc_id"], "text": text, "lang": doc.get("lang"), "outlet": doc.get("outlet", "")})
        cursor = 0
        for entry, sent_text in zip(doc["sentences"], texts):
            start = text.find(sent_text, cursor)
            if start < 0:
                raise ConfigError(f"{path}: gold sentence not found in {doc['doc_id']}: {sent_text[:60]!r}")
            cursor = start + len(sent_text)
            gold.append(GoldSentence(doc["doc_id"], doc.get("lang"), sent_text, list(entry.get("chain") or []),
                                     start))
    return docs, gold


def gold_sentence_ids(gold_files) -> set[str]:
    """Treebank sentence ids of every UD document in the given gold files: what no model
    trains on and no codebook is mined from."""
    return {s["ud_sent_id"] for path in gold_files for doc in read_gold(Path(path))
            for s in doc["sentences"] if "ud_sent_id" in s}


def document_sheet(blocks: dict[str, str], ids: list[str]) -> str:
    """A treebank document laid out for an annotator: paragraphs, each sentence with its id."""
    chosen = [blocks[i] for i in ids]
    lines = []
    for number, group in enumerate(paragraphs(chosen), 1):
        lines.append(f"[paragraph {number}]")
        lines += [f"{ids[i]}\t{block_text(chosen[i])}" for i in group]
        lines.append("")
    return "\n".join(lines)
