"""Periods of publication dates: day, ISO week or month, and how precise a date is.

``documents.published`` holds the first moment of the date an input gives (a day, a month or
a year: ``"2021-01"`` is stored as 2021-01-01 00:00 UTC) and ``published_text`` the date as
given. A date is only put into a period as fine as the date itself: ``"2021-01"`` in a report
by week would otherwise land in the week of 1 January 2021, which is ISO week 2020-W53. A
date coarser than the report's period keeps a period of its own precision instead (the
month ``2021-01``, the year ``2021``), in the same table, so every dated document is counted
and none is put into a week or day it may not belong to.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from attrib.inputs.dates import PARTIAL_ISO, SETTINGS

PERIODS = ("day", "week", "month")
PRECISIONS = ("day", "month", "year")  # finest first
UNDATED = "undated"
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}  # a period or a precision, finest first
_PARSED = {"time": "day", "day": "day", "week": "day", "month": "month", "year": "year"}


@lru_cache(maxsize=4096)
def _parsed_precision(text: str, lang: str | None) -> str:
    """The precision dateparser reads in a written date ("Ιανουάριος 2021": month)."""
    from dateparser.date import DateDataParser

    languages = [lang, "en"] if lang and lang != "en" else None
    try:
        period = DateDataParser(languages=languages, settings=SETTINGS).get_date_data(text).period
    except ValueError:  # a language dateparser does not know
        period = DateDataParser(settings=SETTINGS).get_date_data(text).period
    return _PARSED.get(period or "day", "day")


def date_precision(published, text=None, lang: str | None = None) -> str | None:
    """``day``, ``month`` or ``year``: how much of a date the input gave; None without a date.

    Only a date stored at midnight on the first of a month can be coarser than a day; its
    ``published_text`` says which (``"2021"``, ``"2021-01"``, ``"January 2021"``).

    Args:
        published: the stored moment (``documents.published``).
        text: the date as given (``documents.published_text``); missing: a day.
        lang: the document's language, for month names.
    """
    if published is None or pd.isna(published):
        return None
    stamp = pd.Timestamp(published)
    if stamp.day != 1 or stamp.time() != dt.time(0) or not isinstance(text, str) or not text.strip():
        return "day"
    partial = PARTIAL_ISO.match(text.strip())
    if partial:
        return "month" if partial.group(2) else "year"
    return _parsed_precision(text.strip(), lang if isinstance(lang, str) else None)


def _utc_naive(published: pd.Series) -> pd.Series:
    return pd.to_datetime(published, utc=True).dt.tz_convert("UTC").dt.tz_localize(None)


def period_start(published: pd.Series, period: str, precision: pd.Series | None = None) -> pd.Series:
    """The first moment (UTC) of the period each date falls in (a coarser date: of its own month or year).

    Args:
        published: the dates.
        period: ``day``, ``week`` (ISO, from Monday) or ``month``.
        precision: each date's :func:`date_precision` (default: every date a day).
    """
    if period not in PERIODS:
        raise ValueError(f"period {period!r}: use one of {', '.join(PERIODS)}")
    when = _utc_naive(published)
    starts = {"day": when.dt.floor("D"), "month": when.dt.to_period("M").dt.start_time,
              "week": (when - pd.to_timedelta(when.dt.day_of_week, unit="D")).dt.floor("D"),
              "year": when.dt.to_period("Y").dt.start_time}
    start = starts[period]
    for coarse in ("month", "year"):
        if precision is not None and _RANK[coarse] > _RANK[period]:
            start = start.mask(precision.to_numpy() == coarse, starts[coarse])
    return start.dt.tz_localize("UTC")


def period_label(start: pd.Series, period: str, precision: pd.Series | None = None) -> pd.Series:
    """``2022-01-05``, ``2022-W01`` (ISO week) or ``2022-01``; a coarser date ``2021-01`` or ``2021``;
    ``undated`` where there is no date."""
    if period == "week":
        iso = start.dt.isocalendar()
        labels = iso["year"].astype("string") + "-W" + iso["week"].astype("string").str.zfill(2)
    else:
        labels = start.dt.strftime("%Y-%m-%d" if period == "day" else "%Y-%m").astype("string")
    for coarse, form in (("month", "%Y-%m"), ("year", "%Y")):
        if precision is not None and _RANK[coarse] > _RANK[period]:
            labels = labels.mask(precision.to_numpy() == coarse, start.dt.strftime(form).astype("string"))
    return labels.fillna(UNDATED).astype("object")


def precisions(documents: pd.DataFrame) -> pd.Series:
    """Each document's :func:`date_precision` (by row), from ``published``, ``published_text`` and ``lang``."""
    texts = documents["published_text"] if "published_text" in documents else pd.Series(None, index=documents.index)
    langs = documents["lang"] if "lang" in documents else pd.Series(None, index=documents.index)
    return pd.Series([date_precision(p, t, lang) for p, t, lang in zip(documents["published"], texts, langs)],
                     index=documents.index, dtype="object")


def is_own_period(labels: pd.Series, period: str) -> pd.Series:
    """Which labels are periods of the report's length (not ``undated``, not a coarser month or year)."""
    pattern = {"day": r"^\d{4}-\d{2}-\d{2}$", "week": r"^\d{4}-W\d{2}$", "month": r"^\d{4}-\d{2}$"}[period]
    return labels.astype("string").str.match(pattern).fillna(False).astype(bool)
