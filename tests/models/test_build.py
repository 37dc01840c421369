"""The build's bookkeeping: resume, keep installed models, install only better ones."""

from pathlib import Path

import pytest
import torch

from attrib.models import build
from attrib.models.jobs import WorkPaths
from attrib.models.recipe import load_recipe


@pytest.fixture
def ctx(tmp_path: Path, monkeypatch):
    context = build.BuildContext(load_recipe(), tmp_path / "ud", tmp_path / "pack",
                                 WorkPaths(tmp_path / "work"), 1, False, False, lambda m: None)
    saved = context.work.saved("hu")
    saved.mkdir(parents=True)
    torch.save({"model": {"w": torch.ones(2)}}, saved / "tokenize.pt")
    monkeypatch.setattr(build, "prepare", lambda *a: None)
    monkeypatch.setattr(build, "train", lambda *a: {"train_seconds": 1.0, "threads": 1, "finished": 0})
    return context


def _scores(value):
    return {"dev": {"Sentences": value}, "test": {"Sentences": value}}


def test_first_model_is_installed_then_kept(ctx, monkeypatch):
    monkeypatch.setattr(build, "score", lambda *a: _scores(90.0))
    lang = ctx.recipe.languages["hu"]
    assert build.build_stage(ctx, lang, "tokenize").startswith("installed")
    assert (ctx.pack / "hu" / "tokenize" / "szeged.pt").is_file()
    assert build.build_stage(ctx, lang, "tokenize").startswith("kept")


def test_forced_retrain_replaces_only_when_dev_improves(ctx, monkeypatch):
    lang = ctx.recipe.languages["hu"]
    monkeypatch.setattr(build, "score", lambda *a: _scores(90.0))
    build.build_stage(ctx, lang, "tokenize")
    ctx.force = True
    monkeypatch.setattr(build, "score", lambda *a: _scores(89.0))
    assert build.build_stage(ctx, lang, "tokenize").startswith("not installed")
    monkeypatch.setattr(build, "score", lambda *a: _scores(91.5))
    assert build.build_stage(ctx, lang, "tokenize").startswith("installed")
    manifest = build.packlib.read_manifest(ctx.pack)
    assert manifest["languages"]["hu"]["models"]["tokenize"]["scores"]["dev"]["Sentences"] == 91.5


def test_finished_steps_are_remembered(ctx):
    assert build._done(ctx, "hu", "pos", "train") is None
    build._mark(ctx, "hu", "pos", "train", {"train_seconds": 3})
    assert build._done(ctx, "hu", "pos", "train") == {"train_seconds": 3}
