import json
from pathlib import Path

import torch

from attrib.parsing.pack import pack


def _manifest():
    return {"languages": {"el": {"name": "Greek", "package": "gdt", "models": {
        "tokenize": {"md5": "a"}, "pos": {"md5": "b"}, "mwt": {"md5": "c"}}}}}


def test_resources_json_is_a_stanza_index_with_a_default_package():
    res = pack.resources_json(_manifest())["el"]
    assert res["default_processors"] == {"tokenize": "gdt", "mwt": "gdt", "pos": "gdt"}
    assert list(res["default_processors"]) == ["tokenize", "mwt", "pos"], "pipeline order"
    assert res["packages"]["default"] == res["default_processors"]
    assert res["pos"] == {"gdt": {"md5": "b"}}


def test_half_precision_keeps_other_values(tmp_path: Path):
    src, dst = tmp_path / "a.pt", tmp_path / "b.pt"
    torch.save({"model": {"w": torch.ones(3), "i": torch.arange(3)}, "config": {"dim": 4}}, src)
    pack.half_precision(src, dst)
    loaded = torch.load(dst, weights_only=False)
    assert loaded["model"]["w"].dtype == torch.float16
    assert loaded["model"]["i"].dtype == torch.int64
    assert loaded["config"] == {"dim": 4}


def test_locked_manifest_writes_both_files_atomically(tmp_path: Path):
    with pack.locked_manifest(tmp_path) as manifest:
        manifest["languages"]["hu"] = {"name": "Hungarian", "package": "szeged",
                                       "models": {"tokenize": {"md5": "x"}}}
    assert json.loads((tmp_path / "manifest.json").read_text())["languages"]["hu"]["package"] == "szeged"
    assert "hu" in json.loads((tmp_path / "resources.json").read_text())
    assert not list(tmp_path.glob("*.tmp"))


def test_a_model_trained_with_vectors_depends_on_them_in_stanza_s_index():
    manifest = _manifest()
    entry = manifest["languages"]["el"]
    entry["models"]["pos"]["pretrain"] = "e5-1234abcd"
    entry["pretrain"] = {"e5-1234abcd": {"md5": "p"}, "e5-old": {"md5": "q"}}
    res = pack.resources_json(manifest)["el"]
    assert res["pos"] == {"gdt": {"md5": "b", "dependencies": [{"model": "pretrain", "package": "e5-1234abcd"}]}}
    assert res["pretrain"] == {"e5-1234abcd": {"md5": "p"}}  # only the vectors a model uses
    assert "dependencies" not in res["tokenize"]["gdt"]
