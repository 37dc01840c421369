"""The build's bookkeeping: resume, keep installed models, install only better ones."""

import dataclasses
from pathlib import Path

import pytest
import torch

from attrib.training.pack import build
from attrib.training.pack.jobs import WorkPaths
from attrib.training.pack.recipe import load_recipe


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


ATTR = {"gold_attributed": 30, "f1": 0.9, "chain_accuracy": 0.6, "exact_chain_accuracy": 0.5}
RIGHT = [1] * 60 + [0] * 40  # the installed pack's outcomes on 100 dev sentences


def _lost(n: int) -> list[int]:
    """The installed outcomes with ``n`` right sentences now wrong."""
    return [0] * n + RIGHT[n:]


@pytest.fixture
def gated(ctx, monkeypatch):
    """A pack with an installed hu tokenizer; the installed model scores 90 on the build's dev split."""
    monkeypatch.setattr(build, "score", lambda *a: _scores(90.0))
    build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize")
    ctx.force = True
    monkeypatch.setattr(build, "installed_dev_score", lambda *a: 90.0)
    calls = []

    def attribution(context, lang, models):
        calls.append(models)
        return (ATTR, RIGHT) if models == ctx.pack else ctx.candidate_scores

    ctx.candidate_scores = (ATTR, RIGHT)
    monkeypatch.setattr(build, "attribution_scores", attribution)
    return ctx, calls


def _clear_verdict(ctx):
    build._marker(ctx, "hu", "tokenize", "gate").unlink()


def test_treebank_check_fails_first(gated, monkeypatch):
    ctx, calls = gated
    monkeypatch.setattr(build, "score", lambda *a: _scores(89.0))
    outcome = build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize")
    assert outcome.startswith("not installed: the treebank check failed: dev Sentences 89.00 against installed 90.00")
    assert calls == []  # attribution is not run for a model that is already worse


def test_attribution_check_keeps_the_installed_model(gated, monkeypatch):
    ctx, calls = gated
    before = build.packlib.sha256(ctx.pack / "hu" / "tokenize" / "szeged.pt")
    torch.save({"model": {"w": torch.zeros(2)}}, ctx.work.saved("hu") / "tokenize.pt")
    monkeypatch.setattr(build, "score", lambda *a: _scores(91.5))
    ctx.candidate_scores = ({**ATTR, "chain_accuracy": 0.5}, _lost(10))
    outcome = build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize")
    assert outcome.startswith("not installed: the attribution check failed")
    assert "chain_accuracy 0.600 -> 0.500" in outcome and "right 60 -> 50" in outcome
    assert calls == [ctx.pack, ctx.work.root / "candidate"]
    assert build.packlib.sha256(ctx.pack / "hu" / "tokenize" / "szeged.pt") == before
    rejected = build.packlib.read_manifest(ctx.pack)["languages"]["hu"]["rejected"]["tokenize"]
    assert rejected["failed"] == "attribution" and rejected["scores"]["dev"]["Sentences"] == 91.5
    assert build.packlib.sha256(ctx.work.root / "candidate" / "hu" / "tokenize" / "szeged.pt") != before


def test_a_model_passing_both_checks_is_installed_with_its_figures(gated, monkeypatch):
    ctx, _ = gated
    monkeypatch.setattr(build, "score", lambda *a: _scores(91.5))
    ctx.candidate_scores = ({**ATTR, "chain_accuracy": 0.59}, _lost(1))  # one sentence lost: noise
    outcome = build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize")
    assert outcome.startswith("installed") and "dev Sentences 90.00 -> 91.50" in outcome
    model = build.packlib.read_manifest(ctx.pack)["languages"]["hu"]["models"]["tokenize"]
    assert model["scores"]["dev"]["Sentences"] == 91.5
    assert model["gate"]["attribution"]["new"]["chain_accuracy"] == 0.59
    assert model["gate"]["attribution"]["new_right"] == 59 and model["gate"]["attribution"]["installed_right"] == 60
    assert model["gate"]["treebank"] == {"metric": "Sentences", "new": 91.5, "installed": 90.0, "min_gain": 0.0}
    assert model["curve"] == {"unit": "step", "points": []}  # no training log in this test
    assert model["replaced"]["scores"]["dev"]["Sentences"] == 90.0  # the replaced model's figures stay beside


