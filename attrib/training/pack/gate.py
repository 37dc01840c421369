"""The gate a retrained model passes before ``attrib models build`` installs it.

Two checks, in this order, each a pure comparison of figures the build measures:

1. **treebank**: the new model scores higher than the installed one on the same dev split
   (the build's own, so a model trained on other splits is not judged on its own dev data),
   by at least the recipe's ``min_gain`` for its processor (2 LAS for a parser);
2. **attribution**: with the new model in a copy of the pack, attribution on the dev gold,
   in the model's language, does not fall by more than noise: the installed pack is better
   than the candidate in a paired bootstrap over the dev sentences (share of resamples in
   which it is no better below ``alpha``) only when it really is. A single sentence is not
   a fall; the recipe's metrics (F1, chain accuracy, exact chain accuracy) are reported beside.

The held-out gold (news-test, synth-test) never takes part: it stays a test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from attrib.evaluation.paired import paired_bootstrap
from attrib.training.pack.recipe import Gate


@dataclass(frozen=True)
class Verdict:
    """What the gate decided about one model.

    Attributes:
        passed: whether the model may replace the installed one.
        failed: the check it failed (``treebank`` or ``attribution``), None when it passed.
        detail: the figures behind the decision, in words.
        figures: the same figures as data (recorded in the manifest).
    """

    passed: bool
    failed: str | None
    detail: str
    figures: dict = field(default_factory=dict)


def treebank_verdict(new: float, installed: float | None, metric: str, min_gain: float = 0.0) -> Verdict:
    """Check 1: the new model's dev score against the installed model's on the same split."""
    figures = {"metric": metric, "new": new, "installed": installed, "min_gain": min_gain}
    if installed is None:
        return Verdict(True, None, f"dev {metric} {new:.2f} (nothing installed to compare with)", figures)
    if new <= installed or new - installed < min_gain:
        need = f" (a gain of {min_gain:.1f} is needed)" if min_gain else ""
        return Verdict(False, "treebank", f"dev {metric} {new:.2f} against installed {installed:.2f} on the same "
                       f"split{need}", figures)
    return Verdict(True, None, f"dev {metric} {installed:.2f} -> {new:.2f}", figures)


def _change(gate: Gate, installed: dict, new: dict) -> str:
    """``f1 .912 -> .915, chain_accuracy .70 -> .71`` for the gate's metrics."""
    return ", ".join(f"{m} {installed.get(m, 0.0):.3f} -> {new.get(m, 0.0):.3f}" for m in gate.metrics)


def attribution_verdict(gate: Gate, installed: tuple[dict, list], new: tuple[dict, list]) -> Verdict:
    """Check 2: attribution on the dev gold with the installed and with the new model.

    Args:
        gate: the recipe's gate (metrics reported, ``alpha``).
        installed: scores and per-sentence outcomes with the installed pack (see
            :func:`attrib.evaluation.evaluate.language_outcomes`).
        new: the same with the new model in a copy of the pack.
    """
    (before, kept), (after, got) = installed, new
    if not kept and not got:
        return Verdict(True, None, "no dev gold in this language: attribution not checked", {})
    p_fall = paired_bootstrap(kept, got)  # resamples in which the installed pack is no better
    figures = {"installed": before, "new": after, "metrics": list(gate.metrics), "sentences": len(kept),
               "installed_right": sum(kept), "new_right": sum(got), "p_installed_no_better": p_fall,
               "alpha": gate.alpha}
    words = (f"attribution on the dev gold ({len(kept)} sentences): right {sum(kept)} -> {sum(got)}, "
             f"{_change(gate, before, after)}")
    if sum(got) < sum(kept) and p_fall < gate.alpha:
        return Verdict(False, "attribution", words + f" (a fall beyond noise: the installed pack is no better "
                       f"in {p_fall:.1%} of paired resamples, under {gate.alpha:.0%})", figures)
    return Verdict(True, None, words + f" (installed no better in {p_fall:.1%} of paired resamples)", figures)


def candidate_pack(pack: Path, dest: Path) -> Path:
    """A copy of ``pack`` at ``dest`` to install a candidate model into, leaving ``pack`` alone.

    Files are hard links where the file system allows (the pack is ~60 MB); installing writes
    a new file and renames it over the link, so the original pack is never written through.
    """
    if dest.exists():
        shutil.rmtree(dest)

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(pack, dest, copy_function=link, ignore=shutil.ignore_patterns(".manifest.lock"))
    return dest


def gate_summary(verdicts: list[Verdict]) -> dict:
    """The figures of every check a model passed, as the manifest records them."""
    return {name: v.figures for name, v in zip(("treebank", "attribution"), verdicts)}
