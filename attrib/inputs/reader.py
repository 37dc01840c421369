"""Read a corpus: text files, web pages (HTML, WARC), JSON Lines, CSV or Parquet, into documents
or error records.

Nothing is dropped: an input that cannot be read or decoded becomes a document whose
``status`` is ``error`` and whose ``error`` says what was wrong and what to do.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from attrib.languages.codebook import Codebook
from attrib.inputs.documents import (  # noqa: F401 (re-exported: attrib.inputs.reader is where they were)
    BOMS, Document, RawDocument, decode_bytes, looks_binary)
from attrib.inputs.paths import HTML_SUFFIXES, TABLE_SUFFIXES, WARC_SUFFIXES, folder_files, input_suffix


def expand_inputs(inputs: list[str]) -> list[Path]:
    """Expand folders (their ``.txt`` files and tables) and globs; keep missing paths."""
    paths: list[Path] = []
    for item in map(str, inputs):  # paths or strings
        path = Path(item)
        if path.is_dir():
            paths += folder_files(path)
        elif any(ch in item for ch in "*?["):
            paths += sorted(Path(p) for p in glob.glob(item))
        else:
            paths.append(path)
    return paths


def read_raw(paths: list[Path], codebooks: dict[str, Codebook] | None = None) -> Iterator[RawDocument]:
    """Yield raw documents from files and table rows, or error records for unreadable ones
    (``codebooks``: their legacy encodings decode text tables; default: the shipped ones)."""
    for path in paths:
        suffix = input_suffix(path)
        if suffix in TABLE_SUFFIXES:
            from attrib.languages.codebook import load_codebooks
            from attrib.inputs.tables import table_rows

            codebooks = codebooks if codebooks is not None else load_codebooks()
            yield from table_rows(path, codebooks)
            continue
        if suffix in WARC_SUFFIXES:
            from attrib.inputs.warc import warc_documents

            yield from warc_documents(path)
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield RawDocument(path.stem, str(path), error=f"cannot read {path}: {exc.strerror or exc}; "
                              "check that the path exists and is readable")
            continue
        yield RawDocument(path.stem, str(path), data, form="html" if suffix in HTML_SUFFIXES else "text")


HTML_TAG = re.compile(r"<(?:!DOCTYPE|/?(?:html|head|body|p|div|br|span|a|article|section|h[1-6]|ul|ol|li|"
                      r"strong|em|b|i|figure|figcaption|img|blockquote|script|style|meta|title)\b)[^>]*>", re.I)
HTML_BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|figure|article|section|title)>|<br\s*/?>", re.I)
HTML_DROPPED = re.compile(r"<(script|style|head)\b.*?</\1>", re.I | re.S)


MAX_CHARS = int(os.environ.get("ATTRIB_MAX_CHARS", "1000000"))  # a long feature is ~100,000


def strip_html(text: str) -> str:
    """Markup to plain text: scripts and styles dropped, block ends as paragraph breaks,
    other tags removed, entities decoded."""
    import html

    text = HTML_DROPPED.sub(" ", text)
    text = HTML_BLOCK_END.sub("\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\n\s*\n\s*", "\n\n", html.unescape(text)).strip()


def clean_text(text: str) -> tuple[str, list[str]]:
    """Normalise line ends and Unicode (NFC), drop NUL bytes and HTML markup; return text and warnings."""
    import unicodedata

    warnings = []
    if "\x00" in text:
        warnings.append(f"removed {text.count(chr(0))} NUL character(s)")
        text = text.replace("\x00", "")
    if len(HTML_TAG.findall(text[:20000])) >= 2:
        warnings.append("HTML markup removed; character offsets refer to the text without it")
        text = strip_html(text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, warnings


def decode(raw: RawDocument, codebooks: dict[str, Codebook]) -> Document:
    """Turn a raw document into a decoded one, or into an error record."""
    if raw.error is not None:
        return Document(raw.doc_id, raw.source, None, raw.encoding, None, raw.meta, raw.error)
    if raw.form == "html":
        return page_document(raw, codebooks)
    data = raw.data if isinstance(raw.data, bytes) else raw.data.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    if isinstance(raw.data, str):
        text, encoding, error = raw.data, raw.encoding or "utf-8", None
    else:
        text, encoding, error = decode_bytes(data, codebooks)
    if error is not None:
        return Document(raw.doc_id, raw.source, None, encoding, digest, raw.meta, error)
    text, warnings = clean_text(text)
    if not text.strip():
        return Document(raw.doc_id, raw.source, None, encoding, digest, raw.meta,
                        "empty document: there is no text to annotate")
    if len(text) > MAX_CHARS:
        return Document(raw.doc_id, raw.source, None, encoding, digest, raw.meta,
                        f"too long for one article: {len(text):,} characters (limit {MAX_CHARS:,}); split it into "
                        "articles, or raise the limit with ATTRIB_MAX_CHARS")
    return Document(raw.doc_id, raw.source, text, encoding, digest, raw.meta, None, warnings)


def page_document(raw: RawDocument, codebooks: dict[str, Codebook]) -> Document:
    """Decode and read an HTML page (a :class:`attrib.inputs.reader.RawDocument` whose ``form`` is
    ``html``) into a document: the article's text, the page's metadata under the input's
    own (a ``charset`` in ``raw.meta`` is the HTTP header's), the embeds' warnings; the
    sha256 is of the page as given."""
    from attrib.inputs.html import read_page

    data = raw.data if isinstance(raw.data, bytes) else raw.data.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    meta = {k: v for k, v in raw.meta.items() if k != "charset"}
    page, encoding, error = read_page(raw, codebooks, meta.get("url"))
    meta = {**(page.meta() if page else {}), **meta}
    if error is not None:
        return Document(raw.doc_id, raw.source, None, encoding, digest, meta, error)
    doc = decode(replace(raw, data=page.text, meta=meta, encoding=encoding, form="text"), codebooks)
    return replace(doc, sha256=digest, warnings=list(page.warnings) + doc.warnings)


def read_corpus(inputs: list[str], codebooks: dict[str, Codebook]) -> Iterator[Document]:
    """Read and decode every document of the inputs, in order."""
    for raw in read_raw(expand_inputs(inputs), codebooks):
        yield decode(raw, codebooks)


def corpus_size(inputs: list[str], codebooks: dict | None = None) -> int:
    """Documents the inputs hold, counted as the reader yields them: one per text or HTML
    file (read or not, without reading it), the rows of a table and the pages of a WARC as
    the reader reads them (``codebooks``: the run's, whose encodings decode text tables)."""
    many = TABLE_SUFFIXES + WARC_SUFFIXES
    return sum(sum(1 for _ in read_raw([p], codebooks)) if input_suffix(p) in many else 1
               for p in expand_inputs(inputs))
