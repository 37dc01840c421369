"""WARC archives: each HTML response record an article, other records skipped and counted."""

import io
import logging
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from attrib.languages.codebook import load_codebooks
from attrib.inputs.html import decode_html, extract_html
from attrib.inputs.reader import read_corpus
from attrib.inputs.usage import folder_files

BOOKS = load_codebooks()
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
GREEK_URI = "https://www.eidiseis-tora.gr/kosmos/kazakstan-katastasi-ektaktis-anagkis?utm_source=rss"
HUNGARIAN_URI = "https://hirpont.hu/belfold/2022/01/07/uzemanyagar-stop-meghosszabbitas"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK"):
    """A response record of an HTTP exchange."""
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)


def write_warc(path: Path, gzip: bool = True) -> None:
    """A crawl of two news pages: requests, their responses, an image, a 404 page, a
    metadata record, a revisit of the first page and a page whose body is binary."""
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        request = StatusAndHeaders("GET /kosmos/kazakstan HTTP/1.1", [("Host", "www.eidiseis-tora.gr")],
                                   is_http_request=True)
        writer.write_record(writer.create_warc_record(GREEK_URI, "request", payload=io.BytesIO(b""),
                                                      http_headers=request))
        greek = _response(writer, GREEK_URI, (PAGES / "greek_news.html").read_bytes(), "text/html; charset=UTF-8")
        writer.write_record(greek)
        writer.write_record(_response(writer, "https://www.eidiseis-tora.gr/static/logo.png", PNG, "image/png"))
        writer.write_record(writer.create_warc_record(
            GREEK_URI, "metadata", payload=io.BytesIO(b"via: https://www.eidiseis-tora.gr/kosmos\n"),
            warc_content_type="application/warc-fields"))
        writer.write_record(_response(writer, "https://hirpont.hu/nincs-ilyen", b"<html><body><h1>404</h1></body>"
                                      b"</html>", "text/html", "404 Not Found"))
        writer.write_record(writer.create_revisit_record(GREEK_URI, digest=greek.rec_headers.get_header(
            "WARC-Payload-Digest"), refers_to_uri=GREEK_URI, refers_to_date="2022-01-05T13:00:00Z"))
        writer.write_record(_response(writer, HUNGARIAN_URI, (PAGES / "hungarian_news.html").read_bytes(),
                                      "text/html; charset=iso-8859-2"))
        writer.write_record(_response(writer, "https://hirpont.hu/kep", PNG * 40, "text/html"))


def page_text(name: str) -> str:
    """The article text extract_html gives for a fixture page."""
    return extract_html(decode_html((PAGES / name).read_bytes(), BOOKS)[0]).text


@pytest.mark.parametrize("name, gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_each_html_response_is_an_article_and_the_rest_is_counted(tmp_path: Path, caplog, name, gzip):
    write_warc(tmp_path / name, gzip)
    with caplog.at_level(logging.WARNING, logger="attrib.inputs.warc"):
        docs = list(read_corpus([str(tmp_path / name)], BOOKS))
    assert [d.doc_id for d in docs] == [GREEK_URI, HUNGARIAN_URI, "https://hirpont.hu/kep"]
    greek, hungarian, binary = docs
    assert greek.ok and greek.text == page_text("greek_news.html") and greek.encoding == "utf-8"
    assert greek.meta["url"] == GREEK_URI and greek.meta["title"].startswith("Καζακστάν")
    assert greek.meta["published"] == "2022-01-05" and greek.meta["outlet"] == "Ειδήσεις Τώρα"
    assert "charset" not in greek.meta and greek.source == f"{tmp_path / name}#1"
    assert hungarian.ok and hungarian.encoding == "iso-8859-2" and hungarian.text == page_text("hungarian_news.html")
    assert not binary.ok and "binary" in binary.error
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / name}: skipped 5 record(s) that are not HTML pages: 1 metadata, 1 request, "
        "1 response 404, 1 response image/png, 1 revisit"]


def test_a_damaged_archive_keeps_the_records_before_the_damage(tmp_path: Path):
    write_warc(tmp_path / "full.warc", gzip=False)
    data = (tmp_path / "full.warc").read_bytes()
    cut = data.index(b"WARC/1.0", data.index(b"hirpont.hu/belfold") - 2000)  # the Hungarian page's record
    (tmp_path / "cut.warc").write_bytes(data[:cut] + b"WARC/1.0\r\nnot a header\r\n\r\ngarbage" * 3)
    docs = list(read_corpus([str(tmp_path / "cut.warc")], BOOKS))
    assert docs[0].doc_id == GREEK_URI and docs[0].ok
    assert not docs[-1].ok and "is damaged at record" in docs[-1].error and "warcio check" in docs[-1].error


def test_a_truncated_archive_says_which_record_is_cut_short(tmp_path: Path):
    write_warc(tmp_path / "full.warc.gz")
    data = (tmp_path / "full.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.8)])  # inside the Hungarian page's record
    docs = list(read_corpus([str(tmp_path / "cut.warc.gz")], BOOKS))
    assert [d.doc_id for d in docs] == [GREEK_URI, HUNGARIAN_URI]
    assert docs[0].ok and not docs[1].ok and "is cut short" in docs[1].error and "re-fetch" in docs[1].error


def test_a_file_that_is_no_warc_is_one_error_record(tmp_path: Path):
    (tmp_path / "notes.warc").write_text("these are my notes, not an archive\n", "utf-8")
    docs = list(read_corpus([str(tmp_path / "notes.warc")], BOOKS))
    assert len(docs) == 1 and not docs[0].ok and "not a WARC file or is damaged at record 0" in docs[0].error


def test_folders_take_pages_and_archives(tmp_path: Path):
    for name in ("a.html", "b.htm", "c.warc", "d.warc.gz", "e.txt", "f.gz", "g.css"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in folder_files(tmp_path)] == ["a.html", "b.htm", "c.warc", "d.warc.gz", "e.txt"]
