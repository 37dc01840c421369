"""Every command checks what it was given before it writes: models that are not there,
a --since that is not a date, a report folder inside the dataset stop with exit 2 and
nothing written; long runs show their progress on stderr.

These run without the model pack (an empty pack splits sentences without parsing).
"""

import json
from pathlib import Path

import pandas as pd
import pytest

from attrib import cli
from attrib import progress as pg

ARTICLES = {
    "strike": "Dock workers in Piraeus stopped work on Monday. The union said the strike would go on.",
    "budget": "The finance ministry published its draft budget. Analysts called it cautious.",
}


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    return code, capsys.readouterr()


def files_under(folder: Path) -> dict[str, int]:
    """Every file under a folder with its size: what a command must leave as it was."""
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def empty_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "resources.json").write_text("{}")
    return pack


@pytest.fixture
def dataset(tmp_path: Path, corpus: Path, empty_pack: Path, capsys) -> Path:
    out = tmp_path / "annotations"
    code, _ = run(capsys, "annotate", corpus, "--out", out, "--models", empty_pack, "--quiet")
    assert code == 0
    return out


def test_annotate_with_models_that_are_not_there_stops_as_parse_does(tmp_path, corpus, capsys):
    missing = tmp_path / "nonexistent"
    code, annotate = run(capsys, "annotate", corpus, "--out", tmp_path / "ann", "--models", missing)
    assert code == 2 and not (tmp_path / "ann").exists()
    code, parse = run(capsys, "parse", corpus, "--out", tmp_path / "parsed", "--models", missing)
    assert code == 2 and not (tmp_path / "parsed").exists()
    assert annotate.err == parse.err and annotate.err.count("\n") == 1
    assert f"no model pack at {missing}" in annotate.err and "--models" in annotate.err
    assert "Traceback" not in annotate.err and annotate.out == ""


def test_a_pack_that_names_a_model_it_does_not_hold_stops_before_anything_is_written(tmp_path, corpus, capsys):
    pack = tmp_path / "half-built"
    pack.mkdir()
    entry = {"default_processors": {"tokenize": "ewt", "pos": "ewt", "lemma": "ewt", "depparse": "ewt"}}
    (pack / "resources.json").write_text(json.dumps({"en": entry}))
    for argv in (("annotate", corpus, "--out", tmp_path / "ann"), ("parse", corpus, "--out", tmp_path / "parsed")):
        code, printed = run(capsys, *argv, "--models", pack)
        assert code == 2, argv
        assert "the en tokenize model is missing" in printed.err and "attrib models build --lang en" in printed.err
    assert not (tmp_path / "ann").exists() and not (tmp_path / "parsed").exists()


def test_eval_with_models_that_are_not_there_stops_before_scoring(tmp_path, capsys):
    gold = tmp_path / "gold.yaml"
    gold.write_text("documents:\n- doc_id: d1\n  lang: en\n  text: The mayor said the bridge will reopen.\n"
                    "  sentences:\n  - text: The mayor said the bridge will reopen.\n    chain: [mayor]\n",
                    encoding="utf-8")
    code, printed = run(capsys, "eval", gold, "--models", tmp_path / "nonexistent", "--out", tmp_path / "eval")
    assert code == 2 and "no model pack at" in printed.err and not (tmp_path / "eval").exists()


@pytest.mark.parametrize("since", ["2000-01-01", "2000-01", "20000101", "2000-01-01T00:00", "2000-01-01 08:30:15",
                                   "2000-01-01T00:00:00Z", "2000-01-01T00:00+02:00"])
def test_export_takes_iso_dates_and_date_times(tmp_path, dataset, capsys, since):
    code, printed = run(capsys, "export", dataset, "--since", since, "--out", tmp_path / "changes.parquet")
    assert code == 0 and "exported 2 documents" in printed.out
    assert set(pd.read_parquet(tmp_path / "changes.parquet").doc_id) == set(ARTICLES)


