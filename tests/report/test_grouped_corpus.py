"""Per-outlet and per-period reports on a real annotated corpus, recounted by hand.

The corpus is the seed articles and the UD news documents of the ud-news gold (read from
``../shared/ud`` at test time, never committed), with outlets, URLs and dates assigned; it
is annotated with the model pack and reported with ``--by outlet --by period``. Every figure
of the grouped tables is then recounted from the annotation tables with plain loops.
"""

from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest

from attrib.evaluation.gold import load_gold
from tests.conftest import ROOT, need_models

OUTLETS = [("Kathimerini", ""), ("", "https://www.efsyn.gr/kosmos/{n}"), ("Index", ""),
           ("", "https://hvg.hu/vilag/{n}"), ("", "")]  # the last: no outlet, no URL -> the input's folder


def corpus(ud: Path, folder: Path) -> Path:
    """The grouped-report test corpus as a CSV (id, text, lang, outlet, url, published)."""
    docs = []
    for gold in ("seeds.yaml", "ud-news.yaml"):
        docs += load_gold(ROOT / "data" / "gold" / gold, ud=ud, seeds=ROOT / "seeds")[0]
    rows = []
    for n, doc in enumerate(docs):
        outlet, url = OUTLETS[n % len(OUTLETS)]
        day = pd.Timestamp("2022-01-03") + pd.Timedelta(days=3 * n)  # a Monday; one document every 3 days
        rows.append({"id": doc["id"], "text": doc["text"], "lang": doc["lang"], "outlet": outlet,
                     "url": url.format(n=n), "published": "" if n % 7 == 6 else day.strftime("%Y-%m-%d")})
    folder.mkdir(parents=True)
    path = folder / "corpus.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def expected_outlet(row) -> str:
    if row["outlet"]:
        return row["outlet"]
    return row["url"].split("/")[2].removeprefix("www.") if row["url"] else "wire-desk"


def recount(sentences: pd.DataFrame, outlet_of: dict) -> tuple[Counter, Counter, dict]:
    """Attributed sentences, and sentences citing each source type anywhere in their chain, per outlet."""
    attributed, sentences_n, by_type = Counter(), Counter(), defaultdict(Counter)
    for row in sentences.itertuples():
        outlet = outlet_of[row.doc_id]
        sentences_n[outlet] += 1
        attributed[outlet] += bool(row.attributed)
        for kind in {link["type"] for link in row.chain}:
            by_type[outlet][kind] += 1
    return attributed, sentences_n, by_type


@pytest.mark.model
def test_report_by_outlet_and_week_matches_a_recount(ud_root, tmp_path):
    from attrib.pipeline import annotate_corpus
    from attrib.report import build_report

    for lang in ("el", "hu", "en"):
        need_models(lang)
    path = corpus(ud_root, tmp_path / "wire-desk")
    annotate_corpus(inputs=[path], out=tmp_path / "ann", progress=False)
    summary = build_report(annotations=tmp_path / "ann", out=tmp_path / "rep", by=("outlet", "period"), period="week")
    assert summary["groupings"][:4] == ["groups_by_outlet", "reliance_by_outlet", "affiliation_by_outlet",
                                        "framing_by_outlet"]
    inputs = pd.read_csv(path, keep_default_na=False)
    outlet_of = {r["id"]: expected_outlet(r) for r in inputs.to_dict("records")}
    sentences = pd.read_parquet(tmp_path / "ann" / "sentences")
    sentences["doc_id"] = sentences["doc_id"].map(  # annotate keeps the input's ids
        lambda d: d if d in outlet_of else pytest.fail(f"unknown doc {d}"))
    attributed, counts, by_type = recount(sentences, outlet_of)
    tables = tmp_path / "rep" / "tables"
    over = pd.read_parquet(tables / "groups_by_outlet.parquet").set_index("outlet")
    assert set(over.index) == {"Kathimerini", "efsyn.gr", "Index", "hvg.hu", "wire-desk"}
    assert over["documents"].to_dict() == dict(Counter(outlet_of.values()))
    assert over["sentences"].to_dict() == dict(counts) and over["attributed"].to_dict() == dict(attributed)
    rel = pd.read_parquet(tables / "reliance_by_outlet.parquet")
    for row in rel.itertuples():
        assert row.sentences == by_type[row.outlet][row.source_type]
        assert row.share == round(by_type[row.outlet][row.source_type] / attributed[row.outlet], 4)
    weeks = pd.read_parquet(tables / "groups_by_period.parquet").set_index("period")
    dated = inputs[inputs["published"] != ""]
    iso = pd.to_datetime(dated["published"]).dt.isocalendar()
    by_week = Counter(f"{y}-W{w:02d}" for y, w in zip(iso["year"], iso["week"]))
    assert weeks["documents"].drop("undated").to_dict() == dict(by_week)
    assert weeks.loc["undated", "documents"] == (inputs["published"] == "").sum()
    for chart in ("reliance_by_outlet", "reliance_over_time"):
        assert (tmp_path / "rep" / f"{chart}.svg").is_file() and (tmp_path / "rep" / f"{chart}.png").is_file()
    page = (tmp_path / "rep" / "report.html").read_text("utf-8")
    assert "<h2>By outlet</h2>" in page and "<h2>By period (week)</h2>" in page and "efsyn.gr" in page
