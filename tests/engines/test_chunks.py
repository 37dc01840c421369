"""How chunks of documents are cut: at the character and document limits, lazily."""

from attrib.engines.chunks import chunks
from attrib.options import Chunking
from tests.engines.test_local import _doc


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


def test_chunks_are_cut_lazily():
    pulled = []

    def items():
        for i in range(7):
            pulled.append(i)
            yield i

    parts = chunks(items(), Chunking(docs=100, chars=30), size=lambda i: 10)
    assert next(parts) == [0, 1, 2] and len(pulled) == 4  # the fourth item closed the first chunk
    assert list(parts) == [[3, 4, 5], [6]]
