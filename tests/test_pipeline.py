"""attrib annotate end to end without models: structure, posts, error rows, Parquet output."""

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from attrib.options import RunOptions
from attrib.pipeline import annotate, annotate_corpus
from attrib.dataset.schema import SCHEMA_VERSION, TABLES
from tests.conftest import ARTICLE, _empty_pack


def test_corpus_tables_keep_every_document(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, "utf-8")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    summary = annotate_corpus(inputs=[str(corpus)], out=out, models=_empty_pack(tmp_path), progress=False)
    assert summary["documents"] == 3 and summary["added"] == 1 and summary["failed"] == 2
    docs = pd.read_parquet(out / "documents").set_index("doc_id")
    assert docs.loc["good", "published"] == pd.Timestamp("2023-03-14", tz="UTC") and docs.loc["good", "lang"] == "hu"
    assert docs.loc["good", "published_text"] == "2023-03-14"
    assert "binary" in docs.loc["binary", "error"] and "empty" in docs.loc["empty", "error"]
    assert any("no hu parser" in w for w in docs.loc["good", "warnings"])
    sents = pd.read_parquet(out / "sentences")
    assert list(sents.columns) == TABLES["sentences"].names
    post = sents[sents.is_tweet].iloc[0]
    assert post.tweet_handle == "telex_en" and post.attributed and post.quote == "direct"
    assert post.chain[0]["source_id"] == "@telex_en" and post.chain[0]["type"] == "social_media"
    assert sents.loc[0, "text"] == "A kormány új intézkedéseket jelentett be."
    assert ARTICLE[sents.loc[1, "start"]:sents.loc[1, "end"]] == "Az ellenzék tiltakozott."
    links = pd.read_parquet(out / "attributions")
    assert links[["sent_id", "depth", "source_id"]].values.tolist() == [[2, 0, "@telex_en"]]
    assert pd.read_parquet(out / "framing").empty  # "tiltakozott" (protested) is not "tiltakozó" (protester)


def test_files_carry_provenance(tmp_path: Path):
    out = tmp_path / "out"
    annotate_corpus(inputs=[str(_write(tmp_path))], out=out, models=_empty_pack(tmp_path), progress=False)
    [part] = (out / "sentences").glob("part-*.parquet")  # one part per run
    meta = json.loads(pq.read_schema(part).metadata[b"attrib"])
    assert meta["schema_version"] == SCHEMA_VERSION and meta["table"] == "sentences"
    assert set(meta["codebooks"]) >= {"el", "hu", "en"} and meta["registry_sha256"]


def test_library_call_returns_dataframes(tmp_path: Path):
    frame = pd.DataFrame([{"id": "a1", "text": ARTICLE, "outlet": "Telex"}, {"id": "a2", "text": None}])
    result = annotate(frame, models=_empty_pack(tmp_path))
    assert result.documents.set_index("doc_id").loc["a1", "outlet"] == "Telex"
    assert result.documents.set_index("doc_id").loc["a2", "status"] == "error"
    assert len(result.sentences) == 3


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "one.txt"
    path.write_text(ARTICLE, "utf-8")
    return path


@pytest.mark.model
def test_a_long_paragraph_without_punctuation_is_parsed_in_pieces(tmp_path: Path):
    from tests.conftest import PACK, need_models

    need_models("el")
    (tmp_path / "in").mkdir()
    text = " ".join(["η αστυνομία συνέλαβε διαδηλωτές"] * 700)
    (tmp_path / "in" / "long.txt").write_text(text, "utf-8")
    summary = annotate_corpus(inputs=[str(tmp_path / "in")], out=tmp_path / "out", models=str(PACK), progress=False)
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert summary["added"] == 1 and docs.status.tolist() == ["ok"]
    assert any("parsed in pieces" in w for w in docs.warnings[0])
    sents = pd.read_parquet(tmp_path / "out" / "sentences")
    assert sents.end.max() == len(text) and sents.start.is_monotonic_increasing and len(sents) >= 5


def test_the_progress_counts_finished_documents_against_the_documents_given(tmp_path):
    from collections import Counter

    from attrib.pipeline import _advance, _sized

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("x", encoding="utf-8")
    (tmp_path / "rows.csv").write_text("id,text\nr1,One.\nr2,Two.\n", encoding="utf-8")
    bar, options = _sized([str(tmp_path)], RunOptions(workers=None), {})
    assert bar.total == 4 and bar.done == 0  # two files and two table rows
    assert options.workers == 1  # four documents: one process
    _advance(bar, Counter(documents=4, added=1))  # read ahead of the annotation: not finished
    assert bar.done == 1
    _advance(bar, Counter(documents=4, added=2, failed=1, unchanged=1), close=True)
    assert bar.done == 4
    assert _sized([str(tmp_path)], RunOptions(progress=False), {}) == (None, RunOptions(progress=False))
