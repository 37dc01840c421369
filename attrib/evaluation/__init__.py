"""Evaluation and benchmarking tools; the pipeline never imports them.

Takes: annotated output and gold sets. Gives: accuracy reports, agreement between
annotators, coding sheets, cue mining, speed and memory benchmarks.
"""
