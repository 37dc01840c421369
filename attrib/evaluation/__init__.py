"""Evaluation and benchmarking tools; the pipeline never imports them.

Takes: annotated output and gold sets. Gives: accuracy reports, agreement between
annotators, coding sheets, cue mining, speed and memory benchmarks.
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("accuracy", "evaluate_to_report"),
    ("coding_eval", "score_coding"),
    ("coding", "draw_sample"),
    ("bench", "run_bench"),
    ("agreement", "pool_agreement"),
    ("gold", "load_gold"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
