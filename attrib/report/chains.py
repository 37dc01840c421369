"""Reporting chains as researchers read them: ``Reuters ← Interior Ministry officials``.

A chain in the ``sentences`` table is a list of links, proximate source first; its text
form joins the links' canonical names with ``←`` ("Reuters, citing officials").
"""

from __future__ import annotations

from typing import Iterable

ARROW = " ← "


def chain_names(chain: Iterable | None) -> list[str]:
    """The canonical names of a chain's links, proximate first (the surface where a name is missing).

    Args:
        chain: the ``chain`` cell of a sentence row (a list or array of link dicts), or None.
    """
    if chain is None:
        return []
    return [str(link.get("name") or link.get("surface") or link.get("source_id") or "?") for link in chain]


def chain_text(chain: Iterable | None) -> str:
    """``RIA ← Peskov`` for a chain of two links; the empty string for an unattributed sentence."""
    return ARROW.join(chain_names(chain))
