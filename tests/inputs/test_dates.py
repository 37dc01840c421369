"""Publication dates read into UTC timestamps, from ISO and from dates written in words."""

import datetime as dt

import pytest

from attrib.inputs.dates import parse_published

UTC = dt.timezone.utc


@pytest.mark.parametrize("text, lang, expected", [
    ("2022-01-05", None, dt.datetime(2022, 1, 5, tzinfo=UTC)),
    ("2022-01-05T14:30:00+02:00", None, dt.datetime(2022, 1, 5, 12, 30, tzinfo=UTC)),
    ("2022-01-05T14:30:00Z", None, dt.datetime(2022, 1, 5, 14, 30, tzinfo=UTC)),
    ("2022-01", None, dt.datetime(2022, 1, 1, tzinfo=UTC)),  # partial: the first of the month
    ("2022", None, dt.datetime(2022, 1, 1, tzinfo=UTC)),
    ("5 Ιανουαρίου 2022", "el", dt.datetime(2022, 1, 5, tzinfo=UTC)),
    ("2022. január 5.", "hu", dt.datetime(2022, 1, 5, tzinfo=UTC)),
    ("January 7, 2022 10:15", "en", dt.datetime(2022, 1, 7, 10, 15, tzinfo=UTC)),
])
def test_dates_in_many_forms(text, lang, expected):
    assert parse_published(text, lang) == expected


def test_what_names_no_date_is_none():
    assert parse_published(None) is None and parse_published("  ") is None
    assert parse_published("2022-13") is None
    assert parse_published("no date here at all", "en") is None


def test_tables_read_with_the_types_a_pandas_user_expects(tmp_path):
    import pandas as pd

    from attrib.dataset.schema import SCHEMA_VERSION
    from attrib.dataset.store import read_metadata, table_from_rows, write_part

    rows = [{"doc_id": "d", "sent_id": 0, "post_id": None}, {"doc_id": "d", "sent_id": 1, "post_id": 3}]

    write_part(table_from_rows("sentences", rows, {}), tmp_path / "sentences", "part-x")
    write_part(table_from_rows("documents", [{"doc_id": "d", "published": dt.datetime(2022, 1, 1, tzinfo=UTC),
                                              "published_text": "2022-01"}], {}), tmp_path / "documents", "part-x")
    sentences = pd.read_parquet(tmp_path / "sentences")
    assert str(sentences.post_id.dtype) == "Int32" and sentences.post_id.isna().tolist() == [True, False]
    documents = pd.read_parquet(tmp_path / "documents")
    assert str(documents.published.dtype).startswith("datetime64") and documents.published_text[0] == "2022-01"
    assert read_metadata(tmp_path / "documents" / "part-x.parquet")["schema_version"] == SCHEMA_VERSION


def test_a_dataset_of_another_schema_version_is_refused_before_anything_is_written(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from attrib.dataset.runs import check_schema
    from attrib.errors import UsageError

    (tmp_path / "documents").mkdir()
    old = pa.table({"doc_id": ["d"]}).replace_schema_metadata({b"attrib": b'{"schema_version": "1"}'})
    pq.write_table(old, tmp_path / "documents" / "part-old.parquet")
    with pytest.raises(UsageError, match="schema version 1.*new --out folder"):
        check_schema(tmp_path)
