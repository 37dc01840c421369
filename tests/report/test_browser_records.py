"""The sentence browser's records and page, and the report's chains and documents, without a browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from attrib.report import build_report
from attrib.report.browser import (
    browser_html,
    browser_records,
    cue_span,
    fold,
    highlight_spans,
    safe_url,
    script_json,
)
from attrib.report.chains import top_chains
from attrib.report.groups import url_domain
from tests.report.test_browser import MALICIOUS, annotations


def _read(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / name) for name in ("sentences", "framing", "documents")}


def _records(tmp_path: Path) -> list[dict]:
    tables = _read(annotations(tmp_path / "ann"))
    return browser_records(tables["sentences"], tables["framing"], tables["documents"])


def test_one_record_per_sentence_documents_oldest_first(tmp_path: Path):
    records = _records(tmp_path)
    assert [(r["doc_id"], r["sent_id"]) for r in records][:5] == [("el1", 0), ("el1", 1), ("el1", 2), ("el2", 0),
                                                                  ("hu1", 0)]
    assert records[-1]["doc_id"] == "en1" and len(records) == 10  # undated last


def test_document_fields_outlet_date_title_and_url(tmp_path: Path):
    docs = {r["doc_id"]: r for r in _records(tmp_path)}
    assert (docs["el1"]["outlet"], docs["el1"]["published"], docs["el1"]["url"]) == \
        ("kathimerini.gr", "2022-01-05", "https://www.kathimerini.gr/world/561/")  # outlet from the URL's domain
    assert docs["el1"]["title"] == "Καζακστάν: νεκροί αστυνομικοί στο Αλμάτι"  # the headline
    assert docs["en1"]["title"] == MALICIOUS and docs["en1"]["published"] == ""  # no headline: the first sentence
    assert (docs["hu1"]["outlet"], docs["hu1"]["url"]) == ("Index", "")  # javascript: is no link


def test_sentence_fields_chain_types_quote_hedges_framing(tmp_path: Path):
    rec = {(r["doc_id"], r["sent_id"]): r for r in _records(tmp_path)}
    assert rec[("el2", 0)]["chain"] == "RIA ← Peskov" and rec[("el2", 0)]["sources"] == ["RIA", "Peskov"]
    assert rec[("el2", 0)]["types"] == ["state_media", "government"]
    assert rec[("hu1", 2)]["hedges"] == ["állítólag"] and rec[("el1", 2)]["quote"] == "mixed"
    assert rec[("el1", 2)]["framing"] == [["«τρομοκράτες»", "terrorism"]]
    assert rec[("en1", 1)]["attributed"] is False and rec[("en1", 1)]["chain"] == ""


def test_spans_of_source_cue_and_framing(tmp_path: Path):
    rec = {(r["doc_id"], r["sent_id"]): r for r in _records(tmp_path)}
    text = rec[("el1", 1)]["text"]
    assert [(text[s:e], k) for s, e, k in rec[("el1", 1)]["spans"]] == [("Σύμφωνα με", "cue"), ("Reuters", "source")]
    text = rec[("el1", 2)]["text"]
    assert [(text[s:e], k) for s, e, k in rec[("el1", 2)]["spans"]] == [
        ("Τοκάγιεφ", "source"), ("δήλωσε", "cue"), ("«τρομοκράτες»", "framing")]


def test_matching_ignores_case_and_accents_and_keeps_offsets():
    assert fold("ΔΉΛΩΣΕ Közölte") == "δηλωσε kozolte" and len(fold("İstanbul")) == len("İstanbul")
    assert cue_span(fold("A rendőrség SZERINT nyugodt"), "szerint") == (12, 19)
    assert cue_span(fold("He told reporters"), "tell") is None  # approximate: irregular forms are missed
    chain = [{"surface": "officials", "cue": "say"}]
    assert highlight_spans("Officials said", chain, []) == [[0, 9, "source"], [10, 14, "cue"]]
    assert highlight_spans("the officialdom", chain, []) == []  # never inside a word


def test_spans_count_utf16_units_past_the_basic_plane():
    spans = highlight_spans("😀 Reuters said", [{"surface": "Reuters", "cue": "say"}], [])
    assert spans == [[3, 10, "source"], [11, 15, "cue"]]  # the emoji is two units in JavaScript


def test_overlapping_spans_keep_the_earlier_and_longer():
    spans = highlight_spans("Protesters said", [{"surface": "Protesters", "cue": "say"}], ["Protesters"])
    assert spans == [[0, 10, "source"], [11, 15, "cue"]]


def test_urls_and_outlets():
    assert safe_url("javascript:alert(1)") == "" and safe_url(" https://a.example/x ") == "https://a.example/x"
    assert url_domain("https://www.index.hu/x") == "index.hu" and url_domain(float("nan")) is None


def test_embedded_json_cannot_close_its_script(tmp_path: Path):
    page = browser_html(_records(tmp_path), "t </script>")
    assert page.count("</script>") == 2 and "<script>alert" not in page and "<img" not in page
    data = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.DOTALL).group(1)
    assert MALICIOUS in json.dumps(json.loads(data), ensure_ascii=False)
    assert script_json("</script>&") == '"\\u003c/script\\u003e\\u0026"'


def test_top_chains_counts_sentences_share_documents_and_examples(tmp_path: Path):
    chains = top_chains(_read(annotations(tmp_path / "ann"))["sentences"])
    first = chains.iloc[0]
    assert first["chain"] == "RIA ← Peskov" and (first["sentences"], first["documents"]) == (2, 2)
    assert first["share"] == 2 / 8 and len(first["examples"]) == 2
    assert chains["sentences"].tolist() == sorted(chains["sentences"], reverse=True)
    assert top_chains(pd.DataFrame({"doc_id": [], "sent_id": [], "text": [], "chain": [], "attributed": []})).empty


def test_report_links_chains_into_the_browser_and_titles_documents(tmp_path: Path):
    build_report(annotations=annotations(tmp_path / "ann"), out=tmp_path / "rep")
    page = (tmp_path / "rep" / "report.html").read_text("utf-8")
    assert (tmp_path / "rep" / "browser.html").is_file()
    assert '<h2>Reporting chains</h2>' in page and 'href="browser.html#chain=%22RIA%20%E2%86%90%20Peskov%22"' in page
    assert '<a href="https://www.kathimerini.gr/world/561/">Καζακστάν: νεκροί αστυνομικοί στο Αλμάτι</a>' in page
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "javascript:" not in page
