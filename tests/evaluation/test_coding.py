"""The sample -> code -> eval round trip: ``attrib sample`` draws a stratified coding sheet,
``attrib eval coding.csv`` scores attrib against the coder (numbers checked by hand)."""

from pathlib import Path

import pandas as pd
import pytest

from attrib import cli
from attrib.evaluation.coding import SHEET_COLUMNS, allocate, draw_sample
from attrib.evaluation.coding_eval import names_key, score_coding, wilson
from attrib.errors import UsageError
from attrib.dataset.store import table_from_rows, write_part

PROVENANCE = {"test": "hand-made"}


def link(name: str) -> dict:
    return {"source_id": name.lower(), "name": name, "type": "unknown", "surface": name, "cue": "say",
            "resolution": "explicit"}


# (doc_id, lang, [(text, chain names or None, kind)]): el 10 sentences (4 attributed), hu 8 (3), en 10 (1)
DOCS = [
    ("el1", "el", [("Επεισόδια στην Αθήνα", None, "headline"),
                   ("Σύμφωνα με το Reuters, οκτώ αστυνομικοί τραυματίστηκαν.", ["Reuters"], "paragraph"),
                   ("Η πορεία ξεκίνησε το μεσημέρι.", None, "paragraph"),
                   ("Το ΑΠΕ, επικαλούμενο αξιωματούχους, μετέδωσε ότι έγιναν συλλήψεις.", ["ΑΠΕ", "αξιωματούχοι"],
                    "paragraph"),
                   ("Οι δρόμοι έκλεισαν για ώρες.", None, "paragraph")]),
    ("el2", "el", [("Ο Πεσκόφ δήλωσε ότι η κατάσταση είναι υπό έλεγχο.", ["Πεσκόφ"], "paragraph"),
                   ("Η κυβέρνηση συνεδρίασε το βράδυ.", None, "paragraph"),
                   ("Όπως μετέδωσε το RIA, ο Πεσκόφ είπε ότι δεν υπάρχει κίνδυνος.", ["RIA", "Πεσκόφ"], "paragraph"),
                   ("Τα καταστήματα άνοιξαν ξανά.", None, "paragraph"),
                   ("Η κίνηση επανήλθε στο κέντρο.", None, "paragraph")]),
    ("hu1", "hu", [("Tüntetés Budapesten", None, "headline"),
                   ("Orbán Viktor azt mondta, hogy a helyzet nyugodt.", ["Orbán"], "paragraph"),
                   ("A rendőrség lezárta a hidat.", None, "paragraph"),
                   ("Az MTI szerint a rendőrök azt közölték, hogy senki sem sérült meg.", ["MTI", "rendőrök"],
                    "paragraph"),
                   ("A tömeg estére feloszlott.", None, "paragraph"),
                   ("Szűcs András elmondta, hogy újabb tüntetés lesz.", ["Szűcs"], "paragraph"),
                   ("A villamosok ismét járnak.", None, "paragraph"),
                   ("A belváros csendes.", None, "paragraph")]),
    ("en1", "en", [("Protests in the capital", None, "headline"),
                   ("Reuters, citing officials, said two people were hurt.", ["Reuters", "officials"], "paragraph"),
                   *((f"Shops on street {i} stayed closed.", None, "paragraph") for i in range(2, 10))]),
]
POPULATIONS = {"el/attributed": 4, "el/unattributed": 6, "hu/attributed": 3, "hu/unattributed": 5,
               "en/attributed": 1, "en/unattributed": 9}
SAMPLED = {"el/attributed": 2, "el/unattributed": 3, "hu/attributed": 2, "hu/unattributed": 3, "en/attributed": 1,
           "en/unattributed": 4}  # of 15 (see the allocation test)


def sentence_rows() -> list[dict]:
    rows = []
    for doc_id, lang, sentences in DOCS:
        for i, (text, chain, kind) in enumerate(sentences):
            rows.append({"doc_id": doc_id, "sent_id": i, "para_id": i, "start": 0, "end": len(text), "text": text,
                         "lang": lang, "kind": kind, "is_headline": kind == "headline", "is_tweet": False,
                         "post_id": None, "tweet_handle": None, "attributed": chain is not None,
                         "chain": [link(n) for n in chain or []], "quote": "indirect" if chain else "none",
                         "hedges": []})
    return rows


