"""Outlets and periods: reliance and framing per group of documents.

Researchers compare outlets and follow coverage over time. Every function here takes the
annotation tables (``sentences``, ``framing``, ``documents``) and returns a long-format
DataFrame with the group columns first (``outlet``, ``period``, or both), so that a
researcher can pivot it as they like; :mod:`attrib.report.schema` gives each its Arrow schema.

* A document's **outlet** is the input's ``outlet``, else the domain of its ``url`` (without
  ``www.``), else the name of the folder its file was read from.
* Its **period** is its ``published`` date (UTC) cut to the day (``2022-01-05``), the ISO week
  (``2022-W01``, starting on Monday) or the month (``2022-01``); ``undated`` without a date. A
  date given only to the month or year keeps that month (``2021-01``) or year (``2021``) in a
  report by day or week, never a week it may not belong to (:mod:`attrib.report.periods`).
* **Reliance** counts attributed sentences: ``sentences`` those with a source of the type
  anywhere in the chain, ``proximate`` those whose proximate source has it, ``share`` the
  first over the group's attributed sentences. State media and government sources are
  separate affiliations, never pooled.
"""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from attrib.attribution.registry import Registry
from attrib.report.periods import PERIODS, period_label, period_start, precisions  # noqa: F401 (PERIODS: re-exported)
from attrib.report.ratings import domain_of
from attrib.report.reliance import affiliation, chain_links, state_affiliation_flags

GROUPINGS = ("outlet", "period")
UNKNOWN_OUTLET = "unknown"


def url_domain(url) -> str | None:
    """``https://www.hvg.hu/vilag/1`` -> ``hvg.hu`` (as the ratings join reads domains); None for an
    empty or schemeless value."""
    return domain_of(url) if isinstance(url, str) and "//" in url else None


def _folder(source) -> str | None:
    """The folder a document's file was read from (``corpus/hvg/a.txt`` -> ``hvg``)."""
    if not isinstance(source, str) or not source:
        return None
    parent = PurePath(source.split("#")[0]).parent.name  # "#3" marks a row of a table input
    return parent or None


def document_outlets(documents: pd.DataFrame) -> pd.Series:
    """Each document's outlet (indexed by doc_id): the input's, else the URL's domain, else its folder."""
    def outlet(row) -> str:
        given = row.get("outlet")
        if isinstance(given, str) and given.strip():
            return given.strip()
        return url_domain(row.get("url")) or _folder(row.get("source")) or UNKNOWN_OUTLET
    return pd.Series([outlet(r) for r in documents.to_dict("records")], index=documents["doc_id"], dtype="object")


def document_groups(documents: pd.DataFrame, by: tuple[str, ...], period: str = "month") -> pd.DataFrame:
    """doc_id with its group columns (``outlet``, ``period`` and ``period_start``, as asked)."""
    unknown = [b for b in by if b not in GROUPINGS]
    if unknown or not by:
        raise ValueError(f"group by {list(by)}: use outlet, period or both")
    out = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy()})
    if "outlet" in by:
        out["outlet"] = document_outlets(documents).to_numpy()
    if "period" in by:
        precision = precisions(documents)
        start = period_start(documents["published"], period, precision)
        out["period"] = period_label(start, period, precision).to_numpy()
        out["period_start"] = start.to_numpy()
    return out


def group_keys(by: tuple[str, ...]) -> list[str]:
    """The group columns of a grouping, in table order."""
    return [k for k in ("outlet", "period") if k in by]


