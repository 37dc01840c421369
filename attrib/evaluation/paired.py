"""The paired bootstrap that compares two attributions on the same sentences.

Both gates (the stanza pack's, :mod:`attrib.training.pack.gate`, and the learned
attribution's, :mod:`attrib.training.learned.gate`) judge a candidate against what is
installed on the same dev sentences: per sentence a system scores 1 when it gets
"attributed" right and, for a gold-attributed sentence, the whole chain
(:func:`attrib.evaluation.evaluate.sentence_outcomes`). A difference is noise unless a
paired bootstrap over sentences says otherwise.
"""

from __future__ import annotations

import random


def paired_bootstrap(a: list[int], b: list[int], rounds: int = 2000, seed: int = 0) -> float:
    """The share of bootstrap resamples (over sentences, paired) in which ``a`` is no better than ``b``."""
    if not a:
        return 1.0
    rng, n, worse = random.Random(seed), len(a), 0
    diffs = [x - y for x, y in zip(a, b)]
    for _ in range(rounds):
        worse += sum(diffs[rng.randrange(n)] for _ in range(n)) <= 0
    return worse / rounds
