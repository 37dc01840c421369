"""Incremental runs, replacement, duplicates, the lock, export, and a run killed mid-way.

These run without models (regex sentences), so they test the dataset, not the NLP.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from attrib.dataset import runs as ds
from attrib.pipeline import annotate_corpus
from attrib.errors import AttribError


def _pack(tmp_path: Path) -> str:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "resources.json").write_text("{}")
    return str(pack)


def _corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, "utf-8")
    return folder


def _run(tmp_path: Path, corpus: Path, **kw) -> dict:
    return annotate_corpus(inputs=[str(corpus)], out=tmp_path / "out", models=_pack(tmp_path),
                           progress=False, **kw)


def test_runs_add_only_new_documents_and_replace_changed_ones(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "The minister said nothing.", "b": "Protests went on. Police watched."})
    first = _run(tmp_path, corpus)
    assert (first["added"], first["unchanged"]) == (2, 0)
    again = _run(tmp_path, corpus)
    assert (again["added"], again["unchanged"], again["replaced"]) == (0, 2, 0)
    (corpus / "b.txt").write_text("Protests ended.", "utf-8")
    _corpus(corpus, {"c": "A new article."})
    third = _run(tmp_path, corpus)
    assert (third["added"], third["replaced"], third["unchanged"]) == (1, 1, 1)
    out = tmp_path / "out"
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs.doc_id) == ["a", "b", "c"]  # the latest view: every document once
    sents = pd.read_parquet(out / "sentences")
    assert sents[sents.doc_id == "b"].text.tolist() == ["Protests ended."]
    runs = pd.read_parquet(out / "runs")
    assert runs[["documents_added", "documents_replaced", "documents_unchanged"]].values.tolist() == \
        [[2, 0, 0], [0, 0, 2], [1, 1, 1]]
    oldest = out / "history" / f"run={runs.run_id[0]}" / "sentences"
    assert "Police watched." in pd.read_parquet(oldest).text.tolist()  # old runs stay readable


def test_same_article_twice_is_an_error_row(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "Same text here.", "copy": "Same text here."})
    summary = _run(tmp_path, corpus)
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("doc_id")
    assert summary["failed"] == 1 and docs.loc["copy", "status"] == "error"
    assert "same content as document a" in docs.loc["copy", "error"]


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "Text."})
    with ds.locked(tmp_path / "out"):
        with pytest.raises(AttribError, match="being written by another attrib run .*pid"):
            _run(tmp_path, corpus)
    assert _run(tmp_path, corpus)["added"] == 1


def test_export_since_a_date_writes_one_flat_file(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "One. Two.", "b": ""})
    _run(tmp_path, corpus)
    summary = ds.export_changes(tmp_path / "out", "2000-01-01", tmp_path / "changes.parquet")
    flat = pd.read_parquet(tmp_path / "changes.parquet")
    assert summary["documents"] == 2 and len(flat) == 3  # two sentences of a, one error row for b
    assert set(flat.columns) >= {"doc_id", "run_id", "status", "published", "sent_id", "text", "chain"}
    none = ds.export_changes(tmp_path / "out", "2999-01-01", tmp_path / "none.parquet")
    assert none["documents"] == 0 and pd.read_parquet(tmp_path / "none.parquet").empty


def test_a_killed_run_leaves_a_readable_dataset_and_the_next_run_completes_it(tmp_path: Path):
    texts = {f"doc{i:04d}": f"Article {i} begins. The agency said {i} people came. It ended." for i in range(1500)}
    corpus = _corpus(tmp_path / "in", texts)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "attrib.cli", "annotate", str(corpus), "--out", str(out),
           "--models", _pack(tmp_path), "--quiet", "--chunk-size", "10"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("history/run=*/documents/chunk-*.parquet"))) < 3:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    state = json.loads(next(out.glob("history/run=*/run.json")).read_text())
    if state["status"] == "complete":
        pytest.skip("the run finished before it could be killed; nothing to resume")
    assert pd.read_parquet(out / "sentences").empty  # nothing published yet, but it reads
    summary = _run(tmp_path, corpus)
    assert summary["done"] >= 30 and summary["done"] + summary["added"] == len(texts)
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == len(texts) and docs.doc_id.is_unique  # nothing lost, nothing twice
    sents = pd.read_parquet(out / "sentences")
    assert len(sents) == 3 * len(texts) and not sents.duplicated(["doc_id", "sent_id"]).any()
    assert len(pd.read_parquet(out / "runs")) == 1  # the resumed run, completed


def test_bad_input_never_stops_the_run_and_every_document_says_what_was_wrong(tmp_path: Path, monkeypatch):
    import attrib.inputs.reader

    monkeypatch.setattr(attrib.inputs.reader, "MAX_CHARS", 100_000)
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "empty.txt").write_text("")
    (corpus / "legacy.txt").write_bytes("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.".encode("cp1253"))
    (corpus / "nul.txt").write_text("The minister\x00 said nothing.")
    (corpus / "page.txt").write_text("<html><body><p>The mayor said &quot;no&quot;.</p><script>x()</script>"
                                     "<p>Police left.</p></body></html>")
    (corpus / "huge.txt").write_text("Word " * 30_000)
    (corpus / "run-on.txt").write_text(("word " * 4_000).strip() + ".")
    (corpus / "twice.txt").write_bytes((corpus / "legacy.txt").read_bytes())
    (corpus / "secret.txt").write_text("hidden")
    (corpus / "secret.txt").chmod(0)
    summary = annotate_corpus(inputs=[str(corpus)], out=tmp_path / "out", models=_pack(tmp_path), progress=False)
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("doc_id")
    assert summary["documents"] == len(docs) == 9  # a path that does not exist stops the run first (test_usage)
    errors = docs[docs.status == "error"].error.to_dict()
    assert "binary" in errors["binary"] and "empty" in errors["empty"] and "too long" in errors["huge"]
    assert "same content as document legacy" in errors["twice"]
    if os.geteuid() != 0:  # root reads any file
        assert "cannot read" in errors["secret"]
    assert docs.loc["legacy", "encoding"] in ("cp1253", "iso-8859-7") and docs.loc["legacy", "status"] == "ok"
    assert any("NUL" in w for w in docs.loc["nul", "warnings"])
    assert any("HTML" in w for w in docs.loc["page", "warnings"])
    sents = pd.read_parquet(tmp_path / "out" / "sentences")
    assert sents[sents.doc_id == "page"].text.tolist() == ['The mayor said "no".', "Police left."]
    assert docs.loc["run-on", "status"] == "ok"


def test_two_workers_write_the_same_tables_as_one(tmp_path: Path):
    texts = {f"d{i:02d}": f"Report {i}. The ministry said {i} people were detained." for i in range(12)}
    corpus = _corpus(tmp_path / "in", texts)
    tables = {}
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        annotate_corpus(inputs=[str(corpus)], out=out, models=_pack(tmp_path), progress=False, workers=workers,
                        chunk_size=5)
        tables[workers] = {name: pd.read_parquet(out / name) for name in ("sentences", "attributions", "documents")}
    for name in ("sentences", "attributions", "documents"):
        pd.testing.assert_frame_equal(tables[1][name], tables[2][name])


def test_chunks_close_by_characters_and_change_no_row(tmp_path: Path):
    texts = {f"d{i:02d}": f"Report {i}. The ministry said {i} people were detained." for i in range(12)}
    corpus = _corpus(tmp_path / "in", texts)
    tables = {}
    for chars in (110, 100_000):  # 51-53 characters each: two per chunk, or all in one
        out = tmp_path / f"out{chars}"
        annotate_corpus(inputs=[str(corpus)], out=out, models=_pack(tmp_path), progress=False, chunk_chars=chars)
        parts = list((out / "history").glob("run=*/documents/chunk-*.parquet"))
        assert len(parts) == (6 if chars == 110 else 1)
        tables[chars] = {name: pd.read_parquet(out / name) for name in ("sentences", "documents")}
    for name in ("sentences", "documents"):
        pd.testing.assert_frame_equal(tables[110][name], tables[100_000][name])


def test_a_chunk_limit_below_one_is_refused_with_what_to_do(tmp_path: Path, capsys):
    from attrib.cli import main

    corpus = _corpus(tmp_path / "in", {"a": "One sentence."})
    assert main(["annotate", str(corpus), "--out", str(tmp_path / "out"), "--chunk-chars", "0", "--quiet"]) == 2
    assert "give positive numbers" in capsys.readouterr().err and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_dask_engine_writes_the_same_tables_as_the_local_one(tmp_path: Path):
    pytest.importorskip("dask.distributed")
    texts = {f"d{i:02d}": f"Report {i}. The ministry said {i} people were detained." for i in range(12)}
    texts["copy"] = texts["d03"]
    corpus = _corpus(tmp_path / "in", texts)
    tables = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        summary = annotate_corpus(inputs=[str(corpus)], out=out, models=_pack(tmp_path), progress=False,
                                  engine=engine, workers=2, chunk_size=5)
        assert (summary["added"], summary["failed"]) == (12, 1)
        tables[engine] = {name: pd.read_parquet(out / name) for name in ("sentences", "attributions", "documents")}
        assert len(list((out / "history").glob("run=*/documents/chunk-*.parquet"))) == 3
    for name in tables["local"]:
        pd.testing.assert_frame_equal(tables["local"][name], tables["dask"][name])


def test_refresh_annotates_unchanged_documents_again(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "One. Two.", "b": "Three."})
    _run(tmp_path, corpus)
    again = _run(tmp_path, corpus, refresh=True)
    assert (again["replaced"], again["unchanged"]) == (2, 0)
    sents = pd.read_parquet(tmp_path / "out" / "sentences")
    assert len(sents) == 3 and not sents.duplicated(["doc_id", "sent_id"]).any()


def test_runs_record_start_and_end_as_utc_timestamps(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "One. Two."})
    before = pd.Timestamp.now(tz="UTC").floor("s")
    _run(tmp_path, corpus)
    runs = pd.read_parquet(tmp_path / "out" / "runs")
    assert str(runs.started.dtype) == "datetime64[us, UTC]" and str(runs.finished.dtype) == "datetime64[us, UTC]"
    assert before <= runs.started[0] <= runs.finished[0] <= pd.Timestamp.now(tz="UTC")


def _as_older_attrib_wrote_it(out: Path) -> None:
    """Rewrite the runs table with started/finished as ISO strings (attrib before timestamps),
    the runs moved a day back."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(out / "runs" / "part-0.parquet")
    for name in ("started", "finished"):
        texts = [(t - dt.timedelta(days=1)).replace(microsecond=0).isoformat() for t in table[name].to_pylist()]
        table = table.set_column(table.schema.get_field_index(name), name, pa.array(texts, pa.string()))
    pq.write_table(table, out / "runs" / "part-0.parquet")


