"""``attrib.annotator`` before issue 24: its names, now in the pipeline, the per-document
annotator, the dataset's rows and the options."""

from attrib.attribution.annotator import FULL, Annotator, annotate_documents, provenance  # noqa: F401
from attrib.dataset.rows import (  # noqa: F401
    RUN_COUNTS, TABLE_NAMES, collect_rows, document_counts, document_row, sentence_rows)
from attrib.inputs.memory import documents_from as _documents_from  # noqa: F401
from attrib.options import CHUNK_CHARS, CHUNK_DOCS, Chunking  # noqa: F401
from attrib.pipeline import Annotations, annotate, annotate_corpus, run_documents  # noqa: F401
