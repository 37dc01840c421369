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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from attrib.codebook import Codebook
from attrib.langid import _word_score, detect_language
from attrib.usage import HTML_SUFFIXES, TABLE_SUFFIXES, WARC_SUFFIXES, folder_files, input_suffix

BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


@dataclass
class RawDocument:
    """One input document before decoding: bytes from a file or text from a table row."""

    doc_id: str
    source: str
    data: bytes | str | None = None
    meta: dict = field(default_factory=dict)
    error: str | None = None
    encoding: str | None = None  # what a table's text was decoded from (its rows come as str)
    form: str = "text"  # "html": a web page, read by attrib.inputs.html (main text and metadata)


@dataclass
class Document:
    """A decoded input document (or the record of why it could not be decoded)."""

    doc_id: str
    source: str
    text: str | None
    encoding: str | None
    sha256: str | None
    meta: dict = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the document has text to annotate."""
        return self.error is None


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
            from attrib.codebook import load_codebooks
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


def looks_binary(data: bytes) -> bool:
    """True when the bytes are not text: many NULs or control characters near the start."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return head.count(0) > len(head) // 100 + 2 or controls > len(head) // 10


def _plausibility(text: str, book: Codebook) -> float:
    """Share of letters written in the language's scripts, less C1 control characters.

    Breaks ties between close encodings (cp1253 and iso-8859-7 differ in a few letters
    such as Ά, which the wrong one turns into punctuation or control characters).
    """
    from attrib.langid import script_of

    scripts = set(book.section("langid").get("scripts", []))
    letters = sum(1 for ch in text if script_of(ch) in scripts)
    controls = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    return (letters - 10 * controls) / max(len(text), 1)


def _legacy_candidates(data: bytes, codebooks: dict[str, Codebook]) -> Iterator[tuple[float, str, str]]:
    """Yield (score, encoding, text) for every codebook encoding that decodes the bytes."""
    for book in codebooks.values():
        for encoding in book.data.get("encodings") or []:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            guess = detect_language(text, codebooks)
            if guess.lang != book.lang:
                continue
            score = _word_score(text.lower().split(), book)  # the model's own score is too jumpy here
            yield score + 0.01 * _plausibility(text, book), encoding, text


def decode_bytes(data: bytes, codebooks: dict[str, Codebook]) -> tuple[str | None, str | None, str | None]:
    """Decode a file's bytes; return ``(text, encoding, error)``.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a mark are read as such.
    Other bytes are tried in every legacy encoding the codebooks list (Greek cp1253 and
    iso-8859-7, Hungarian iso-8859-2, ...) and the decoding whose text reads most like the
    language of that codebook wins.
    """
    if not data.strip():
        return None, None, "empty file: there is no text to annotate"
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, None
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        return None, None, "binary file (NUL or control bytes), not text: give attrib plain-text articles"
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as exc:
        position = exc.start
    best = max(_legacy_candidates(data, codebooks), default=(0.0, None, None))
    if best[0] > 0:
        return best[2], best[1], None
    return None, None, (f"not UTF-8 (invalid byte at offset {position}) and no legacy encoding of "
                        f"the codebooks fits; convert it to UTF-8, e.g. iconv -f ENCODING -t UTF-8")


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
        from attrib.inputs.html import page_document

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


def read_corpus(inputs: list[str], codebooks: dict[str, Codebook]) -> Iterator[Document]:
    """Read and decode every document of the inputs, in order."""
    for raw in read_raw(expand_inputs(inputs), codebooks):
        yield decode(raw, codebooks)
