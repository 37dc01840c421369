"""Input documents before and after decoding, and the decoding of bytes (UTF-8, byte-order
marks, the codebooks' legacy encodings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from attrib.languages.codebook import Codebook
from attrib.languages.langid import _word_score, detect_language

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
    from attrib.languages.langid import script_of

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
