"""Checks of what a user asked for, made before anything is read or written.

A path that does not exist, a glob that matches nothing, a table without the columns
attrib needs, or an output folder that is a file stops the command with a
:class:`UsageError` whose message says what to do; the CLI prints it and exits with 2.
"""

from __future__ import annotations

import datetime as dt
import glob
import re
from pathlib import Path

from attrib.errors import UsageError

from attrib.inputs.paths import (  # noqa: F401 (re-exported: attrib.inputs.usage is where they were)
    HTML_SUFFIXES, INPUT_SUFFIXES, TABLE_SUFFIXES, WARC_SUFFIXES, folder_files, input_suffix)


def check_inputs(inputs: list[str]) -> None:
    """Every input is an existing file or folder (holding texts or tables), or a glob that
    matches something, and every table among them has a ``text`` column.

    Raises:
        UsageError: naming the first input that fails and what to do about it.
    """
    if not inputs:
        raise UsageError("no input given: name folders, .txt or .html files, WARCs, globs or tables "
                         "(.jsonl, .csv, .parquet)")
    for item in map(str, inputs):  # paths or strings
        if any(ch in item for ch in "*?["):
            matches = glob.glob(item)
            if not matches:
                raise UsageError(f"{item} matches no file; check the pattern (quote it so the shell does not expand it)")
            for match in matches:
                check_table(Path(match))
        elif not Path(item).exists():
            raise UsageError(f"{item} does not exist; give a folder of .txt files, a .txt file, a glob or a table")
        elif Path(item).is_dir():
            _check_folder(Path(item))
        else:
            check_table(Path(item))


def _check_folder(folder: Path) -> None:
    """A folder input holds at least one text or table file; its tables have the columns."""
    found = folder_files(folder)
    if not found:
        raise UsageError(f"{folder} holds no .txt, .html, .warc, .jsonl, .csv or .parquet file; give the folder "
                         "of your articles (one .txt or .html per article), a WARC or a table with a text column")
    for path in found:
        check_table(path)


def check_table(path: Path) -> None:
    """A table input (JSON Lines, JSON, CSV, Parquet) has a column the articles can come from
    (``text``, or another name of ``attrib/inputs/fields.yaml``; a table without an id column
    names its rows FILE:ROW). A table none of whose records can be read passes: each bad
    record becomes an error row.

    Raises:
        UsageError: when it cannot be read or lacks the column.
    """
    from attrib.inputs.tables import has_text_column, missing_text, table_columns

    if input_suffix(path) not in TABLE_SUFFIXES or not path.is_file():
        return
    try:
        columns = table_columns(path)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read table {path}: {exc}; give JSON Lines, JSON, CSV or Parquet") from exc
    if columns is not None and not has_text_column(columns):
        raise UsageError(missing_text(path, columns))


def check_out_folder(out: Path, what: str = "output folder") -> None:
    """``out`` is a folder or does not exist yet (it will be created).

    Raises:
        UsageError: when ``out`` is an existing file.
    """
    if Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"{out} is a file, not a folder; give --out a folder for the {what} "
                         "(a new one is created)")


def check_out_file(out: Path) -> None:
    """``out`` is a file to write, not an existing folder.

    Raises:
        UsageError: when ``out`` is an existing folder.
    """
    if Path(out).is_dir():
        raise UsageError(f"{out} is a folder; give --out a file name, e.g. {Path(out) / 'export.parquet'}")


def check_annotations(folder: Path) -> None:
    """``folder`` is the output of ``attrib annotate``.

    Raises:
        UsageError: when it does not exist, is a folder of input texts, or lacks the tables.
    """
    folder = Path(folder)
    if not folder.exists():
        raise UsageError(f"{folder} does not exist; run `attrib annotate INPUT --out FOLDER` first and give "
                         "that FOLDER here")
    if (folder / "sentences").exists() and (folder / "documents").exists():
        return
    texts = folder.is_dir() and bool(folder_files(folder))
    hint = (f"it holds input texts: run `attrib annotate {folder} --out annotations` first, then give "
            "annotations here" if texts else
            "run `attrib annotate INPUT --out annotations` first, then give annotations here")
    raise UsageError(f"{folder} is not an attrib annotate output (no sentences and documents tables); {hint}")


ISO_MONTH = re.compile(r"\d{4}-\d{2}")


def check_since(text: str) -> dt.datetime:
    """``--since`` as a UTC moment: an ISO 8601 date (``2026-11-01``, ``2026-11``) or date and
    time (``2026-11-01T08:30``, with seconds, with ``Z`` or an offset such as ``+02:00``);
    without an offset the time is UTC.

    Raises:
        UsageError: for anything else, with examples of what works.
    """
    value = str(text).strip()
    try:
        moment = dt.datetime.fromisoformat(value + "-01" if ISO_MONTH.fullmatch(value) else value)
    except ValueError:
        raise UsageError(f"--since {text!r} is not an ISO 8601 date or time; give e.g. 2026-11-01, "
                         "2026-11-01T08:30 (UTC) or 2026-11-01T08:30+02:00") from None
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def check_out_outside(out: Path, dataset: Path, what: str = "report") -> None:
    """``out`` is neither the dataset folder nor inside it (its tables would be mixed with
    other files, and a later run could read or overwrite them).

    Raises:
        UsageError: when ``out`` is ``dataset`` or one of its subfolders.
    """
    out_path, data_path = Path(out).resolve(), Path(dataset).resolve()
    if out_path == data_path or data_path in out_path.parents:
        raise UsageError(f"--out {out} is inside the dataset {dataset}; give the {what} a folder of its own "
                         f"outside it, e.g. --out {data_path.parent / (data_path.name + '-' + what)}")
