"""The sentence browser in a real browser: Debian's headless chromium, driven by Selenium.

A small annotations folder is written by hand (Greek, Hungarian and English rows, one with
``<script>`` in its text), ``attrib report`` writes ``browser.html``, and chromium opens it
from ``file://``: counts, filters, search, hash links, highlights and escaping are checked in
the page as rendered. Skipped, with the reason, where chromium, chromedriver or Selenium is
missing (``apt-get install chromium chromium-driver``; ``pip install -e .[test]``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from attrib.evaluation.browser_bench import CHROMEDRIVER, CHROMIUM, start_chromium
from attrib.dataset.store import table_from_rows, write_part

MALICIOUS = "RIA reported that Peskov said <script>alert(1)</script> and </script><img src=x onerror=alert(2)> ended."
PESKOV_CHAIN = "RIA ← Peskov"


def link(source_id, name, type_, surface, cue):
    return {"source_id": source_id, "name": name, "type": type_, "surface": surface, "cue": cue,
            "resolution": "registry"}


REUTERS = ("reuters", "Reuters", "wire_agency")
TOKAYEV = ("tokayev", "Tokayev", "government")
RIA = ("ria", "RIA", "state_media")
PESKOV = ("peskov", "Peskov", "government")
SENTENCES = [  # doc_id, sent_id, lang, headline, text, chain, quote, hedges
    ("el1", 0, "el", True, "Καζακστάν: νεκροί αστυνομικοί στο Αλμάτι", [], "none", []),
    ("el1", 1, "el", False, "Σύμφωνα με το Reuters, οκτώ αστυνομικοί σκοτώθηκαν.",
     [link(*REUTERS, "Reuters", "σύμφωνα με")], "indirect", []),
    ("el1", 2, "el", False, "Ο Τοκάγιεφ δήλωσε ότι οι «τρομοκράτες» εκπαιδεύτηκαν στο εξωτερικό.",
     [link(*TOKAYEV, "Τοκάγιεφ", "δηλώνω")], "mixed", []),
    ("el2", 0, "el", False, "Το RIA μετέδωσε ότι ο Πεσκόφ δήλωσε πως οι κυρώσεις θα αποτύχουν.",
     [link(*RIA, "RIA", "μεταδίδω"), link(*PESKOV, "Πεσκόφ", "δηλώνω")], "indirect", []),
    ("hu1", 0, "hu", True, "Tokajev: külföldi terroristák támadtak", [link(*TOKAYEV, "Tokajev", "")], "direct", []),
    ("hu1", 1, "hu", False, "Az MTI közölte, hogy a tüntetők az utcán maradtak.",
     [link("mti", "MTI", "state_media", "MTI", "közöl")], "indirect", []),
    ("hu1", 2, "hu", False, "A rendőrség szerint a helyzet állítólag nyugodt.",
     [link("kz-police", "police", "government", "rendőrség", "szerint")], "indirect", ["állítólag"]),
    ("en1", 0, "en", False, MALICIOUS, [link(*RIA, "RIA", "report"), link(*PESKOV, "Peskov", "say")], "indirect", []),
    ("en1", 1, "en", False, "Protesters gathered in the square.", [], "none", []),
    ("en1", 2, "en", False, "Officials reportedly said the curfew would be lifted.",
     [link("x:officials", "officials", "unnamed", "Officials", "say")], "indirect", ["reportedly"]),
]
FRAMING = [("el1", 2, "«τρομοκράτες»", "τρομοκράτης", "terrorism"), ("hu1", 0, "terroristák", "terrorista", "terrorism"),
           ("hu1", 1, "tüntetők", "tüntető", "protest"), ("en1", 1, "Protesters", "protester", "protest")]
DOCUMENTS = [  # doc_id, outlet, url, published, lang
    ("el1", None, "https://www.kathimerini.gr/world/561/", "2022-01-05", "el"),
    ("el2", "Η Καθημερινή", "https://www.kathimerini.gr/world/562/", "2022-01-20", "el"),
    ("hu1", "Index", "javascript:alert(3)", "2022-02-10", "hu"),
    ("en1", "Example Wire", None, None, "en"),
]


def _sentence_row(doc_id, sent_id, lang, headline, text, chain, quote, hedges) -> dict:
    return {"doc_id": doc_id, "sent_id": sent_id, "para_id": sent_id, "start": 0, "end": len(text), "text": text,
            "lang": lang, "kind": "headline" if headline else "paragraph", "is_headline": headline, "is_tweet": False,
            "post_id": None, "tweet_handle": None, "attributed": bool(chain), "chain": chain, "quote": quote,
            "hedges": hedges}


def _tables() -> dict[str, list[dict]]:
    """The hand-made rows of the sentences, framing and documents tables."""
    framing = [{"doc_id": d, "sent_id": s, "term": t, "lemma": lemma, "category": c, "target": "protesters",
                "quoted": t.startswith("«"), "scare_quoted": t.startswith("«"), "voice": "outlet",
                "voice_type": "outlet"} for d, s, t, lemma, c in FRAMING]
    sentences = [_sentence_row(*row) for row in SENTENCES]
    documents = [{"doc_id": d, "source": f"{d}.txt", "outlet": o, "url": u, "lang": lang, "status": "ok",
                  "published": pd.Timestamp(p, tz="UTC") if p else None, "published_text": p,
                  "n_sentences": sum(s["doc_id"] == d for s in sentences),
                  "n_attributed": sum(s["doc_id"] == d and s["attributed"] for s in sentences)}
                 for d, o, u, p, lang in DOCUMENTS]
    return {"sentences": sentences, "framing": framing, "documents": documents}


def annotations(folder: Path) -> Path:
    """Write the hand-made tables as ``attrib annotate`` would (the project's schemas); return the folder."""
    for name, rows in _tables().items():
        write_part(table_from_rows(name, rows, {"test": "hand-made"}), folder / name, "part-0")
    return folder


def _missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} not found: apt-get install -y chromium chromium-driver"
    if importlib.util.find_spec("selenium") is None:
        return "selenium not installed: pip install -e .[test]"
    return None


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A chromium driver with the hand-made corpus's browser.html open (the report built by build_report)."""
    if reason := _missing():
        pytest.skip(reason)
    from attrib.report import build_report

    root = tmp_path_factory.mktemp("browser")
    build_report(annotations=annotations(root / "ann"), out=root / "rep")
    driver = start_chromium(root / "profile")
    driver.url_of_page = (root / "rep" / "browser.html").as_uri()
    driver.get(driver.url_of_page)
    yield driver
    driver.quit()


