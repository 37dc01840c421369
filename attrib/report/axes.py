"""Chart axes that fit their data: counts with thousands separators, dates at the right scale.

A time axis is limited to the data's range (half a period either side), and its ticks are
chosen from that span and the report's period: whole days, Mondays, months or years, never
more than :data:`MAX_TICKS`, each labelled as the tables label periods (``2022-01-05``,
``2022-W01``, ``2022-01``, ``2022``). Left to itself matplotlib puts 3-hour ticks on a span of
three days and stretches a single month over four years.
"""

from __future__ import annotations

import datetime as dt

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.ticker import FuncFormatter, NullLocator

from attrib.report.numbers import number

MAX_TICKS = 10
HALF = {"day": pd.Timedelta(hours=12), "week": pd.Timedelta(days=3.5), "month": pd.Timedelta(days=15)}


def count_axis(ax, axis: str = "x") -> None:
    """Tick labels of a count axis with the report's thousands separator (``12,000``)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda value, _pos: number(round(value, 6))))


def _ladder(period: str) -> list[tuple[object, str]]:
    """Candidate (locator, label kind) pairs for a period, finest first."""
    days = [(mdates.DayLocator(interval=n), "day") for n in (1, 2)] if period == "day" else []
    weeks = [(mdates.WeekdayLocator(byweekday=mdates.MO, interval=n), "week") for n in (1, 2, 4)]
    months = [(mdates.MonthLocator(bymonth=range(1, 13, n)), "month") for n in (1, 2, 3, 6)]
    years = [(mdates.YearLocator(base=n), "year") for n in (1, 2, 5, 10, 20, 50, 100)]
    return days + (weeks if period != "month" else []) + months + years


def tick_label(when: dt.datetime, kind: str) -> str:
    """A tick's label in the notation of the tables' periods (``kind``: day, week, month or year)."""
    if kind == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[kind])


def date_axis(ax, starts, period: str, max_ticks: int = MAX_TICKS) -> tuple[object, str]:
    """Fit the x axis of ``ax`` to periods beginning at ``starts``: limits, locator and labels.

    Args:
        ax: a matplotlib axes with dates on x.
        starts: the first moments of the periods plotted (timestamps, UTC or naive UTC).
        period: ``day``, ``week`` or ``month``.
        max_ticks: the most ticks to show.

    Returns:
        The locator chosen and the kind of its labels (``day``, ``week``, ``month``, ``year``).
    """
    stamps = pd.to_datetime(pd.Series(list(starts)), utc=True).dt.tz_localize(None)
    low, high = (stamps.min() - HALF[period]).to_pydatetime(), (stamps.max() + HALF[period]).to_pydatetime()
    ax.set_xlim(low, high)
    for locator, kind in _ladder(period):
        if len(locator.tick_values(low, high)) <= max_ticks:
            break
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: tick_label(mdates.num2date(value), kind)))
    ax.xaxis.set_minor_locator(NullLocator())
    return locator, kind
