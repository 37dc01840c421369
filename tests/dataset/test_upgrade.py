"""A dataset written by an earlier attrib (schema version 2) is brought up to today's."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from attrib.dataset.runs import check_schema, read_table
from attrib.dataset.schema import SCHEMA_VERSION
from attrib.dataset.store import read_metadata, table_from_rows
from attrib.dataset.upgrade import upgrade_dataset, upgrade_table

NEW_COLUMNS = ("title", "author", "site_name")


def _version_2(name: str, rows: list[dict]) -> pa.Table:
    """A part as attrib 2 wrote it: today's table less the columns version 3 added."""
    table = table_from_rows(name, rows, {"run_id": "r1"})
    if name == "documents":
        table = table.drop_columns(list(NEW_COLUMNS))
    meta = json.loads(table.schema.metadata[b"attrib"])
    meta["schema_version"] = "2"
    return table.replace_schema_metadata({**table.schema.metadata, b"attrib": json.dumps(meta).encode()})


def _write(root, name, part, rows):
    (root / name).mkdir(parents=True, exist_ok=True)
    pq.write_table(_version_2(name, rows), root / name / f"{part}.parquet")


def test_an_older_dataset_is_upgraded_in_place_keeping_every_row(tmp_path):
    _write(tmp_path, "documents", "part-r1", [{"doc_id": "a", "outlet": "hvg", "status": "ok"},
                                              {"doc_id": "b", "status": "error", "error": "binary file"}])
    _write(tmp_path, "sentences", "part-r1", [{"doc_id": "a", "sent_id": 0, "text": "Szia."}])
    _write(tmp_path / "history" / "run=r1", "documents", "chunk-0", [{"doc_id": "a", "status": "ok"}])
    check_schema(tmp_path)
    documents = read_table(tmp_path, "documents").to_pylist()
    assert [(d["doc_id"], d["outlet"], d["status"], d["error"]) for d in documents] == [
        ("a", "hvg", "ok", None), ("b", None, "error", "binary file")]
    assert all(d[c] is None for d in documents for c in NEW_COLUMNS)
    history = tmp_path / "history" / "run=r1" / "documents" / "chunk-0.parquet"
    for path in (history, tmp_path / "sentences" / "part-r1.parquet"):
        meta = read_metadata(path)
        assert (meta["schema_version"], meta["upgraded_from"], meta["run_id"]) == (SCHEMA_VERSION, "2", "r1")
    assert upgrade_dataset(tmp_path) == 0  # already up to date: nothing rewritten


def test_an_unknown_version_is_still_refused(tmp_path):
    from attrib.errors import UsageError

    (tmp_path / "documents").mkdir()
    old = pa.table({"doc_id": ["d"]}).replace_schema_metadata({b"attrib": b'{"schema_version": "0"}'})
    pq.write_table(old, tmp_path / "documents" / "part-old.parquet")
    with pytest.raises(UsageError, match="schema version 0"):
        check_schema(tmp_path)


def test_a_column_whose_type_changed_is_cast():
    schema_v2 = pa.schema([("doc_id", pa.string()), ("published", pa.string())])
    old = pa.table({"doc_id": ["a"], "published": ["2022-01-05T00:00:00+00:00"]}, schema=schema_v2)
    new = upgrade_table(old, "documents")
    assert new.column("published").type == pa.timestamp("us", tz="UTC")
    assert new.column("published")[0].as_py().isoformat() == "2022-01-05T00:00:00+00:00"
