"""The gate a retrained model passes before ``attrib models build`` installs it.

Two checks, in this order, each a pure comparison of figures the build measures:

1. **treebank**: the new model scores higher than the installed one on the same dev split
   (the build's own, so a model trained on other splits is not judged on its own dev data);
2. **attribution**: with the new model in a copy of the pack, attribution on the dev half of
   the attribution gold, in the model's language, does not fall on any of the recipe's
   metrics (F1, chain accuracy, exact chain accuracy), compared with the installed pack.

The held-out gold (news-test, synth-test) never takes part: it stays a test.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

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


def treebank_verdict(new: float, installed: float | None, metric: str) -> Verdict:
    """Check 1: the new model's dev score against the installed model's on the same split."""
    figures = {"metric": metric, "new": new, "installed": installed}
    if installed is None:
        return Verdict(True, None, f"dev {metric} {new:.2f} (nothing installed to compare with)", figures)
    if new <= installed:
        return Verdict(False, "treebank", f"dev {metric} {new:.2f} <= installed {installed:.2f} on the same split",
                       figures)
    return Verdict(True, None, f"dev {metric} {installed:.2f} -> {new:.2f}", figures)


def _falls(gate: Gate, installed: dict, new: dict) -> list[str]:
    """The gate's metrics on which the new pack scores lower than the installed one."""
    return [m for m in gate.metrics if new.get(m, 0.0) < installed.get(m, 0.0) - gate.tolerance]


def _change(gate: Gate, installed: dict, new: dict) -> str:
    """``f1 .912 -> .915, chain_accuracy .70 -> .71`` for the gate's metrics."""
    return ", ".join(f"{m} {installed.get(m, 0.0):.3f} -> {new.get(m, 0.0):.3f}" for m in gate.metrics)


def attribution_verdict(gate: Gate, installed: dict, new: dict) -> Verdict:
    """Check 2: attribution scores on the dev gold with the installed and with the new model.

    Args:
        gate: the recipe's gate (metrics, tolerance).
        installed: scores with the installed pack (see :func:`attrib.evaluation.evaluate.evaluate_language`).
        new: scores with the new model in a copy of the pack.
    """
    figures = {"installed": installed, "new": new, "metrics": list(gate.metrics)}
    if not installed and not new:
        return Verdict(True, None, "no dev gold in this language: attribution not checked", figures)
    words = f"attribution on the dev gold ({installed.get('gold_attributed', 0)} attributed sentences): "
    falls = _falls(gate, installed, new)
    if falls:
        return Verdict(False, "attribution", words + _change(gate, installed, new) + f" ({', '.join(falls)} fall)",
                       figures)
    return Verdict(True, None, words + _change(gate, installed, new), figures)


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