def test_a_verdict_is_remembered_until_the_installed_model_changes(gated, monkeypatch):
    ctx, calls = gated
    monkeypatch.setattr(build, "score", lambda *a: _scores(91.5))
    ctx.candidate_scores = ({**ATTR, "f1": 0.8}, _lost(12))
    build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize")
    assert build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize").startswith("not installed: the attr")
    assert len(calls) == 2  # judged once, then read back
    _clear_verdict(ctx)
    ctx.candidate_scores = (ATTR, RIGHT)
    assert build.build_stage(ctx, ctx.recipe.languages["hu"], "tokenize").startswith("installed")


def test_changed_hyperparameters_retrain(ctx, monkeypatch):
    lang = ctx.recipe.languages["hu"]
    build._mark(ctx, "hu", "pos", "train", {"train_seconds": 3}, build.step_key(lang, "pos", "train"))
    assert build._done(ctx, "hu", "pos", "train", build.step_key(lang, "pos", "train")) == {"train_seconds": 3}
    other = dataclasses.replace(lang, hyper={**lang.hyper, "pos": {**lang.hyper["pos"], "hidden_dim": 64}})
    assert build._done(ctx, "hu", "pos", "train", build.step_key(other, "pos", "train")) is None
    assert build.step_key(other, "pos", "prepare") == build.step_key(lang, "pos", "prepare")


def test_finished_steps_are_remembered(ctx):
    assert build._done(ctx, "hu", "pos", "train") is None
    build._mark(ctx, "hu", "pos", "train", {"train_seconds": 3})
    assert build._done(ctx, "hu", "pos", "train") == {"train_seconds": 3}


def test_vectors_are_distilled_once_and_shipped_with_the_model_trained_on_them(ctx, monkeypatch):
    """A processor with ``vectors: distilled`` gets the vectors built before it and installed
    beside it, named by their content, and the model's entry and stanza's index name them."""
    from attrib.training.pack import vectors

    built = []

    def fake_build(*, blocks, texts, out, threads):
        built.append(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(b"vectors")
        return {"words": 3}

    monkeypatch.setattr(vectors, "build_vectors", fake_build)
    monkeypatch.setattr(build, "split_sentences", lambda *a: [])
    monkeypatch.setattr(build, "score", lambda *a: _scores(90.0))
    lang = ctx.recipe.languages["hu"]
    lang = dataclasses.replace(lang, hyper={**lang.hyper, "tokenize": {**lang.hyper["tokenize"], "vectors": "distilled"}})
    assert build.build_stage(ctx, lang, "tokenize").startswith("installed")
    trained = build._marker(ctx, "hu", "tokenize", "train")
    build._mark(ctx, "hu", "tokenize", "train", {"train_seconds": 1})
    build.distil_vectors(ctx, lang)
    assert built == [ctx.work.vectors("hu")] and trained.is_file()  # the second call found them made
    build._marker(ctx, "hu", "vectors", "build").unlink()
    build.distil_vectors(ctx, lang)
    assert len(built) == 2 and not trained.is_file()  # new vectors: the model trained on the old ones is stale
    manifest = build.packlib.read_manifest(ctx.pack)["languages"]["hu"]
    name = manifest["models"]["tokenize"]["pretrain"]
    assert name == "e5-" + build.packlib.sha256(ctx.work.vectors("hu"))[:8]
    assert (ctx.pack / manifest["pretrain"][name]["file"]).read_bytes() == b"vectors"
    index = build.packlib.resources_json(build.packlib.read_manifest(ctx.pack))["hu"]
    assert index["tokenize"]["szeged"]["dependencies"] == [{"model": "pretrain", "package": name}]
