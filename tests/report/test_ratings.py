"""Credibility ratings: the three formats, the join through the registry, weighted reliance."""

from pathlib import Path

import pandas as pd
import pytest

from attrib.errors import ConfigError
from attrib.attribution.registry import load_registry
from attrib.report.ratings import (
    domain_of,
    handle_of,
    join_ratings,
    read_ratings,
    weighted_reliance,
)

REG = load_registry()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_formats_are_told_apart_by_their_header(tmp_path: Path):
    pc1 = read_ratings(_write(tmp_path, "pc1.csv", "domain,pc1\nreuters.com,1\nwww.rt.com,0.29\n"))
    mbfc = read_ratings(_write(tmp_path, "mbfc.csv", "page,domain,factual_reporting,credibility_rating,bias_rating\n"
                                                     "RT,rt.com,VERY LOW,LOW CREDIBILITY,RIGHT-CENTER\n"))
    smm = read_ratings(_write(tmp_path, "smm.csv", "Country,URL,Typology,Twitter Link\n"
                                                   "Russia,https://www.rt.com/,SC,https://twitter.com/RT_com\n"))
    assert pc1.set_index("domain")["pc1"].to_dict() == {"reuters.com": 1.0, "rt.com": 0.29}
    assert mbfc.iloc[0].to_dict()["mbfc_factual"] == "VERY LOW"
    assert smm.iloc[0][["domain", "handle", "smm_typology"]].tolist() == ["rt.com", "rt_com", "SC"]
    with pytest.raises(ConfigError, match="unknown ratings format"):
        read_ratings(_write(tmp_path, "other.csv", "name,score\nx,1\n"))


def test_url_and_handle_helpers():
    assert domain_of("https://www.BBC.co.uk/news") == "bbc.co.uk" and domain_of("") is None
    assert handle_of("https://x.com/@NetBlocks") == "netblocks" and handle_of(None) is None


def test_join_by_domain_handle_and_registered_domain(tmp_path: Path):
    ratings = [read_ratings(_write(tmp_path, "pc1.csv", "domain,pc1\nreuters.com,1\nrt.com,0.3\n")),
               read_ratings(_write(tmp_path, "smm.csv", "URL,Typology,Twitter Link\nhttps://rt.com,SC,"
                                                        "https://twitter.com/RT_com\n"))]
    table = pd.DataFrame({"source_id": ["reuters", "@RT_com", "x:unknown"]})
    joined = join_ratings(table, ratings, REG).set_index("source_id")
    assert joined.loc["reuters", "pc1"] == 1.0
    assert joined.loc["@RT_com", ["pc1", "smm_typology"]].tolist() == [0.3, "SC"]  # handle -> registry -> domain
    assert pd.isna(joined.loc["x:unknown", "pc1"])  # unmatched sources stay, unrated


def test_weighted_reliance_by_hand():
    rel = pd.DataFrame({"doc_id": ["a", "a", "a", "a"], "source_id": ["reuters", "rt", "x:witness", "kz-mvd"],
                        "type": ["wire_agency", "state_media", "eyewitness", "government"],
                        "sentences": [3, 1, 2, 2], "pc1": [1.0, 0.2, None, None],
                        "state_affiliated": [False, True, None, True]})
    docs = pd.DataFrame({"doc_id": ["a", "b"], "n_sentences": [10, 4], "n_attributed": [6, 0]})
    out = weighted_reliance(rel, docs).set_index("doc_id")
    assert out.loc["a", "credibility_weighted"] == round((3 * 1.0 + 1 * 0.2) / 4, 3)
    assert out.loc["a", "rated_share"] == round(4 / 8, 3)
    assert out.loc["a", ["state_media_share", "government_share", "other_state_affiliated_share"]].tolist() == [
        0.125, 0.25, 0.0]  # state media and government apart, not one "state affiliated" share
    assert out.loc["b", "state_media_share"] == 0.0
    assert pd.isna(out.loc["b", "credibility_weighted"])
