"""``attrib eval``: precision, recall and F1 of "attributed" and chain accuracy against gold.

The gold file (YAML, format in the README) lists documents whose sentences carry a hand-made
chain: who speaks, proximate first; an empty chain means "not attributed". Texts are inline,
taken from the project's ``seeds/``, or read from the UD treebanks by sentence id, so no
treebank text is stored in the project.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from attrib.atomic import write_text_atomic
from attrib.codebook import parse_yaml
from attrib.errors import ConfigError
from attrib.extract.sent import fold


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
    """sent_id -> CoNLL-U block of a treebank file (read once per file)."""
    if path not in cache:
        if not path.is_file():
            raise ConfigError(f"gold document {doc_id} needs {path}; pass --ud with the UD folder")
        blocks = path.read_text("utf-8").split("\n\n")
        cache[path] = {b.split("# sent_id =", 1)[1].split("\n", 1)[0].strip(): b
                       for b in blocks if "# sent_id =" in b}
    return cache[path]


def block_text(block: str) -> str:
    """The ``# text =`` line of a CoNLL-U sentence block."""
    return block.split("# text =", 1)[1].split("\n", 1)[0].strip()


def _doc_text(doc: dict, ud: Path, seeds: Path, cache: dict) -> tuple[str, list[str]]:
    """The document text and its sentences' texts, from inline text, seeds or UD."""
    sents = doc.get("sentences") or []
    if "ud_file" in doc:
        blocks = ud_blocks(ud / doc["ud_file"], cache, doc["doc_id"])
        texts = [block_text(blocks[s["ud_sent_id"]]) for s in sents]
        return " ".join(texts), texts
    if "seed" in doc:
        return (seeds / doc["seed"]).read_text("utf-8"), [s["text"] for s in sents]
    return doc["text"], [s["text"] for s in sents]


def load_gold(path: Path, *, ud: Path, seeds: Path) -> tuple[list[dict], list[GoldSentence]]:
    """Read a gold file: documents to annotate (id, text, lang) and gold sentences."""
    data = parse_yaml(path.read_text("utf-8"), str(path))
    docs, gold, cache = [], [], {}
    for doc in data.get("documents") or []:
        text, texts = _doc_text(doc, ud, seeds, cache)
        docs.append({"id": doc["doc_id"], "text": text, "lang": doc.get("lang")})
        cursor = 0
        for entry, sent_text in zip(doc["sentences"], texts):
            start = text.find(sent_text, cursor)
            if start < 0:
                raise ConfigError(f"{path}: gold sentence not found in {doc['doc_id']}: {sent_text[:60]!r}")
            cursor = start + len(sent_text)
            gold.append(GoldSentence(doc["doc_id"], doc.get("lang"), sent_text, list(entry.get("chain") or []), start))
    return docs, gold


def link_matches(gold: str, link: dict) -> bool:
    """A gold chain entry matches a predicted link by id, name or surface (folded, contained)."""
    want = fold(gold)
    return any(want == fold(str(link.get(k) or "")) or want in fold(str(link.get(k) or ""))
               for k in ("source_id", "name", "surface"))


def chain_found(gold: list[str], predicted: list[dict]) -> bool:
    """Every gold link is found in the predicted chain, in order."""
    pos = 0
    for entry in gold:
        while pos < len(predicted) and not link_matches(entry, predicted[pos]):
            pos += 1
        if pos == len(predicted):
            return False
        pos += 1
    return True


def align(gold: list[GoldSentence], sentences) -> list[dict]:
    """For each gold sentence, the predicted sentence overlapping it most (or None)."""
    by_doc = {doc: frame for doc, frame in sentences.groupby("doc_id")}
    out = []
    for g in gold:
        frame = by_doc.get(g.doc_id)
        best, best_overlap = None, 0
        for row in ([] if frame is None else frame.itertuples()):
            overlap = min(row.end, g.start + len(g.text)) - max(row.start, g.start)
            if overlap > best_overlap:
                best, best_overlap = row, overlap
        out.append({"attributed": bool(best.attributed) if best is not None else False,
                    "chain": list(best.chain) if best is not None else []})
    return out


