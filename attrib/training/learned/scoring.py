"""Scores of the model's own answers on gold windows, as ``attrib eval`` counts them, and
the sentence accuracy the gate counts (a sentence is right when it is rightly unattributed,
or attributed with its gold chain found).

Used for the dev curve while training: each target sentence's predicted links, as the
words the model pointed at (or a special answer), are matched against the gold names
with the evaluation's own rules (:func:`attrib.evaluation.evaluate.chain_found` and
``chain_exact``). A ``previous`` answer stands for the latest speaker named before in the
document, as the pipeline resolves it.
"""

from __future__ import annotations

from collections import defaultdict

from attrib.evaluation.evaluate import chain_exact, chain_found
from attrib.training.learned.data import TrainDoc
from attrib.attribution.learned.decode import PredictedSentence


def gold_names(doc: TrainDoc, s: int) -> list[str]:
    """The gold chain of sentence ``s`` as names (labels for unnamed sources)."""
    out = []
    for link in doc.sentences[s].links:
        if link.name:
            out.append(doc.text[link.name[0]:link.name[1]])
        elif link.label in ("unnamed", "unknown", "account"):
            out.append(link.label)
    return out


def predicted_names(doc: TrainDoc, pred: PredictedSentence, last: list[str]) -> list[dict]:
    """Predicted links as evaluation links: the words pointed at, a label, or the last speaker."""
    out = []
    for link in pred.links:
        if link.span:
            out.append({"name": doc.text[link.span[0]:link.span[1]]})
        elif link.special == "previous":
            out.append({"name": last[0] if last else "unknown"})
        else:
            out.append({"name": link.special, "source_id": link.special})
    return out


def score_predictions(docs: list[TrainDoc], predictions: dict[int, list[PredictedSentence]]) -> dict:
    """F1 of attributed, chain and exact chain accuracy, overall and per language."""
    counts: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for d, doc in enumerate(docs):
        last: list[str] = []
        for pred in sorted(predictions.get(d, []), key=lambda p: p.sent):
            gold, names = gold_names(doc, pred.sent), predicted_names(doc, pred, last)
            if names:
                last = [names[0]["name"]]
            for key in ("all", doc.lang):
                _count(counts[key], doc.sentences[pred.sent].attributed, gold, names)
    return {key: _rates(c) for key, c in counts.items()}


def _count(c: dict, attributed: bool, gold: list[str], names: list[dict]) -> None:
    c["n"] += 1
    c["tn"] += not attributed and not names
    c["tp"] += attributed and bool(names)
    c["fp"] += not attributed and bool(names)
    c["fn"] += attributed and not names
    c["gold"] += attributed
    if attributed and gold:
        c["chain"] += chain_found(gold, names)
        c["exact"] += chain_exact(gold, names)


def _rates(c: dict) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    gold = c["gold"] or 1
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "chain": round(c["chain"] / gold, 3), "exact": round(c["exact"] / gold, 3), "attributed": c["gold"],
            "sentence_accuracy": round((c["tn"] + c["chain"]) / (c["n"] or 1), 3)}
