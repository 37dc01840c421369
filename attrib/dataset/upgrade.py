"""Bring a dataset written by an earlier attrib up to today's schemas, in place.

Versions listed in :data:`attrib.dataset.schema.UPGRADABLE` differ from today's only by columns
added (read as empty) and by columns whose values cast losslessly (ISO 8601 strings to
timestamps). Every Parquet file of the dataset (the latest view, the runs table and each
run's history) is rewritten atomically, one file at a time, so an interrupted upgrade is
simply resumed by the next run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from attrib.dataset.schema import SCHEMA_VERSION, TABLES, UPGRADABLE
from attrib.dataset.store import read_metadata, write_part


def upgradable(version: str | None) -> bool:
    """True when a part of that schema version can be brought up to today's."""
    return version in UPGRADABLE


def _column(table: pa.Table, field: pa.Field) -> pa.Array:
    """The field's column from an older table: cast where the type changed, nulls where absent."""
    if field.name not in table.column_names:
        return pa.nulls(table.num_rows, type=field.type)
    column = table.column(field.name)
    return column if column.type == field.type else pc.cast(column, field.type)


def upgrade_table(table: pa.Table, name: str) -> pa.Table:
    """An older part's rows under today's schema of the named table, its provenance kept.

    Raises:
        pyarrow.ArrowInvalid: when a value cannot be cast (then the part is left as it was).
    """
    schema = TABLES[name]
    old = json.loads((table.schema.metadata or {}).get(b"attrib", b"{}"))
    meta = {**(table.schema.metadata or {}), **(schema.metadata or {}),
            b"attrib": json.dumps({**old, "schema_version": SCHEMA_VERSION, "upgraded_from": old.get("schema_version")},
                                  sort_keys=True).encode("utf-8")}
    columns = [_column(table, field) for field in schema]
    return pa.Table.from_arrays(columns, schema=schema.with_metadata(meta))


def _parts(root: Path) -> list[tuple[Path, str]]:
    """Every Parquet file of the dataset with the table it belongs to."""
    found = []
    for path in sorted(Path(root).rglob("*.parquet")):
        name = read_metadata(path).get("table") or next((p for p in path.parts[::-1] if p in TABLES), None)
        if name in TABLES:
            found.append((path, name))
    return found


def upgrade_dataset(root: Path) -> int:
    """Rewrite every part of an older upgradable version under today's schemas.

    Returns:
        How many files were rewritten (0 for a dataset already up to date).
    """
    count = 0
    for path, name in _parts(root):
        version = read_metadata(path).get("schema_version")
        if version == SCHEMA_VERSION or not upgradable(version):
            continue
        write_part(upgrade_table(pq.read_table(path), name), path.parent, path.stem)
        count += 1
    return count
