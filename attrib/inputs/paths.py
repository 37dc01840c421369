"""Which files are inputs: the suffixes attrib reads (whatever their case) and the files a
folder contributes."""

from __future__ import annotations

from pathlib import Path

TABLE_SUFFIXES = (".jsonl", ".json", ".csv", ".parquet")
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
INPUT_SUFFIXES = (".txt", *TABLE_SUFFIXES, *HTML_SUFFIXES, *WARC_SUFFIXES)


def input_suffix(path: Path) -> str:
    """The input suffix a file's name ends with, whatever its case (``.HTML`` → ``.html``,
    ``X.WARC.GZ`` → ``.warc.gz``); ``""`` for a name that ends with none of them."""
    name = Path(path).name.lower()
    return next((s for s in sorted(INPUT_SUFFIXES, key=len, reverse=True) if name.endswith(s)), "")


def folder_files(folder: Path) -> list[Path]:
    """The files a folder input contributes: its texts and tables, in name order."""
    return sorted(p for p in folder.iterdir() if input_suffix(p) and p.is_file())
