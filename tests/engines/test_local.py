"""The local engine: a pool of workers reads the corpus as it goes, the heap is settled
between chunks, and every worker annotates with the run's settings."""

from pathlib import Path

import pytest

import attrib.engines.dask_engine
import attrib.engines.local
from attrib.attribution.annotator import Annotator
from attrib.engines.local import annotate_chunks, annotate_stream
from attrib.inputs.documents import Document
from attrib.options import AnnotatorSettings, Chunking, RunOptions
from tests.conftest import ARTICLE, _empty_pack


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, source="memory", text=text, encoding="utf-8", sha256=None)


def test_workers_read_the_corpus_as_they_go(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(attrib.engines.local, "IN_FLIGHT", 2)

    pulled = []

    def items():
        for i in range(12):
            pulled.append(i)
            yield "added", _doc(f"d{i}", ARTICLE)

    stream = annotate_stream(items(), Annotator(_empty_pack(tmp_path)), RunOptions(workers=2, chunk_size=1))
    first = next(stream)
    assert first[0][0][1].doc_id == "d0" and len(pulled) <= 5  # 2 workers × 2 chunks in flight, one more read
    rest = list(stream)
    assert [[pair[0][1].doc_id for pair in chunk] for chunk in rest] == [[f"d{i}"] for i in range(1, 12)]


def test_the_heap_is_settled_between_chunks_without_keeping_their_garbage(bare: Annotator, monkeypatch):
    import gc
    import weakref

    class Cycle:
        def __init__(self):
            self.me = self  # freed only by the collector, never by reference counting

    garbage, frozen = [], []

    def annotate(annotator, docs):
        cycle = Cycle()
        garbage.append(weakref.ref(cycle))
        frozen.append(gc.get_freeze_count())
        return [{"documents": []} for _ in docs]

    monkeypatch.setattr(attrib.engines.local, "annotate_documents", annotate)
    items = [("added", _doc(f"d{i}", "x")) for i in range(3)]
    done = list(annotate_chunks(bare, ([item] for item in items)))
    assert [chunk[0][0] for chunk in done] == items
    assert frozen[0] == 0 < frozen[1]  # the survivors of the first chunk were set aside
    assert all(ref() is None for ref in garbage)  # each chunk's cyclic garbage was freed
    assert gc.get_freeze_count() == 0  # and the collector sees everything again at the end


def test_workers_and_dask_partitions_annotate_with_the_run_s_attribution(tmp_path: Path, monkeypatch):
    """--attribution reaches every worker: a pool worker and a Dask partition build their
    Annotator with the run's mode, not the pack's default."""
    pack = _empty_pack(tmp_path)
    recorded = []
    monkeypatch.setattr(attrib.engines.local.mp, "get_context", lambda _: _Recorder(recorded))
    list(annotate_stream(iter([]), Annotator(pack, (), (), "rules"), RunOptions(workers=2)))
    attrib.engines.local._start_worker(*recorded[0])
    assert attrib.engines.local._WORKER.attribution == "rules"
    settings = AnnotatorSettings(pack, (), (), "rules")
    assert attrib.engines.dask_engine._annotator(settings).attribution == "rules"  # not "default"


class _Recorder:
    """A stand-in for multiprocessing's spawn context that records the pool's initargs."""

    def __init__(self, recorded: list):
        self.recorded = recorded

    def Pool(self, workers, initializer, initargs):  # noqa: N802 (multiprocessing's name)
        import contextlib

        self.recorded.append(initargs)
        return contextlib.nullcontext(None)
