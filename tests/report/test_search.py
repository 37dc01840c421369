"""The browser's folding and filters (the Python twin of the page's script), checked by hand."""

from __future__ import annotations

import unicodedata
import pandas as pd
import pytest

from attrib.report.browser import browser_html, browser_records
from attrib.report.search import casefold_table, first_day, month_of, search_fold, select
from tests.report.test_browser import annotations


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> list[dict]:
    folder = annotations(tmp_path_factory.mktemp("search") / "ann")
    tables = {name: pd.read_parquet(folder / name) for name in ("sentences", "framing", "documents")}
    return browser_records(tables["sentences"], tables["framing"], tables["documents"])


def _ids(rows: list[dict]) -> list[tuple[str, int]]:
    return [(r["doc_id"], r["sent_id"]) for r in rows]


@pytest.mark.parametrize(("typed", "written"), [
    ("τοκαγεφ", "Τοκάγεφ"), ("orban", "Orbán"), ("ORBAN", "orbán"), ("κυρωσεις", "ΚΥΡΏΣΕΙΣ"), ("strasse", "Straße"),
    ("gyozelem", "GYŐZELEM"), ("istanbul", "İstanbul")])
def test_fold_ignores_case_and_accents(typed, written):
    assert search_fold(typed) == search_fold(written)


def test_fold_keeps_letters_apart():
    assert search_fold("Tokajev") != search_fold("Tokayev") and search_fold("Πεσκόφ") == "πεσκοφ"


def _unmarked(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))


def _page_fold(text: str) -> str:
    """What the page's script does: NFD without marks, lowercase, then the table."""
    table = casefold_table()
    return "".join(table.get(c, c) for c in _unmarked(text).lower())


def test_page_folding_equals_python_folding_for_every_character():
    chars = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) != "Cn"]
    assert [c for c in chars if _page_fold(c) != search_fold(c)] == []
    assert [c for c in chars if _unmarked(search_fold(c)) != search_fold(c)] == []  # no mark comes back
    assert casefold_table()["ς"] == "σ" and casefold_table()["ß"] == "ss"


def test_search_is_case_and_accent_insensitive(records):
    assert _ids(select(records, {"q": "τοκαγιεφ"})) == [("el1", 2)]
    assert _ids(select(records, {"q": "TOKAJEV kulfoldi"})) == [("hu1", 0)]
    assert _ids(select(records, {"q": "kozolte"})) == [("hu1", 1)]
    assert _ids(select(records, {"q": "peskov"})) == [("el2", 0), ("en1", 0)]  # a chain's words count too


def test_source_and_chain_filters_match_parts_folded(records):
    assert _ids(select(records, {"source": "tokay"})) == [("el1", 2), ("hu1", 0)]
    assert _ids(select(records, {"source": "REUT"})) == [("el1", 1)]
    assert _ids(select(records, {"source": '"Toka"'})) == []  # quoted: a whole name only
    assert _ids(select(records, {"source": '"tokayev"'})) == [("el1", 2), ("hu1", 0)]
    assert _ids(select(records, {"chain": "peskov"})) == [("el2", 0), ("en1", 0)]
    assert _ids(select(records, {"chain": '"Peskov"'})) == []
    assert _ids(select(records, {"chain": '"ria ← peskov"', "lang": "en"})) == [("en1", 0)]


def test_month_filter_offers_undated(records):
    assert _ids(select(records, {"month": "undated"})) == [("en1", 0), ("en1", 1), ("en1", 2)]
    assert len(select(records, {"month": "2022-01"})) == 4
    assert _ids(select(records, {"from": "2022-01-06", "to": "2022-02-10"})) == [  # undated: never in a range
        ("el2", 0), ("hu1", 0), ("hu1", 1), ("hu1", 2)]


def test_partial_dates_in_months_and_day_ranges():
    assert (month_of("2022-01-05"), month_of("2021-03"), month_of("2021"), month_of("")) == (
        "2022-01", "2021-03", "2021", "undated")
    assert (first_day("2021"), first_day("2021-03"), first_day("2021-03-04"), first_day("")) == (
        "2021-01-01", "2021-03-01", "2021-03-04", "")


def test_page_carries_the_folding_and_the_undated_month(records):
    page = browser_html(records)
    assert '"ς":"σ"' in page and 'window.attribFold = fold' in page
    assert 'monthOf(r.d.published)' in page and '"undated"' in page


def test_browser_shows_a_date_as_precisely_as_it_was_given():
    from attrib.report.browser import document_info

    docs = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "published_text": ["2021-01", "2021", "2021-01-01", None],
                         "published": pd.to_datetime(["2021-01-01 00:00"] * 3 + [None], utc=True),
                         "lang": ["en"] * 4, "url": [None] * 4, "outlet": ["x"] * 4, "source": ["a.txt"] * 4})
    sentences = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "sent_id": [0] * 4, "text": ["T."] * 4})
    shown = document_info(sentences, docs)["published"].to_dict()
    assert shown == {"a": "2021-01", "b": "2021", "c": "2021-01-01", "d": ""}
    assert [month_of(shown[k]) for k in "abcd"] == ["2021-01", "2021", "2021-01", "undated"]
