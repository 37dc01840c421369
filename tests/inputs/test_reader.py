"""Reading inputs: every document ends up decoded or as an error record saying why."""

import json
from pathlib import Path

import pandas as pd
import pytest

from attrib.languages.codebook import load_codebooks
from attrib.inputs.reader import decode_bytes, read_corpus

BOOKS = load_codebooks()
GREEK = "Ο υπουργός δήλωσε ότι η κυβέρνηση δεν θα αυξήσει τους φόρους. Άλλαξε όμως την πολιτική της."
HUNGARIAN = "A miniszter szerint a kormány nem emeli az adókat, de a döntés őszig változhat."


@pytest.mark.parametrize("text, encoding", [(GREEK, "cp1253"), (GREEK, "iso-8859-7"),
                                            (HUNGARIAN, "iso-8859-2"), (HUNGARIAN, "cp1250")])
def test_legacy_encodings_are_recognised(text, encoding):
    decoded, used, error = decode_bytes(text.encode(encoding), BOOKS)
    assert error is None and decoded == text
    assert used in {"cp1253", "iso-8859-7"} if encoding.startswith(("cp1253", "iso-8859-7")) else True
    assert used.replace("cp1250", "iso-8859-2") == encoding.replace("cp1250", "iso-8859-2")


def test_cp1253_capital_alpha_with_tonos_picks_cp1253():
    decoded, used, _ = decode_bytes(GREEK.encode("cp1253"), BOOKS)
    assert used == "cp1253" and "Άλλαξε" in decoded


def test_utf8_and_bom():
    assert decode_bytes(GREEK.encode("utf-8"), BOOKS)[1] == "utf-8"
    assert decode_bytes(b"\xef\xbb\xbf" + GREEK.encode("utf-8"), BOOKS)[:2] == (GREEK, "utf-8-sig")
    assert decode_bytes(GREEK.encode("utf-16"), BOOKS)[:2] == (GREEK, "utf-16")


def test_binary_and_empty_and_undecodable_say_why():
    assert "binary" in decode_bytes(bytes(range(256)) * 4, BOOKS)[2]
    assert "empty" in decode_bytes(b"  \n", BOOKS)[2]
    error = decode_bytes("Ő".encode("utf-8")[:1] + b"\x9d\x81 xx", BOOKS)[2]
    assert "not UTF-8" in error and "iconv" in error


def test_corpus_of_files_keeps_every_document(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GREEK, "utf-8")
    (tmp_path / "b.txt").write_bytes(HUNGARIAN.encode("iso-8859-2"))
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_bytes(GREEK.encode("utf-8").replace(b" ", b"\x00", 1))
    docs = {d.doc_id: d for d in read_corpus([str(tmp_path), str(tmp_path / "missing.txt")], BOOKS)}
    assert set(docs) == {"a", "b", "c", "d", "missing"}
    assert docs["b"].encoding == "iso-8859-2" and docs["b"].text == HUNGARIAN
    assert not docs["c"].ok and "empty" in docs["c"].error
    assert docs["d"].ok and docs["d"].warnings == ["removed 1 NUL character(s)"]
    assert "cannot read" in docs["missing"].error
    assert len(docs["a"].sha256) == 64


def test_tables_with_metadata(tmp_path: Path):
    rows = [{"id": "x1", "text": GREEK, "outlet": "Kathimerini", "published": "2022-01-05"},
            {"id": "x2", "text": None}]
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    pd.DataFrame([{"id": "p1", "text": HUNGARIAN, "lang": "hu"}]).to_parquet(tmp_path / "t.parquet")
    pd.DataFrame([{"id": "c1", "text": "Police said nothing."}]).to_csv(tmp_path / "t.csv", index=False)
    pd.DataFrame([{"ident": 1}]).to_csv(tmp_path / "bad.csv", index=False)
    docs = {d.doc_id: d for d in read_corpus([str(tmp_path / n) for n in
                                              ("t.jsonl", "t.parquet", "t.csv", "bad.csv")], BOOKS)}
    assert docs["x1"].meta == {"outlet": "Kathimerini", "published": "2022-01-05"}
    assert "no text" in docs["x2"].error
    assert docs["p1"].meta["lang"] == "hu" and docs["c1"].ok
    assert "no 'text' column" in docs["bad"].error
