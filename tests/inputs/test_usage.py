"""Bad usage stops with one line, exit code 2 and nothing written; the CLI speaks to users."""

from pathlib import Path

import pandas as pd
import pytest

from attrib import annotate, cli
from attrib.errors import UsageError
from attrib.inputs.usage import check_inputs, check_table


def run(capsys, *argv):
    code = cli.main(list(argv))
    return code, capsys.readouterr()


def test_a_missing_input_or_an_empty_glob_stops_before_the_dataset_is_touched(tmp_path, capsys):
    out = tmp_path / "out"
    code, printed = run(capsys, "annotate", str(tmp_path / "nosuchdir"), "--out", str(out))
    assert code == 2 and "does not exist" in printed.err and not out.exists()
    code, printed = run(capsys, "annotate", str(tmp_path / "*.txt"), "--out", str(out))
    assert code == 2 and "matches no file" in printed.err and not out.exists()
    (tmp_path / "empty").mkdir()
    code, printed = run(capsys, "annotate", str(tmp_path / "empty"), "--out", str(out))
    assert code == 2 and "holds no .txt" in printed.err and not out.exists()
    assert "Traceback" not in printed.err and printed.err.count("\n") == 1


def test_an_output_that_is_a_file_stops_annotate_parse_and_report(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Η κυβέρνηση ανακοίνωσε μέτρα.", encoding="utf-8")
    taken = tmp_path / "taken"
    taken.write_text("keep me")
    for argv in (("annotate", str(article)), ("parse", str(article))):
        code, printed = run(capsys, *argv, "--out", str(taken))
        assert code == 2 and "is a file, not a folder" in printed.err, argv
    dataset = tmp_path / "ds"
    (dataset / "sentences").mkdir(parents=True)
    (dataset / "documents").mkdir()
    code, printed = run(capsys, "report", str(dataset), "--out", str(taken))
    assert code == 2 and "is a file, not a folder" in printed.err
    assert taken.read_text() == "keep me"


def test_report_on_a_folder_of_texts_says_to_annotate_it_elsewhere(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    code, printed = run(capsys, "report", str(tmp_path), "--out", str(tmp_path / "rep"))
    assert code == 2 and "holds input texts" in printed.err
    assert f"--out {tmp_path}`" not in printed.err  # never suggests writing into the input folder
    assert not (tmp_path / "rep").exists()


def test_a_table_without_a_text_column_is_named_with_its_columns(tmp_path, capsys):
    table = tmp_path / "corpus.csv"
    table.write_text("id,body\n1,Hello\n", encoding="utf-8")
    code, printed = run(capsys, "annotate", str(table), "--out", str(tmp_path / "out"))
    assert code == 2 and "no 'text' column" in printed.err and "'body'" in printed.err
    assert not (tmp_path / "out").exists()
    lines = tmp_path / "corpus.jsonl"
    lines.write_text('{"id": 1, "body": "x"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="no 'text' column"):
        check_table(lines)
    good = tmp_path / "good.csv"
    good.write_text("text\nHello\n", encoding="utf-8")
    check_inputs([str(good)])  # an id column is optional


def test_a_run_in_which_every_document_failed_exits_non_zero(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "blank.txt").write_text("   \n", encoding="utf-8")
    code, printed = run(capsys, "annotate", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 1 and "every document failed" in printed.err
    assert "read 1 document:" in printed.out and "0 sentences" in printed.out


def test_a_dataframe_without_id_gets_row_ids_and_one_without_text_is_refused():
    with pytest.raises(UsageError, match="no 'text' column.*'body'"):
        annotate(pd.DataFrame({"body": ["x"]}))
    tables = annotate(pd.DataFrame({"text": ["   "]}))
    assert list(tables.documents["doc_id"]) == ["doc0"]


def test_version_and_help_speak_to_users(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("attrib ")
    parser = cli.build_parser()
    top = parser.format_help()
    assert "reporting chain" in top and top.count("attrib annotate") + top.count("attrib report") >= 2
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert "example:" in command.format_help().rsplit("\n\n", 1)[-1], name
    assert cli.plural(1, "document") == "1 document" and cli.plural(2, "document") == "2 documents"


def test_articles_in_languages_attrib_does_not_know_are_kept_labelled_and_warned_about(tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "de.txt").write_text("Die Regierung hat neue Hilfen angekündigt. Dr. Müller sagte, es reiche nicht.\n\n"
                                   "Die Opposition kritisierte den Plan als unzureichend.", encoding="utf-8")
    (corpus / "ru.txt").write_text("Президент заявил, что порядок в стране восстановлен.", encoding="utf-8")
    code, printed = run(capsys, "annotate", str(corpus), "--out", str(tmp_path / "out"), "--quiet")
    assert code == 0 and "paragraphs by language: de 2, ru 1" in printed.out
    docs = pd.read_parquet(tmp_path / "out" / "documents").set_index("doc_id")
    assert docs.loc["de", "lang"] == "de" and docs.loc["ru", "lang"] == "ru"
    assert "2 paragraph(s) in de, a language attrib has no codebook" in docs.loc["de", "warnings"][0]
    sents = pd.read_parquet(tmp_path / "out" / "sentences")
    german = sents[sents.doc_id == "de"]
    assert len(german) == 3 and not german.attributed.any()  # 'Dr.' does not end a sentence


def test_input_suffixes_are_read_whatever_their_case(tmp_path):
    from attrib.languages.codebook import load_codebooks
    from attrib.inputs.reader import read_corpus
    from attrib.inputs.usage import folder_files, input_suffix

    assert [input_suffix(Path(n)) for n in ("a.HTML", "b.Warc.GZ", "c.CSV", "d.doc")] == [".html", ".warc.gz", ".csv", ""]
    (tmp_path / "page.HTM").write_text("<html><head><title>Floods in Patras</title></head><body><article>"
                                       "<p>The mayor said the roads would reopen on Monday, after the water had gone down.</p>"
                                       "<p>Residents said they had been warned too late, and several shops were flooded.</p>"
                                       "</article></body></html>", "utf-8")
    (tmp_path / "rows.CSV").write_text("id;text\nr1;The minister said so.\n", "utf-8")
    (tmp_path / "notes.doc").write_text("not an input", "utf-8")
    assert [p.name for p in folder_files(tmp_path)] == ["page.HTM", "rows.CSV"]
    docs = list(read_corpus([str(tmp_path)], load_codebooks()))
    assert [d.doc_id for d in docs] == ["page", "r1"] and all(d.ok for d in docs)
    assert "<p>" not in docs[0].text and docs[0].meta.get("title") == "Floods in Patras"
