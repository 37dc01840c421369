"""Load and validate the recipe that says how the model pack is built."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from attrib.errors import ConfigError
from attrib.parsing.pack.pack import PROCESSOR_ORDER

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class LanguageRecipe:
    """What to train for one language.

    Attributes:
        lang: ISO code, e.g. ``el``.
        name: English name of the language.
        package: stanza package name the models are installed under.
        treebank: staging treebank name, ``UD_<Language>-<Name>``.
        splits: split name -> list of files (relative to the UD folder) or a holdout rule.
        processors: processors to train, in pipeline order.
        hyper: processor -> hyperparameters passed to stanza's training module.
        exclude: gold files whose treebank documents no split may contain (the attribution
            gold is scored on text the models never trained on).
    """

    lang: str
    name: str
    package: str
    treebank: str
    splits: dict[str, Any]
    processors: tuple[str, ...]
    hyper: dict[str, dict[str, Any]]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gate:
    """What a retrained model must not make worse before it replaces the installed one.

    Attributes:
        gold: attribution gold files (relative to the project root) whose documents in the
            model's language are annotated with the installed and with the candidate pack.
        metrics: attribution scores (as in ``attrib eval``) reported beside the verdict.
        alpha: attribution falls by more than noise when a paired bootstrap over the dev
            sentences finds the installed pack no better than the candidate in fewer than
            this share of resamples.
        min_gain: processor -> how much a new model must gain on its dev metric over the
            installed one (others: any gain).
    """

    gold: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ("f1", "chain_accuracy", "exact_chain_accuracy")
    alpha: float = 0.05
    min_gain: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Recipe:
    """The whole build recipe: languages plus global settings."""

    version: int
    languages: dict[str, LanguageRecipe]
    metrics: dict[str, str]
    modules: dict[str, str]
    half_precision: bool
    gate: Gate = Gate()
    targets: dict = field(default_factory=dict)  # language -> metric -> end-to-end test figure aimed at


def _merge(base: dict, override: dict) -> dict:
    """Return ``base`` updated recursively with ``override`` (dicts merged key by key)."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _read_yaml(path: Path | None) -> dict:
    """Read a YAML mapping from ``path`` (or the packaged recipe when ``path`` is None)."""
    if path is None:
        text = resources.files("attrib.training.pack").joinpath("recipes.yaml").read_text("utf-8")
        where = "attrib/training/pack/recipes.yaml"
    else:
        text, where = Path(path).read_text("utf-8"), str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML ({exc}); fix the file and run again") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping at the top level")
    return data


def _language(lang: str, raw: dict, defaults: dict) -> LanguageRecipe:
    """Validate one language entry and combine it with the default hyperparameters."""
    where = f"recipe: languages.{lang}"
    for key in ("name", "package", "treebank", "splits", "processors"):
        if key not in raw:
            raise ConfigError(f"{where}: missing '{key}'; add it (see attrib/training/pack/recipes.yaml)")
    unknown = [p for p in raw["processors"] if p not in PROCESSOR_ORDER]
    if unknown:
        raise ConfigError(f"{where}: unknown processors {unknown}; use {list(PROCESSOR_ORDER)}")
    missing = [s for s in SPLITS if s not in raw["splits"]]
    if missing:
        raise ConfigError(f"{where}.splits: missing {missing}")
    procs = tuple(p for p in PROCESSOR_ORDER if p in raw["processors"])
    hyper = {p: {**defaults.get(p, {}), **raw.get("hyper", {}).get(p, {})} for p in procs}
    return LanguageRecipe(lang, raw["name"], raw["package"], raw["treebank"],
                          dict(raw["splits"]), procs, hyper, tuple(raw.get("exclude") or ()))


GATE_METRICS = ("precision", "recall", "f1", "chain_accuracy", "exact_chain_accuracy")


def _gate(raw: dict | None) -> Gate:
    """Validate the recipe's ``gate`` section."""
    raw = raw or {}
    metrics = tuple(raw.get("metrics", Gate.metrics))
    unknown = [m for m in metrics if m not in GATE_METRICS]
    if unknown:
        raise ConfigError(f"recipe: gate.metrics: unknown {unknown}; use some of {list(GATE_METRICS)}")
    alpha = float(raw.get("alpha", 0.05))
    if not 0 < alpha < 1:
        raise ConfigError(f"recipe: gate.alpha {alpha}: give a share between 0 and 1, e.g. 0.05")
    min_gain = {str(k): float(v) for k, v in (raw.get("min_gain") or {}).items()}
    unknown = [p for p in min_gain if p not in PROCESSOR_ORDER]
    if unknown:
        raise ConfigError(f"recipe: gate.min_gain: unknown processors {unknown}; use {list(PROCESSOR_ORDER)}")
    return Gate(tuple(raw.get("gold") or ()), metrics, alpha, min_gain)


def load_recipe(override: str | Path | None = None) -> Recipe:
    """Load the packaged recipe, merged with a user's override file if given.

    Args:
        override: path of a YAML file whose values replace the packaged ones.

    Returns:
        The validated recipe.

    Raises:
        ConfigError: when a file is not valid YAML or misses a required key.
    """
    data = _read_yaml(None)
    if override is not None:
        data = _merge(data, _read_yaml(Path(override)))
    procs = data.get("processors", {})
    langs = {lang: _language(lang, raw, data.get("defaults", {}))
             for lang, raw in data.get("languages", {}).items()}
    return Recipe(version=int(data.get("version", 0)), languages=langs,
                  metrics={p: v["metric"] for p, v in procs.items()},
                  modules={p: v["module"] for p, v in procs.items()},
                  half_precision=bool(data.get("half_precision", False)), gate=_gate(data.get("gate")),
                  targets=dict(data.get("targets") or {}))
