"""Dates given to the month or year keep that precision in periods (no 2021-01 in 2020-W53)."""

from __future__ import annotations

import pandas as pd
import pytest

from attrib.report import groups as g
from attrib.report.periods import date_precision, is_own_period, period_label, period_start, precisions


def _docs() -> pd.DataFrame:
    texts = ["2021-01", "2021-01-01", "Ιανουάριος 2021", "2021", "2021-01-04T09:30:00+02:00", None,
             "5 Jan 2021"]
    new_year = "2021-01-01 00:00"  # what attrib.inputs.dates stores for each of the first four
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(texts))],
        "published": pd.to_datetime([new_year] * 4 + ["2021-01-04 07:30", None, "2021-01-05 00:00"], utc=True),
        "published_text": texts, "lang": ["en", "en", "el", "hu", "en", "en", "en"]})


def test_precision_from_the_date_as_given():
    assert list(precisions(_docs())) == ["month", "day", "month", "year", "day", None, "day"]
    assert date_precision(pd.Timestamp("2021-01-01", tz="UTC")) == "day"  # no text: taken as a day
    assert date_precision(pd.Timestamp("2022-03-01", tz="UTC"), "2022. március", "hu") == "month"


@pytest.mark.parametrize(("period", "labels"), [
    ("week", ["2021-01", "2020-W53", "2021-01", "2021", "2021-W01", "undated", "2021-W01"]),
    ("day", ["2021-01", "2021-01-01", "2021-01", "2021", "2021-01-04", "undated", "2021-01-05"]),
    ("month", ["2021-01", "2021-01", "2021-01", "2021", "2021-01", "undated", "2021-01"]),
])
def test_month_precision_never_lands_in_the_previous_iso_year(period, labels):
    docs = _docs()
    precision = precisions(docs)
    assert list(period_label(period_start(docs["published"], period, precision), period, precision)) == labels


def test_coarse_dates_start_at_their_own_period():
    docs = _docs()
    start = period_start(docs["published"], "week", precisions(docs))
    assert str(start[0]) == "2021-01-01 00:00:00+00:00"  # the month, not Monday 2020-12-28
    assert str(start[1]) == "2020-12-28 00:00:00+00:00"  # a real 1 January is in its ISO week


def test_grouped_tables_use_the_precision():
    groups = g.document_groups(_docs(), ("period",), "week")
    assert list(groups["period"]) == ["2021-01", "2020-W53", "2021-01", "2021", "2021-W01", "undated", "2021-W01"]


def test_own_periods_are_told_from_coarser_ones():
    labels = pd.Series(["2021-W01", "2021-01", "2021", "undated", "2021-01-05"])
    assert list(is_own_period(labels, "week")) == [True, False, False, False, False]
    assert list(is_own_period(labels, "month")) == [False, True, False, False, False]
    assert list(is_own_period(labels, "day")) == [False, False, False, False, True]
