"""Tables of articles, read as forgivingly as text files: JSON Lines, JSON, CSV and Parquet.

A table's columns are mapped onto attrib's fields by ``fields.yaml`` (attrib's own names,
then news-please's and MediaCloud's), so their exports are read as they are. Text tables
are decoded like ``.txt`` files (UTF-8, a byte-order mark, UTF-16, the codebooks' legacy
encodings: :func:`attrib.inputs.documents.decode_bytes`) and a CSV's delimiter (comma, semicolon or
tab) is the one its header line uses. A malformed line or row costs that row only: it
becomes an error record naming its 1-based line, and every other row is read.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pandas as pd
import yaml

from attrib.languages.codebook import Codebook
from attrib.inputs.documents import BOMS, RawDocument, decode_bytes
from attrib.inputs.paths import input_suffix

FIELDS_FILE = Path(__file__).with_name("fields.yaml")
META_FIELDS = ("published", "outlet", "url", "lang", "title", "author")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}  # the first one wins a tie
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")  # a line and its end (only \r, \n: not U+2028)
HEAD_BYTES = 1 << 20  # enough of a CSV or JSON Lines file to find its columns
AGAIN = "fix that line (the file's other lines are read)"


class TableError(ValueError):
    """A table that cannot be read at all: it becomes one error record named after the file."""


@dataclass
class Row:
    """One record of a table, or why it could not be read.

    Attributes:
        doc_id: its id when the record names none (``FILE:N``, N counted from 0).
        source: where it comes from (``FILE#N``).
        where: how messages name it ("line 4 of corpus.csv").
        record: the record's fields (None when it could not be read).
        error: what is wrong with it and what to do.
    """

    doc_id: str
    source: str
    where: str
    record: dict | None = None
    error: str | None = None


@lru_cache(maxsize=1)
def field_names() -> dict[str, tuple[str, ...]]:
    """attrib field -> the column names it is read from, in order of preference (fields.yaml)."""
    data = yaml.safe_load(FIELDS_FILE.read_text("utf-8"))
    return {name: tuple(column.lower() for column in columns) for name, columns in data.items()}


def text_columns() -> tuple[str, ...]:
    """The columns a row's article can come from: its text, or its page's HTML."""
    return field_names()["text"] + field_names()["html"]


def present(value) -> bool:
    """False for None, NaN, NA, blank strings and empty lists."""
    if pd.api.types.is_list_like(value):
        return len(value) > 0
    return not pd.isna(value) and (not isinstance(value, str) or bool(value.strip()))


def as_text(value) -> str:
    """A cell as a string: whole floats without ``.0`` (ids of a column with gaps), lists joined
    by commas, times in ISO 8601."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if pd.api.types.is_list_like(value) and not isinstance(value, dict):  # news-please's authors
        return ", ".join(as_text(v) for v in value if present(v))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def map_record(record: dict) -> dict[str, str]:
    """attrib field -> value of a record, each from the first of its columns the record fills
    (column names matched without regard to case)."""
    values = {str(key).strip().lower(): value for key, value in record.items()}
    mapped = {}
    for name, columns in field_names().items():
        column = next((c for c in columns if c in values and present(values[c])), None)
        if column is not None:
            mapped[name] = as_text(values[column])
    return mapped


def has_text_column(columns) -> bool:
    """Whether a table's columns include one an article can be read from."""
    names = {str(column).strip().lower() for column in columns}
    return any(column in names for column in text_columns())


def missing_text(path: Path | str, columns) -> str:
    """The message for a table none of whose columns holds the articles (``path``: a table
    file, or what else holds the rows, such as "the DataFrame")."""
    others = ", ".join(repr(c) for c in text_columns() if c != "text")
    where = f"table {path}" if isinstance(path, Path) else path
    return (f"{where} has no 'text' column (it has {', '.join(map(repr, columns)) or 'none'}); name the "
            f"column that holds the articles 'text' ({others} are read too; optional: id, title, published, "
            "outlet, url, lang)")


def table_rows(path: Path, codebooks: dict[str, Codebook]) -> Iterator[RawDocument]:
    """One raw document per row of a table; a row that cannot be read becomes an error
    record naming its line, a table that cannot be read at all one error record for the file."""
    try:
        rows, encoding = _read_rows(path, codebooks)
    except TableError as exc:
        yield RawDocument(path.stem, str(path), error=str(exc))
        return
    for row in rows:
        yield raw_document(row, encoding)


def _read_rows(path: Path, codebooks: dict[str, Codebook]) -> tuple[list[Row], str]:
    """The rows of a table and the encoding its text was in."""
    if input_suffix(path) == ".parquet":
        return _parquet_rows(path), "utf-8"
    text, encoding = _decoded(path, codebooks)
    readers = {".jsonl": _jsonl_rows, ".json": _json_rows, ".csv": _csv_rows}
    return readers[input_suffix(path)](text, path), encoding


def _decoded(path: Path, codebooks: dict[str, Codebook]) -> tuple[str, str]:
    """A text table's contents, decoded as a ``.txt`` file is, and the encoding used.

    Raises:
        TableError: when the file cannot be read or decoded.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(f"cannot read {path}: {exc.strerror or exc}; check that the path exists and is "
                         "readable") from exc
    text, encoding, error = decode_bytes(data, codebooks)
    if error is not None:
        raise TableError(f"cannot read table {path}: {error}")
    return text, encoding


def raw_document(row: Row, encoding: str) -> RawDocument:
    """The raw document of a row: its article and metadata mapped by fields.yaml, or its
    error; a row with HTML and no text is a web page (read by :mod:`attrib.inputs.html`,
    the row's own columns winning over the page's metadata)."""
    if row.error is not None:
        return RawDocument(row.doc_id, row.source, error=row.error, encoding=encoding)
    fields = map_record(row.record)
    doc_id, meta = fields.get("id", row.doc_id), {k: fields[k] for k in META_FIELDS if k in fields}
    if "text" not in fields and "html" in fields:
        return RawDocument(doc_id, row.source, fields["html"], meta, None, encoding, form="html")
    text, error = article(fields, row.where)
    return RawDocument(doc_id, row.source, text, meta, error, encoding)


def article(fields: dict[str, str], where: str) -> tuple[str | None, str | None]:
    """The text of a mapped record, opened by its title and lead, or why it has none."""
    if "text" not in fields:
        others = ", ".join(repr(c) for c in text_columns() if c != "text")
        return None, f"{where} has no text: fill its 'text' column (or {others})"
    return with_headline(fields["text"], fields.get("title"), fields.get("description")), None


def _words(text: str) -> str:
    """Text with its whitespace runs made single spaces."""
    return " ".join(text.split())


def with_headline(text: str, title: str | None, lead: str | None) -> str:
    """The text opened by its title and lead paragraph, each unless the text opens with it
    already (structure.py then reads the title as the headline)."""
    longest = max(len(title or ""), len(lead or ""))
    opening = _words(text[: 2 * longest + 200])
    parts = [_words(p) for p in (title, lead) if p and _words(p) not in opening]
    return "\n\n".join([*parts, text])


def _row(path: Path, number: int, where: str) -> Row:
    """An empty row of a table, named by its position."""
    return Row(f"{path.stem}:{number}", f"{path}#{number}", where)


def _object(row: Row, record) -> Row:
    """The row with its record, or an error when the record is not a JSON object."""
    if isinstance(record, dict):
        row.record = record
    else:
        row.error = (f"{row.where} holds a JSON {type(record).__name__}, not an object; give each article "
                     'as an object such as {"id": "a1", "text": "..."}')
    return row


def _jsonl_rows(text: str, path: Path) -> list[Row]:
    """The rows of JSON Lines: one per non-blank line, a malformed line an error row."""
    rows: list[Row] = []
    for number, line in enumerate(LINE.findall(text), 1):
        if not line.strip():
            continue
        row = _row(path, len(rows), f"line {number} of {path}")
        try:
            rows.append(_object(row, json.loads(line)))
        except json.JSONDecodeError as exc:
            row.error = f"{row.where} is not valid JSON ({exc.msg} at column {exc.colno}); {AGAIN}"
            rows.append(row)
    return rows


def _json_rows(text: str, path: Path) -> list[Row]:
    """The rows of a JSON file: one article object (named after the file) or a list of them.

    Raises:
        TableError: when the file is not valid JSON, or holds neither.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableError(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); fix "
                         "it, or write one article per line as JSON Lines (.jsonl), where a bad line costs "
                         "that line only") from exc
    if isinstance(data, dict):
        return [Row(path.stem, str(path), str(path), record=data)]
    if not isinstance(data, list):
        raise TableError(f"{path} holds a JSON {type(data).__name__}; give one article object or a list of them")
    return [_object(_row(path, n, f"item {n + 1} of {path}"), item) for n, item in enumerate(data)]


