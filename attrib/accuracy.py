"""`attrib eval` in one call: score gold sets, check a second annotation's agreement, and
write ``accuracy.md``/``.json`` (the parts live in :mod:`attrib.evaluate`)."""

from __future__ import annotations

from pathlib import Path

from attrib.evaluate import agreement, evaluate_sets, training_overlap, write_report


def evaluate_to_report(*, gold_files: list[Path], out: Path, ud: Path, seeds: Path = Path("seeds"),
                       models=None, parses: tuple[str, ...] = ("models",), codebooks: tuple = (),
                       registry: tuple = (), held_out: tuple[str, ...] = ("news-test",),
                       second: Path | None = None,
                       attributions: tuple[str, ...] = ("default",)) -> tuple[dict[str, dict], Path]:
    """Score every gold file and write the accuracy report.

    Args:
        gold_files: gold YAML files (format: README, 'Evaluation').
        out: folder for ``accuracy.md`` and ``accuracy.json``.
        ud: the UD folder that ``ud_file`` gold reads its texts from.
        seeds: the folder of seed articles that ``seed`` gold reads.
        models: the model pack (see :func:`attrib.nlp.resolve_models`).
        parses: ``models`` (end to end), ``gold`` (the rules on the treebank's parses), or both.
        codebooks: extra codebook files; registry: extra registry files.
        held_out: the gold sets the targets are judged on; their misses are counted, not listed.
        second: a second annotation of some gold documents, for inter-annotator agreement.
        attributions: the attributions to score side by side (rules, model, hybrid, default).

    Returns:
        The results per gold set (and parse), and the report's path.
    """
    agree = agreement(first=gold_files, second=second) if second else None  # cheap: fails before the long part
    results = evaluate_sets(gold_files=gold_files, ud=ud, seeds=seeds, models=models, parses=tuple(parses),
                            codebooks=tuple(codebooks), registry=tuple(registry), attributions=tuple(attributions))
    notes = [n for g in gold_files for n in training_overlap(Path(g), models)] if "models" in parses else []
    return results, write_report(results, out, notes=notes, held_out=held_out, agree=agree)
