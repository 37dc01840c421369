"""Arrow schemas of the report's per-outlet and per-period tables, in one place.

A grouped table has the group columns first (``outlet``; ``period`` with its first moment
``period_start``; or both), then its own columns; :func:`group_schema` composes the two, so
``tables/reliance_by_outlet_period.parquet`` reads back with the same types whatever the corpus.
"""

from __future__ import annotations

import pyarrow as pa

GROUP_FIELDS = {
    "outlet": [("outlet", pa.string())],
    "period": [("period", pa.string()),                        # 2022-01-05 | 2022-W01 | 2022-01 | undated
               ("period_start", pa.timestamp("us", tz="UTC"))],  # first moment of the period (null: undated)
}

VALUE_FIELDS = {
    "groups": [("documents", pa.int64()), ("sentences", pa.int64()), ("attributed", pa.int64()),
               ("attributed_share", pa.float64())],
    "reliance": [("source_type", pa.string()), ("sentences", pa.int64()), ("proximate", pa.int64()),
                 ("share", pa.float64()), ("group_attributed", pa.int64())],
    "affiliation": [("affiliation", pa.string()), ("sentences", pa.int64()), ("proximate", pa.int64()),
                    ("share", pa.float64()), ("group_attributed", pa.int64())],
    "framing": [("category", pa.string()), ("voice_type", pa.string()), ("n", pa.int64()),
                ("quoted", pa.int64()), ("scare_quoted", pa.int64())],
}


def group_schema(kind: str, by: tuple[str, ...]) -> pa.Schema:
    """The schema of a grouped table.

    Args:
        kind: ``groups``, ``reliance``, ``affiliation`` or ``framing``.
        by: the grouping (``("outlet",)``, ``("period",)`` or both).
    """
    keys = [f for key in ("outlet", "period") if key in by for f in GROUP_FIELDS[key]]
    return pa.schema(keys + VALUE_FIELDS[kind])


def table_kind(name: str) -> str:
    """``reliance_by_outlet`` -> ``reliance``."""
    return name.split("_by_")[0]
