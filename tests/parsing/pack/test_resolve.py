from pathlib import Path

import pytest

from attrib.atomic import write_json_atomic
from attrib.errors import ModelError
from attrib.parsing.pack import pack as packlib
from attrib.parsing.pack.resolve import SHIPPED_PACK, resolve_models, verify_pack


def _fake_pack(root: Path, content: bytes = b"weights") -> Path:
    model = root / "el" / "tokenize" / "gdt.pt"
    model.parent.mkdir(parents=True)
    model.write_bytes(content)
    manifest = {"languages": {"el": {"name": "Greek", "package": "gdt", "models": {
        "tokenize": {"md5": packlib.md5(model), "sha256": packlib.sha256(model)}}}}}
    write_json_atomic(root / "manifest.json", manifest)
    write_json_atomic(root / "resources.json", packlib.resources_json(manifest))
    return model


def test_resolution_order(monkeypatch, tmp_path):
    monkeypatch.delenv("ATTRIB_MODELS", raising=False)
    assert resolve_models().path == SHIPPED_PACK
    monkeypatch.setenv("ATTRIB_MODELS", str(tmp_path))
    assert resolve_models().path == tmp_path
    assert resolve_models("/else/where").path == Path("/else/where")
    assert resolve_models("stanza").kind == "stanza"


def test_intact_pack_verifies(tmp_path):
    _fake_pack(tmp_path)
    verify_pack(resolve_models(tmp_path), "el", ["tokenize"])


def test_missing_pack_says_how_to_get_one(tmp_path):
    with pytest.raises(ModelError, match=r"no model pack at .*attrib models build"):
        verify_pack(resolve_models(tmp_path / "none"), "el", ["tokenize"])


def test_missing_language_is_named(tmp_path):
    _fake_pack(tmp_path)
    with pytest.raises(ModelError, match=r"no models for language 'hu'.*--lang hu"):
        verify_pack(resolve_models(tmp_path), "hu", ["tokenize"])


def test_missing_processor_is_named(tmp_path):
    _fake_pack(tmp_path)
    with pytest.raises(ModelError, match=r"no pos model for 'el'.*--processor pos"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize", "pos"])


def test_missing_model_file_is_named(tmp_path):
    _fake_pack(tmp_path).unlink()
    with pytest.raises(ModelError, match=r"the el tokenize model is missing"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize"])


def test_corrupt_model_file_is_caught_by_its_checksum(tmp_path):
    model = _fake_pack(tmp_path)
    model.write_bytes(b"weightz")
    with pytest.raises(ModelError, match=r"el tokenize model file .* is corrupt"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize"])


def test_unreadable_resources_file(tmp_path):
    _fake_pack(tmp_path)
    (tmp_path / "resources.json").write_text("{not json")
    with pytest.raises(ModelError, match="resources.json is unreadable"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize"])


def test_pipelines_batch_the_parser_by_padded_cells(monkeypatch, tmp_path):
    from attrib.parsing.pack import resolve

    _fake_pack(tmp_path)
    built = []
    monkeypatch.setattr(resolve, "_stanza_pipeline", lambda lang, source, procs, **kw: built.append(kw) or kw)
    assert resolve.load_pipeline("el", models=tmp_path, processors=("tokenize",)) == {
        "depparse_batch_size": resolve.DEPPARSE_BATCH_CELLS}
    assert resolve.load_pipeline("el", models=tmp_path, processors=("tokenize",), depparse_batch_size=5000) == {
        "depparse_batch_size": 5000}
    assert len(built) == 2  # a different batch size is a different pipeline, not the cached one


def _with_vectors(root: Path) -> Path:
    """A fake pack whose tokenizer names the vectors it was trained with."""
    model = _fake_pack(root)
    vectors = root / "el" / "pretrain" / "e5-0000.pt"
    vectors.parent.mkdir(parents=True)
    vectors.write_bytes(b"vectors")
    manifest = packlib.read_manifest(root)
    manifest["languages"]["el"]["models"]["tokenize"]["pretrain"] = "e5-0000"
    manifest["languages"]["el"]["pretrain"] = {"e5-0000": {"sha256": packlib.sha256(vectors), "md5": "x"}}
    write_json_atomic(root / "manifest.json", manifest)
    return vectors


def test_the_vectors_a_model_needs_are_verified_with_it(tmp_path):
    vectors = _with_vectors(tmp_path)
    verify_pack(resolve_models(tmp_path), "el", ["tokenize"])
    vectors.write_bytes(b"vectorz")
    with pytest.raises(ModelError, match=r"e5-0000.pt is corrupt"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize"])
    vectors.unlink()
    with pytest.raises(ModelError, match=r"el tokenize model needs .*e5-0000.pt, which is missing"):
        verify_pack(resolve_models(tmp_path), "el", ["tokenize"])
