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


def _empty_pack(tmp_path: Path) -> str:
    """A model pack with no language in it (paragraphs are split into sentences, not parsed)."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "resources.json").write_text("{}")
    return str(pack)


ARTICLE = """ date 2023-03-14 A kormány új intézkedéseket jelentett be. Az ellenzék tiltakozott.

Huge crowds in #Budapest tonight pic.twitter.com/Ab12Cd — Telex English (@telex_en) March 14, 2023
"""


@pytest.fixture
def bare(tmp_path: Path):
    """An Annotator without models (sentences split, not parsed)."""
    from attrib.attribution.annotator import Annotator

    return Annotator(_empty_pack(tmp_path))
