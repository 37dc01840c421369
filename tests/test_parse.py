from pathlib import Path

import pytest

from attrib.codebook import load_codebooks
from attrib.errors import AttribError
from attrib.parse import find_text_files, label_paragraphs, parse_corpus, split_paragraphs
from tests.conftest import PACK, need_models


def test_paragraphs_are_split_on_blank_lines():
    assert split_paragraphs("Első bekezdés.\n\n \nMásodik\nsor.\n\n") == ["Első bekezdés.", "Második\nsor."]


def test_paragraph_without_evidence_takes_the_articles_language():
    paragraphs = ["Ο πρόεδρος μίλησε στη Βουλή για την οικονομία.",
                  "pic.twitter.com/AbC123", "The minister said nothing."]
    assert label_paragraphs(paragraphs, load_codebooks()) == ["el", "el", "en"]


def test_inputs_are_folders_files_and_globs(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("y")
    (tmp_path / "c.md").write_text("z")
    assert [p.name for p in find_text_files([str(tmp_path)])] == ["a.txt", "b.txt"]
    assert [p.name for p in find_text_files([str(tmp_path / "b*.txt")])] == ["b.txt"]
    with pytest.raises(AttribError, match="no .txt files"):
        find_text_files([str(tmp_path / "none")])


@pytest.mark.model
def test_parse_writes_conllu_per_article(tmp_path: Path):
    need_models("hu")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cikk.txt").write_text(
        "A kormány szóvivője szerint a tüntetők elfoglalták a repülőteret. Később távoztak.\n\n"
        "A rendőrség nem kommentálta a híreket.\n", "utf-8")
    summary = parse_corpus(inputs=[str(tmp_path / "in")], out=tmp_path / "out", models=PACK)
    text = (tmp_path / "out" / "cikk.conllu").read_text("utf-8")
    assert summary["documents"] == 1 and summary["paragraphs"] == 2
    assert summary["sentences_hu"] == 3
    assert text.count("# newpar id") == 2 and "# lang = hu" in text
    assert "\tszerint\t" in text
