"""The gate of the learned attribution: install a trained model only where the dev gold
says it helps, and choose per language what ``--attribution default`` does.

The dev gold (the pool's dev split and synth-dev: nothing the rules or the model were
fitted to) is annotated end to end with the rules, the installed attribution and the
candidate in its modes. Per sentence, a system scores 1 when it gets "attributed" right
and, for a gold-attributed sentence, the whole chain (as ``attrib eval``'s chain
accuracy counts it). The candidate is installed when it beats the installed system
clearly: a paired bootstrap over sentences puts the chance that it is no better below
``alpha``. The default mode of each language is then the candidate's best mode on that
language's dev sentences, the rules unless a model mode beats them clearly.
"""

from __future__ import annotations

from pathlib import Path

from attrib.evaluation.evaluate import language_outcomes
from attrib.evaluation.paired import paired_bootstrap

DEV_GOLD = ("pool/dev-el.yaml", "pool/dev-hu.yaml", "pool/dev-en.yaml", "synth-dev.yaml")


def outcomes(*, files, lang: str, ud: Path, seeds: Path, models, attribution: str, pack_override=None) -> list[int]:
    """Per-sentence outcomes of one attribution on one language's dev gold."""
    return language_outcomes(gold_files=files, lang=lang, ud=ud, seeds=seeds, models=models,
                             attribution=attribution)[1]


def choose_mode(by_mode: dict[str, list[int]], alpha: float = 0.05) -> str:
    """The best mode of a language: a model mode only where it beats the rules clearly."""
    best, best_score = "rules", sum(by_mode.get("rules", []))
    for mode in ("hybrid", "model"):
        scores = by_mode.get(mode)
        if scores and sum(scores) > best_score and paired_bootstrap(scores, by_mode["rules"]) < alpha:
            best, best_score = mode, sum(scores)
    return best


def judge(by_lang: dict[str, dict[str, list[int]]], installed: dict[str, list[int]], alpha: float = 0.05) -> dict:
    """The gate's verdict: default modes per language, and whether the candidate beats the
    installed system clearly (all languages' dev sentences together, paired)."""
    modes = {lang: choose_mode(by_mode, alpha) for lang, by_mode in by_lang.items()}
    candidate = [x for lang, mode in modes.items() for x in by_lang[lang][mode]]
    before = [x for lang in modes for x in installed[lang]]
    p = paired_bootstrap(candidate, before)
    return {"modes": modes, "candidate_correct": sum(candidate), "installed_correct": sum(before),
            "sentences": len(candidate), "p_no_better": round(p, 4),
            "install": sum(candidate) > sum(before) and p < alpha,
            "by_lang": {lang: {mode: round(sum(v) / len(v), 3) for mode, v in by_mode.items() if v}
                        for lang, by_mode in by_lang.items()}}
