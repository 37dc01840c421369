"""Score CoNLL-U predictions with stanza's CoNLL 2018 shared-task scorer."""

from __future__ import annotations

from pathlib import Path

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")
# Which metrics each processor is judged on when it is scored alone (gold input).
PROCESSOR_METRICS = {
    "tokenize": ("Tokens", "Sentences", "Words"),
    "mwt": ("Words",),
    "pos": ("UPOS", "XPOS", "UFeats"),
    "lemma": ("Lemmas",),
    "depparse": ("UAS", "LAS"),
}


def restore_unknown_tokens(doc, text: str) -> None:
    """Put back the characters of tokens stanza's tokenizer printed as ``<UNK>``.

    stanza replaces over-long tokens (a 600-character URL) by ``<UNK>``; the CoNLL 2018
    scorer then refuses the file because the characters no longer match the gold ones.
    """
    for sentence in doc.sentences:
        for token in sentence.tokens:
            if token.text == "<UNK>" and token.start_char is not None:
                original = text[token.start_char:token.end_char]
                token.text = original
                for word in token.words:
                    word.text = original


def conll18_scores(gold: Path, system: Path, metrics: tuple[str, ...] = METRICS) -> dict[str, float]:
    """Return F1 scores (0-100, two decimals) of ``system`` against ``gold``.

    Args:
        gold: the gold-standard CoNLL-U file.
        system: the predicted CoNLL-U file.
        metrics: which CoNLL 2018 metrics to report.

    Returns:
        Metric name -> F1 in percent.
    """
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {m: round(100 * evaluation[m].f1, 2) for m in metrics}
