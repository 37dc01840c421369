"""`attrib eval` in one call: score gold sets, check a second annotation's agreement, and
write ``accuracy.md``/``.json`` (the parts live in :mod:`attrib.evaluation.evaluate`)."""

from __future__ import annotations

from pathlib import Path

from attrib.evaluation.evaluate import agreement, documents_to_annotate, evaluate_sets, training_overlap, write_report
from attrib.progress import Progress


def evaluate_to_report(*, gold_files: list[Path], out: Path, ud: Path, seeds: Path = Path("seeds"),
                       models=None, parses: tuple[str, ...] = ("models",), codebooks: tuple = (),
                       registry: tuple = (), held_out: tuple[str, ...] = ("news-test",),
                       second: Path | None = None, attributions: tuple[str, ...] = ("default",),
                       progress: bool = True, workers: int | None = None) -> tuple[dict[str, dict], Path]:
    """Score every gold file and write the accuracy report.

    Args:
        gold_files: gold YAML files (format: README, 'Evaluation').
        out: folder for ``accuracy.md`` and ``accuracy.json``.
        ud: the UD folder that ``ud_file`` gold reads its texts from.
        seeds: the folder of seed articles that ``seed`` gold reads.
        models: the model pack (see :func:`attrib.parsing.nlp.resolve_models`).
        parses: ``models`` (end to end), ``gold`` (the rules on the treebank's parses), or both.
        codebooks: extra codebook files; registry: extra registry files.
        held_out: the gold sets the targets are judged on; their misses are counted, not listed.
        second: a second annotation of some gold documents, for inter-annotator agreement.
        attributions: the attributions to score side by side (rules, model, hybrid, default).
        progress: show the documents annotated on stderr when the run takes long.
        workers: processes scoring (gold file, attribution) pairs side by side (None: one per
            core, as memory allows; see :func:`attrib.engines.sizing.auto_workers`).

    Returns:
        The results per gold set (and parse), and the report's path.

    Raises:
        ModelError: before anything runs, when the models are not there (see
            :func:`attrib.parsing.pack.resolve.check_model_pack`).
    """
    from attrib.parsing.pack.resolve import check_model_pack

    if "models" in parses:
        check_model_pack(models)
    agree = agreement(first=gold_files, second=second) if second else None  # cheap: fails before the long part
    total = documents_to_annotate(gold_files, tuple(parses), tuple(attributions))
    with Progress(total, label="evaluating", enabled=progress) as bar:
        results = evaluate_sets(gold_files=gold_files, ud=ud, seeds=seeds, models=models, parses=tuple(parses),
                                codebooks=tuple(codebooks), registry=tuple(registry),
                                attributions=tuple(attributions), progress=bar.advance,
                                workers=_workers(workers, total))
    notes = [n for g in gold_files for n in training_overlap(Path(g), models)] if "models" in parses else []
    return results, write_report(results, out, notes=notes, held_out=held_out, agree=agree)


def _workers(workers: int | None, documents: int) -> int:
    """The processes for scoring ``documents``: as asked, or as the machine warrants."""
    from attrib.engines.sizing import auto_workers

    return auto_workers(documents) if workers is None else max(1, workers)


GOLD = Path("data/gold")
STANDARD_SETS = ("pool/test-el", "pool/test-hu", "pool/test-en", "pool/dev-el", "pool/dev-hu", "pool/dev-en",
                 "news-test", "news-dev", "news-dev2", "news-dev3", "synth-test", "synth-dev", "seeds", "ud-news")
HELD_OUT = ("pool-test-el", "pool-test-hu", "pool-test-en", "news-test", "synth-test")


def agreement_lines(agree: dict[str, dict]) -> list[str]:
    """The pool gold's inter-annotator agreement as a Markdown table."""
    lines = ["| language | documents | sentences | kappa attributed | kappa chain | kappa exact chain | "
             "chain agreement (both attributed) | exact chain agreement (both attributed) |", "| --- " * 8 + "|"]
    for lang, a in agree.items():
        lines.append(f"| {lang} | {a['documents']} | {a['sentences']:,} | {a['attributed']['kappa']} | "
                     f"{a['chain']['kappa']} | {a['exact']['kappa']} | {a['chain_when_both']} | {a['exact_when_both']} |")
    return lines


def standard_report(*, out: Path = Path("reports"), ud: Path = Path("../shared/ud"), seeds: Path = Path("seeds"),
                    pool: Path = Path("../shared/pool"), models=None,
                    attributions: tuple[str, ...] = ("rules", "model", "default"), workers: int | None = None) -> Path:
    """``reports/accuracy.md`` as the README's evaluation command writes it, with the pool
    gold's inter-annotator agreement first (the ceiling every score is read against)."""
    from attrib.evaluation.agreement import pool_agreement
    from attrib.evaluation.evaluate import evaluate_sets, write_report

    agree = pool_agreement(GOLD / "pool", pool)
    preface = ["Agreement of two annotators on the pool gold (the ceiling any score is read against):", "",
               *agreement_lines(agree), ""]
    files = [GOLD / f"{name}.yaml" for name in STANDARD_SETS]
    total = documents_to_annotate(files, ("models",), attributions)
    with Progress(total, label="evaluating") as bar:
        results = evaluate_sets(gold_files=files, ud=ud, seeds=seeds, models=models, parses=("models", "gold"),
                                attributions=attributions, progress=bar.advance, workers=_workers(workers, total))
    notes = [n for g in files for n in training_overlap(g, models)]
    second = agreement(first=files, second=GOLD / "news-second.yaml")
    return write_report(results, out, notes=notes, held_out=HELD_OUT, preface=preface, agree=second)


if __name__ == "__main__":  # pragma: no cover
    print(standard_report())