def _open(driver, fragment: str = "") -> None:
    """Load the page afresh (with a fragment) and wait until it has rendered."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(driver.url_of_page + fragment)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def _count(driver) -> str:
    return driver.find_element("id", "count").text


def _select(driver, key: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", f"f-{key}")).select_by_value(value)


def _texts(driver, css: str) -> list[str]:
    return [e.text for e in driver.find_elements("css selector", css)]


def _wait_count(driver, expected: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: _count(d).startswith(expected))


@pytest.mark.browser
def test_all_sentences_shown_with_titles_and_links(page):
    _open(page)
    assert _count(page) == "10 matching sentences of 10"
    assert len(page.find_elements("css selector", ".sent")) == 10
    titles = {a.text: a.get_attribute("href") for a in page.find_elements("css selector", ".doc h2 a")}
    assert titles["Καζακστάν: νεκροί αστυνομικοί στο Αλμάτι"] == "https://www.kathimerini.gr/world/561/"
    headers = _texts(page, ".doc h2")
    assert "Tokajev: külföldi terroristák támadtak" in headers and MALICIOUS in headers  # no URL: no link
    assert not any(h.startswith("javascript") for h in titles.values())
    meta = " ".join(_texts(page, ".doc .meta"))
    assert "kathimerini.gr · 2022-01-05 · el1" in meta and "Η Καθημερινή" in meta


@pytest.mark.browser
def test_filters_by_language_source_type_and_attributed(page):
    _open(page)
    _select(page, "lang", "hu")
    assert _count(page).startswith("3 matching")
    assert {e.get_attribute("data-lang") for e in page.find_elements("css selector", ".sent")} == {"hu"}
    _open(page)
    _select(page, "type", "state_media")
    assert _count(page).startswith("3 matching") and "Az MTI közölte" in page.find_element("id", "results").text
    _open(page)
    _select(page, "attributed", "no")
    assert _count(page).startswith("2 matching")
    assert set(_texts(page, ".sent .text")) == {"Καζακστάν: νεκροί αστυνομικοί στο Αλμάτι",
                                               "Protesters gathered in the square."}
    _select(page, "lang", "en")
    assert _count(page).startswith("1 matching")
    _select(page, "month", "2022-01")
    assert _count(page).startswith("0 matching") and "No sentence matches" in page.find_element("id", "results").text


@pytest.mark.browser
def test_search_box_is_case_insensitive_and_debounced(page):
    _open(page)
    box = page.find_element("id", "f-q")
    box.send_keys("ΚΥΡΏΣΕΙΣ")
    _wait_count(page, "1 matching")
    assert "κυρώσεις" in page.find_element("id", "results").text
    box.clear()
    box.send_keys("peskov")
    _wait_count(page, "2 matching")  # the English text and the Greek sentence's chain
    assert "q=peskov" in page.current_url


@pytest.mark.browser
def test_hash_links_filter_by_chain_and_source(page):
    _open(page, "#chain=RIA%20%E2%86%90%20Peskov")
    assert _count(page).startswith("2 matching")
    assert page.find_element("id", "f-chain").get_attribute("value") == PESKOV_CHAIN
    page.execute_script("location.hash = 'source=Tokayev&lang=hu'")
    _wait_count(page, "1 matching")
    assert _texts(page, ".sent .text") == ["Tokajev: külföldi terroristák támadtak"]
    page.find_element("css selector", ".sent .meta a.chain").click()  # a chain links to its own filter
    _wait_count(page, "2 matching")  # el1's Τοκάγιεφ and hu1's Tokajev
    assert page.find_element("id", "f-chain").get_attribute("value") == '"Tokayev"'  # quoted: that chain only


@pytest.mark.browser
def test_sources_cues_and_framing_terms_are_highlighted(page):
    _open(page)
    marks = {(e.get_attribute("class"), e.text) for e in page.find_elements("css selector", "#results mark")}
    assert {("source", "Reuters"), ("cue", "Σύμφωνα με"), ("source", "Τοκάγιεφ"), ("cue", "δήλωσε"),
            ("framing", "«τρομοκράτες»"), ("source", "MTI"), ("cue", "közölte"), ("framing", "tüntetők"),
            ("source", "RIA"), ("cue", "reported"), ("source", "Peskov"), ("cue", "said"),
            ("framing", "Protesters")} <= marks
    legend = {e.get_attribute("class") for e in page.find_elements("css selector", ".legend mark")}
    assert legend == {"source", "cue", "framing"}
    meta = page.find_element("id", "results").text
    assert "hedges: állítólag" in meta and "framing: «τρομοκράτες» (terrorism)" in meta and "quote: mixed" in meta


@pytest.mark.browser
def test_article_markup_is_shown_as_text(page):
    _open(page)
    assert page.execute_script("return document.querySelectorAll('script').length") == 2  # the data and the page's
    assert page.find_elements("css selector", "#results img, #results script, header img") == []
    texts = [e.get_attribute("textContent") for e in page.find_elements("css selector", ".sent .text")]
    assert MALICIOUS in texts
    assert page.switch_to.active_element is not None and _no_alert(page)


def _no_alert(driver) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert  # noqa: B018 - raises when no alert is open
    except NoAlertPresentException:
        return True
    return False


@pytest.mark.browser
def test_pages_of_200_with_next_and_previous(page, tmp_path):
    from attrib.report.browser import browser_records, write_browser
    from attrib.evaluation.browser_bench import synthetic_tables

    tables = synthetic_tables(450)
    path = write_browser(browser_records(tables["sentences"], tables["framing"], tables["documents"]),
                         tmp_path / "browser.html")
    page.get(path.as_uri())
    assert _count(page) == "450 matching sentences of 450" and len(page.find_elements("css selector", ".sent")) == 200
    page.find_element("css selector", "header .next").click()
    assert "page 2 of 3" in page.find_element("css selector", "header .pageno").text
    page.find_element("css selector", "header .next").click()
    assert len(page.find_elements("css selector", ".sent")) == 50
    assert page.find_element("css selector", "header .next").get_attribute("disabled") is not None
    page.find_element("css selector", "header .prev").click()
    assert "page 2 of 3" in page.find_element("css selector", "header .pageno").text


@pytest.mark.browser
def test_search_and_filters_ignore_case_and_accents(page):
    from attrib.report.search import casefold_table, search_fold

    _open(page)
    box = page.find_element("id", "f-q")
    box.send_keys("τοκαγιεφ")  # the sentence writes Τοκάγιεφ
    _wait_count(page, "1 matching")
    assert "Ο Τοκάγιεφ δήλωσε" in page.find_element("id", "results").text
    _open(page, "#source=TOKAY")  # part of a name, any case
    assert _count(page).startswith("2 matching")
    _open(page, "#chain=PESKOV&q=%CE%BA%CF%85%CF%81%CF%89%CF%83%CE%B5%CE%B9%CF%83")  # κυρωσεισ: ς folds to σ
    assert _count(page).startswith("1 matching") and "κυρώσεις" in page.find_element("id", "results").text
    words = ["Orbán", "ΚΥΡΏΣΕΙΣ", "Straße", "İstanbul", "ﬁnance", "Győr", *casefold_table()]
    assert page.execute_script("return arguments[0].map(window.attribFold)", words) == [search_fold(w) for w in words]


@pytest.mark.browser
def test_month_list_offers_undated_and_counts_match_python(page):
    from attrib.report.browser import browser_records
    from attrib.report.search import select

    _open(page)
    options = [o.get_attribute("value") for o in page.find_elements("css selector", "#f-month option")]
    assert options == ["", "2022-02", "2022-01", "undated"]
    _select(page, "month", "undated")
    assert _count(page).startswith("3 matching") and set(_texts(page, ".sent .text")) >= {MALICIOUS}
    tables = {k: pd.DataFrame(v) for k, v in _tables().items()}
    records = browser_records(tables["sentences"], tables["framing"], tables["documents"])
    for fragment, filters in (("#source=ria&lang=en", {"source": "ria", "lang": "en"}),
                              ("#q=MTI%20kozolte", {"q": "MTI kozolte"}),
                              ("#chain=%22tokayev%22", {"chain": '"tokayev"'}),
                              ("#from=2022-01-06&to=2022-02-10", {"from": "2022-01-06", "to": "2022-02-10"})):
        _open(page, fragment)
        assert _count(page).startswith(f"{len(select(records, filters))} matching"), fragment
