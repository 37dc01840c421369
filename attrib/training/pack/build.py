"""Build the offline model pack with stanza's own training code.

For every language and processor of the recipe the build stages the treebank, prepares
stanza's data files, trains, scores the result on the dev and test splits with the CoNLL
2018 scorer, judges it against the installed model (:mod:`attrib.training.pack.gate`: treebank
score on the same dev split, then attribution on the dev gold) and installs it only if it
passes. Each step leaves a marker in the work folder, so an interrupted build resumes where
it stopped (stanza's parser also resumes mid-training from its checkpoint); ``--commit``
commits every model as it lands.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from attrib.atomic import write_json_atomic
from attrib.errors import ModelError
from attrib.training.pack import gate
from attrib.parsing.pack import pack as packlib
from attrib.training.pack.curves import log_seconds, training_curve
from attrib.training.pack.jobs import (
    RETAGGED,
    VECTOR_SOURCES,
    WorkPaths,
    gold_file,
    predict_command,
    prepare_command,
    retag_command,
    train_command,
)
from attrib.training.pack.recipe import LanguageRecipe, Recipe, load_recipe
from attrib.training.pack.score import PROCESSOR_METRICS, conll18_scores
from attrib.training.pack.staging import short_name, split_sentences, stage_treebank


@dataclass
class BuildContext:
    """Everything one build needs to know besides the stage it is on."""

    recipe: Recipe
    ud: Path
    pack: Path
    work: WorkPaths
    threads: int
    force: bool
    commit: bool
    log: Callable[[str], None]


def run_stanza(ctx: BuildContext, args: list[str], logname: str) -> float:
    """Run ``python <args>`` with stanza's paths and thread limits; return its wall time.

    Raises:
        ModelError: when the step fails; the message names its log file.
    """
    logs = ctx.work.root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    threads = str(ctx.threads)
    env = {**os.environ, **ctx.work.env(), "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads}
    start = time.monotonic()
    with open(logs / f"{logname}.log", "a", encoding="utf-8") as out:
        out.write(f"\n$ {sys.executable} {' '.join(args)}\n")
        out.flush()
        code = subprocess.run([sys.executable, *args], env=env, stdout=out,
                              stderr=subprocess.STDOUT, check=False).returncode
    if code != 0:
        raise ModelError(f"stanza step failed (exit {code}); see {logs / logname}.log")
    return time.monotonic() - start


def _marker(ctx: BuildContext, lang: str, proc: str, step: str) -> Path:
    """Path of the file recording that a step of a stage has finished."""
    return ctx.work.root / "state" / f"{lang}-{proc}-{step}.json"


def _done(ctx: BuildContext, lang: str, proc: str, step: str, key: str | None = None) -> dict | None:
    """Return the record of a finished step, or None when it has to run.

    A record made from other inputs (its ``key`` differs: other splits, hyperparameters or
    tagger) does not count; records written before keys were kept do. ``--force`` does not
    redo finished steps: it builds and judges a model although one is installed.
    """
    path = _marker(ctx, lang, proc, step)
    if not path.is_file():
        return None
    record = json.loads(path.read_text("utf-8"))
    if key is not None and record.get("key", key) != key:
        return None
    return {k: v for k, v in record.items() if k != "key"}


def _mark(ctx: BuildContext, lang: str, proc: str, step: str, record: dict, key: str | None = None) -> dict:
    """Record that a step finished (atomically) and return the record."""
    path = _marker(ctx, lang, proc, step)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(path, {**record, **({"key": key} if key else {})})
    return record


def step_key(lang: LanguageRecipe, proc: str, step: str) -> str:
    """What a step's result depends on, as a digest: the splits, and past preparing the hyperparameters."""
    facts = {"splits": lang.splits, "exclude": list(lang.exclude)}
    if step != "prepare":
        facts["hyper"] = lang.hyper[proc]
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]


def uses_vectors(lang: LanguageRecipe, proc: str | None = None) -> bool:
    """Whether a processor (or any processor of the language) trains on distilled vectors."""
    hypers = [lang.hyper.get(proc, {})] if proc else list(lang.hyper.values())
    return any(h.get("vectors") in VECTOR_SOURCES for h in hypers)


