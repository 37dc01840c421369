"""Dev-score curves read from stanza's training logs.

stanza's training modules log a dev score at every evaluation: the tagger and the parser
``step 200: train_loss = ..., dev_score = 0.7524``, the lemmatizer and the MWT expander
``epoch 3: train_loss = ..., dev_score = 0.9822``, the tokenizer ``Dev score: 91.303``
every ``eval_steps`` steps. The build records the curve of every model it installs, and
``reports/models.md`` shows it, so that one can see whether more training would pay.
"""

from __future__ import annotations

import re
from datetime import datetime

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", re.MULTILINE)
STEP_SCORE = re.compile(r"\b(step|epoch) (\d+): train_loss = [^,]+, .*?dev_score = ([0-9.]+)")
TOKENIZE_SCORE = re.compile(r"Dev score: ([0-9.]+)")


def _percent(value: float) -> float:
    """Scores logged as shares (0.75) become percentages (75.0), as in the CoNLL scorer."""
    return round(value * 100 if value <= 1.0 else value, 2)


def _append(points: list[list[float]], at: int, score: float) -> None:
    """Add a point; a step or epoch number that goes back starts a new run (a retraining)."""
    while points and points[-1][0] >= at:
        points.pop()
    points.append([at, score])


def _runs(log_text: str) -> list[str]:
    """A log's training runs: every (re)start of the training command logs its ``$ python ...`` line."""
    return log_text.split("\n$ ")


def _tokenize_points(text: str, eval_steps: int) -> list[list[float]]:
    """The tokenizer's curve: its n-th dev score was taken at step n * eval_steps."""
    points: list[list[float]] = []
    for run in _runs(text):
        found = [_percent(float(m.group(1))) for m in TOKENIZE_SCORE.finditer(run)]
        if found:
            points = [[(i + 1) * eval_steps, s] for i, s in enumerate(found)]
    return points


def training_curve(log_text: str, proc: str, hyper: dict) -> dict:
    """The dev curve of the last training run in a log.

    Args:
        log_text: the training log (build work folder ``logs/LANG-PROC-train.log``).
        proc: the processor trained.
        hyper: its hyperparameters (the tokenizer's ``eval_steps`` places its points).

    Returns:
        ``{"unit": "step" | "epoch", "points": [[at, dev score in %], ...]}``.
    """
    if proc == "tokenize":
        return {"unit": "step", "points": _tokenize_points(log_text, int(hyper.get("eval_steps", 20)))}
    points: list[list[float]] = []
    unit = "epoch" if proc in ("lemma", "mwt") else "step"
    for match in STEP_SCORE.finditer(log_text):
        unit = match.group(1)
        _append(points, int(match.group(2)), _percent(float(match.group(3))))
    return {"unit": unit, "points": points}


def log_seconds(log_text: str) -> float:
    """Training time of all the runs in a log (a run resumed from a checkpoint adds its own).

    Each run starts with its ``$ python -m ...`` line; its time is from its first to its
    last time-stamped line. A retraining from scratch is not told apart from a resumption.
    """
    total = 0.0
    for run in _runs(log_text):
        stamps = [datetime.strptime(s, "%Y-%m-%d %H:%M:%S") for s in STAMP.findall(run)]
        total += (stamps[-1] - stamps[0]).total_seconds() if len(stamps) > 1 else 0.0
    return round(total, 1)


def curve_text(curve: dict, limit: int = 12) -> str:
    """``step 200: 65.8, 400: 75.2, ... (best 80.1 at 800)``, thinned to ``limit`` points."""
    points = curve.get("points") or []
    if not points:
        return "not recorded"
    stride = max(1, -(-len(points) // limit))
    shown = points[::stride] if points[-1] in points[::stride] else points[::stride] + [points[-1]]
    best = max(points, key=lambda p: p[1])
    body = ", ".join(f"{int(at)}: {score:.1f}" for at, score in shown)
    return f"{curve.get('unit', 'step')} {body} (best {best[1]:.2f} at {int(best[0])})"
