"""Cutting (action, document) pairs into chunks, the unit of work of every engine.

A chunk's paragraphs go through stanza together (the models batch across documents) and a
chunk is committed to the dataset as one part per table; where chunks close is set by
:class:`attrib.options.Chunking` (why characters, not documents: see
:data:`attrib.options.CHUNK_CHARS`). The local and the Dask engine cut the same chunks, so
stanza is given the same calls and the tables are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from attrib.options import Chunking


def _characters(item) -> int:
    """The characters of an (action, document) pair's text."""
    return len(item[1].text or "")


def chunks(items: Iterable, chunking: Chunking = Chunking(), size: Callable = _characters) -> Iterator[list]:
    """Cut items into consecutive chunks (:class:`Chunking`), read lazily, in order.

    Args:
        items: (action, Document) pairs, or anything ``size`` measures.
        chunking: the limits of a chunk.
        size: an item's characters.

    Yields:
        Lists of items; the local and the Dask engine cut the same chunks, so stanza is
        given the same calls and the tables are the same.
    """
    chunk, chars = [], 0
    for item in items:
        n = size(item)
        if chunk and (chars + n > chunking.chars or len(chunk) >= chunking.docs):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += n
    if chunk:
        yield chunk
