"""Chunks of documents: how they are cut, that annotating documents together changes
nothing, that one bad document in a chunk fails alone."""

from pathlib import Path

import pytest

from attrib.annotator import Annotator, annotate_documents
from attrib.errors import AttribError
from attrib.parallel import Chunking, chunks
from attrib.inputs.reader import Document
from tests.test_annotator import ARTICLE, _empty_pack


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, source="memory", text=text, encoding="utf-8", sha256=None)


def _cut(items, **limits) -> list[list[str]]:
    return [[d.doc_id for _, d in chunk] for chunk in chunks(items, Chunking(**limits))]


def test_chunks_close_before_passing_the_character_limit():
    items = [("added", _doc(f"d{i}", "x" * 30)) for i in range(7)]
    assert _cut(items, chars=70) == [["d0", "d1"], ["d2", "d3"], ["d4", "d5"], ["d6"]]
    assert _cut(items, chars=90) == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6"]]
    assert _cut(items, chars=29) == [[f"d{i}"] for i in range(7)]  # a longer document is a chunk of its own


def test_chunks_close_at_the_document_limit_and_count_no_text_as_nothing():
    items = [("added", _doc(f"d{i}", None if i % 2 else "x" * 10)) for i in range(7)]
    assert _cut(items, docs=3, chars=1000) == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6"]]
    assert _cut(items, docs=100, chars=25) == [["d0", "d1", "d2", "d3"], ["d4", "d5", "d6"]]


def test_chunks_need_positive_limits():
    for limits in ({"docs": 0}, {"chars": -5}):
        with pytest.raises(AttribError, match="give positive numbers"):
            Chunking(**limits)


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

    stream = annotate_stream(items(), Annotator(_empty_pack(tmp_path)), workers=2, chunking=Chunking(docs=1))
    first = next(stream)
    assert first[0][0][1].doc_id == "d0" and len(pulled) <= 5  # 2 workers × 2 chunks in flight, one more read
    rest = list(stream)
    assert [[pair[0][1].doc_id for pair in chunk] for chunk in rest] == [[f"d{i}"] for i in range(1, 12)]


def test_chunks_are_cut_lazily():
    pulled = []

    def items():
        for i in range(7):
            pulled.append(i)
            yield i

    parts = chunks(items(), Chunking(docs=100, chars=30), size=lambda i: 10)
    assert next(parts) == [0, 1, 2] and len(pulled) == 4  # the fourth item closed the first chunk
    assert list(parts) == [[3, 4, 5], [6]]


def test_the_heap_is_settled_between_chunks_without_keeping_their_garbage(bare: Annotator, monkeypatch):
    import gc
    import weakref

    import attrib.annotator
    from attrib.parallel import annotate_chunks

    class Cycle:
        def __init__(self):
            self.me = self  # freed only by the collector, never by reference counting

    garbage, frozen = [], []

    def annotate(annotator, docs):
        cycle = Cycle()
        garbage.append(weakref.ref(cycle))
        frozen.append(gc.get_freeze_count())
        return [{"documents": []} for _ in docs]

    monkeypatch.setattr(attrib.annotator, "annotate_documents", annotate)
    items = [("added", _doc(f"d{i}", "x")) for i in range(3)]
    done = list(annotate_chunks(bare, ([item] for item in items)))
    assert [chunk[0][0] for chunk in done] == items
    assert frozen[0] == 0 < frozen[1]  # the survivors of the first chunk were set aside
    assert all(ref() is None for ref in garbage)  # each chunk's cyclic garbage was freed
    assert gc.get_freeze_count() == 0  # and the collector sees everything again at the end


def test_workers_and_dask_partitions_annotate_with_the_run_s_attribution(tmp_path: Path, monkeypatch):
    """--attribution reaches every worker: a pool worker and a Dask partition build their
    Annotator with the run's mode, not the pack's default."""
    import attrib.dask_engine
    import attrib.parallel

    pack = _empty_pack(tmp_path)
    recorded = []
    monkeypatch.setattr(attrib.parallel.mp, "get_context", lambda _: _Recorder(recorded))
    list(attrib.parallel.annotate_stream(iter([]), Annotator(pack, (), (), "rules"), workers=2, chunking=Chunking()))
    attrib.parallel._start_worker(*recorded[0])
    assert attrib.parallel._WORKER.attribution == "rules"
    assert attrib.dask_engine._annotator(pack, (), (), "rules").attribution == "rules"  # not "default"


class _Recorder:
    """A stand-in for multiprocessing's spawn context that records the pool's initargs."""

    def __init__(self, recorded: list):
        self.recorded = recorded

    def Pool(self, workers, initializer, initargs):  # noqa: N802 (multiprocessing's name)
        import contextlib

        self.recorded.append(initargs)
        return contextlib.nullcontext(None)
