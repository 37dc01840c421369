"""Documents held in memory (for :func:`attrib.annotate` in notebooks): texts, a mapping
id -> text, or a pandas DataFrame whose columns are mapped as a table file's are."""

from __future__ import annotations

from attrib.errors import UsageError
from attrib.inputs.documents import Document, RawDocument
from attrib.inputs.reader import decode
from attrib.languages.codebook import load_codebooks


def frame_documents(frame, books) -> list[Document]:
    """The rows of a DataFrame as documents, its columns mapped as a table file's are
    (``attrib/inputs/fields.yaml``: news-please and MediaCloud names too); without an id
    column, ids are ``doc0``, ``doc1``...

    Raises:
        UsageError: when no column holds the articles.
    """
    from attrib.inputs.tables import Row, has_text_column, missing_text, raw_document

    if not has_text_column(frame.columns):
        raise UsageError(missing_text("the DataFrame", list(frame.columns)))
    rows = [Row(f"doc{i}", "memory", f"row {i} of the DataFrame", record)
            for i, record in enumerate(frame.to_dict("records"))]
    return [decode(raw_document(row, "utf-8"), books) for row in rows]


def documents_from(data) -> list[Document]:
    """Documents from a list of texts, a mapping id -> text, or a DataFrame (id, text, ...)."""
    books = load_codebooks()
    if hasattr(data, "to_dict"):
        return frame_documents(data, books)
    if isinstance(data, dict):
        records = [{"id": k, "text": v} for k, v in data.items()]
    else:
        records = [{"id": f"doc{i}", "text": t} for i, t in enumerate(data)]
    return [decode(RawDocument(str(r["id"]), "memory", r.get("text"), {},
                               None if isinstance(r.get("text"), str) else "no text"), books)
            for r in records]
