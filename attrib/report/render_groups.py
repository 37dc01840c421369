"""The per-outlet and per-period sections of the report page and of its Markdown summary.

Each grouping the report was asked for (``--by outlet``, ``--by period``, both) gets a section:
its overview table, reliance by state affiliation and by source type as shares of the
group's attributed sentences (one column each, state media and government apart), framing
category x voice counts, and its charts. Text from the corpus (outlet names) is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from attrib.report.charts import svg_text
from attrib.report.reliance import AFFILIATIONS
from attrib.report.render import html_table, md_table

TITLES = {"outlet": "By outlet", "period": "By period", "outlet_period": "By outlet and period"}
CHART_OF = {"outlet": "reliance_by_outlet", "period": "reliance_over_time", "outlet_period": "reliance_over_time"}


def groupings(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The groupings a report's tables hold, in section order (``outlet``, ``period``, ``outlet_period``)."""
    return [name for name in TITLES if f"groups_by_{name}" in tables]


def _keys(frame: pd.DataFrame) -> list[str]:
    return [k for k in ("outlet", "period") if k in frame.columns]


def share_pivot(long: pd.DataFrame, column: str, order: tuple[str, ...] = ()) -> pd.DataFrame:
    """Groups as rows, the values of ``column`` as columns, shares of attributed sentences as cells."""
    keys = _keys(long)
    if long.empty:
        return pd.DataFrame(columns=keys)
    wide = long.pivot_table(index=keys, columns=column, values="share", aggfunc="sum", fill_value=0.0)
    cols = [c for c in order if c in wide.columns] + sorted(c for c in wide.columns if c not in order)
    wide = wide[cols]
    wide.columns.name = None
    return wide.reset_index()


def _shown(frame: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The rows a section shows: without ``period_start`` (the label says it), shares to three decimals."""
    shown = frame.drop(columns=["period_start"], errors="ignore").head(limit)
    return shown.apply(lambda col: col.map(lambda v: f"{v:.3f}" if isinstance(v, float) else v))


def _title(name: str, period: str) -> str:
    """``By outlet``, ``By period (week)``."""
    return TITLES[name] + (f" ({period})" if "period" in name else "")


def _figure(charts: list[Path], stem: str) -> str:
    return "".join(f"<figure>{svg_text(p)}</figure>" for p in charts if p.stem == stem and p.suffix == ".svg")


def section_html(tables: dict[str, pd.DataFrame], name: str, charts: list[Path], period: str) -> str:
    """One grouping's section of the report page."""
    return (f"<h2>{html.escape(_title(name, period))}</h2>{_figure(charts, CHART_OF[name])}"
            f"<h3>Documents and attributed sentences</h3>{html_table(_shown(tables[f'groups_by_{name}'], 60))}"
            "<h3>Reliance by state affiliation (share of attributed sentences)</h3>"
            f"{html_table(_shown(share_pivot(tables[f'affiliation_by_{name}'], 'affiliation', AFFILIATIONS), 60))}"
            "<h3>Reliance by source type (share of attributed sentences)</h3>"
            f"{html_table(_shown(share_pivot(tables[f'reliance_by_{name}'], 'source_type'), 60))}"
            f"<h3>Framing category × voice</h3>{html_table(_shown(tables[f'framing_by_{name}'], 60))}")


def groups_html(tables: dict[str, pd.DataFrame], charts: list[Path], period: str = "month") -> str:
    """Every grouping's section, or the empty string when the report has none."""
    return "".join(section_html(tables, name, charts, period) for name in groupings(tables))


def groups_markdown(tables: dict[str, pd.DataFrame], charts: list[Path], period: str = "month") -> str:
    """The groupings as Markdown: overview and affiliation shares, with the PNG charts."""
    parts = []
    for name in groupings(tables):
        pngs = "".join(f"![{p.stem}]({p.name})\n" for p in charts if p.stem == CHART_OF[name] and p.suffix == ".png")
        shares = md_table(_shown(share_pivot(tables[f"affiliation_by_{name}"], "affiliation", AFFILIATIONS), 30))
        overview = md_table(_shown(tables[f"groups_by_{name}"], 30))
        parts.append(f"## {_title(name, period)}\n\n{pngs}\n{overview}\n"
                     f"Reliance by state affiliation (share of attributed sentences):\n\n{shares}")
    return "\n".join(parts)
