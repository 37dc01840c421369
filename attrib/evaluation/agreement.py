"""Agreement between two annotators of the same documents: Cohen's kappa of "attributed",
of the chain and of the exact chain.

Each sentence gets a label from each annotator: not attributed, or its chain of source
names. Two labels agree on *attributed* when both say the same; on the *chain* when both
are unattributed or one's chain is found, link by link in order, in the other's (as
``attrib eval`` counts chain accuracy, either way round); on the *exact chain* when both
chains have the same links in the same order. Kappa corrects the observed agreement for
chance: the agreement expected between the two annotators' own label distributions, with
two attributed labels drawn at random from different sentences agreeing as often as such
pairs do in the data.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from attrib.evaluation.evaluate import chain_exact, chain_found

Label = tuple[str, ...] | None  # None: not attributed


def _found(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    links = lambda names: [{"name": n} for n in names]  # noqa: E731
    return chain_found(list(a), links(b)) or chain_found(list(b), links(a))


def _exact(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return chain_exact(list(a), [{"name": n} for n in b]) or chain_exact(list(b), [{"name": n} for n in a])


def _agree(kind: str, a: Label, b: Label) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return kind == "attributed" or (_found if kind == "chain" else _exact)(a, b)


def _chance_match(kind: str, first: list[Label], second: list[Label], limit: int = 20_000) -> float:
    """How often two attributed labels from different sentences agree."""
    if kind == "attributed":
        return 1.0
    pairs = ((a, b) for i, a in enumerate(first) if a is not None
             for j, b in enumerate(second) if b is not None and i != j)
    sample = list(islice(pairs, limit))
    return sum(_agree(kind, a, b) for a, b in sample) / len(sample) if sample else 0.0


def kappa(kind: str, first: list[Label], second: list[Label]) -> dict:
    """Observed agreement, chance agreement and kappa of one kind over paired labels.

    Args:
        kind: ``attributed``, ``chain`` or ``exact``.
        first: each sentence's label by the first annotator.
        second: the same sentences' labels by the second.
    """
    n = len(first)
    observed = sum(_agree(kind, a, b) for a, b in zip(first, second)) / n
    pa = sum(a is not None for a in first) / n
    pb = sum(b is not None for b in second) / n
    chance = (1 - pa) * (1 - pb) + pa * pb * _chance_match(kind, first, second)
    value = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return {"observed": round(observed, 3), "chance": round(chance, 3), "kappa": round(value, 3)}


def agreement(first: list[Label], second: list[Label]) -> dict:
    """Kappa of attributed, chain and exact chain, and the chain accuracies of one
    annotator scored against the other on the sentences both call attributed."""
    both = [(a, b) for a, b in zip(first, second) if a is not None and b is not None]
    return {"sentences": len(first),
            "attributed_by_first": sum(a is not None for a in first),
            "attributed_by_second": sum(b is not None for b in second),
            **{kind: kappa(kind, first, second) for kind in ("attributed", "chain", "exact")},
            "chain_when_both": round(sum(_found(a, b) for a, b in both) / len(both), 3) if both else None,
            "exact_when_both": round(sum(_exact(a, b) for a, b in both) / len(both), 3) if both else None}


def pool_agreement(gold_dir: Path, pool: Path) -> dict[str, dict]:
    """Agreement per language between the pool gold (first annotations, ``<split>-<lang>.yaml``)
    and the second annotations (``second-<lang>.yaml``) of the same documents."""
    from attrib.evaluation.spangold import doc_labels, read_span_gold

    out = {}
    for second_file in sorted(Path(gold_dir).glob("second-*.yaml")):
        lang = second_file.stem.split("-", 1)[1]
        firsts = {d["doc_id"]: d for f in Path(gold_dir).glob(f"*-{lang}.yaml") if not f.stem.startswith("second")
                  for d in read_span_gold(f)}
        first, second, docs = [], [], 0
        for doc in read_span_gold(second_file):
            if doc["doc_id"] in firsts:
                first += doc_labels(firsts[doc["doc_id"]], pool)
                second += doc_labels(doc, pool)
                docs += 1
        if first:
            out[lang] = {"documents": docs, **agreement(first, second)}
    return out
