"""Score the model pack end to end on each treebank's test split and write the report.

Like stanza's published figures, the evaluation runs the whole pipeline from raw text
(made from the gold test file by stanza's own ``conllu_to_text``) to CoNLL-U and scores it
with the CoNLL 2018 scorer, so the two columns of ``reports/models.md`` are comparable.
"""

from __future__ import annotations

import platform
import time
from importlib import resources
from pathlib import Path

import yaml

from attrib.atomic import write_json_atomic
from attrib.parsing.pack import pack as packlib
from attrib.training.pack.recipe import LanguageRecipe, load_recipe
from attrib.parsing.pack.resolve import load_pipeline, resolve_models
from attrib.training.pack.score import METRICS, conll18_scores, restore_unknown_tokens
from attrib.training.pack.staging import write_split


def published_scores() -> dict:
    """stanza's published scores for its official models (``published.yaml``)."""
    text = resources.files("attrib.training.pack").joinpath("published.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def write_test_split(lang: LanguageRecipe, ud: Path, work: Path) -> tuple[Path, Path]:
    """Write the language's gold test split and its raw text; return both paths."""
    from stanza.utils.datasets import conllu_to_text

    work.mkdir(parents=True, exist_ok=True)
    gold, txt = work / f"{lang.lang}.test.gold.conllu", work / f"{lang.lang}.test.txt"
    write_split(lang, "test", ud, gold)
    conllu_to_text.main([str(gold), str(txt)])
    return gold, txt


METRIC_PROCESSOR = {"Tokens": "tokenize", "Sentences": "tokenize", "Words": "tokenize", "UPOS": "pos",
                    "XPOS": "pos", "UFeats": "pos", "Lemmas": "lemma", "UAS": "depparse", "LAS": "depparse"}


def cpu_busy(seconds: float = 1.0) -> float | None:
    """Share of the machine's CPU time other processes used over ``seconds`` (from
    /proc/stat; None where it does not exist). A load average lags minutes behind."""
    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + (fields[4] if len(fields) > 4 else 0)
    if not Path("/proc/stat").is_file():
        return None
    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return round(1 - (idle1 - idle0) / max(total1 - total0, 1), 2)


def evaluate_language(lang: LanguageRecipe, *, ud: Path, models, work: Path) -> dict:
    """Run the pipeline over one test split; return scores and speed.

    A pack still being built is scored on the processors it has; the metrics of missing
    processors are left empty.
    """
    gold, txt = write_test_split(lang, ud, work)
    nlp = load_pipeline(lang.lang, models=models, processors=None)
    text = txt.read_text("utf-8")
    nlp("Warm-up.")
    busy = cpu_busy()
    start = time.perf_counter()
    doc = nlp(text)
    seconds = time.perf_counter() - start
    restore_unknown_tokens(doc, text)
    pred = work / f"{lang.lang}.test.pred.conllu"
    pred.write_text("{:C}\n\n".format(doc), "utf-8")
    scores = {m: (v if METRIC_PROCESSOR[m] in nlp.processors else None)
              for m, v in conll18_scores(gold, pred, METRICS).items()}
    return {"scores": scores, "processors": list(nlp.processors), "cpu_busy_before": busy,
            "seconds": round(seconds, 2),
            "sentences": len(doc.sentences), "words": doc.num_words,
            "sentences_per_second": round(len(doc.sentences) / seconds, 1),
            "words_per_second": round(doc.num_words / seconds, 1)}


def evaluate_pack(*, ud: Path, models=None, langs: list[str] | None = None,
                  out: Path = Path("reports/models.md"), work: Path = Path("build/eval"),
                  threads: int | None = None, log=print) -> dict:
    """Score every language of the pack and write ``out`` (Markdown) and a JSON twin.

    Args:
        ud: UD treebanks folder.
        models: pack folder or ``stanza`` (default: resolution order of ``load_pipeline``).
        langs: languages to score (default: every language the recipe and pack share).
        out: the Markdown report to write.
        work: scratch folder for test texts and predictions.
        threads: torch threads for the timing (default: torch's own choice).
        log: progress printer.

    Returns:
        language -> result of :func:`evaluate_language`.
    """
    import torch

    if threads:
        torch.set_num_threads(threads)
    recipe, source = load_recipe(), resolve_models(models)
    manifest = packlib.read_manifest(source.path) if source.kind == "pack" else {"languages": {}}
    codes = langs or [c for c in recipe.languages
                      if source.kind == "stanza" or c in manifest["languages"]]
    results = {}
    for code in codes:
        log(f"[{code}] scoring the pipeline on the test split ...")
        results[code] = evaluate_language(recipe.languages[code], ud=Path(ud), models=models,
                                          work=Path(work))
        log(f"[{code}] {results[code]['scores']} {results[code]['sentences_per_second']} sent/s")
    meta = {"threads": torch.get_num_threads(), "machine": machine_line(), "models": source.describe()}
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(Path(out).with_suffix(".json"), {"meta": meta, "results": results})
    from attrib.training.pack.report import write_models_report

    write_models_report(Path(out), results, manifest, recipe, published_scores(), meta, recipe.targets)
    return results


def machine_line() -> str:
    """One-line description of the machine the timings come from."""
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