def distil_vectors(ctx: BuildContext, lang: LanguageRecipe) -> dict | None:
    """Distil the language's static word vectors once (:mod:`attrib.training.pack.vectors`):
    from the words of its train split and the pool's articles outside the test half, or the
    pool alone (``VECTOR_SOURCES``; never the dev split, which picks the checkpoint and judges
    the model). New vectors make the models trained on the old ones stale: their train, score
    and gate records go."""
    from attrib.training.pack import vectors

    if not uses_vectors(lang):
        return None
    sources = VECTOR_SOURCES[next(h["vectors"] for h in lang.hyper.values() if h.get("vectors") in VECTOR_SOURCES)]
    facts = {"splits": lang.splits, "exclude": list(lang.exclude), "dim": vectors.DIM, "read": list(sources),
             "layers": vectors.LAYERS, "contexts": vectors.CONTEXTS}
    key = hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()[:16]
    record = _done(ctx, lang.lang, "vectors", "build", key)
    if record and ctx.work.vectors(lang.lang).is_file():
        return record
    ctx.log(f"[{lang.lang} vectors] distilling static word vectors from the shared encoder")
    start = time.monotonic()
    blocks = split_sentences(lang, "train", ctx.ud) if "train" in sources else []
    built = vectors.build_vectors(blocks=blocks,
                                  texts=vectors.pool_articles(ctx.ud.parent / "pool", lang.lang),
                                  out=ctx.work.vectors(lang.lang), threads=ctx.threads)
    for proc in (p for p in lang.processors if uses_vectors(lang, p)):
        for step in ("train", "score", "gate"):
            _marker(ctx, lang.lang, proc, step).unlink(missing_ok=True)
        (ctx.work.saved(lang.lang) / f"{proc}_checkpoint.pt").unlink(missing_ok=True)
    return _mark(ctx, lang.lang, "vectors", "build", {**built, "seconds": round(time.monotonic() - start, 1)}, key)


