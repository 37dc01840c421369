from pathlib import Path

import pytest

from attrib.parsing.conllu import parse_corpus
from tests.conftest import PACK, need_models


def _empty_pack(tmp_path: Path) -> str:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "resources.json").write_text("{}")
    return str(tmp_path / "pack")


def test_paragraphs_without_models_are_kept_as_comments(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Η κυβέρνηση ανακοίνωσε νέα μέτρα.\n\nThe minister said nothing.\n")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    summary = parse_corpus(inputs=[str(tmp_path / "in")], out=tmp_path / "out", models=_empty_pack(tmp_path))
    assert summary == {"documents": 2, "unreadable": 1, "paragraphs": 2,
                       "unparsed_paragraphs_el": 1, "unparsed_paragraphs_en": 1}
    text = (tmp_path / "out" / "a.conllu").read_text("utf-8")
    assert "# lang = el" in text and "# text = The minister said nothing." in text


@pytest.mark.model
def test_parse_writes_conllu_per_article(tmp_path: Path):
    need_models("hu", "tokenize")
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
    from attrib.parsing.sent import from_conllu
    sents = from_conllu(text)
    assert len(sents) == 3  # every sentence ends with a blank line, paragraphs included
    assert [s.words[0].id for s in sents] == [1, 1, 1]
