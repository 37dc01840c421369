"""Whom does the coverage rely on: per-source reliance tables from the ``sentences`` table.

Everything here starts from the ``chain`` column of ``sentences`` (a list of links,
proximate first), so a researcher can reproduce it in pandas (the README shows how).
"""

from __future__ import annotations

import pandas as pd

from attrib.attribution.registry import Registry
from attrib.dataset.schema import LINK

LINK_KEYS = ["doc_id", "sent_id"]
LINK_FIELDS = [f.name for f in LINK]  # the fields of a chain link, as in the sentences schema
# How a cited source stands to the state (its type, else the registry's flag): each apart,
# state media and government never pooled into one "state affiliated" figure.
AFFILIATIONS = ("state_media", "government", "other_state_affiliated", "not_state_affiliated", "unknown")
COLUMNS = ["doc_id", "source_id", "name", "type", "state_affiliated", "sentences", "share",
           "proximate", "origin", "first_sent", "via"]


def chain_links(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per chain link: doc_id, sent_id, the link's fields, depth, origin and relay.

    ``depth`` 0 is the proximate source; ``origin`` marks the last link of its chain;
    ``relay`` is the source one link closer to the reader (None at depth 0).
    """
    links = sentences[LINK_KEYS + ["chain"]].explode("chain").dropna(subset=["chain"]).reset_index(drop=True)
    links = links.join(pd.DataFrame(links.pop("chain").tolist(), columns=LINK_FIELDS))
    group = links.groupby(LINK_KEYS)
    links["depth"] = group.cumcount()
    links["origin"] = links["depth"] == group["depth"].transform("max")
    links["relay"] = group["source_id"].shift(1).astype("object")
    links["relay"] = links["relay"].where(links["relay"].notna(), None)
    return links


def _labels(links: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The most frequent name and type of each source (unknown sources vary in surface)."""
    def mode(values: pd.Series):
        return values.mode().iloc[0] if not values.mode().empty else values.iloc[0]
    return links.groupby(keys).agg(name=("name", mode), type=("type", mode))


def _counts(links: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sentences, proximate and origin counts, first sentence and relays per source."""
    out = links.groupby(keys).agg(sentences=("sent_id", "nunique"))
    out["proximate"] = links[links["depth"] == 0].groupby(keys).size()
    out["origin"] = links[links["origin"]].groupby(keys).size()
    out["via"] = links.dropna(subset=["relay"]).groupby(keys)["relay"].agg(lambda r: sorted(set(r)))
    out[["proximate", "origin"]] = out[["proximate", "origin"]].fillna(0).astype("int64")
    out["via"] = out["via"].apply(lambda v: v if isinstance(v, list) else [])
    return out


def state_affiliation_flags(source_ids: pd.Series, registry: Registry | None) -> pd.Series:
    """The registry's state-affiliation flag of each source (None when unknown)."""
    def flag(source_id: str):  # "kz-interior-ministry:unnamed" is an official of a known body
        source = registry.by_id(source_id) or registry.by_id(source_id.split(":")[0]) if registry else None
        return None if source is None else source.state_affiliated
    return source_ids.map(flag).astype("object")


def affiliation(types: pd.Series, flags: pd.Series) -> pd.Series:
    """A link's state affiliation: its type where it is state media or government, else the registry's flag."""
    def one(kind, flag) -> str:
        if kind in ("state_media", "government"):
            return kind
        if flag is None or pd.isna(flag):
            return "unknown"
        return "other_state_affiliated" if flag else "not_state_affiliated"
    return pd.Series([one(k, f) for k, f in zip(types, flags)], index=types.index, dtype="object")


def reliance(sentences: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """Reliance per document: one row per (document, source).

    Columns: doc_id, source_id, name, type, state_affiliated, sentences (attributed to it
    anywhere in the chain), share (of the document's sentences), proximate, origin (times
    at depth 0 and at the chain's end), first_sent, via (sources it was relayed through).
    """
    links = chain_links(sentences)
    keys = ["doc_id", "source_id"]
    if links.empty:
        return pd.DataFrame(columns=COLUMNS)
    out = _labels(links, keys).join(_counts(links, keys))
    out["first_sent"] = links.groupby(keys)["sent_id"].min()
    out = out.reset_index()
    totals = sentences.groupby("doc_id").size()
    out["share"] = (out["sentences"] / out["doc_id"].map(totals)).round(4)
    out["state_affiliated"] = state_affiliation_flags(out["source_id"], registry)
    return out[COLUMNS].sort_values(["doc_id", "sentences", "source_id"], ascending=[True, False, True],
                                    ignore_index=True)


def corpus_reliance(sentences: pd.DataFrame, registry: Registry | None = None) -> pd.DataFrame:
    """Reliance over the whole corpus: one row per source.

    Columns as :func:`reliance` without doc_id and first_sent, plus documents (how many
    cite it) and first_seen ("doc_id:sent_id" of its first appearance in corpus order).
    """
    per_doc = reliance(sentences, registry)
    if per_doc.empty:
        return pd.DataFrame(columns=["source_id", "name", "type", "state_affiliated", "documents", "sentences",
                                     "share", "proximate", "origin", "first_seen", "via"])
    first = per_doc.sort_values(["doc_id", "first_sent"]).groupby("source_id").first()
    out = per_doc.groupby("source_id").agg(documents=("doc_id", "nunique"), sentences=("sentences", "sum"),
                                           proximate=("proximate", "sum"), origin=("origin", "sum"),
                                           via=("via", lambda v: sorted(set().union(*map(set, v)))))
    out = first[["name", "type", "state_affiliated"]].join(out)
    out["first_seen"] = first["doc_id"] + ":" + first["first_sent"].astype(str)
    out["share"] = (out["sentences"] / len(sentences)).round(4)
    out = out.reset_index()
    return out[["source_id", "name", "type", "state_affiliated", "documents", "sentences", "share",
                "proximate", "origin", "first_seen", "via"]].sort_values(
        ["sentences", "source_id"], ascending=[False, True], ignore_index=True)


def reliance_by_type(corpus: pd.DataFrame) -> pd.DataFrame:
    """Proximate and origin counts and attributed sentences per source type."""
    grouped = corpus.groupby("type")[["sentences", "proximate", "origin"]].sum()
    return grouped.sort_values("sentences", ascending=False).reset_index()
