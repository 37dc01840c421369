"""Chart axes fit their period and numbers carry one thousands separator."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest

from attrib.report.axes import count_axis, date_axis
from attrib.report.charts import plt
from attrib.report.numbers import number
from attrib.report.render import html_table, md_table


def _axis(starts, period: str):
    """The ticks (inside the limits), their labels and the limits of a time axis fitted to ``starts``."""
    fig, ax = plt.subplots()
    stamps = pd.to_datetime(pd.Series(list(starts)), utc=True).dt.tz_localize(None)
    ax.plot(stamps, range(len(stamps)))
    date_axis(ax, starts, period)
    low, high = ax.get_xlim()
    ticks = [t for t in ax.xaxis.get_major_locator()() if low <= t <= high]
    labels = [ax.xaxis.get_major_formatter()(t) for t in ticks]
    plt.close(fig)
    return [mdates.num2date(t) for t in ticks], labels, (mdates.num2date(low), mdates.num2date(high))


def test_a_span_of_days_gets_day_ticks_not_hours():
    ticks, labels, (low, high) = _axis(pd.date_range("2022-01-03", periods=3, freq="D", tz="UTC"), "day")
    assert all(t.hour == 0 for t in ticks) and labels == ["2022-01-03", "2022-01-04", "2022-01-05"]
    assert (high - low).days == 3  # the three days and half a day either side


def test_one_month_stays_one_month_wide():
    ticks, labels, (low, high) = _axis([pd.Timestamp("2022-01-01", tz="UTC")], "month")
    assert labels == ["2022-01"] and (high - low).days <= 31
    assert low.year == 2021 and low.month == 12 and high.year == 2022  # not 2020-2024


def test_weeks_are_labelled_as_iso_weeks():
    _, labels, _ = _axis(pd.date_range("2021-12-27", periods=3, freq="W-MON", tz="UTC"), "week")
    assert labels == ["2021-W52", "2022-W01", "2022-W02"]


@pytest.mark.parametrize(("starts", "period"), [
    (pd.date_range("2022-01-01", periods=200, freq="D", tz="UTC"), "day"),
    (pd.date_range("2015-01-01", periods=100, freq="MS", tz="UTC"), "month"),
    (pd.date_range("2020-01-06", periods=150, freq="W-MON", tz="UTC"), "week")])
def test_long_spans_keep_at_most_ten_ticks(starts, period):
    ticks, _, (low, high) = _axis(starts, period)
    assert 2 <= len(ticks) <= 10 and low < ticks[0] and ticks[-1] < high


def test_numbers_have_one_thousands_separator():
    assert [number(v) for v in (12345, np.int64(1234567), 999, 0.1234, 1234.4, 3.0, float("nan"))] == [
        "12,345", "1,234,567", "999", "0.123", "1,234", "3", ""]
    fig, ax = plt.subplots()
    count_axis(ax)
    assert ax.xaxis.get_major_formatter()(12000.0) == "12,000"
    plt.close(fig)


def test_tables_write_counts_with_the_separator():
    frame = pd.DataFrame({"name": ["Reuters"], "sentences": [12345], "share": [0.25], "flag": [True]})
    assert "<td>12,345</td>" in html_table(frame) and "<td>True</td>" in html_table(frame)
    assert "| Reuters | 12,345 | 0.25 | True |" in md_table(frame)
