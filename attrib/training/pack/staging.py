"""Stage UD treebank splits where stanza's data preparation scripts expect them.

stanza's ``prepare_*_treebank`` scripts read ``$UDBASE/UD_<Lang>-<Name>/*-ud-<split>.conllu``.
A language's splits may be made of several files (English trains on the EWT and GUM dev
splits) or held out from another split, so the build writes each split as one file under
its own staging folder instead of pointing stanza at ``../shared/ud`` directly.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from stanza.models.common.constant import treebank_to_short_name

from attrib.atomic import write_text_atomic
from attrib.errors import ConfigError
from attrib.evaluation.gold import block_sent_id, gold_sentence_ids
from attrib.training.pack.recipe import LanguageRecipe


def short_name(recipe: LanguageRecipe) -> str:
    """Return stanza's short name for the staging treebank, e.g. ``el_gdt``."""
    return treebank_to_short_name(recipe.treebank)


def read_sentences(path: Path) -> list[str]:
    """Read a CoNLL-U file as a list of sentence blocks (each without its blank line)."""
    text = path.read_text("utf-8")
    return [block.strip("\n") for block in text.split("\n\n") if block.strip()]


def _raw_split(recipe: LanguageRecipe, split: str, ud: Path) -> list[str]:
    """All sentences of the files a split lists, before any holdout is taken out, less
    those of the documents the recipe's ``exclude`` gold files hold."""
    excluded = gold_sentence_ids(recipe.exclude) if recipe.exclude else set()
    sents: list[str] = []
    for rel in recipe.splits[split]:
        path = ud / rel
        if not path.is_file():
            raise ConfigError(f"treebank file {path} not found; pass --ud pointing at the UD folder")
        sents.extend(s for s in read_sentences(path) if block_sent_id(s) not in excluded)
    return sents


def _held_out(rule: dict, recipe: LanguageRecipe, ud: Path) -> set[int]:
    """Positions, in the source split's sentence list, that a holdout rule takes out.

    ``every: N`` takes every N-th sentence; ``files: [...]`` limits the rule to the sentences
    of those files (e.g. hold out a quarter of the dev split only, training on train + the rest).
    """
    every, only = int(rule["every"]), set(rule.get("files") or ())
    positions, offset = set(), 0
    for rel in recipe.splits[rule["holdout_from"]]:
        count = len(_raw_split(dataclasses.replace(recipe, splits={"one": [rel]}), "one", ud))
        if not only or rel in only:
            positions |= {offset + i for i in range(count) if i % every == every - 1}
        offset += count
    return positions


def split_sentences(recipe: LanguageRecipe, split: str, ud: Path) -> list[str]:
    """Return the sentences of one split, following holdout rules.

    A split given as ``{holdout_from: train, every: N}`` is every N-th sentence of the
    files ``train`` lists (counted per file; ``files:`` limits it to some of them); those
    sentences are then left out of ``train`` itself.
    """
    spec = recipe.splits[split]
    if isinstance(spec, dict):
        held = _held_out(spec, recipe, ud)
        return [s for i, s in enumerate(_raw_split(recipe, spec["holdout_from"], ud)) if i in held]
    sents = _raw_split(recipe, split, ud)
    for rule in recipe.splits.values():
        if isinstance(rule, dict) and rule["holdout_from"] == split:
            held = _held_out(rule, recipe, ud)
            sents = [s for i, s in enumerate(sents) if i not in held]
    return sents


def stage_treebank(recipe: LanguageRecipe, ud: Path, udbase: Path) -> Path:
    """Write the language's train/dev/test splits under ``udbase`` and return the folder.

    Args:
        recipe: the language recipe.
        ud: folder holding the UD treebanks (``../shared/ud``).
        udbase: staging root handed to stanza as ``UDBASE``.

    Returns:
        The staging treebank folder.
    """
    folder = udbase / recipe.treebank
    folder.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        write_split(recipe, split, ud, folder / f"{short_name(recipe)}-ud-{split}.conllu")
    return folder


def write_split(recipe: LanguageRecipe, split: str, ud: Path, target: Path) -> Path:
    """Write one split of a language as a CoNLL-U file (atomically); return its path."""
    return write_text_atomic(target, "\n\n".join(split_sentences(recipe, split, ud)) + "\n\n")
