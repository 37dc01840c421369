"""attrib report end to end on a small annotated dataset, and the README's pandas snippet."""

import re
from pathlib import Path

import pandas as pd
import pytest

from attrib.errors import AttribError
from attrib.report import build_report
from attrib.report.reliance import reliance
from attrib.dataset.store import table_from_rows, write_part
from tests.conftest import ROOT
from tests.report.test_reliance import corpus

PROVENANCE = {"test": "hand-made"}


def _dataset(folder: Path) -> Path:
    sents = corpus()
    sents["text"] = ["Reuters said <script>alert(1)</script> officials spoke."] + ["Text."] * 5
    for column, value in (("para_id", 0), ("start", 0), ("end", 5), ("lang", "en"), ("kind", "paragraph"),
                          ("is_headline", False), ("is_tweet", False), ("post_id", None), ("tweet_handle", None),
                          ("quote", "indirect"), ("hedges", [[]] * 6)):
        sents[column] = value
    framing = [{"doc_id": "a", "sent_id": 0, "term": "«terrorists»", "lemma": "terrorist", "category": "terrorism",
                "target": "protesters", "quoted": True, "scare_quoted": True, "voice": "x:officials",
                "voice_type": "unnamed"},
               {"doc_id": "a", "sent_id": 1, "term": "protesters", "lemma": "protester", "category": "protest",
                "target": "protesters", "quoted": False, "scare_quoted": False, "voice": "outlet",
                "voice_type": "outlet"}]
    docs = [{"doc_id": d, "source": f"{d}.txt", "n_sentences": n, "n_attributed": k, "status": "ok", "lang": "en",
             "published": None} for d, n, k in (("a", 4, 3), ("b", 2, 2))]
    for name, rows in (("sentences", sents.to_dict("records")), ("framing", framing), ("documents", docs)):
        write_part(table_from_rows(name, rows, PROVENANCE), folder / name, "part-0")
    return folder


def test_report_writes_tables_charts_and_escaped_pages(tmp_path: Path):
    ann = _dataset(tmp_path / "ann")
    summary = build_report(annotations=ann, out=tmp_path / "rep")
    out = tmp_path / "rep"
    assert summary["documents"] == 2 and summary["framing_terms"] == 2
    for name in ("report.html", "README.md", "reliance_by_type.png", "framing_by_voice.svg", "top_sources.png",
                 "tables/reliance.parquet", "tables/reliance_corpus.csv", "tables/framing_by_voice.csv"):
        assert (out / name).is_file(), name
    page = (out / "report.html").read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 3
    voice = pd.read_parquet(out / "tables/framing_by_voice.parquet").set_index("category")
    assert voice.loc["terrorism", "unnamed"] == 1 and voice.loc["protest", "outlet"] == 1
    csv = pd.read_csv(out / "tables/reliance.csv")
    assert csv.set_index("source_id").loc["peskov", "via"] == "ria"


def test_missing_annotations_say_what_to_run(tmp_path: Path):
    with pytest.raises(AttribError, match="run `attrib annotate"):
        build_report(annotations=tmp_path / "nothing", out=tmp_path / "rep")


def test_readme_snippet_reproduces_the_reliance_table(tmp_path: Path):
    ann = _dataset(tmp_path / "ann")
    readme = (ROOT / "README.md").read_text("utf-8")
    code = re.search(r"<!-- reliance-snippet -->\n```python\n(.*?)```", readme, re.S).group(1)
    scope: dict = {}
    exec(code.replace("data/annotations", str(ann)), scope)  # noqa: S102 - the README's own example
    ours = reliance(pd.read_parquet(ann / "sentences")).set_index(["doc_id", "source_id"]).sort_index()
    theirs = scope["reliance"].sort_index()
    columns = ["sentences", "proximate", "origin", "first_sent", "share"]
    pd.testing.assert_frame_equal(ours[columns], theirs[columns].round(4), check_dtype=False)


def test_default_title_names_the_corpus(tmp_path: Path):
    from attrib.report import corpus_title

    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["corpus/kz/a.txt", "corpus/kz/b.txt", "corpus/c.txt"]})
    info = pd.DataFrame({"outlet": ["hvg.hu", "hvg.hu", "index.hu"]}, index=docs["doc_id"])
    assert corpus_title(docs, info, tmp_path / "ann") == "attrib report: corpus (hvg.hu, index.hu)"
    rows = docs.assign(source=["export.jsonl#1", "export.jsonl#2", "export.jsonl#3"])
    many = pd.DataFrame({"outlet": ["a.gr", "b.gr", "c.gr", "d.gr"]}, index=["a", "b", "c", "d"])
    assert corpus_title(rows, many, tmp_path / "ann") == "attrib report: export.jsonl (4 outlets)"
    build_report(annotations=_dataset(tmp_path / "kazakhstan-2022"), out=tmp_path / "rep")
    page = (tmp_path / "rep" / "report.html").read_text("utf-8")  # sources a.txt, b.txt: the dataset's folder
    assert "<title>attrib report: kazakhstan-2022</title>" in page
    assert build_report(annotations=_dataset(tmp_path / "x"), out=tmp_path / "rep2", title="Mine")["documents"] == 2
    assert "<title>Mine</title>" in (tmp_path / "rep2" / "report.html").read_text("utf-8")


def test_report_says_what_accuracy_to_expect_and_how_to_check(tmp_path: Path):
    ann = _dataset(tmp_path / "ann")
    build_report(annotations=ann, out=tmp_path / "rep")
    for name in ("report.html", "README.md"):
        text = (tmp_path / "rep" / name).read_text("utf-8")
        assert "Accuracy to expect" in text and f"attrib sample {ann} --n 200 --out coding.csv" in text
        assert "attrib eval coding.csv" in text