def test_export_compares_moments_not_strings(tmp_path, dataset, capsys):
    started = pd.read_parquet(dataset / "runs").started[0]
    same_moment_elsewhere = started.tz_convert("Asia/Tokyo").isoformat()  # +09:00: later as a string
    code, printed = run(capsys, "export", dataset, "--since", same_moment_elsewhere, "--out", tmp_path / "a.parquet")
    assert code == 0 and "exported 2 documents" in printed.out
    a_second_later = (started + pd.Timedelta(seconds=1)).tz_convert("America/New_York").isoformat()
    code, printed = run(capsys, "export", dataset, "--since", a_second_later, "--out", tmp_path / "b.parquet")
    assert code == 0 and "exported 0 documents" in printed.out and pd.read_parquet(tmp_path / "b.parquet").empty


@pytest.mark.parametrize("since", ["foo", "01/11/2026", "2026-13-01", "yesterday", ""])
def test_export_stops_on_anything_that_is_not_an_iso_date(tmp_path, dataset, capsys, since):
    before = files_under(dataset)
    code, printed = run(capsys, "export", dataset, "--since", since, "--out", tmp_path / "changes.parquet")
    assert code == 2 and "is not an ISO 8601 date or time" in printed.err and "2026-11-01T08:30" in printed.err
    assert not (tmp_path / "changes.parquet").exists() and files_under(dataset) == before


def test_export_help_names_the_formats_it_takes():
    export = cli.build_parser()._subparsers._group_actions[0].choices["export"].format_help()
    assert "ISO 8601" in " ".join(export.split()) and "+02:00" in export


@pytest.mark.parametrize("inside", [".", "report", "sentences/report", "history/deep/report"])
def test_a_report_inside_the_dataset_stops_and_writes_nothing(dataset, capsys, inside):
    before = files_under(dataset)
    code, printed = run(capsys, "report", dataset, "--out", dataset / inside)
    assert code == 2 and "inside the dataset" in printed.err and "--out" in printed.err
    assert files_under(dataset) == before and not (dataset / "report").exists()


def test_a_report_beside_the_dataset_is_fine(tmp_path, dataset, capsys):
    code, printed = run(capsys, "report", dataset, "--out", tmp_path / "annotations-report")
    assert code == 0 and (tmp_path / "annotations-report" / "report.html").is_file()


def test_annotate_shows_progress_once_a_run_is_long_and_not_when_quiet(tmp_path, corpus, empty_pack, capsys,
                                                                        monkeypatch):
    monkeypatch.setattr(pg, "DELAY", 0.0)  # every run counts as long
    code, printed = run(capsys, "annotate", corpus, "--out", tmp_path / "a", "--models", empty_pack)
    assert code == 0 and printed.err.splitlines()[-1].startswith("annotating: 2/2 documents (100%)")
    code, printed = run(capsys, "annotate", corpus, "--out", tmp_path / "b", "--models", empty_pack, "--quiet")
    assert code == 0 and printed.err == ""


def test_a_short_run_shows_no_progress(tmp_path, corpus, empty_pack, capsys):
    code, printed = run(capsys, "annotate", corpus, "--out", tmp_path / "a", "--models", empty_pack)
    assert code == 0 and printed.err == ""


def test_parse_and_eval_show_documents_done_of_their_total(tmp_path, corpus, empty_pack, capsys, monkeypatch):
    monkeypatch.setattr(pg, "DELAY", 0.0)
    code, printed = run(capsys, "parse", corpus, "--out", tmp_path / "parsed", "--models", empty_pack)
    assert code == 0 and printed.err.splitlines()[-1].startswith("parsing: 2/2 documents (100%)")
    gold = tmp_path / "gold.yaml"
    docs = "".join(f"- doc_id: {name}\n  lang: en\n  text: {text}\n  sentences:\n  - text: {text.split('. ')[0]}.\n"
                   "    chain: []\n" for name, text in ARTICLES.items())
    gold.write_text(f"documents:\n{docs}", encoding="utf-8")
    code, printed = run(capsys, "eval", gold, "--models", empty_pack, "--out", tmp_path / "eval",
                        "--attribution", "rules", "default")
    assert code == 0 and (tmp_path / "eval" / "accuracy.md").is_file()
    assert printed.err.splitlines()[-1].startswith("evaluating: 4/4 documents (100%)")  # 2 documents, 2 modes
    code, printed = run(capsys, "eval", gold, "--models", empty_pack, "--out", tmp_path / "eval", "--quiet")
    assert code == 0 and printed.err == ""