@pytest.fixture
def annotations(tmp_path: Path) -> Path:
    folder = tmp_path / "ann"
    docs = [{"doc_id": d, "source": f"{d}.txt", "lang": lang, "n_sentences": len(s), "status": "ok"}
            for d, lang, s in DOCS]
    for name, rows in (("sentences", sentence_rows()), ("framing", []), ("documents", docs)):
        write_part(table_from_rows(name, rows, PROVENANCE), folder / name, "part-0")
    return folder


def read_sheet(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_allocation_is_equal_capped_by_size_and_the_rest_proportional():
    # 15 over 6 strata: 2 each, en/attributed capped at its 1 -> 11; the 4 left go by the sentences the strata
    # have left (2, 4, 1, 3, 0, 7 of 17): quotas .47 .94 .24 .71 0 1.65 -> en/u +1, then the largest
    # remainders: el/u (.94), hu/u (.71), en/u (.65); el/a (.47) gets nothing more
    assert allocate(POPULATIONS, 15) == SAMPLED
    assert allocate(POPULATIONS, 100) == POPULATIONS  # more than the corpus: everything
    assert allocate({"a": 10, "b": 10}, 3) == {"a": 2, "b": 1}  # ties by stratum name


def test_sample_is_stratified_weighted_and_has_the_sheet_columns(annotations: Path, tmp_path: Path):
    result = draw_sample(annotations=annotations, out=tmp_path / "coding.csv", n=15, seed=0)
    raw = (tmp_path / "coding.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "Πεσκόφ".encode() in raw  # BOM: Excel reads it as UTF-8
    sheet = read_sheet(tmp_path / "coding.csv")
    assert tuple(sheet.columns) == SHEET_COLUMNS and result["sampled"] == 15 and result["population"] == 28
    counts = sheet["stratum"].value_counts().to_dict()
    assert counts == SAMPLED
    for _, row in sheet.iterrows():
        assert int(row["population"]) == POPULATIONS[row["stratum"]]
        assert float(row["weight"]) == pytest.approx(POPULATIONS[row["stratum"]] / counts[row["stratum"]], abs=1e-6)
        side = "attributed" if row["attrib_attributed"] == "yes" else "unattributed"
        assert row["stratum"] == f"{row['lang']}/{side}"
    assert (sheet[["coder_attributed", "coder_chain", "coder_notes"]] == "").all().all()
    assert list(sheet["sample_id"]) == [str(i) for i in range(1, 16)]
    en = sheet[sheet["stratum"] == "en/attributed"].iloc[0]
    assert en["attrib_chain"] == "Reuters ← officials" and en["attrib_quote"] == "indirect"
    assert en["context_before"] == "Protests in the capital"
    assert en["context_after"] == "Shops on street 2 stayed closed."
    assert set(sheet["kind"]) <= {"headline", "paragraph"}
    assert (tmp_path / "coding.html").is_file() and result["html"] == tmp_path / "coding.html"


def test_same_seed_same_sheet_another_seed_another_sample(annotations: Path, tmp_path: Path):
    draw_sample(annotations=annotations, out=tmp_path / "a.csv", n=15, seed=0)
    draw_sample(annotations=annotations, out=tmp_path / "b.csv", n=15, seed=0)
    draw_sample(annotations=annotations, out=tmp_path / "c.csv", n=15, seed=1)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    ids = {name: set(zip(read_sheet(tmp_path / name)["doc_id"], read_sheet(tmp_path / name)["sent_id"]))
           for name in ("a.csv", "c.csv")}
    assert ids["a.csv"] != ids["c.csv"]
    assert read_sheet(tmp_path / "c.csv")["stratum"].value_counts().to_dict() == \
        read_sheet(tmp_path / "a.csv")["stratum"].value_counts().to_dict()


def test_context_stays_in_the_document_and_the_page_escapes_text(annotations: Path, tmp_path: Path):
    draw_sample(annotations=annotations, out=tmp_path / "all.csv", n=100, context=2)
    sheet = read_sheet(tmp_path / "all.csv").set_index(["doc_id", "sent_id"])
    assert len(sheet) == 28 and (sheet["weight"].astype(float) == 1).all()
    assert sheet.loc[("el2", "0"), "context_before"] == ""  # el1's last sentences are another document
    assert sheet.loc[("el1", "4"), "context_after"] == ""
    assert sheet.loc[("el1", "2"), "context_before"].startswith("Επεισόδια στην Αθήνα Σύμφωνα")
    page = (tmp_path / "all.html").read_text("utf-8")
    assert "Reuters ← officials" in page and "<script" not in page and page.startswith("<!DOCTYPE html>")


def test_bad_usage_stops_before_anything_is_written(annotations: Path, tmp_path: Path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("x", encoding="utf-8")
    folder = tmp_path / "taken"
    folder.mkdir()
    cases = [(["sample", str(tmp_path / "texts"), "--out", str(tmp_path / "s.csv")], "holds input texts"),
             (["sample", str(tmp_path / "none"), "--out", str(tmp_path / "s.csv")], "does not exist"),
             (["sample", str(annotations), "--out", str(folder)], "is a folder"),
             (["sample", str(annotations), "--out", str(tmp_path / "s.xlsx")], "must end in .csv"),
             (["sample", str(annotations), "--n", "0", "--out", str(tmp_path / "s.csv")], "at least 1")]
    for argv, message in cases:
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, (argv, err)
    assert not (tmp_path / "s.csv").exists() and not (tmp_path / "s.html").exists() and not any(folder.iterdir())


def fill(path: Path) -> pd.DataFrame:
    """Code the 15-row sheet of seed 0 with known agreements, by stratum and sample order (see the test)."""
    sheet = read_sheet(path)
    plan = {"el/attributed": [("yes", "="), ("yes", "Wrong ← Chain")],
            "el/unattributed": [("no", ""), ("no", ""), ("yes", "Υπουργείο")],
            "hu/attributed": [("yes", "="), ("no", "")],
            "hu/unattributed": [("no", "")] * 3,
            "en/attributed": [("yes", None)],  # the chain typed again: other case, ASCII arrow, extra spaces
            "en/unattributed": [("no", ""), ("no", ""), ("no", ""), ("", "")]}  # the last one left empty: skipped
    for stratum, codes in plan.items():
        for index, (attributed, chain) in zip(sheet.index[sheet["stratum"] == stratum], codes):
            if chain is None:
                chain = "  " + sheet.at[index, "attrib_chain"].upper().replace(" ← ", "<-   ") + " "
            sheet.loc[index, ["coder_attributed", "coder_chain"]] = [attributed, chain]
    sheet.loc[sheet["coder_attributed"] == "no", "coder_notes"] = "narration"
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    return sheet


def by(rows: list[dict], lang: str, estimate: str) -> dict:
    return next(r for r in rows if r["lang"] == lang and r["estimate"] == estimate)


def test_eval_scores_against_hand_counts(annotations: Path, tmp_path: Path):
    draw_sample(annotations=annotations, out=tmp_path / "coding.csv", n=15, seed=0)
    fill(tmp_path / "coding.csv")
    result = score_coding(sheets=[tmp_path / "coding.csv"], out=tmp_path / "ev")
    assert result["coded"] == 14 and result["skipped"] == 1 and "1 row left empty" in result["summary"]
    rows = result["rows"]
    # sample: TP = 2 (el) + 1 (hu) + 1 (en), FP = 1 (hu), FN = 1 (el); chains right: 1 el + 1 hu + 1 en of 5
    overall = by(rows, "all", "sample")
    assert (overall["tp"], overall["fp"], overall["fn"], overall["sentences"]) == (4, 1, 1, 14)
    assert overall["precision"] == pytest.approx(4 / 5) and overall["recall"] == pytest.approx(4 / 5)
    assert overall["f1"] == pytest.approx(4 / 5) and overall["chain_accuracy"] == pytest.approx(3 / 5)
    # Wilson 4/5 and 3/5 at 95 %, worked out by hand from the formula
    assert (overall["precision_low"], overall["precision_high"]) == pytest.approx((0.3755, 0.9638), abs=1e-4)
    assert (overall["chain_accuracy_low"], overall["chain_accuracy_high"]) == pytest.approx((0.2307, 0.8824), abs=1e-4)
    assert overall["f1_low"] <= overall["f1"] <= overall["f1_high"] <= 1
    el = by(rows, "el", "sample")
    assert (el["precision"], el["recall"], el["chain_accuracy"]) == pytest.approx((1, 2 / 3, 1 / 3))
    assert (el["precision_low"], el["recall_low"], el["recall_high"]) == pytest.approx((0.3424, 0.2077, 0.9385),
                                                                                      abs=1e-4)
    hu = by(rows, "hu", "sample")
    assert (hu["precision"], hu["recall"], hu["f1"]) == pytest.approx((0.5, 1, 2 / 3))
    assert (hu["precision_low"], hu["precision_high"]) == pytest.approx((0.0945, 0.9055), abs=1e-4)
    en = by(rows, "en", "sample")
    assert en["chain_accuracy"] == 1 and en["sentences"] == 4
    # corpus: weights population / coded = el/a 4/2, el/u 6/3, hu/a 3/2, hu/u 5/3, en/a 1, en/u 9/3 (one skipped)
    corpus = by(rows, "all", "corpus")
    tp, fp, fn = 2 * 2 + 1.5 + 1, 1.5, 2
    assert corpus["precision"] == pytest.approx(tp / (tp + fp)) and corpus["recall"] == pytest.approx(tp / (tp + fn))
    assert corpus["f1"] == pytest.approx(2 * tp / (2 * tp + fp + fn))
    assert corpus["chain_accuracy"] == pytest.approx((2 + 1.5 + 1) / 8.5)
    assert corpus["corpus_sentences"] == pytest.approx(28.0)
    # Kish's n of attrib's attributed rows: 8^2 / (2 * 2^2 + 2 * 1.5^2 + 1) = 4.741; Wilson at .8125 of it;
    # of the coder's: 8.5^2 / (2 * 2^2 + 2^2 + 1.5^2 + 1) = 4.738
    assert (corpus["precision_low"], corpus["precision_high"]) == pytest.approx((0.3764, 0.9689), abs=1e-4)
    assert (corpus["recall_low"], corpus["recall_high"]) == pytest.approx((0.3386, 0.9538), abs=1e-4)
    assert (corpus["chain_accuracy_low"], corpus["chain_accuracy_high"]) == pytest.approx((0.182, 0.8505), abs=1e-4)
    assert corpus["f1_low"] <= corpus["f1"] <= corpus["f1_high"]
    written = pd.read_csv(tmp_path / "ev" / "coding-eval.csv")
    assert len(written) == 8 and set(written["lang"]) == {"el", "hu", "en", "all"}
    assert "| all | corpus | 14 | 0.81 [0.38, 0.97]" in (tmp_path / "ev" / "coding-eval.md").read_text("utf-8")
    again = score_coding(sheets=[tmp_path / "coding.csv"])
    assert again["rows"] == rows and again["files"] == []  # the bootstrap is seeded


def test_perfect_agreement_and_interval_edges():
    assert wilson(0, 0) == (None, None)
    low, high = wilson(10, 10)
    assert high == 1 and low == pytest.approx(0.7225, abs=1e-4)
    assert names_key("  REUTERS<-   officials ") == names_key("Reuters ← officials") == ("reuters", "officials")
    assert names_key("Πεσκόφ") == names_key("ΠΕΣΚΟΦ")


def test_cli_round_trip(annotations: Path, tmp_path: Path, capsys):
    sheet = tmp_path / "coding.csv"
    assert cli.main(["sample", str(annotations), "--n", "15", "--out", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "sampled 15 sentences of 28" in out and "en/attributed 1/1" in out
    coded = fill(sheet)
    semicolons = tmp_path / "excel.csv"  # as a Greek or Hungarian Excel saves it
    coded.to_csv(semicolons, index=False, sep=";", encoding="utf-8-sig")
    assert cli.main(["eval", str(semicolons), "--out", str(tmp_path / "ev")]) == 0
    out = capsys.readouterr().out
    assert "scored 14 coded sentences" in out and "1 row left empty, skipped" in out
    assert "precision" in out and "wrote " in out and (tmp_path / "ev" / "coding-eval.md").is_file()
    assert cli.main(["sample", str(annotations), "--n", "15", "--out", str(sheet)]) == 2  # coded: kept
    assert "already holds a coder's judgements" in capsys.readouterr().err
    assert cli.main(["eval", str(sheet), "data/gold/seeds.yaml"]) == 2
    assert "not both" in capsys.readouterr().err


@pytest.mark.parametrize("cells, message", [
    (("maybe", ""), "coder_attributed is 'maybe'; write yes or no"),
    (("", "Reuters"), "coder_attributed is ''; write yes or no"),
    (("yes", ""), "coder_chain is ''; write the chain, proximate first"),
    (("no", "Reuters"), "coder_chain is 'Reuters' but coder_attributed is no"),
    (("yes", "Reuters ← "), "coder_chain is 'Reuters ←'; write the chain"),
])
def test_bad_cells_name_the_row_the_column_and_what_to_write(annotations, tmp_path, cells, message):
    path = tmp_path / "coding.csv"
    draw_sample(annotations=annotations, out=path, n=15)
    sheet = read_sheet(path)
    sheet.loc[0, ["coder_attributed", "coder_chain"]] = list(cells)
    sheet.loc[1:, "coder_attributed"] = "no"
    sheet.loc[3, "coder_attributed"] = "perhaps"
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    with pytest.raises(UsageError, match="1 more rows have problems") as err:
        score_coding(sheets=[path])
    assert f"{path} row 2 (sample_id 1): {message}" in str(err.value)


def test_an_equals_sign_needs_a_chain_of_attrib_to_agree_with(annotations, tmp_path):
    path = tmp_path / "coding.csv"
    draw_sample(annotations=annotations, out=path, n=15)
    sheet = read_sheet(path)
    sheet["coder_attributed"] = sheet["attrib_attributed"]
    row = sheet.index[sheet["attrib_attributed"] == "no"][0]
    sheet.loc[row, ["coder_attributed", "coder_chain"]] = ["yes", "="]
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    with pytest.raises(UsageError, match=f"row {row + 2} .*coder_chain is '=' .*attrib says no"):
        score_coding(sheets=[path])


def test_an_uncoded_sheet_says_what_to_fill(annotations, tmp_path):
    path = tmp_path / "coding.csv"
    draw_sample(annotations=annotations, out=path, n=5)
    with pytest.raises(UsageError, match="is coded; fill coder_attributed"):
        score_coding(sheets=[path])
    with pytest.raises(UsageError, match="no population column"):
        read_sheet(path).drop(columns="population").to_csv(path, index=False)
        score_coding(sheets=[path])


def test_a_sample_split_between_two_coders_scores_as_one_sheet(annotations, tmp_path):
    path = tmp_path / "coding.csv"
    draw_sample(annotations=annotations, out=path, n=15)
    coded = fill(path)
    coded.iloc[:7].to_csv(tmp_path / "first.csv", index=False, encoding="utf-8-sig")
    coded.iloc[7:].to_csv(tmp_path / "second.csv", index=False, encoding="utf-8-sig")
    split = score_coding(sheets=[tmp_path / "first.csv", tmp_path / "second.csv"])
    assert split["rows"] == score_coding(sheets=[path])["rows"]  # strata pooled by name and population
    with pytest.raises(UsageError, match="is in the sheets twice"):
        score_coding(sheets=[path, tmp_path / "first.csv"])


def test_a_sheet_saved_in_a_legacy_encoding_says_how_to_save_it(annotations, tmp_path):
    path = tmp_path / "coding.csv"
    draw_sample(annotations=annotations, out=path, n=15)
    fill(path).to_csv(path, index=False, encoding="cp1253", errors="replace")
    with pytest.raises(UsageError, match="is not UTF-8; save it from your spreadsheet as 'CSV UTF-8'"):
        score_coding(sheets=[path])


def test_the_readme_explains_every_column_of_the_sheet():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Validating on your own corpus"):]
    section = section[:section.index("\n## ", 1)]
    assert "attrib sample data/annotations --n 200 --out coding.csv" in section and "attrib eval coding.csv" in section
    for column in SHEET_COLUMNS:
        assert f"`{column}`" in section, column
