"""Tables read as forgivingly as text files: Excel's CSVs (delimiters, legacy encodings,
UTF-16), news-please and MediaCloud exports mapped onto attrib's fields, and a malformed
line or row costing that row only."""

import json
from pathlib import Path

import pandas as pd
import pytest

from attrib.languages.codebook import load_codebooks
from attrib.errors import UsageError
from attrib.inputs.tables import field_names, map_record, sniff_delimiter, table_columns
from attrib.inputs.reader import decode_bytes, read_corpus
from attrib.article.structure import structure_article
from attrib.inputs.usage import check_inputs, check_table

BOOKS = load_codebooks()

GREEK_ROWS = [
    ("kath-0105", "Νέα μέτρα στήριξης για την ενέργεια",
     "Ο υπουργός Οικονομικών δήλωσε ότι η κυβέρνηση θα επεκτείνει τις επιδοτήσεις στο ρεύμα. "
     "«Δεν θα αφήσουμε κανέναν πίσω», είπε.\n\nΆλλαξε όμως τα κριτήρια, σύμφωνα με το ΑΠΕ-ΜΠΕ.",
     "5 Ιανουαρίου 2022", "Καθημερινή"),
    ("kath-0106", "Συλλήψεις στη Θεσσαλονίκη",
     "Η αστυνομία ανακοίνωσε έξι συλλήψεις μετά τα επεισόδια, όπως μετέδωσε η ΕΡΤ.",
     "6 Ιανουαρίου 2022", "Καθημερινή"),
]
HUNGARIAN_ROWS = [
    ("hvg-1", "Nem emelik az adókat",
     "A pénzügyminiszter szerint a kormány idén nem emeli az adókat, de a döntés őszig változhat.",
     "2022. január 5.", "HVG"),
    ("hvg-2", "Tüntetés a Kossuth téren",
     "Több ezer ember tüntetett vasárnap, közölte az MTI. A rendőrség nem avatkozott be.",
     "2022. január 9.", "HVG"),
]


def _csv(rows, delimiter=";") -> str:
    """A CSV as Excel writes it: a header, every text quoted, CRLF line ends."""
    lines = [delimiter.join(["id", "title", "text", "published", "outlet"])]
    lines += [delimiter.join([i, t, '"' + x.replace('"', '""') + '"', p, o]) for i, t, x, p, o in rows]
    return "\r\n".join(lines) + "\r\n"


def _read(*paths: Path) -> dict:
    return {d.doc_id: d for d in read_corpus([str(p) for p in paths], BOOKS)}


def test_greek_excel_csv_in_cp1253_with_semicolons_is_decoded_as_a_text_file_is(tmp_path: Path):
    path = tmp_path / "kathimerini.csv"
    path.write_bytes(_csv(GREEK_ROWS).encode("cp1253"))
    docs = _read(path)
    assert set(docs) == {"kath-0105", "kath-0106"}
    first = docs["kath-0105"]
    assert first.ok and first.encoding == "cp1253" == decode_bytes(path.read_bytes(), BOOKS)[1]
    assert first.text.startswith("Νέα μέτρα στήριξης για την ενέργεια\n\nΟ υπουργός") and "Άλλαξε" in first.text
    assert first.meta == {"title": "Νέα μέτρα στήριξης για την ενέργεια", "published": "5 Ιανουαρίου 2022",
                          "outlet": "Καθημερινή"}
    blocks = structure_article(first.text, BOOKS).blocks
    assert [b.kind for b in blocks] == ["headline", "paragraph", "paragraph"]


def test_hungarian_excel_csv_in_cp1250_reads_like_the_same_text_file(tmp_path: Path):
    path = tmp_path / "hvg.csv"
    path.write_bytes(_csv(HUNGARIAN_ROWS).encode("cp1250"))
    docs = _read(path)
    expected = decode_bytes(path.read_bytes(), BOOKS)[1]
    assert expected in ("cp1250", "iso-8859-2")  # the two agree on every letter used here
    assert all(d.ok and d.encoding == expected for d in docs.values())
    assert "őszig változhat" in docs["hvg-1"].text and docs["hvg-2"].meta["outlet"] == "HVG"


def test_utf16_with_bom_and_tabs_as_excel_saves_unicode_text(tmp_path: Path):
    path = tmp_path / "mixed.csv"
    rows = [GREEK_ROWS[1], HUNGARIAN_ROWS[1]]
    path.write_bytes(_csv(rows, "\t").encode("utf-16"))
    docs = _read(path)
    assert [d.encoding for d in docs.values()] == ["utf-16", "utf-16"]
    assert docs["hvg-2"].text.endswith("A rendőrség nem avatkozott be.") and docs["kath-0106"].ok


def test_utf8_bom_and_comma_csv_keep_their_first_column_name(tmp_path: Path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv(GREEK_ROWS[:1], ",").encode("utf-8"))
    docs = _read(path)
    assert list(docs) == ["kath-0105"] and docs["kath-0105"].encoding == "utf-8-sig"