def test_a_dataset_whose_runs_hold_iso_strings_still_exports_and_grows(tmp_path: Path):
    corpus = _corpus(tmp_path / "in", {"a": "One. Two."})
    _run(tmp_path, corpus)
    out = tmp_path / "out"
    _as_older_attrib_wrote_it(out)
    old = pd.read_parquet(out / "runs")
    assert isinstance(old.started[0], str)  # as an older attrib left them
    assert ds.export_changes(out, "2000-01-01T00:00+01:00", tmp_path / "x.parquet")["documents"] == 1
    _corpus(corpus, {"b": "Three."})
    assert _run(tmp_path, corpus)["added"] == 1
    runs = pd.read_parquet(out / "runs")
    assert str(runs.started.dtype) == "datetime64[us, UTC]" and len(runs) == 2
    assert runs.started[0] == pd.Timestamp(old.started[0])  # the old run's moment, kept
    since = runs.started[1].isoformat()
    assert ds.export_changes(out, since, tmp_path / "y.parquet")["documents"] == 1  # only the new run's


def _documents(tmp_path: Path) -> pd.DataFrame:
    return pd.read_parquet(tmp_path / "out" / "documents").set_index("doc_id").sort_index()


def test_a_broken_line_costs_one_row_and_the_fixed_line_replaces_its_error_row(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = ['{"id": "n1", "text": "Police said the road would reopen. It did."}',
             '{"id": "n2", "text": "The mayor said',
             '{"id": "n3", "text": "The council said the vote was postponed."}']
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = _run(tmp_path, corpus)
    docs = _documents(tmp_path)
    assert (first["added"], first["failed"]) == (2, 1) and list(docs.index) == ["feed:1", "n1", "n3"]
    assert docs.loc["feed:1", "status"] == "error" and "line 2 of" in docs.loc["feed:1", "error"]
    sents = pd.read_parquet(tmp_path / "out" / "sentences")
    assert sorted(set(sents.doc_id)) == ["n1", "n3"]  # every good line annotated
    assert _run(tmp_path, corpus)["failed"] == 1 and "feed:1" in _documents(tmp_path).index  # still broken: kept
    lines[1] = '{"id": "n2", "text": "The mayor said the bridge would open in May."}'
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fixed = _run(tmp_path, corpus)
    docs = _documents(tmp_path)
    assert (fixed["added"], fixed["unchanged"], fixed["failed"]) == (1, 2, 0)
    assert list(docs.index) == ["n1", "n2", "n3"] and set(docs.status) == {"ok"}  # no phantom error row


def test_a_table_unreadable_as_a_whole_gives_way_to_its_rows_once_fixed(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "stories.json").write_text('[{"stories_id": 11, "text": "Officials said schools would close."},',
                                         encoding="utf-8")
    (corpus / "other.txt").write_text("Unrelated text.", encoding="utf-8")
    _run(tmp_path, corpus)
    assert _documents(tmp_path).loc["stories", "status"] == "error"
    (corpus / "stories.json").write_text('[{"stories_id": 11, "text": "Officials said schools would close."}, '
                                         '{"stories_id": 12, "text": "Storm warning for the coast."}]')
    _run(tmp_path, corpus)
    docs = _documents(tmp_path)
    assert list(docs.index) == ["11", "12", "other"] and set(docs.status) == {"ok"}


def test_a_greek_excel_csv_says_its_encoding_in_documents(tmp_path: Path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = "Ο υπουργός δήλωσε ότι η κυβέρνηση θα στηρίξει τα νοικοκυριά. Άλλαξε όμως την πολιτική της."
    (corpus / "kathimerini.csv").write_bytes(f'id;text\r\nk1;"{text}"\r\n'.encode("cp1253"))
    _run(tmp_path, corpus)
    assert _documents(tmp_path).loc["k1", ["status", "encoding"]].tolist() == ["ok", "cp1253"]


def test_retiring_drops_only_error_rows_of_files_read_again_that_did_not_recur(tmp_path: Path, monkeypatch):
    from types import SimpleNamespace as Doc

    run = ds.new_run({})
    errors = {"t:1": "in/t.jsonl#1", "t": "in/t.jsonl", "gone": "in/gone.txt", "t:2": "in/t.jsonl#2"}
    monkeypatch.setattr(ds, "known_errors", lambda root: errors)
    docs = [Doc(doc_id="x", source="in/t.jsonl#1"), Doc(doc_id="t:2", source="in/t.jsonl#2")]
    assert [d.doc_id for d in ds.retiring(iter(docs), tmp_path, run)] == ["x", "t:2"]
    assert run.retired == ["t", "t:1"]  # gone.txt was not read; t:2 came back under its id
    assert ds.source_file("in/t.jsonl#12") == "in/t.jsonl" and ds.source_file("in/a#b.txt") == "in/a#b.txt"
