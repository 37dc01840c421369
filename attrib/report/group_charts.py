"""Charts of the per-outlet and per-period tables: small multiples and time series.

* ``reliance_by_outlet``: one small panel per outlet, the share of its attributed sentences
  that cite each source type (the same colours as every other chart of the report);
* ``reliance_over_time``: two panels, reliance on state media and on wire agencies per
  period, one line per outlet where the report groups by outlet too; the time axis fits the
  periods plotted (:func:`attrib.report.axes.date_axis`). Documents dated only to a month or
  year coarser than the period are in the tables, not on this chart (a note under it names
  those periods).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from attrib.report.axes import date_axis
from attrib.report.charts import (
    chart_label,
    empty_chart,
    finish_axes,
    plt,
    save_chart,
    type_colour,
)
from attrib.report.numbers import number
from attrib.report.periods import UNDATED, is_own_period

MAX_PANELS = 12  # outlets shown as small multiples (the most attributed sentences first)
SERIES = (("state_media", "Reliance on state media"), ("wire_agency", "Reliance on wire agencies"))


def _top_outlets(overview: pd.DataFrame, limit: int = MAX_PANELS) -> list[str]:
    """The outlets with the most attributed sentences."""
    totals = overview.groupby("outlet")["attributed"].sum().sort_values(ascending=False, kind="stable")
    return list(totals.index[:limit])


def outlet_multiples(reliance: pd.DataFrame, overview: pd.DataFrame, out: Path) -> list[Path]:
    """Small multiples: per outlet, the share of attributed sentences citing each source type."""
    title, stem = "Reliance by source type, per outlet", "reliance_by_outlet"
    if reliance.empty:
        return empty_chart(out, stem, title)
    outlets = _top_outlets(overview)
    types = list(reliance.groupby("source_type")["sentences"].sum().sort_values().index)
    cols = min(3, len(outlets))
    rows = math.ceil(len(outlets) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 0.28 * len(types) * rows + 1.2 * rows),
                             sharex=True, squeeze=False)
    for ax, outlet in zip(axes.flat, outlets):
        _outlet_panel(ax, reliance[reliance["outlet"] == outlet], types, outlet, overview)
    for ax in list(axes.flat)[len(outlets):]:
        ax.axis("off")
    more = overview["outlet"].nunique() - len(outlets)
    fig.suptitle(title + (f" (top {len(outlets)}; {more} more in the tables)" if more > 0 else ""),
                 x=0.01, ha="left", fontsize=11, fontweight="bold")
    fig.tight_layout()
    return save_chart(fig, out, stem)


def _outlet_panel(ax, rows: pd.DataFrame, types: list[str], outlet: str, overview: pd.DataFrame) -> None:
    """One outlet's bars."""
    share = rows.groupby("source_type")["sentences"].sum().reindex(types, fill_value=0)
    attributed = int(overview.loc[overview["outlet"] == outlet, "attributed"].sum())
    share = share / attributed if attributed else share * 0.0
    ax.barh(range(len(types)), share.to_numpy(), color=[type_colour(t) for t in types])
    ax.set_yticks(range(len(types)), [t.replace("_", " ") for t in types])
    ax.set_xlim(0, 1)
    finish_axes(ax, f"{chart_label(outlet, 28)} (n={number(attributed)})", "share of attributed sentences")
    ax.title.set_fontsize(9)


def _series(reliance: pd.DataFrame, source_type: str, by_outlet: bool) -> dict[str, pd.Series]:
    """label -> share per period start (dated periods only).

    A period in which an outlet has no attributed sentence is a gap (NaN), not a zero.
    """
    dated = reliance.dropna(subset=["period_start"])
    periods = sorted(dated["period_start"].unique())
    groups = dated.groupby("outlet") if by_outlet else [("all outlets", dated)]
    out = {}
    for label, frame in groups:
        share = frame[frame["source_type"] == source_type].groupby("period_start")["share"].sum()
        share = share.reindex(sorted(frame["period_start"].unique()), fill_value=0.0)
        out[str(label)] = share.reindex(periods)
    return out


def reliance_over_time(reliance: pd.DataFrame, out: Path, period: str = "month") -> list[Path]:
    """Two panels: reliance on state media and on wire agencies per ``period`` (day, week or month)."""
    title, stem = "Reliance over time", "reliance_over_time"
    own = is_own_period(reliance["period"], period)
    coarser = sorted(reliance.loc[~own & reliance["period"].ne(UNDATED), "period"].unique())
    reliance = reliance[own]
    if reliance.empty:
        return empty_chart(out, stem, title + f" (no documents dated to the {period})")
    by_outlet = "outlet" in reliance.columns
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), sharey=True)
    top = 0.0
    for ax, (source_type, label) in zip(axes, SERIES):
        for name, series in list(_series(reliance, source_type, by_outlet).items())[:MAX_PANELS]:
            ax.plot(pd.to_datetime(series.index), series.to_numpy(), marker="o", linewidth=1.4, markersize=3,
                    label=chart_label(name, 24))
            top = max(top, float(series.max(skipna=True) or 0.0))
        ax.set_ylim(0, min(1.0, top * 1.15 + 0.05))
        finish_axes(ax, label, period)
        date_axis(ax, reliance["period_start"].unique(), period)
        ax.set_ylabel("share of attributed sentences", fontsize=8)
    axes[-1].legend(loc="upper right", frameon=False, fontsize=7)
    if coarser:
        shown = ", ".join(coarser[:6]) + (f" and {number(len(coarser) - 6)} more" if len(coarser) > 6 else "")
        fig.text(0.01, -0.02, f"Not shown, in the tables: {shown} (documents dated only to the month or year).",
                 fontsize=7, color="#555")
    fig.autofmt_xdate()
    fig.tight_layout()
    return save_chart(fig, out, stem)


def write_group_charts(tables: dict[str, pd.DataFrame], out: Path, period: str = "month") -> list[Path]:
    """The charts of whichever grouped tables a report has (see :func:`attrib.report.groups.summarise_groups`),
    over time by ``period``."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    if "reliance_by_outlet" in tables:
        paths += outlet_multiples(tables["reliance_by_outlet"], tables["groups_by_outlet"], out)
    for name in ("reliance_by_outlet_period", "reliance_by_period"):
        if name in tables:
            paths += reliance_over_time(tables[name], out, period)
            break
    return paths
