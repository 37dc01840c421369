"""Write attrib's tables as Parquet with their Arrow schemas and provenance metadata."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from attrib.dataset.schema import PANDAS_TYPES, SCHEMA_VERSION, TABLES


def table_from_rows(name: str, rows: list[dict], metadata: dict) -> pa.Table:
    """Build a table of the named schema from row dicts, with provenance metadata."""
    schema = TABLES[name]
    meta = {b"attrib": json.dumps({"schema_version": SCHEMA_VERSION, "table": name, **metadata},
                                  sort_keys=True).encode("utf-8")}
    schema = schema.with_metadata({**(schema.metadata or {}), **meta, **pandas_metadata(name)})
    columns = {field.name: [row.get(field.name) for row in rows] for field in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def pandas_metadata(name: str) -> dict[bytes, bytes]:
    """The pandas metadata that makes ``pd.read_parquet`` give the table's columns the types
    of :data:`attrib.dataset.schema.PANDAS_TYPES` (none when the table needs none)."""
    types = PANDAS_TYPES.get(name)
    if not types:
        return {}
    import pandas as pd

    columns = [{"name": c, "field_name": c, "pandas_type": t.lower(), "numpy_type": t, "metadata": None}
               for c, t in types.items()]
    return {b"pandas": json.dumps({"index_columns": [], "column_indexes": [], "columns": columns,
                                   "pandas_version": pd.__version__}).encode("utf-8")}


@contextmanager
def _replacing(folder: Path, part: str):
    """Yield a hidden temporary path for ``folder/part.parquet``; rename it into place when
    the block ends (atomic: a reader never sees a half-written part)."""
    folder.mkdir(parents=True, exist_ok=True)
    target, tmp = folder / f"{part}.parquet", folder / f".{part}.parquet.tmp"
    yield tmp
    os.replace(tmp, target)


def write_part(table: pa.Table, folder: Path, part: str) -> Path:
    """Write one part of a table atomically (temporary file, then rename)."""
    with _replacing(folder, part) as tmp:
        pq.write_table(table, tmp)
    return folder / f"{part}.parquet"


def stream_part(sources: list[Path], folder: Path, part: str, keep=None) -> Path:
    """Write the rows of the Parquet files ``sources`` (one schema) as one part, batch by
    batch, so memory holds one batch however large the part; atomically (temporary file,
    then rename). ``keep``, if given, filters each batch (a table to a table)."""
    schema = pq.read_schema(sources[0])
    with _replacing(folder, part) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        for path in sources:
            for batch in pq.ParquetFile(path).iter_batches():
                table = pa.Table.from_batches([batch], schema=schema)
                writer.write_table(keep(table) if keep else table)
    return folder / f"{part}.parquet"


def read_metadata(path: Path) -> dict:
    """attrib's provenance metadata of a Parquet file."""
    raw = pq.read_schema(path).metadata or {}
    return json.loads(raw.get(b"attrib", b"{}"))