def sniff_delimiter(header: str) -> str:
    """The delimiter a CSV header line uses most: comma, semicolon or tab (comma when none)."""
    best = max(DELIMITERS, key=header.count)
    return best if header.count(best) else ","


class _Lines:
    """The lines of a text fed to csv.reader one at a time, from a position that can be reset."""

    def __init__(self, lines: list[str]):
        self.lines, self.pos = lines, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.lines):
            raise StopIteration
        self.pos += 1
        return self.lines[self.pos - 1]


def csv_records(lines: list[str], delimiter: str) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """``(first line, fields, error)`` of every non-blank record, lines counted from 1. After
    a malformed record reading resumes on the line after its first, so a quote never closed
    costs its own line only."""
    feed = _Lines(lines)
    while feed.pos < len(lines):
        start = feed.pos
        try:
            fields = next(csv.reader(feed, delimiter=delimiter, strict=True), None)
        except csv.Error as exc:
            feed.pos = start + 1
            yield start + 1, None, str(exc)
            continue
        if fields and any(f.strip() for f in fields):
            yield start + 1, fields, None


def _csv_rows(text: str, path: Path) -> list[Row]:
    """The rows of a CSV file (header line first), a malformed record an error row.

    Raises:
        TableError: when the header names no column the articles can come from.
    """
    lines = LINE.findall(text)
    delimiter = sniff_delimiter(lines[0] if lines else "")
    records = csv_records(lines, delimiter)
    _, header, _ = next(records, (0, None, None))
    columns = [c.strip() for c in header or []]
    if not has_text_column(columns):
        raise TableError(missing_text(path, columns))
    return [_csv_row(_row(path, n, f"line {record[0]} of {path}"), record, columns, delimiter)
            for n, record in enumerate(records)]


