"""The head-walking cycle finder against stanza's Tarjan, and stanza's decoder with it."""

import numpy as np
import pytest

from attrib.parsing.pack.cycles import head_cycles, use_head_cycles

chuliu_edmonds = pytest.importorskip("stanza.models.common.chuliu_edmonds")
TARJAN = chuliu_edmonds.tarjan  # stanza's own, kept before any test installs ours


def _same(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x.dtype == y.dtype and (x == y).all() for x, y in zip(a, b))


@pytest.mark.parametrize("tree", [
    [0, 2, 0, 4, 2, 2],          # "Arthritis makes my hip hurt": a tree, no cycle
    [0, 3, 1, 2],                # one cycle of three
    [0, 2, 1, 4, 3, 3],          # two cycles, a node hanging from the second
    [0, 5, 1, 4, 3, 2],          # a cycle whose smallest node is reached last by walks
    [0, 0, 3, 2, 2, 6, 5, 6],    # cycles found from nodes hanging below them
    [0, 4, 3, 2, 5, 4],          # a walk from node 1 meets the later cycle {4, 5} first
])
def test_hand_written_head_arrays_give_stanzas_cycles_in_its_order(tree):
    tree = np.array(tree)
    assert _same(head_cycles(tree), TARJAN(tree))


def test_random_head_arrays_give_stanzas_cycles_in_its_order():
    rng = np.random.default_rng(7)
    for _ in range(2000):
        n = int(rng.integers(2, 30))
        tree = rng.integers(0, n, size=n)
        tree[0] = 0
        assert _same(head_cycles(tree), TARJAN(tree)), tree


def test_stanzas_one_root_decoder_gives_the_same_trees_with_it(monkeypatch):
    rng = np.random.default_rng(11)
    matrices = [np.log(rng.dirichlet(np.ones(n), size=n)) for n in rng.integers(2, 40, size=300)]
    before = [chuliu_edmonds.chuliu_edmonds_one_root(m) for m in matrices]
    monkeypatch.setattr(chuliu_edmonds, "tarjan", TARJAN)  # restored after the test
    use_head_cycles()
    assert chuliu_edmonds.tarjan is head_cycles
    after = [chuliu_edmonds.chuliu_edmonds_one_root(m) for m in matrices]
    assert all((a == b).all() for a, b in zip(before, after))
    assert all((t[1:] == 0).sum() == 1 for t in after)  # one root each