def scores(gold: list[GoldSentence], predicted: list[dict]) -> dict:
    """Precision, recall, F1 of "attributed" and chain accuracy."""
    tp = sum(g.attributed and p["attributed"] for g, p in zip(gold, predicted))
    fp = sum(not g.attributed and p["attributed"] for g, p in zip(gold, predicted))
    fn = sum(g.attributed and not p["attributed"] for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    attributed = [(g, p) for g, p in zip(gold, predicted) if g.attributed]
    chains = sum(chain_found(g.chain, p["chain"]) for g, p in attributed)
    return {"sentences": len(gold), "gold_attributed": len(attributed), "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3),
            "chain_accuracy": round(chains / len(attributed), 3) if attributed else 0.0}


def evaluate_gold(*, gold_file: Path, ud: Path, seeds: Path = Path("seeds"), models=None,
                  codebooks: tuple = (), registry: tuple = ()) -> dict:
    """Annotate the gold documents and score them, overall and per language.

    Returns:
        ``{"overall": scores, "by_lang": {lang: scores}, "errors": [...]}``.
    """
    import pandas as pd

    from attrib.annotator import annotate

    docs, gold = load_gold(Path(gold_file), ud=Path(ud), seeds=Path(seeds))
    result = annotate(pd.DataFrame(docs), models=models, codebooks=codebooks, registry=registry)
    return _summarise(gold, align(gold, result.sentences))


def training_overlap(gold_file: Path) -> list[str]:
    """Warnings for gold documents taken from treebank files the model pack trains on
    (recipes.yaml): the pipeline's figures on them are optimistic."""
    from attrib.models.recipe import load_recipe

    trained = {f: lang for lang, r in load_recipe().languages.items() for f in r.splits.get("train", [])
               if isinstance(f, str)}
    data = parse_yaml(Path(gold_file).read_text("utf-8"), str(gold_file))
    hits: dict[str, list[str]] = {}
    for doc in data.get("documents") or []:
        if doc.get("ud_file") in trained:
            hits.setdefault(doc["ud_file"], []).append(doc["doc_id"])
    return [f"{Path(gold_file).stem}: {', '.join(ids)} come from {f}, which the {trained[f]} models were "
            "trained on (only dev and test splits exist for it); the pipeline's figures on them are optimistic, "
            "the rules-on-treebank figures are not affected." for f, ids in hits.items()]


def write_report(results: dict[str, dict], out: Path, target: tuple[float, float] = (0.95, 0.90),
                 notes: list[str] = ()) -> Path:
    """Write ``accuracy.md`` (and ``accuracy.json``) for one or more gold sets."""
    out.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out / "accuracy.json", json.dumps(results, indent=2, ensure_ascii=False))
    lines = ["# Attribution accuracy", "",
             f"`attrib eval` against hand-annotated gold sentences. Target: F1 ≥ {target[0]} and "
             f"chain accuracy ≥ {target[1]} on every set.", "",
             "| gold set | language | sentences | attributed (gold) | precision | recall | F1 | chain accuracy |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, res in results.items():
        for lang, s in [("all", res["overall"]), *res["by_lang"].items()]:
            lines.append(f"| {name} | {lang} | {s['sentences']} | {s['gold_attributed']} | {s['precision']} | "
                         f"{s['recall']} | {s['f1']} | {s['chain_accuracy']} |")
    if notes:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in notes]
    for name, res in results.items():
        lines += ["", f"## Misses in {name} ({len(res['errors'])})", ""]
        lines += [f"- `{e['doc_id']}` gold {e['gold'] or '—'}, predicted {e['predicted'] or '—'}: "
                  f"{e['text'][:140]}" for e in res["errors"]]
    return write_text_atomic(out / "accuracy.md", "\n".join(lines) + "\n")


def evaluate_gold_parses(*, gold_file: Path, ud: Path, codebooks: tuple = (), registry: tuple = ()) -> dict:
    """Score the attribution rules alone: run them on the treebank's gold parses.

    Only gold documents taken from UD (``ud_file``) can be scored this way. The result is
    the ceiling the rules reach with a perfect parser, separating rule errors from parse errors.
    """
    from attrib.attribution import attribute_article
    from attrib.codebook import load_codebooks
    from attrib.extract.sent import from_conllu, with_offsets
    from attrib.registry import load_registry
    from attrib.structure import Block

    books, reg = load_codebooks(codebooks), load_registry(registry)
    data = parse_yaml(Path(gold_file).read_text("utf-8"), str(gold_file))
    gold, predicted, cache = [], [], {}
    for doc in (d for d in data.get("documents") or [] if "ud_file" in d):
        blocks = ud_blocks(Path(ud) / doc["ud_file"], cache, doc["doc_id"])
        sents = [from_conllu(blocks[s["ud_sent_id"]], doc["lang"])[0] for s in doc["sentences"]]
        text, placed = " ".join(s.text for s in sents), []
        for sent in sents:
            start = text.find(sent.text, placed[-1].words[-1].end if placed else 0)
            placed.append(with_offsets(sent, text, 0, start))
        results = attribute_article([(Block(0, 0, text, "paragraph", doc["lang"]), placed)], books, reg)[0]
        for entry, sent, res in zip(doc["sentences"], placed, results):
            gold.append(GoldSentence(doc["doc_id"], doc["lang"], sent.text, list(entry.get("chain") or []), sent.start))
            predicted.append({"attributed": res.attributed, "chain": [l.row() for l in res.chain]})
    return _summarise(gold, predicted)


def _summarise(gold: list[GoldSentence], predicted: list[dict]) -> dict:
    """Overall and per-language scores plus the list of misses."""
    by_lang = {}
    for lang in sorted({g.lang for g in gold}):
        pairs = [(g, p) for g, p in zip(gold, predicted) if g.lang == lang]
        by_lang[lang] = scores([g for g, _ in pairs], [p for _, p in pairs])
    errors = [{"doc_id": g.doc_id, "text": g.text, "gold": g.chain,
               "predicted": [l["name"] for l in p["chain"]]}
              for g, p in zip(gold, predicted)
              if g.attributed != p["attributed"] or (g.attributed and not chain_found(g.chain, p["chain"]))]
    return {"overall": scores(gold, predicted), "by_lang": by_lang, "errors": errors}
