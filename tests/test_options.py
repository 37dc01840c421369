"""The run's settings: one object whose defaults are annotate_corpus's, validated chunks,
annotator settings that travel to worker processes."""

import inspect
import pickle

import pytest

from attrib.errors import AttribError
from attrib.options import AnnotatorSettings, Chunking, RunOptions
from attrib.pipeline import annotate_corpus


def test_the_options_defaults_are_annotate_corpus_s():
    params = inspect.signature(annotate_corpus).parameters
    defaults = RunOptions()
    for name, param in params.items():
        if name not in ("inputs", "out"):
            assert getattr(defaults, name) == param.default, name
    assert set(params) - {"inputs", "out"} == set(defaults.__dataclass_fields__)


def test_chunks_need_positive_limits():
    for limits in ({"docs": 0}, {"chars": -5}):
        with pytest.raises(AttribError, match="give positive numbers"):
            Chunking(**limits)
    with pytest.raises(AttribError, match="--chunk-size 0"):
        RunOptions(chunk_size=0).chunking  # noqa: B018


def test_the_annotator_settings_pickle_and_key_a_cache():
    options = RunOptions(models="pack", codebooks=["my.yaml"], registry=["outlets.yaml"], attribution="rules")
    settings = options.settings
    assert settings == AnnotatorSettings("pack", ("my.yaml",), ("outlets.yaml",), "rules")
    assert pickle.loads(pickle.dumps(settings)) == settings
    assert {settings: 1}[AnnotatorSettings("pack", ("my.yaml",), ("outlets.yaml",), "rules")] == 1
    assert RunOptions(chunk_size=7, chunk_chars=50).chunking == Chunking(7, 50)


def test_cuda_without_a_device_runs_on_the_cpu_and_says_so(monkeypatch, capsys):
    import torch

    from attrib.options import resolve_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("cpu") == "cpu" and resolve_device("auto") == "cpu"
    assert capsys.readouterr().err == ""
    assert resolve_device("cuda") == "cpu"
    assert "sees no CUDA device" in capsys.readouterr().err
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == resolve_device("cuda") == "cuda"
    with pytest.raises(AttribError, match="--device must be one of cpu, cuda, auto"):
        resolve_device("tpu")
