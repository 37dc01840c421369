"""Charts of a report, written as PNG and SVG with matplotlib (no display needed)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)
import pandas as pd  # noqa: E402

from attrib.report.axes import count_axis  # noqa: E402
from attrib.report.numbers import number  # noqa: E402

# One colour per source or voice type, used by every chart so a type looks the same everywhere.
TYPE_COLOURS = {
    "outlet": "#4d4d4d", "government": "#c0392b", "state_media": "#e67e22", "wire_agency": "#2471a3",
    "media": "#5dade2", "social_media": "#8e44ad", "ngo": "#27ae60", "igo": "#16a085", "company": "#7f8c8d",
    "person": "#d4ac0d", "unnamed": "#a04000", "eyewitness": "#f1948a", "document": "#85929e",
    "unknown": "#bdc3c7",
}


def type_colour(kind: str) -> str:
    return TYPE_COLOURS.get(kind, "#95a5a6")


def save_chart(fig, out: Path, stem: str) -> list[Path]:
    """Write ``stem``.png and ``stem``.svg atomically; return both paths."""
    paths = []
    for ext in ("png", "svg"):
        path = out / f"{stem}.{ext}"
        tmp = path.with_name(path.name + ".tmp")
        fig.savefig(tmp, format=ext, dpi=150, bbox_inches="tight")
        tmp.replace(path)
        paths.append(path)
    plt.close(fig)
    return paths


def empty_chart(out: Path, stem: str, title: str) -> list[Path]:
    """A chart that says there is nothing to show (an empty corpus still gets its files)."""
    fig, ax = plt.subplots(figsize=(7, 1.6))
    ax.axis("off")
    ax.text(0.5, 0.5, f"{title}: nothing to show", ha="center", va="center", fontsize=11)
    return save_chart(fig, out, stem)


def reliance_by_type(by_type: pd.DataFrame, out: Path) -> list[Path]:
    """Horizontal bars: sentences relying on each source type, as proximate and as origin."""
    title = "Whom the coverage relies on, by source type"
    if by_type.empty:
        return empty_chart(out, "reliance_by_type", title)
    data = by_type.sort_values("sentences")
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(data) + 1.6))
    rows = range(len(data))
    ax.barh([r + 0.2 for r in rows], data["proximate"], height=0.4, label="as proximate source",
            color=[type_colour(t) for t in data["type"]])
    ax.barh([r - 0.2 for r in rows], data["origin"], height=0.4, label="as origin", color=[type_colour(t) for t in data["type"]],
            alpha=0.45, hatch="//", edgecolor="white")
    ax.set_yticks(list(rows), data["type"].str.replace("_", " "))
    for row, (prox, orig) in enumerate(zip(data["proximate"], data["origin"])):
        ax.text(prox, row + 0.2, f" {number(prox)}", va="center", fontsize=8)
        ax.text(orig, row - 0.2, f" {number(orig)}", va="center", fontsize=8, color="#555")
    finish_axes(ax, title, "attributed sentences")
    count_axis(ax)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#777", label="as proximate source"),
                       Patch(facecolor="#777", alpha=0.45, hatch="//", edgecolor="white", label="as origin")],
              loc="lower right", frameon=False, fontsize=8)
    return save_chart(fig, out, "reliance_by_type")


def top_sources(corpus: pd.DataFrame, out: Path, limit: int = 15) -> list[Path]:
    """Horizontal bars: the most relied-upon sources, coloured by type."""
    title = f"Top {limit} sources by attributed sentences"
    if corpus.empty:
        return empty_chart(out, "top_sources", title)
    data = corpus.head(limit).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(data) + 1.6))
    ax.barh(range(len(data)), data["sentences"], color=[type_colour(t) for t in data["type"]])
    labels = [chart_label(n) for n in data["name"]]
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    for row, value in enumerate(data["sentences"]):
        ax.text(value, row, f" {number(value)}", va="center", fontsize=8)
    _legend(ax, data["type"].unique())
    finish_axes(ax, title, "attributed sentences")
    count_axis(ax)
    return save_chart(fig, out, "top_sources")


def framing_by_voice(table: pd.DataFrame, out: Path) -> list[Path]:
    """Stacked horizontal bars: each framing category split by the type of voice using it."""
    title = "Framing terms by who uses them"
    if table.empty:
        return empty_chart(out, "framing_by_voice", title)
    data = table.set_index("category").drop(columns="total").iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(data) + 1.8))
    left = pd.Series(0, index=data.index)
    for voice in data.columns:
        ax.barh(data.index.str.replace("_", " "), data[voice], left=left, color=type_colour(voice),
                label=voice.replace("_", " "))
        left += data[voice]
    for row, total in enumerate(left):
        ax.text(total, row, f" {number(total)}", va="center", fontsize=8)
    ax.legend(loc="lower right", frameon=False, fontsize=8, ncol=2)
    finish_axes(ax, title, "occurrences")
    count_axis(ax)
    return save_chart(fig, out, "framing_by_voice")


def chart_label(name: str, width: int = 40) -> str:
    """A name the chart font can draw (emoji and flags dropped), shortened to ``width``."""
    text = "".join(ch for ch in name if unicodedata.category(ch)[0] in "LNPZ" or ch in "&+-").strip() or name
    return text if len(text) <= width else text[:width - 2] + "…"


def _legend(ax, kinds) -> None:
    """A legend of source types by colour."""
    from matplotlib.patches import Patch

    handles = [Patch(color=type_colour(k), label=k.replace("_", " ")) for k in kinds]
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=8)


def finish_axes(ax, title: str, xlabel: str) -> None:
    """Common styling: title, axis label, no chart junk."""
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.set_xlabel(xlabel, fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="both", labelsize=8)


def write_charts(corpus: pd.DataFrame, by_type: pd.DataFrame, voice: pd.DataFrame, out: Path) -> list[Path]:
    """Every chart of a report into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    return reliance_by_type(by_type, out) + top_sources(corpus, out) + framing_by_voice(voice, out)


def svg_text(path: Path) -> str:
    """An SVG file's markup without its XML prologue, for inlining in HTML."""
    text = path.read_text("utf-8")
    return text[text.index("<svg"):]
