"""Choosing the attribution: modes per language, refusals that say what to do."""

import json

import pytest

from attrib.errors import ConfigError
from attrib.attribution.learned.infer import check_learned
from attrib.attribution.learned.runner import modes_for, pack_modes


def test_default_follows_the_pack_and_falls_back_to_rules(tmp_path):
    assert modes_for("default", tmp_path) == {}  # no learned attribution: the rules everywhere
    assert check_learned(tmp_path).startswith("attribution: rules only")
    (tmp_path / "attribution").mkdir()
    (tmp_path / "attribution" / "config.json").write_text(json.dumps({"default_modes": {"el": "hybrid", "en": "model"}}))
    assert pack_modes(tmp_path) == {"el": "hybrid", "en": "model"}
    assert modes_for("rules", tmp_path) == {"el": "rules", "hu": "rules", "en": "rules"}


def test_a_model_mode_without_a_model_and_an_unknown_choice_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="needs the learned attribution"):
        modes_for("model", tmp_path)
    with pytest.raises(ConfigError, match="must be one of"):
        modes_for("neural", tmp_path)


def test_corrupt_weights_are_refused_with_what_to_do(tmp_path):
    from attrib.errors import ModelError

    (tmp_path / "attribution").mkdir()
    (tmp_path / "attribution" / "model.safetensors").write_bytes(b"not weights")
    (tmp_path / "manifest.json").write_text(json.dumps({"attribution": {"sha256": "0" * 64}}))
    with pytest.raises(ModelError, match="corrupt"):
        check_learned(tmp_path)
