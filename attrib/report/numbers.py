"""How the report writes numbers: one thousands separator everywhere.

Every page, table cell, chart label and axis a report writes groups thousands with a comma
(``12,345``), as attrib's command-line summaries do; the decimal mark is the point
(``0.125``). The sentence browser's script writes its counts with ``toLocaleString("en")``,
the same form. The Parquet and CSV tables keep plain numbers, for reading back.
"""

from __future__ import annotations

import numbers

import pandas as pd

SEPARATOR = ","  # the thousands separator of every page, table and chart


def number(value) -> str:
    """``12345`` -> ``12,345``; a fraction to three significant digits (``0.125``); a large float unit-rounded.

    Args:
        value: an integer or a float (NumPy's too); anything else is returned as ``str(value)``.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}".replace(",", SEPARATOR)
    if pd.isna(value):
        return ""
    if abs(value) >= 1000 or float(value).is_integer():
        return f"{value:,.0f}".replace(",", SEPARATOR)
    return f"{value:.3g}"
