from pathlib import Path

import pytest

from attrib.errors import ConfigError
from attrib.training.pack.recipe import PROCESSOR_ORDER, load_recipe


def test_packaged_recipe_covers_the_three_languages():
    recipe = load_recipe()
    assert set(recipe.languages) == {"el", "hu", "en"}
    assert recipe.languages["hu"].processors == ("tokenize", "pos", "lemma", "depparse")
    assert recipe.languages["el"].processors == PROCESSOR_ORDER
    assert set(recipe.metrics) == set(PROCESSOR_ORDER)


def test_defaults_reach_every_language_and_never_use_pretrained_vectors():
    recipe = load_recipe()
    for lang in recipe.languages.values():
        assert lang.hyper["depparse"]["no_pretrain"] is True
        assert lang.hyper["pos"]["no_pretrain"] is True
        assert "charlm" not in lang.hyper["pos"]


def test_override_merges_key_by_key(tmp_path: Path):
    override = tmp_path / "r.yaml"
    override.write_text("defaults:\n  depparse: {max_steps: 7}\nlanguages:\n  hu: {package: mine}\n")
    recipe = load_recipe(override)
    assert recipe.languages["hu"].package == "mine"
    assert recipe.languages["hu"].hyper["depparse"]["max_steps"] == 7
    assert recipe.languages["hu"].hyper["depparse"]["num_layers"] == 2  # kept from the package


def test_unknown_processor_is_reported(tmp_path: Path):
    override = tmp_path / "r.yaml"
    override.write_text("languages:\n  hu: {processors: [tokenize, ner]}\n")
    with pytest.raises(ConfigError, match="unknown processors"):
        load_recipe(override)


def test_broken_yaml_names_the_file(tmp_path: Path):
    override = tmp_path / "r.yaml"
    override.write_text("defaults: [unclosed\n")
    with pytest.raises(ConfigError, match="r.yaml"):
        load_recipe(override)
