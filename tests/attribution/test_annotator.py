"""The per-document annotator: annotating documents together changes nothing, and one bad
document in a chunk fails alone."""

from pathlib import Path

import pytest

from attrib.attribution.annotator import Annotator, annotate_documents
from tests.engines.test_local import _doc
from tests.conftest import ARTICLE, _empty_pack


def test_an_error_document_does_not_break_its_batch(bare: Annotator):
    docs = [_doc("a", ARTICLE), _doc("bad", None), _doc("c", ARTICLE.replace("kormány", "bíróság"))]
    docs[1].error = "empty file"
    assert [r["documents"][0]["status"] for r in annotate_documents(bare, docs)] == [
        "ok", "error", "ok"]


def test_a_document_that_breaks_the_parser_fails_alone(bare: Annotator, monkeypatch):
    real = Annotator.parse

    def parse(self, groups):
        if any("BOOM" in block.text for blocks in groups for block in blocks):
            raise RuntimeError("parser crashed")
        return real(self, groups)

    monkeypatch.setattr(Annotator, "parse", parse)
    docs = [_doc("a", ARTICLE), _doc("b", "Valami BOOM történt."), _doc("c", ARTICLE)]
    rows = annotate_documents(bare, docs)
    status = [r["documents"][0]["status"] for r in rows]
    assert status == ["ok", "error", "ok"]
    assert "internal error while annotating (RuntimeError: parser crashed" in rows[1]["documents"][0]["error"]
    assert len(rows[0]["sentences"]) == len(rows[2]["sentences"]) == 3


@pytest.mark.model
def test_parsing_documents_together_gives_the_rows_of_parsing_them_alone():
    from tests.conftest import PACK, SHARED, need_models

    for lang in ("el", "hu"):
        need_models(lang)
    texts = [p.read_text("utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))[:3]]
    annotator = Annotator(str(PACK))
    together = annotate_documents(annotator, [_doc(f"d{i}", t) for i, t in enumerate(texts)])
    alone = [annotate_documents(annotator, [_doc(f"d{i}", t)])[0] for i, t in enumerate(texts)]
    assert together == alone and all(r["sentences"] for r in together)


def test_the_device_reaches_the_parser(tmp_path: Path, monkeypatch):
    """An annotator on ``cuda`` asks stanza for the GPU (use_gpu); on ``cpu`` it does not."""
    import json

    import attrib.parsing.nlp

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "resources.json").write_text(json.dumps({"hu": {"default_processors": {
        p: "szeged" for p in ("tokenize", "pos", "lemma", "depparse")}}}))
    asked = []

    def parse(paragraphs, *, models, processors, use_gpu):
        asked.append(use_gpu)
        raise RuntimeError("no models in this test")

    monkeypatch.setattr(attrib.parsing.nlp, "parse_paragraphs", parse)
    for device in ("cuda", "cpu"):
        annotate_documents(Annotator(str(pack), (), (), "rules", device), [_doc("a", ARTICLE)])
    assert asked == [True, False]
