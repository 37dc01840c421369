"""Publication dates as timestamps, whatever the form the input gives them in.

ISO 8601 ("2022-01-05", "2022-01-05T14:30:00+02:00", "2022-01", "2022") is read directly;
anything else ("5 Ιανουαρίου 2022", "2022. január 5.", "Jan 7, 2022 10:15") by dateparser,
which knows month names and date orders of some 200 locales. A date without a time is
midnight UTC, one without a day or month the first of its period, and a time without a
zone is taken as UTC. The string as given is kept beside it (``published_text``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first", "RETURN_AS_TIMEZONE_AWARE": True,
            "TO_TIMEZONE": "UTC", "PREFER_DATES_FROM": "past"}


def _utc(value: dt.datetime) -> dt.datetime:
    """The moment in UTC (a naive time is taken to be UTC)."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


def _iso(text: str) -> dt.datetime | None:
    """ISO 8601, full or a bare year or year-month; None for anything else."""
    partial = PARTIAL_ISO.match(text)
    if partial:
        month = int(partial.group(2) or 1)
        return dt.datetime(int(partial.group(1)), month, 1, tzinfo=dt.timezone.utc) if 1 <= month <= 12 else None
    try:
        return _utc(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_published(text: str | None, lang: str | None = None) -> dt.datetime | None:
    """The publication moment a date string names, in UTC, or None when it names none.

    Args:
        text: the date as the input gives it.
        lang: the article's language, tried first for month names (then any language).
    """
    if not text or not text.strip():
        return None
    found = _iso(text.strip())
    if found is not None or PARTIAL_ISO.match(text.strip()):
        return found  # "2022-13" is no date, not a day in January
    from dateparser.date import DateDataParser

    for languages in ([[lang, "en"]] if lang and lang != "en" else []) + [None]:
        try:
            parsed = DateDataParser(languages=languages, settings=SETTINGS).get_date_data(text.strip())
        except ValueError:  # a language dateparser does not know
            continue
        if parsed.date_obj is not None:
            return _utc(parsed.date_obj)
    return None
