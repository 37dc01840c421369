"""Shared fixtures: where ../shared and the model pack are, and how to skip without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# One torch thread: the model-backed tests are short, and with two threads on a machine
# whose cores are busy (a training job) OpenMP spin-waiting slows stanza a hundredfold.
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ATTRIB_SHARED", ROOT.parent / "shared"))
UD = SHARED / "ud"
PACK = Path(os.environ.get("ATTRIB_MODELS") or ROOT / "data" / "models")


@pytest.fixture
def ud_root() -> Path:
    """The UD treebanks folder of ../shared (skips where it is absent)."""
    if not UD.is_dir():
        pytest.skip(f"{UD} not found: put ../shared beside the checkout or set ATTRIB_SHARED")
    return UD


def pack_has(lang: str, *processors: str) -> bool:
    """Whether the pack holds the given processors for a language."""
    import json

    res = PACK / "resources.json"
    if not res.is_file():
        return False
    entry = json.loads(res.read_text("utf-8")).get(lang, {})
    return all(p in entry.get("default_processors", {}) for p in processors)


def need_models(lang: str, *processors: str) -> None:
    """Skip a model-backed test whose models the pack does not hold yet."""
    procs = processors or ("tokenize", "pos", "lemma", "depparse")
    if not pack_has(lang, *procs):
        pytest.skip(f"model pack has no {lang} {'/'.join(procs)} yet: attrib models build --lang {lang}")
