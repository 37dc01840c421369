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


def pack_missing(lang: str, *processors: str) -> list[str]:
    """The processors of a language the pack does not hold."""
    import json

    res = PACK / "resources.json"
    entry = json.loads(res.read_text("utf-8")).get(lang, {}) if res.is_file() else {}
    return [p for p in processors if p not in entry.get("default_processors", {})]


def need_models(lang: str, *processors: str) -> None:
    """Skip a model-backed test whose models the pack does not hold yet."""
    missing = pack_missing(lang, *(processors or ("tokenize", "pos", "lemma", "depparse")))
    if missing:
        pytest.skip(f"model pack has no {lang} {'/'.join(missing)} yet: attrib models build --lang {lang}")
