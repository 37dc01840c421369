"""WARC archives of news pages: each successful HTTP response with an HTML body is an article.

Read with warcio (maintained by Webrecorder, the reference reader of the IIPC's WARC
format): it undoes the transfer and content encodings of the archived response, so the
body is the page as the browser got it. A document is named by the record's target URI
(else its record id) and reads as an ``.html`` file does, the URI as its ``url`` and the
HTTP header's charset as the first guess of its encoding. Requests, metadata, revisits and
responses that are not HTML pages (images, scripts, redirects, errors) are skipped and
counted in one message on stderr (a logging warning, once per archive); a response whose
body cannot be read becomes an error record, and a damaged archive one error record for
the rest of the file.
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterator

from attrib.inputs.documents import RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
log = logging.getLogger(__name__)
_REPORTED: set[tuple] = set()


def warc_documents(path: Path) -> Iterator[RawDocument]:
    """Yield one raw HTML document per HTML response record of a ``.warc`` or ``.warc.gz``
    file, error records for unreadable ones; log how many other records were skipped."""
    from warcio.exceptions import ArchiveLoadFailed

    skipped: Counter = Counter()
    number = -1
    try:
        for number, record in _records(path):
            if record.format != "warc" or not record.rec_type:
                yield _damaged(path, number, f"record {number} has no WARC header")
                break
            raw, reason = record_document(path, number, record)
            if raw is not None:
                yield raw
            else:
                skipped[reason] += 1
    except OSError as exc:
        yield RawDocument(path.name, str(path), error=f"cannot read {path}: {exc.strerror or exc}; check that "
                          "the path exists and is readable")
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        yield _damaged(path, number + 1, str(exc))
    _report(path, skipped)


def _damaged(path: Path, number: int, why: str) -> RawDocument:
    """The error record of an archive that cannot be read from record ``number`` on."""
    return RawDocument(f"{path.name}:{number}", f"{path}#{number}",
                       error=f"{path} is not a WARC file or is damaged at record {number} ({why}); the records "
                       "before it were read: repair or re-fetch the archive (`warcio check` finds the damage)")


def _report(path: Path, skipped: Counter) -> None:
    """Say on stderr (once per archive and process: a progress count reads it too) how many
    records were skipped, by kind."""
    key = (str(Path(path).resolve()), tuple(sorted(skipped.items())))
    if skipped and key not in _REPORTED:
        _REPORTED.add(key)
        log.warning("%s: skipped %d record(s) that are not HTML pages: %s", path, sum(skipped.values()),
                    ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items())))


def _records(path: Path):
    """The archive's records with their 0-based numbers (the file stays open while read)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        yield from enumerate(ArchiveIterator(stream))


def record_document(path: Path, number: int, record) -> tuple[RawDocument | None, str | None]:
    """The raw document of one record, or None and why it is skipped."""
    if record.rec_type != "response" or record.http_headers is None:
        return None, record.rec_type
    status = record.http_headers.get_statuscode() or "?"
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if not status.startswith("2"):
        return None, f"response {status}"
    if mime not in HTML_TYPES:
        return None, f"response {mime or 'without a content type'}"
    uri = record.rec_headers.get_header("WARC-Target-URI")
    doc_id = uri or (record.rec_headers.get_header("WARC-Record-ID") or f"{path.name}:{number}").strip("<>")
    source = f"{path}#{number}"
    try:
        data = record.content_stream().read()
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return RawDocument(doc_id, source, error=f"record {number} of {path} ({doc_id}): its body cannot be "
                           f"read ({exc}); re-fetch the page or repair the archive"), None
    missing = getattr(record.raw_stream, "limit", 0)  # bytes the record's length promised but the file lacks
    if missing:
        return RawDocument(doc_id, source, error=f"record {number} of {path} ({doc_id}) is cut short: {missing:,} "
                           "bytes of it are missing; re-fetch the page or repair the archive"), None
    meta = {"url": uri} if uri else {}
    charset = _charset(content_type)
    return RawDocument(doc_id, source, data, {**meta, **({"charset": charset} if charset else {})},
                       form="html"), None


def _charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header."""
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
