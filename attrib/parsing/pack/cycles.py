"""The cycles of a head array for stanza's tree decoder, found by walking the heads.

stanza's dependency parser decodes every sentence with Chu-Liu-Edmonds
(``stanza.models.common.chuliu_edmonds``): take each word's best head, look for cycles,
contract one, repeat. Its cycle search is Tarjan's algorithm written as Python over numpy
scalars, one ``np.where`` per node, and it runs on the whole head array at every step:
measured on 40 news articles (one thread), 35 % of the parser's time, 2.2 s of 6.2 s.

A head array gives each node exactly one head, so a cycle is found by walking from each
node along its heads until the walk meets a node it has seen: a node of this walk closes
a cycle, a node of an earlier walk does not. That is linear in the nodes, in plain Python
integers. :func:`head_cycles` returns what stanza's ``tarjan`` returns, in the same order
(a cycle's search starts at its smallest node, so cycles come ordered by their smallest
node), so the decoder contracts the same cycles in the same order and every tree is the
same; :func:`use_head_cycles` puts it in stanza's place (tests compare the two).
"""

from __future__ import annotations

import numpy as np


def head_cycles(tree: np.ndarray) -> list[np.ndarray]:
    """The cycles of a head array (``tree[i]`` is the head of node ``i``; ``tree[0] == 0``).

    Args:
        tree: integer heads, one per node.

    Returns:
        One boolean mask per cycle of two or more nodes, ordered by each cycle's smallest node
        (a node that is its own head is no cycle).
    """
    heads = tree.tolist()
    walk_of = [0] * len(heads)
    found = []
    for start in range(len(heads)):
        node, path = start, []
        while not walk_of[node]:
            walk_of[node] = start + 1
            path.append(node)
            node = heads[node]
        if walk_of[node] == start + 1 and heads[node] != node:
            found.append(path[path.index(node):])
    masks = []
    for members in sorted(found, key=min):
        mask = np.zeros(len(heads), dtype=bool)
        mask[members] = True
        masks.append(mask)
    return masks


def use_head_cycles() -> None:
    """Make stanza's Chu-Liu-Edmonds decoder find cycles with :func:`head_cycles` (once per
    process; the decoder looks its ``tarjan`` up in its module at every call)."""
    from stanza.models.common import chuliu_edmonds

    chuliu_edmonds.tarjan = head_cycles