def _csv_row(row: Row, record: tuple, columns: list[str], delimiter: str) -> Row:
    """The row with the fields of its CSV record, or an error saying what is wrong."""
    _, fields, error = record
    name = DELIMITERS[delimiter]
    while fields and len(fields) > len(columns) and not fields[-1].strip():
        fields = fields[:-1]  # empty cells past the last column, as spreadsheets leave them
    if error is not None:
        row.error = (f"{row.where} is not valid CSV ({error}): a field that opens with a quote must close it "
                     f"right before the next {name} or the line's end; {AGAIN}")
    elif len(fields) != len(columns):
        row.error = (f"{row.where} has {len(fields)} fields where the header has {len(columns)} "
                     f"({name}-separated); quote a field that holds a {name}, or {AGAIN}")
    else:
        row.record = dict(zip(columns, fields))
    return row


def _parquet_rows(path: Path) -> list[Row]:
    """The rows of a Parquet file.

    Raises:
        TableError: when it cannot be read or has no column the articles can come from.
    """
    try:
        frame = pd.read_parquet(path)
    except (OSError, ValueError) as exc:
        raise TableError(f"cannot read table {path}: {exc}; it must be a Parquet file") from exc
    if not has_text_column(frame.columns):
        raise TableError(missing_text(path, list(frame.columns)))
    return [Row(f"{path.stem}:{n}", f"{path}#{n}", f"row {n + 1} of {path}", record=record)
            for n, record in enumerate(frame.to_dict("records"))]


def _head_text(path: Path, size: int | None) -> str:
    """The first ``size`` bytes of a file (all with None) as text: a byte-order mark's
    encoding, else UTF-8, undecodable bytes replaced (column names are what is wanted)."""
    with open(path, "rb") as handle:
        data = handle.read(size) if size else handle.read()
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), "utf-8")
    return data.decode(encoding, errors="replace")


def table_columns(path: Path) -> list[str] | None:
    """A table's column names: its header (CSV, Parquet) or first readable record (JSON Lines,
    JSON); None when it has no readable record (each one then becomes an error row).

    Raises:
        OSError, ValueError: when the file cannot be read.
    """
    if input_suffix(path) == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    if input_suffix(path) == ".csv":
        lines = LINE.findall(_head_text(path, HEAD_BYTES))
        header = next(csv_records(lines, sniff_delimiter(lines[0] if lines else "")), (0, [], None))[1]
        return [c.strip() for c in header or []]
    if input_suffix(path) == ".jsonl":
        rows = _jsonl_rows(_head_text(path, HEAD_BYTES), path)  # a line cut short at the end is skipped
    else:
        rows = _json_rows_or_none(_head_text(path, None), path)
    return next((list(row.record) for row in rows if row.record is not None), None)


def _json_rows_or_none(text: str, path: Path) -> list[Row]:
    """The rows of a JSON file, none when it cannot be read (reading it makes the error row)."""
    try:
        return _json_rows(text, path)
    except TableError:
        return []