@pytest.mark.parametrize("header, delimiter", [("id,text,url", ","), ("id;text;url", ";"),
                                               ("id\ttext\turl", "\t"), ("text", ","),
                                               ('id;"title, subtitle";text', ";")])
def test_the_delimiter_is_the_one_the_header_uses(header, delimiter):
    assert sniff_delimiter(header + "\r\n") == delimiter


def test_a_malformed_csv_row_costs_that_row_only_and_names_its_line(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_text('id;text;outlet\r\n'
                    'a1;"Ο υπουργός δήλωσε ότι θα μιλήσει αύριο.\r\n\r\nΗ ΕΡΤ μετέδωσε την ανακοίνωση.";ΕΡΤ\r\n'
                    'a2;Η βουλή ψήφισε;το νομοσχέδιο;χθες\r\n'
                    'a3;"Η αντιπολίτευση κατήγγειλε τη ρύθμιση;Αυγή\r\n'
                    'a4;Ο δήμαρχος είπε ότι τα έργα θα τελειώσουν.;Καθημερινή;;\r\n', encoding="utf-8")
    docs = _read(path)
    assert list(docs) == ["a1", "export:1", "export:2", "a4"]
    assert docs["a1"].ok and "\n\nΗ ΕΡΤ μετέδωσε" in docs["a1"].text  # lines 2-4: a quoted field's paragraphs
    assert "line 5 of" in docs["export:1"].error and "4 fields where the header has 3" in docs["export:1"].error
    assert "line 6 of" in docs["export:2"].error and "quote" in docs["export:2"].error
    assert docs["a4"].ok and docs["a4"].meta == {"outlet": "Καθημερινή"}  # empty cells past the last column


def test_json_lines_with_a_broken_line_keep_every_good_line(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    good = [{"id": "n1", "text": "Police said the road would reopen on Monday.", "lang": "en"},
            {"id": "n3", "text": "The council said the vote was postponed.", "outlet": "Evening Post"}]
    path.write_text(json.dumps(good[0]) + "\n" + '{"id": "n2", "text": "The mayor said\n\n' +
                    json.dumps(good[1]) + "\n" + '["not", "an", "object"]\n', encoding="utf-8")
    docs = _read(path)
    assert list(docs) == ["n1", "feed:1", "n3", "feed:3"]
    assert docs["n1"].ok and docs["n1"].meta == {"lang": "en"} and docs["n3"].meta == {"outlet": "Evening Post"}
    assert "line 2 of" in docs["feed:1"].error and "not valid JSON" in docs["feed:1"].error
    assert "line 5 of" in docs["feed:3"].error and "not an object" in docs["feed:3"].error


NEWS_PLEASE = {
    "authors": ["Μαρία Παπαδοπούλου"], "date_download": "2022-01-05 12:01:44", "date_modify": None,
    "date_publish": "2022-01-05 10:30:00", "description": "Τι είπε ο κυβερνητικός εκπρόσωπος για τα νέα μέτρα.",
    "filename": "https%3A%2F%2Fwww.example.gr%2Fpolitiki%2F1234.json", "image_url": None, "language": "el",
    "localpath": None, "maintext": "Ο κυβερνητικός εκπρόσωπος δήλωσε ότι τα μέτρα θα ισχύσουν από τον Φεβρουάριο.",
    "source_domain": "www.example.gr", "title": "Παράταση των μέτρων ως τον Μάρτιο",
    "title_page": None, "title_rss": None, "url": "https://www.example.gr/politiki/1234"}


def test_a_news_please_article_is_read_without_renaming(tmp_path: Path):
    path = tmp_path / "1234.json"
    path.write_text(json.dumps(NEWS_PLEASE, ensure_ascii=False), encoding="utf-8")
    doc = _read(path)["1234"]
    assert doc.ok and doc.source == str(path)
    assert doc.text.split("\n\n") == [NEWS_PLEASE["title"], NEWS_PLEASE["description"], NEWS_PLEASE["maintext"]]
    assert doc.meta == {"published": "2022-01-05 10:30:00", "outlet": "www.example.gr", "lang": "el",
                        "url": NEWS_PLEASE["url"], "title": NEWS_PLEASE["title"], "author": "Μαρία Παπαδοπούλου"}


def test_a_title_and_lead_the_text_opens_with_are_not_repeated(tmp_path: Path):
    record = {**NEWS_PLEASE, "maintext": NEWS_PLEASE["title"] + "\n" + NEWS_PLEASE["description"] + "\n\n"
              + NEWS_PLEASE["maintext"]}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _read(path)["feed:0"].text == record["maintext"]


MEDIACLOUD = [
    {"stories_id": 2154896321, "media_id": 1, "media_name": "New York Times", "media_url": "http://nytimes.com",
     "publish_date": "2022-01-05 14:02:11", "title": "Senators Press Agency on Data Rules",
     "url": "https://www.nytimes.com/2022/01/05/us/politics/data.html", "language": "en",
     "text": "Two senators said on Wednesday that the agency had ignored its own guidance, according to "
             "a letter seen by Reuters."},
    {"stories_id": 2154896399, "media_id": 2, "media_name": "Washington Post", "media_url": "http://washingtonpost.com",
     "publish_date": "2022-01-06 09:15:00", "title": "Storm Closes Schools",
     "url": "https://www.washingtonpost.com/weather/2022/01/06/storm/", "language": "en",
     "text": "Officials said schools would stay closed on Thursday."},
]


@pytest.mark.parametrize("suffix", [".json", ".csv", ".parquet"])
def test_mediacloud_exports_map_onto_attribs_columns(tmp_path: Path, suffix: str):
    path = tmp_path / f"mediacloud{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(MEDIACLOUD), encoding="utf-8")
    else:
        frame = pd.DataFrame(MEDIACLOUD)
        frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_parquet(path)
    docs = _read(path)
    assert list(docs) == ["2154896321", "2154896399"]
    doc = docs["2154896321"]
    assert doc.meta == {"published": "2022-01-05 14:02:11", "outlet": "New York Times", "lang": "en",
                        "url": MEDIACLOUD[0]["url"], "title": "Senators Press Agency on Data Rules"}
    assert doc.text.startswith("Senators Press Agency on Data Rules\n\nTwo senators said")
    assert doc.source == f"{path}#0"


def test_the_field_mapping_lives_in_one_table_and_prefers_attribs_own_names():
    names = field_names()
    assert names["text"][0] == "text" and "maintext" in names["text"] and "stories_id" in names["id"]
    assert map_record({"Text": "x", "maintext": "y", "Language": "hu", "outlet": "", "media_name": "Index"}) == \
        {"text": "x", "lang": "hu", "outlet": "Index"}


def test_a_json_file_that_is_not_valid_is_one_error_row_saying_where(tmp_path: Path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "Police said nothing."},\n {"text": "unfinished}]', encoding="utf-8")
    scalar = tmp_path / "scalar.json"
    scalar.write_text('"just a string"', encoding="utf-8")
    docs = _read(broken, scalar)
    assert "not valid JSON" in docs["broken"].error and "line 2" in docs["broken"].error
    assert "holds a JSON str" in docs["scalar"].error


def test_a_row_without_text_says_which_columns_are_read():
    from attrib.inputs.tables import article

    text, error = article({"title": "Only a headline"}, "line 3 of x.jsonl")
    assert text is None and "line 3 of x.jsonl has no text" in error and "'maintext'" in error and "'html'" in error


PAGE = """<!DOCTYPE html><html lang="en"><head><title>Port strike ends | Harbour Gazette</title>
<meta property="og:title" content="Port strike ends after nine days">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2022-03-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Port strike ends after nine days</h1>
<p>Dock workers voted on Sunday to end the strike, the union said in a statement, after the port
authority agreed to raise night-shift pay by twelve per cent from April.</p>
<p>The port authority said the first container ships would be unloaded on Monday morning and that the
backlog of more than forty vessels should clear within two weeks.</p>
<p>Shipping companies welcomed the deal, but a spokesman for the exporters' association warned that
fresh produce worth several million euros had already been lost during the stoppage.</p></article>
<aside><h3>Most read</h3><ul><li>Mayor opens new bridge</li><li>Storm warning for the coast</li></ul></aside>
<footer>© 2022 Harbour Gazette. All rights reserved.</footer></body></html>"""


def test_a_row_with_html_and_no_text_gets_the_pages_article(tmp_path: Path):
    path = tmp_path / "pages.jsonl"
    rows = [{"id": "p1", "html": PAGE, "url": "https://harbour.example/port-strike"},
            {"id": "p2", "html": PAGE, "outlet": "Gazette (print)"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = _read(path)
    first = docs["p1"]
    assert first.ok and first.text.startswith("Port strike ends after nine days\n\nDock workers voted")
    assert "cookies" not in first.text and "Most read" not in first.text and "All rights" not in first.text
    assert first.meta["title"] == "Port strike ends after nine days" and first.meta["outlet"] == "Harbour Gazette"
    assert first.meta["published"].startswith("2022-03-14")
    assert docs["p2"].meta["outlet"] == "Gazette (print)"  # the row's own column wins over the page


def test_the_usage_check_reads_tables_as_the_reader_does(tmp_path: Path):
    greek = tmp_path / "greek.csv"
    greek.write_bytes(_csv(GREEK_ROWS).encode("cp1253"))
    wide = tmp_path / "wide.csv"
    wide.write_bytes(_csv(HUNGARIAN_ROWS, "\t").encode("utf-16"))
    first_line_broken = tmp_path / "feed.jsonl"
    first_line_broken.write_text('{"id": 1, "text": "cut\n{"id": 2, "maintext": "Police said so."}\n')
    news = tmp_path / "news.json"
    news.write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    check_inputs([str(p) for p in (greek, wide, first_line_broken, news)])
    assert table_columns(greek)[:3] == ["id", "title", "text"]
    assert table_columns(first_line_broken) == ["id", "maintext"]  # the first line that reads
    no_text = tmp_path / "titles.csv"
    no_text.write_text("stories_id;title;url\n1;Storm;https://x.example/1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no 'text' column.*'title'.*'maintext'"):
        check_table(no_text)
