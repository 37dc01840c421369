"""The gate installs a model only when it is clearly better; decoding picks spans inside
one sentence and never the same span twice in a chain."""

import torch

from attrib.evaluation.gold import GoldSentence
from attrib.attribution.learned.decode import best_span, decode_target
from attrib.evaluation.evaluate import sentence_outcomes
from attrib.training.learned.gate import choose_mode, judge


def test_modes_are_chosen_per_language_and_the_rules_kept_without_a_clear_gain():
    rules = [1] * 60 + [0] * 40
    verdict = judge({"el": {"rules": rules, "model": [1] * 90 + [0] * 10, "hybrid": [1] * 85 + [0] * 15},
                     "hu": {"rules": rules, "model": [1] * 61 + [0] * 39, "hybrid": rules}},
                    {"el": rules, "hu": rules})
    assert verdict["modes"] == {"el": "model", "hu": "rules"}
    assert verdict["install"] and verdict["candidate_correct"] == 90 + 60
    assert choose_mode({"rules": rules, "model": [0] * 100}) == "rules"


def test_a_sentence_counts_when_attributed_right_and_its_chain_is_found():
    gold = [GoldSentence("d", "en", "x", ["Reuters", "officials"]), GoldSentence("d", "en", "y", [])]
    right = [{"attributed": True, "chain": [{"name": "Reuters"}, {"name": "senior officials"}]},
             {"attributed": False, "chain": []}]
    wrong = [{"attributed": True, "chain": [{"name": "Reuters"}]}, {"attributed": True, "chain": [{"name": "x"}]}]
    assert sentence_outcomes(gold, right) == [1, 1]
    assert sentence_outcomes(gold, wrong) == [0, 0]


def test_best_span_stays_in_one_sentence_and_skips_taken_spans():
    start = torch.tensor([0.0, 5.0, -1.0, 4.0])
    end = torch.tensor([0.0, 1.0, 6.0, 0.0])
    token_sent = [0, 0, 1, 1]
    a, b, _ = best_span(start, end, token_sent, set())
    assert (a, b) == (1, 1)  # 1..2 would cross into the next sentence
    a, b, _ = best_span(start, end, token_sent, {(1, 1)})
    assert (a, b) == (2, 2)


def test_decoding_a_window_target():
    n = 6
    offsets = [(-1, -1), (0, 7), (8, 12), (13, 20), (21, 25), (-1, -1)]
    token_sent = [-1, 0, 0, 0, 0, -1]
    pointers = torch.full((1, 3, 4, n), -5.0)
    pointers[0, 0, 0, 1], pointers[0, 0, 1, 1] = 5.0, 5.0   # link 0: "Reuters" (token 1)
    pointers[0, 0, 2, 3], pointers[0, 0, 3, 3] = 5.0, 5.0   # its cue: token 3
    pointers[:, :, :, 0] = float("-inf")
    pointers[:, :, :, 5] = float("-inf")
    out = {"count": torch.tensor([[-5.0, 5.0, -5.0, -5.0]]), "quote": torch.tensor([[0.0, 3.0, 0.0]]),
           "pointers": pointers, "specials": torch.full((1, 3, 4), -9.0)}
    p, quote, links = decode_target(out, 0, offsets, token_sent)
    assert p > 0.9 and quote == "indirect"
    assert links[0].span == (0, 7) and links[0].cue == (13, 20) and links[0].special is None
    out["specials"][0, 0, 1] = 9.0  # "unknown" now beats every span
    assert decode_target(out, 0, offsets, token_sent)[2][0].special == "unknown"