def groups_overview(tables: dict, groups: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Per group: documents, sentences, attributed sentences and their share."""
    keys, sents = group_keys(by), tables["sentences"].merge(groups, on="doc_id")
    docs = groups.groupby(keys, dropna=False)["doc_id"].nunique().rename("documents")
    counts = sents.groupby(keys, dropna=False).agg(sentences=("sent_id", "size"), attributed=("attributed", "sum"))
    out = docs.to_frame().join(counts).fillna(0).reset_index()
    out[["sentences", "attributed"]] = out[["sentences", "attributed"]].astype("int64")
    out["attributed_share"] = (out["attributed"] / out["sentences"].where(out["sentences"] > 0)).fillna(0.0).round(4)
    return _with_period_start(out, groups, by)


def _with_period_start(frame: pd.DataFrame, groups: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Add each period's first moment after its label (for sorting and plotting) and sort."""
    if "period" in by:
        starts = groups.drop_duplicates("period").set_index("period")["period_start"]
        frame.insert(frame.columns.get_loc("period") + 1, "period_start", frame["period"].map(starts))
    keys = ["outlet"] * ("outlet" in by) + ["period_start"] * ("period" in by)
    return frame.sort_values(keys, na_position="last", ignore_index=True)


def _link_table(sentences: pd.DataFrame, groups: pd.DataFrame, registry: Registry | None) -> pd.DataFrame:
    """Chain links with their document's group columns and the source's affiliation."""
    links = chain_links(sentences)
    if links.empty:
        return links.assign(affiliation=pd.Series(dtype="object")).merge(groups, on="doc_id")
    links["affiliation"] = affiliation(links["type"], state_affiliation_flags(links["source_id"], registry))
    return links.merge(groups, on="doc_id")


def _reliance_on(links: pd.DataFrame, overview: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Sentences and proximate sentences per group and value of ``column``, with the share."""
    cols = keys + [column, "sentences", "proximate", "share", "group_attributed"]
    if links.empty:
        return pd.DataFrame(columns=cols)
    per = keys + [column]
    anywhere = links.drop_duplicates(per + ["doc_id", "sent_id"]).groupby(per, dropna=False).size()
    proximate = links[links["depth"] == 0].groupby(per, dropna=False).size()
    out = pd.DataFrame({"sentences": anywhere, "proximate": proximate}).fillna(0).astype("int64").reset_index()
    out = out.merge(overview[keys + ["attributed"]].rename(columns={"attributed": "group_attributed"}), on=keys)
    out["share"] = (out["sentences"] / out["group_attributed"].where(out["group_attributed"] > 0)).fillna(0.0)
    out["share"] = out["share"].round(4)
    return out[cols]


def reliance_by_group(tables: dict, groups: pd.DataFrame, by: tuple[str, ...], registry: Registry | None = None,
                      column: str = "type") -> pd.DataFrame:
    """Reliance per group and source type (``column="type"``) or state affiliation (``"affiliation"``).

    Columns: the group's, ``source_type`` or ``affiliation``, sentences, proximate, share (of
    the group's attributed sentences), group_attributed.
    """
    keys = group_keys(by)
    overview = groups_overview(tables, groups, by)
    out = _reliance_on(_link_table(tables["sentences"], groups, registry), overview, keys, column)
    out = out.rename(columns={"type": "source_type"})
    return _with_period_start(out, groups, by)


def framing_by_group(tables: dict, groups: pd.DataFrame, by: tuple[str, ...]) -> pd.DataFrame:
    """Framing category x voice type per group: occurrences, quoted and scare-quoted."""
    keys = group_keys(by)
    framing = tables["framing"].merge(groups, on="doc_id")
    cols = keys + ["category", "voice_type", "n", "quoted", "scare_quoted"]
    if framing.empty:
        return _with_period_start(pd.DataFrame(columns=cols), groups, by)
    out = framing.groupby(keys + ["category", "voice_type"], dropna=False).agg(
        n=("term", "size"), quoted=("quoted", "sum"), scare_quoted=("scare_quoted", "sum")).reset_index()
    out[["n", "quoted", "scare_quoted"]] = out[["n", "quoted", "scare_quoted"]].astype("int64")
    return _with_period_start(out[cols], groups, by)


def summarise_groups(tables: dict, registry: Registry | None, by: tuple[str, ...],
                     period: str = "month") -> dict[str, pd.DataFrame]:
    """The four group tables of a grouping, named as the report writes them."""
    groups = document_groups(tables["documents"], by, period)
    name = "_".join(group_keys(by))
    return {f"groups_by_{name}": groups_overview(tables, groups, by),
            f"reliance_by_{name}": reliance_by_group(tables, groups, by, registry, "type"),
            f"affiliation_by_{name}": reliance_by_group(tables, groups, by, registry, "affiliation"),
            f"framing_by_{name}": framing_by_group(tables, groups, by)}
