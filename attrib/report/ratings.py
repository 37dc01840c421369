"""Credibility ratings joined to sources through the registry's web domains and handles.

Three public formats are read (see ../shared/credibility/SOURCES.md), told apart by their
header: ``domain,pc1`` (Lin et al. 2023 aggregate domain quality), the Media Bias/Fact
Check ratings CSV, and the State Media Monitor matrix. Each becomes rows keyed by a
registered domain and, where the file lists accounts, a social-media handle.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from attrib.errors import ConfigError
from attrib.attribution.registry import Registry
from attrib.report.reliance import affiliation

RATING_COLUMNS = ["pc1", "mbfc_factual", "mbfc_credibility", "mbfc_bias", "smm_typology"]


def domain_of(value: str) -> str | None:
    """The host of a URL or bare domain, lower-cased, without ``www.``."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().lower()
    host = urlparse(text if "//" in text else "//" + text).hostname
    return host.removeprefix("www.") if host else None


def handle_of(value: str) -> str | None:
    """The account name in a Twitter/X link, lower-cased."""
    if not isinstance(value, str):
        return None
    found = re.search(r"(?:twitter|x)\.com/@?(\w+)", value, re.I)
    return found.group(1).casefold() if found else None


def _pc1(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"domain": table["domain"].map(domain_of), "pc1": table["pc1"].astype(float)})


def _mbfc(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"domain": table["domain"].map(domain_of), "mbfc_factual": table["factual_reporting"],
                         "mbfc_credibility": table["credibility_rating"], "mbfc_bias": table["bias_rating"]})


def _smm(table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"domain": table["URL"].map(domain_of), "handle": table["Twitter Link"].map(handle_of),
                         "smm_typology": table["Typology"]})


FORMATS = [({"domain", "pc1"}, _pc1), ({"domain", "factual_reporting", "credibility_rating"}, _mbfc),
           ({"URL", "Typology", "Twitter Link"}, _smm)]


def read_ratings(path: Path) -> pd.DataFrame:
    """One ratings file as rows of domain, handle and its rating columns.

    Raises:
        ConfigError: the file is missing or in none of the known formats.
    """
    if not Path(path).is_file():
        raise ConfigError(f"ratings file {path} not found; check the --ratings path")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for columns, reader in FORMATS:
        if columns <= set(table.columns):
            out = reader(table.replace("", None))
            return out.dropna(subset=["domain"]).drop_duplicates("domain")
    raise ConfigError(f"{path}: unknown ratings format (columns {list(table.columns)[:6]}); expected "
                      "domain,pc1 or the MBFC or State Media Monitor CSV of ../shared/credibility")


def _registered(domain: str) -> list[str]:
    """A domain and its parents down to two labels (en.kremlin.ru -> kremlin.ru)."""
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(len(parts) - 1)]


def _lookup(ratings: list[pd.DataFrame]) -> tuple[dict, dict]:
    """Rating columns by domain and by handle, merged over all files."""
    by_domain: dict[str, dict] = {}
    by_handle: dict[str, dict] = {}
    for table in ratings:
        for row in table.to_dict("records"):
            values = {k: v for k, v in row.items() if k in RATING_COLUMNS and v is not None}
            by_domain.setdefault(row["domain"], {}).update(values)
            if row.get("handle"):
                by_handle.setdefault(row["handle"], {}).update(values)
    return by_domain, by_handle


def _source_ratings(source_id: str, registry: Registry, by_domain: dict, by_handle: dict) -> dict:
    """The ratings of one source: its domains first (the registered domain before parents),
    then its handles (an ``@handle`` source is looked up by its handle)."""
    source = registry.by_id(source_id)
    domains = list(source.domains) if source else []
    handles = [h.casefold() for h in (source.handles if source else ())]
    if source_id.startswith("@"):
        handles.append(source_id[1:].casefold())
        known = registry.by_handle(source_id)
        domains += list(known.domains) if known else []
    found: dict = {}
    for domain in domains:
        for candidate in _registered(domain.casefold().removeprefix("www.")):
            for key, value in by_domain.get(candidate, {}).items():
                found.setdefault(key, value)
    for handle in handles:
        for key, value in by_handle.get(handle, {}).items():
            found.setdefault(key, value)
    return found


def join_ratings(table: pd.DataFrame, ratings: list[pd.DataFrame], registry: Registry) -> pd.DataFrame:
    """``table`` (with a source_id column) with the rating columns added; unmatched
    sources keep empty ratings."""
    by_domain, by_handle = _lookup(ratings)
    rows = [_source_ratings(s, registry, by_domain, by_handle) for s in table["source_id"]]
    extra = pd.DataFrame(rows, index=table.index, columns=RATING_COLUMNS)
    extra["pc1"] = pd.to_numeric(extra["pc1"], errors="coerce")
    return pd.concat([table, extra], axis=1)


def weighted_reliance(reliance: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Per document: the pc1 credibility of the sources it relies on, weighted by how many
    sentences rely on each (rated sources only), and the share of reliance that is rated.

    Columns: doc_id, n_sentences, n_attributed, credibility_weighted, rated_share, and the
    shares of source-sentences that are state media, government, and other state-affiliated
    sources (the registry's flag on a source of another type), each apart: state media and
    government officials are different kinds of reliance and are never pooled.
    """
    rel = reliance.assign(weight=reliance["sentences"])
    rated = rel.dropna(subset=["pc1"])
    out = documents[["doc_id", "n_sentences", "n_attributed"]].set_index("doc_id")
    weighted = (rated["pc1"] * rated["weight"]).groupby(rated["doc_id"]).sum()
    out["credibility_weighted"] = (weighted / rated.groupby("doc_id")["weight"].sum()).round(3)
    out["rated_share"] = (rated.groupby("doc_id")["weight"].sum() / rel.groupby("doc_id")["weight"].sum()).round(3)
    total = rel.groupby("doc_id")["weight"].sum()
    kind = affiliation(rel["type"], rel["state_affiliated"])
    for label in ("state_media", "government", "other_state_affiliated"):
        column = f"{label}_share"
        out[column] = (rel[kind == label].groupby("doc_id")["weight"].sum() / total).reindex(out.index)
        out[column] = out[column].where(out.index.isin(total.index)).fillna(0).round(3)
    return out.reset_index()
