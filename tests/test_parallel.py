"""Batches of documents: how they are cut, that batching changes nothing, that one bad
document in a batch fails alone."""

from pathlib import Path

import pytest

from attrib.annotator import Annotator, annotate_documents
from attrib.parallel import batches
from attrib.reader import Document
from tests.test_annotator import ARTICLE, _empty_pack


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, source="memory", text=text, encoding="utf-8", sha256=None)


def test_batches_close_at_the_size_limit_and_never_cross_a_chunk():
    items = [("added", _doc(f"d{i}", "x" * 30)) for i in range(7)]
    cut = [[d.doc_id for _, d in b] for b in batches(items, chunk_size=3, limit=70)]
    assert cut == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6"]]
    cut = [[d.doc_id for _, d in b] for b in batches(items, chunk_size=5, limit=50)]
    assert cut == [["d0", "d1"], ["d2", "d3"], ["d4"], ["d5", "d6"]]


@pytest.fixture
def bare(tmp_path: Path) -> Annotator:
    """An Annotator without models (sentences split, not parsed)."""
    return Annotator(_empty_pack(tmp_path))


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


def test_workers_read_the_corpus_as_they_go(tmp_path: Path, monkeypatch):
    import attrib.parallel
    from attrib.parallel import annotate_stream

    monkeypatch.setattr(attrib.parallel, "IN_FLIGHT", 2)

    pulled = []

    def items():
        for i in range(12):
            pulled.append(i)
            yield "added", _doc(f"d{i}", ARTICLE)

    stream = annotate_stream(items(), Annotator(_empty_pack(tmp_path)), workers=2, chunk_size=1)
    first = next(stream)
    assert first[0][1].doc_id == "d0" and len(pulled) <= 5  # 2 workers × 2 batches in flight, one more read
    rest = list(stream)
    assert [pair[0][1].doc_id for pair in rest] == [f"d{i}" for i in range(1, 12)]


def test_dask_partitions_are_cut_lazily():
    from attrib.parallel import chunks

    pulled = []

    def items():
        for i in range(7):
            pulled.append(i)
            yield i

    parts = chunks(items(), 3)
    assert next(parts) == [0, 1, 2] and len(pulled) == 3
    assert list(parts) == [[3, 4, 5], [6]]


def test_the_heap_is_settled_between_batches_without_keeping_their_garbage(bare: Annotator, monkeypatch):
    import gc
    import weakref

    import attrib.parallel
    from attrib.parallel import annotate_batches

    class Cycle:
        def __init__(self):
            self.me = self  # freed only by the collector, never by reference counting

    garbage, frozen = [], []

    def annotate(annotator, batch):
        cycle = Cycle()
        garbage.append(weakref.ref(cycle))
        frozen.append(gc.get_freeze_count())
        return [(item, {"documents": []}) for item in batch]

    monkeypatch.setattr(attrib.parallel, "annotate_batch", annotate)
    items = [("added", _doc(f"d{i}", "x")) for i in range(3)]
    done = list(annotate_batches(bare, ([item] for item in items)))
    assert [pair[0] for pair in done] == items
    assert frozen[0] == 0 < frozen[1]  # the survivors of the first batch were set aside
    assert all(ref() is None for ref in garbage)  # each batch's cyclic garbage was freed
    assert gc.get_freeze_count() == 0  # and the collector sees everything again at the end
