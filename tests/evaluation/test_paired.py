"""The paired bootstrap both gates judge with."""

from attrib.evaluation.paired import paired_bootstrap


def test_paired_bootstrap_tells_a_clear_gain_from_noise():
    better = [1] * 80 + [0] * 20
    worse = [1] * 60 + [0] * 40
    assert paired_bootstrap(better, worse) < 0.01
    one_more = [1] * 61 + [0] * 39
    assert paired_bootstrap(one_more, worse) > 0.05  # one sentence is not a gain
    assert paired_bootstrap(worse, better) > 0.99


def test_no_sentences_is_never_a_gain():
    assert paired_bootstrap([], []) == 1.0