def prepare(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> None:
    """Stage the treebank and prepare stanza's data files for one processor."""
    key = step_key(lang, proc, "prepare")
    if proc in RETAGGED and "pos" in lang.processors:  # prepared with the tagger's predictions
        key += "-" + packlib.sha256(_tagger_model(ctx, lang))[:16]
    if _done(ctx, lang.lang, proc, "prepare", key):
        return
    for later in ("train", "score", "gate"):  # made from the data about to be replaced
        _marker(ctx, lang.lang, proc, later).unlink(missing_ok=True)
    stage_treebank(lang, ctx.ud, ctx.work.udbase)
    ctx.log(f"[{lang.lang} {proc}] preparing data")
    run_stanza(ctx, prepare_command(lang, proc), f"{lang.lang}-{proc}-prepare")
    if proc in RETAGGED and "pos" in lang.processors:
        retag(ctx, lang, proc)
    stale = ctx.work.saved(lang.lang) / f"{proc}_checkpoint.pt"
    if stale.is_file():  # trained on the data just replaced (its vocabulary may not even fit): start afresh
        ctx.log(f"[{lang.lang} {proc}] removing the checkpoint of an earlier training run: {stale}")
        stale.unlink()
    _mark(ctx, lang.lang, proc, "prepare", {"finished": time.time()}, key)


def retag(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> None:
    """Replace the gold tags of a prepared dataset with the trained tagger's predictions."""
    tagger = _tagger_model(ctx, lang)
    ctx.log(f"[{lang.lang} {proc}] retagging with the tagger {tagger}")
    for split in ("train", "dev", "test"):
        src = ctx.work.data(proc) / f"{short_name(lang)}.{split}.in.conllu"
        tmp = src.with_name(src.name + ".retag")
        run_stanza(ctx, retag_command(lang, proc, ctx.work, split, tmp, tagger),
                   f"{lang.lang}-{proc}-prepare")
        os.replace(tmp, src)


def _tagger_model(ctx: BuildContext, lang: LanguageRecipe) -> Path:
    """The tagger to retag with: this build's freshly trained one, else the pack's."""
    for path in (ctx.work.saved(lang.lang) / "pos.pt",
                 packlib.model_path(ctx.pack, lang.lang, "pos", lang.package)):
        if path.is_file():
            return path
    raise ModelError(f"{lang.lang} lemma and depparse train on predicted tags: "
                     f"build pos first (attrib models build --lang {lang.lang} --processor pos)")


def train(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> dict:
    """Train one processor unless a finished training run is recorded."""
    key = step_key(lang, proc, "train")
    record = _done(ctx, lang.lang, proc, "train", key)
    if record:
        return record
    ctx.log(f"[{lang.lang} {proc}] training with {ctx.threads} thread(s): {lang.hyper[proc]}")
    module = ctx.recipe.modules[proc]
    seconds = run_stanza(ctx, train_command(lang, proc, module, ctx.work), f"{lang.lang}-{proc}-train")
    return _mark(ctx, lang.lang, proc, "train", {"train_seconds": round(seconds, 1), "threads": ctx.threads,
                                                  "finished": time.time()}, key)


def score(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> dict:
    """Score the trained processor on the dev and test splits (gold input)."""
    key = step_key(lang, proc, "score")
    record = _done(ctx, lang.lang, proc, "score", key)
    if record:
        return record
    module, scores = ctx.recipe.modules[proc], {}
    for split in ("dev", "test"):
        out = ctx.work.root / "pred" / f"{lang.lang}-{proc}-{split}.conllu"
        out.parent.mkdir(parents=True, exist_ok=True)
        run_stanza(ctx, predict_command(lang, proc, module, ctx.work, split, out),
                   f"{lang.lang}-{proc}-score")
        gold = gold_file(lang, proc, split, ctx.work)
        scores[split] = conll18_scores(gold, out, PROCESSOR_METRICS[proc])
    ctx.log(f"[{lang.lang} {proc}] scores {scores}")
    return _mark(ctx, lang.lang, proc, "score", scores, key)


def treebank_commits(ud: Path) -> dict[str, str]:
    """Read ``COMMITS.txt`` of the UD folder: treebank name -> pinned commit."""
    path = ud / "COMMITS.txt"
    if not path.is_file():
        return {}
    pairs = (line.split() for line in path.read_text("utf-8").splitlines() if line.strip())
    return {p[0]: p[1] for p in pairs if len(p) >= 2}


def _versions() -> dict[str, str]:
    """Versions of the libraries that trained the models."""
    import stanza
    import torch

    return {"stanza": stanza.__version__, "torch": torch.__version__.split("+")[0],
            "python": sys.version.split()[0]}


def _installed_metric(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> float | None:
    """Dev-split score of the model the pack already holds, if any."""
    entry = packlib.read_manifest(ctx.pack)["languages"].get(lang.lang, {})
    model = entry.get("models", {}).get(proc)
    if not model or not packlib.model_path(ctx.pack, lang.lang, proc, lang.package).is_file():
        return None
    return model["scores"]["dev"].get(ctx.recipe.metrics[proc])


def _language_entry(ctx: BuildContext, lang: LanguageRecipe, manifest: dict) -> dict:
    """The manifest's entry for a language, refreshed with the recipe's facts."""
    commits = treebank_commits(ctx.ud)
    sources = sorted({rel.split("/")[0] for spec in lang.splits.values()
                      if isinstance(spec, list) for rel in spec})
    entry = manifest["languages"].setdefault(lang.lang, {"models": {}})
    entry.update({"name": lang.name, "package": lang.package, "short_name": short_name(lang),
                  "splits": lang.splits, "treebanks": {s: commits.get(s) for s in sources}})
    return entry


def install(ctx: BuildContext, lang: LanguageRecipe, proc: str, trained: dict, scores: dict,
            checks: dict | None = None) -> Path:
    """Copy a trained model into the pack and record it, its dev curve and the gate's figures."""
    src = ctx.work.saved(lang.lang) / f"{proc}.pt"
    dst = packlib.model_path(ctx.pack, lang.lang, proc, lang.package)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    if ctx.recipe.half_precision:
        packlib.half_precision(src, tmp)
    else:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dst)
    facts = _trained_facts(ctx, lang, proc, trained, scores)
    pretrain = _install_vectors(ctx, lang) if uses_vectors(lang, proc) else None
    with packlib.locked_manifest(ctx.pack) as manifest:
        manifest["recipe_version"] = ctx.recipe.version
        entry = _language_entry(ctx, lang, manifest)
        if pretrain:
            entry.setdefault("pretrain", {})[pretrain["package"]] = pretrain
            facts["pretrain"] = pretrain["package"]
        before = entry["models"].get(proc)
        replaced = {k: before.get(k) for k in ("scores", "splits", "trained", "sha256")} if before else None
        entry["models"][proc] = {
            "replaced": replaced,  # the model this one replaced: its figures stay beside the new ones
            "file": str(dst.relative_to(ctx.pack)), "sha256": packlib.sha256(dst),
            "md5": packlib.md5(dst), "bytes": dst.stat().st_size,
            "half_precision": ctx.recipe.half_precision, **facts, "gate": checks or {},
            "train_threads": trained["threads"], "versions": _versions()}
    return dst


def _install_vectors(ctx: BuildContext, lang: LanguageRecipe) -> dict:
    """Copy the distilled vectors into the pack under a name of their content
    (``<lang>/pretrain/e5-<sha>.pt``: a model keeps the vectors it was trained with)."""
    src = ctx.work.vectors(lang.lang)
    digest = packlib.sha256(src)
    package = f"e5-{digest[:8]}"
    dst = packlib.model_path(ctx.pack, lang.lang, "pretrain", package)
    if not dst.is_file() or packlib.sha256(dst) != digest:
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst.with_name(dst.name + ".tmp"))
        os.replace(dst.with_name(dst.name + ".tmp"), dst)
    built = _done(ctx, lang.lang, "vectors", "build") or {}
    return {"package": package, "file": str(dst.relative_to(ctx.pack)), "sha256": digest, "md5": packlib.md5(dst),
            "bytes": dst.stat().st_size, "distilled": built}


def git_commit(pack: Path, message: str) -> None:
    """Commit the pack folder in the git checkout that holds it (no-op outside git)."""
    run = lambda *a: subprocess.run(["git", *a], cwd=pack, capture_output=True, text=True)
    if run("rev-parse", "--is-inside-work-tree").returncode != 0:
        return
    run("add", "--", ".")
    run("commit", "--quiet", "-m", message, "--", ".")


def installed_dev_score(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> float | None:
    """The installed model's score on this build's dev split (None when none is installed).

    The manifest's own dev figure may come from other splits; the gate compares like with like.
    """
    model = packlib.model_path(ctx.pack, lang.lang, proc, lang.package)
    if _installed_metric(ctx, lang, proc) is None:
        return None
    out = ctx.work.root / "pred" / f"{lang.lang}-{proc}-dev-installed.conllu"
    out.parent.mkdir(parents=True, exist_ok=True)
    run_stanza(ctx, predict_command(lang, proc, ctx.recipe.modules[proc], ctx.work, "dev", out, model),
               f"{lang.lang}-{proc}-gate")
    metric = ctx.recipe.metrics[proc]
    return conll18_scores(gold_file(lang, proc, "dev", ctx.work), out, (metric,))[metric]


def attribution_scores(ctx: BuildContext, lang: LanguageRecipe, models: Path) -> tuple[dict, list]:
    """Attribution on the recipe's dev gold, in one language, with the pack ``models``:
    the scores and whether each sentence was right."""
    from attrib.evaluation.evaluate import language_outcomes

    return language_outcomes(gold_files=ctx.recipe.gate.gold, lang=lang.lang, ud=ctx.ud, models=models)


def judge(ctx: BuildContext, lang: LanguageRecipe, proc: str, trained: dict, scores: dict) -> list[gate.Verdict]:
    """Run the gate's checks in order, stopping at the first that fails; remembered in the work folder."""
    installed = packlib.read_manifest(ctx.pack)["languages"].get(lang.lang, {}).get("models", {}).get(proc, {})
    key = step_key(lang, proc, "train") + "-" + str(installed.get("sha256", "none"))[:16]
    record = _done(ctx, lang.lang, proc, "gate", key)
    if record:
        return [gate.Verdict(**v) for v in record["verdicts"]]
    metric = ctx.recipe.metrics[proc]
    verdicts = [gate.treebank_verdict(scores["dev"][metric], installed_dev_score(ctx, lang, proc), metric,
                                      ctx.recipe.gate.min_gain.get(proc, 0.0))]
    if verdicts[0].passed and ctx.recipe.gate.gold and verdicts[0].figures["installed"] is not None:
        candidate = gate.candidate_pack(ctx.pack, ctx.work.root / "candidate")
        install(dataclasses.replace(ctx, pack=candidate), lang, proc, trained, scores)
        ctx.log(f"[{lang.lang} {proc}] attribution on the dev gold, installed pack and candidate")
        verdicts.append(gate.attribution_verdict(ctx.recipe.gate, attribution_scores(ctx, lang, ctx.pack),
                                                 attribution_scores(ctx, lang, candidate)))
    _mark(ctx, lang.lang, proc, "gate", {"verdicts": [dataclasses.asdict(v) for v in verdicts]}, key)
    return verdicts


def record_rejected(ctx: BuildContext, lang: LanguageRecipe, proc: str, trained: dict, scores: dict,
                    verdicts: list[gate.Verdict]) -> None:
    """Keep the figures of a model the gate turned down in the manifest (``rejected``), for the report."""
    facts = _trained_facts(ctx, lang, proc, trained, scores)
    with packlib.locked_manifest(ctx.pack) as manifest:
        entry = manifest["languages"].setdefault(lang.lang, {"models": {}})
        entry.setdefault("rejected", {})[proc] = {
            "failed": verdicts[-1].failed, "detail": verdicts[-1].detail, "gate": gate.gate_summary(verdicts),
            **facts}


def _trained_facts(ctx: BuildContext, lang: LanguageRecipe, proc: str, trained: dict, scores: dict) -> dict:
    """What the manifest says of a trained model, installed or turned down: what it learnt from, its
    scores, its dev curve and training time (every run in the log: resumed runs add up)."""
    log = ctx.work.root / "logs" / f"{lang.lang}-{proc}-train.log"
    text = log.read_text("utf-8", errors="replace") if log.is_file() else ""
    return {"hyperparameters": lang.hyper[proc], "splits": lang.splits, "exclude": list(lang.exclude),
            "scores": scores, "curve": training_curve(text, proc, lang.hyper[proc]),
            "train_seconds": max(float(trained["train_seconds"]), log_seconds(text)),
            "trained": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(trained["finished"]))}


def build_stage(ctx: BuildContext, lang: LanguageRecipe, proc: str) -> str:
    """Prepare, train, score, judge and (if it passes the gate) install one processor."""
    if not ctx.force and _installed_metric(ctx, lang, proc) is not None:
        return "kept (already built and scored; --force to build and judge a new one)"
    if uses_vectors(lang, proc):
        distil_vectors(ctx, lang)
    prepare(ctx, lang, proc)
    trained = train(ctx, lang, proc)
    scores = score(ctx, lang, proc)
    verdicts = judge(ctx, lang, proc, trained, scores)
    if not verdicts[-1].passed:
        record_rejected(ctx, lang, proc, trained, scores, verdicts)
        return f"not installed: the {verdicts[-1].failed} check failed: {verdicts[-1].detail}"
    dst = install(ctx, lang, proc, trained, scores, gate.gate_summary(verdicts))
    metric = ctx.recipe.metrics[proc]
    if ctx.commit:
        git_commit(ctx.pack, f"models: {lang.lang} {proc} (dev {metric} {scores['dev'][metric]})")
    return f"installed {dst}: " + "; ".join(v.detail for v in verdicts) + f"; test {scores['test']}"


def build_pack(*, ud: Path, out: Path, work: Path, langs: list[str] | None = None,
               processors: list[str] | None = None, recipe: Path | None = None,
               threads: int = 2, force: bool = False, commit: bool = False,
               log: Callable[[str], None] = print) -> dict[str, dict[str, str]]:
    """Build (or resume building) the model pack.

    Args:
        ud: folder with the UD treebanks and ``COMMITS.txt``.
        out: the pack folder (a stanza resources directory).
        work: scratch folder for staged treebanks, prepared data and logs.
        langs: languages to build (default: all in the recipe).
        processors: processors to build (default: all the language has).
        recipe: optional YAML overriding the packaged recipe.
        threads: torch threads per training job.
        force: build and judge a model even when one is installed (it replaces the installed
            one only if it passes the gate, see :mod:`attrib.training.pack.gate`).
        commit: git-commit every model as it is installed.
        log: progress printer.

    Returns:
        language -> processor -> what happened.
    """
    rec = load_recipe(recipe)
    unknown = set(langs or []) - set(rec.languages)
    if unknown:
        raise ModelError(f"no recipe for {sorted(unknown)}; known: {sorted(rec.languages)}")
    ctx = BuildContext(rec, Path(ud), Path(out), WorkPaths(Path(work)), threads, force, commit, log)
    report: dict[str, dict[str, str]] = {}
    for code in langs or list(rec.languages):
        lang = rec.languages[code]
        for proc in (p for p in lang.processors if not processors or p in processors):
            report.setdefault(code, {})[proc] = outcome = build_stage(ctx, lang, proc)
            log(f"[{code} {proc}] {outcome}")
    return report
