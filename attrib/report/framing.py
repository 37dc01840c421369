"""Whose words name the actors: summaries of the ``framing`` table."""

from __future__ import annotations

import pandas as pd

VOICE_ORDER = ["outlet", "government", "state_media", "wire_agency", "media", "social_media", "ngo",
               "person", "unnamed", "eyewitness", "unknown"]


def by_voice(framing: pd.DataFrame) -> pd.DataFrame:
    """Category x voice type: occurrences, one row per category, one column per voice type."""
    table = pd.crosstab(framing["category"], framing["voice_type"]) if len(framing) else pd.DataFrame()
    columns = [v for v in VOICE_ORDER if v in table.columns] + [v for v in table.columns if v not in VOICE_ORDER]
    table = table.reindex(columns=columns)
    table["total"] = table.sum(axis=1)
    table = table.sort_values("total", ascending=False)
    table.columns.name = None
    return table.reset_index()


def by_term(framing: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Term x source: how often each voice uses each term, quoted and scare-quoted."""
    if framing.empty:
        return pd.DataFrame(columns=["category", "lemma", "voice", "voice_name", "voice_type", "n", "quoted",
                                     "scare_quoted"])
    out = framing.groupby(["category", "lemma", "voice", "voice_type"]).agg(
        n=("term", "size"), quoted=("quoted", "sum"), scare_quoted=("scare_quoted", "sum")).reset_index()
    out.insert(3, "voice_name", out["voice"].map(names or {}).fillna(out["voice"]))
    return out.sort_values(["category", "n", "lemma"], ascending=[True, False, True], ignore_index=True)


def quoting(framing: pd.DataFrame) -> pd.DataFrame:
    """Per category and target: occurrences and the shares quoted and scare-quoted."""
    if framing.empty:
        return pd.DataFrame(columns=["category", "target", "n", "quoted_share", "scare_quoted_share", "outlet_share"])
    out = framing.groupby(["category", "target"]).agg(
        n=("term", "size"), quoted_share=("quoted", "mean"), scare_quoted_share=("scare_quoted", "mean"),
        outlet_share=("voice", lambda v: (v == "outlet").mean())).reset_index()
    out[["quoted_share", "scare_quoted_share", "outlet_share"]] = out[
        ["quoted_share", "scare_quoted_share", "outlet_share"]].round(3)
    return out.sort_values("n", ascending=False, ignore_index=True)
