"""The encoder's number format: chosen per CPU, overridden by ATTRIB_PRECISION, checked early."""

import pytest

from attrib.parsing import precision
from attrib.errors import UsageError


def test_auto_follows_the_cpu(monkeypatch):
    monkeypatch.delenv(precision.ENV, raising=False)
    monkeypatch.setattr(precision, "native_bf16", lambda: True)
    assert precision.resolve_precision("cpu") == "bf16"
    monkeypatch.setattr(precision, "native_bf16", lambda: False)
    assert precision.resolve_precision("cpu") == "fp32"


def test_the_environment_overrides_and_a_gpu_stays_in_float32(monkeypatch):
    monkeypatch.setattr(precision, "native_bf16", lambda: True)
    monkeypatch.setenv(precision.ENV, "FP32")
    assert precision.resolve_precision("cpu") == "fp32"
    monkeypatch.setenv(precision.ENV, "bf16")
    assert precision.resolve_precision("cpu") == "bf16"
    assert precision.resolve_precision("cuda") == "fp32"
    assert precision.resolve_precision("cpu", "fp32") == "fp32"


def test_an_unknown_value_says_what_is_allowed(monkeypatch):
    monkeypatch.setenv(precision.ENV, "half")
    with pytest.raises(UsageError, match="auto, bf16, fp32"):
        precision.requested_precision()
    with pytest.raises(UsageError, match="auto, bf16, fp32"):
        precision.resolve_precision("cpu", "int4")


def test_a_bad_value_stops_a_run_before_anything_is_written(monkeypatch, tmp_path):
    from attrib.options import RunOptions
    from attrib.pipeline import run_corpus

    (tmp_path / "a.txt").write_text("The minister said the talks would go on.", "utf-8")
    monkeypatch.setenv(precision.ENV, "half")
    with pytest.raises(UsageError, match="ATTRIB_PRECISION"):
        run_corpus([str(tmp_path / "a.txt")], tmp_path / "out", RunOptions(attribution="rules"))
    assert not (tmp_path / "out").exists()


def test_bfloat16_autocast_only_when_asked():
    import torch

    x = torch.ones(2, 4)
    layer = torch.nn.Linear(4, 3)
    with precision.encoder_context("fp32", "cpu"):
        assert layer(x).dtype == torch.float32
    with precision.encoder_context("bf16", "cpu"):
        assert layer(x).dtype == torch.bfloat16


@pytest.mark.model
@pytest.mark.slow
def test_bfloat16_and_float32_answer_alike_on_a_hand_written_article():
    from tests.conftest import PACK

    from attrib.attribution.learned.infer import load_model, predict_documents

    text = ("Protests spread across the country on Tuesday. "
            "According to Reuters, which cited officials at the interior ministry, 18 police officers died. "
            "\"We will restore order,\" the president told state television. "
            "The government resigned in the evening.")
    cuts = [0, text.index("According"), text.index("\"We"), text.index("The government"), len(text)]
    sentences = [(a, b, "en") for a, b in zip(cuts, cuts[1:])]
    answers = {}
    for name in ("fp32", "bf16"):
        loaded = load_model(PACK, precision=name)
        assert loaded.precision == name
        answers[name] = predict_documents(loaded, [(text, sentences)])[0]
    for start, fp32 in answers["fp32"].items():
        bf16 = answers["bf16"][start]
        assert abs(bf16.p_attributed - fp32.p_attributed) < 0.05
        assert [(link.span, link.special) for link in bf16.links] == [(link.span, link.special) for link in fp32.links]
