"""Reporting chains as researchers read them: ``Reuters ← Interior Ministry officials``.

A chain in the ``sentences`` table is a list of links, proximate source first; its text
form joins the links' canonical names with ``←`` ("Reuters, citing officials");
:func:`top_chains` counts the most used chains for the report.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

ARROW = " ← "
TOP_COLUMNS = ["chain", "sentences", "share", "documents", "examples"]


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


def top_chains(sentences: pd.DataFrame, limit: int = 20, examples: int = 2) -> pd.DataFrame:
    """The most used reporting chains of a corpus, most sentences first.

    Args:
        sentences: the ``sentences`` table (doc_id, sent_id, text, chain, attributed).
        limit: how many chains to keep.
        examples: how many example sentences to keep per chain (the first in table order).

    Returns:
        One row per chain: ``chain`` (its text), ``sentences``, ``share`` (of the attributed
        sentences), ``documents`` and ``examples`` (a list of sentence texts).
    """
    texts = sentences["chain"].map(chain_text)
    attributed = texts.ne("") | sentences["attributed"].fillna(False).astype(bool)
    used = sentences.assign(chain_text=texts)[texts.ne("")]
    if used.empty:
        return pd.DataFrame(columns=TOP_COLUMNS)
    out = used.groupby("chain_text").agg(sentences=("sent_id", "size"), documents=("doc_id", "nunique"),
                                         examples=("text", lambda t: list(t.head(examples))))
    out["share"] = out["sentences"] / int(attributed.sum())
    out = out.rename_axis("chain").reset_index().sort_values(["sentences", "documents", "chain"],
                                                             ascending=[False, False, True], kind="stable")
    return out[TOP_COLUMNS].head(limit).reset_index(drop=True)
