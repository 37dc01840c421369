"""Reliance tables against counts made by hand on a small annotated corpus."""

import pandas as pd

from attrib.attribution.registry import load_registry
from attrib.report.reliance import (
    chain_links,
    corpus_reliance,
    reliance,
    reliance_by_type,
)

REG = load_registry()


def link(source_id, type_="wire_agency", name=None):
    return {"source_id": source_id, "name": name or source_id, "type": type_, "surface": source_id,
            "cue": "say", "resolution": "registry"}


def corpus() -> pd.DataFrame:
    rows = [("a", 0, [link("reuters"), link("x:officials", "unnamed")]),
            ("a", 1, [link("ria", "state_media"), link("peskov", "government")]),
            ("a", 2, []),
            ("a", 3, [link("reuters")]),
            ("b", 0, [link("tokayev", "government")]),
            ("b", 1, [link("reuters"), link("tokayev", "government")])]
    return pd.DataFrame([{"doc_id": d, "sent_id": s, "chain": c, "attributed": bool(c)} for d, s, c in rows])


def test_links_have_depth_origin_and_relay():
    links = chain_links(corpus())
    first = links[(links.doc_id == "a") & (links.sent_id == 0)]
    assert first[["source_id", "depth", "origin", "relay"]].values.tolist() == [
        ["reuters", 0, False, None], ["x:officials", 1, True, "reuters"]]


def test_reliance_per_document_matches_hand_counts():
    rel = reliance(corpus(), REG).set_index(["doc_id", "source_id"])
    assert rel.loc[("a", "reuters"), ["sentences", "share", "proximate", "origin", "first_sent"]].tolist() == \
        [2, 0.5, 2, 1, 0]
    assert rel.loc[("a", "x:officials"), "via"] == ["reuters"]
    assert rel.loc[("a", "peskov"), ["proximate", "origin"]].tolist() == [0, 1]
    assert rel.loc[("b", "tokayev"), ["sentences", "proximate", "origin", "via"]].tolist() == [2, 1, 2, ["reuters"]]
    assert rel.loc[("a", "ria"), "state_affiliated"] is True and rel.loc[("a", "reuters"), "state_affiliated"] is False
    assert rel.loc[("a", "x:officials"), "state_affiliated"] is None


def test_corpus_reliance_adds_documents_and_first_appearance():
    corp = corpus_reliance(corpus(), REG).set_index("source_id")
    assert corp.loc["reuters", ["documents", "sentences", "share", "proximate", "origin", "first_seen"]].tolist() == \
        [2, 3, 0.5, 3, 1, "a:0"]
    assert corp.index[0] == "reuters"  # most sentences first
    by_type = reliance_by_type(corp.reset_index()).set_index("type")
    assert by_type.loc["government", ["sentences", "proximate", "origin"]].tolist() == [3, 1, 3]


def test_empty_corpus_gives_empty_tables():
    empty = corpus().assign(chain=[[]] * 6)
    assert reliance(empty).empty and corpus_reliance(empty).empty
