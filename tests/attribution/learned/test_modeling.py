"""The heads' shapes and masks, with and without the cue-conditioned source queries."""

import pytest
import torch

from attrib.attribution.learned.modeling import PointerHeads, buckets
from attrib.attribution.learned.windows import HEADLINE, SPECIAL


@pytest.mark.parametrize("cue_query", [False, True])
def test_heads_score_every_target_and_block_what_cannot_be_an_answer(cue_query):
    torch.manual_seed(0)
    heads = PointerHeads(hidden=16, dim=8, dropout=0.0, cue_query=cue_query)
    token_sent = torch.tensor([SPECIAL, HEADLINE, HEADLINE, SPECIAL, 0, 0, 1, 1, 1, 2, SPECIAL])
    hidden = torch.randn(len(token_sent), 16)
    out = heads(hidden, torch.tensor([[6, 8], [9, 9]]), token_sent, torch.tensor([1, 2]))
    assert out["count"].shape == (2, 4) and out["quote"].shape == (2, 3)
    assert out["pointers"].shape == (2, 3, 4, 11) and out["specials"].shape == (2, 3, 4)
    assert torch.isinf(out["pointers"][:, :, :, [0, 3, 10]]).all()           # <s>, separator, </s>
    assert torch.isfinite(out["pointers"][:, :, :2, [1, 2, 4]]).all()        # headline and earlier text may name
    cue = out["pointers"][0, :, 2]
    assert torch.isfinite(cue[:, 6:9]).all() and torch.isinf(cue[:, [4, 5, 9]]).all()  # a cue is in its sentence
    out["pointers"][torch.isfinite(out["pointers"])].sum().backward()


def test_buckets_say_where_a_token_stands_from_the_target():
    rel = buckets(torch.tensor([0, 4, 5, 6, 7, HEADLINE, SPECIAL]), torch.tensor([6]))
    assert rel.tolist() == [[4, 2, 1, 0, 6, 8, 9]]
    assert buckets(torch.tensor([0]), torch.tensor([9])).tolist() == [[5]]  # further back
