"""Stage 1, the inputs.

Takes: paths, folders and globs of text files, HTML pages, tables (CSV, JSON, JSON Lines,
Parquet; news-please and MediaCloud exports), WARC files, or texts and DataFrames in
memory. Gives: one :class:`~attrib.inputs.documents.Document` per article (its text decoded,
its metadata read), or one holding the error that says why it could not be read; and the
checks every command runs on its arguments before anything is written (``usage``).
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("documents", "Document RawDocument decode_bytes"),
    ("reader", "read_corpus expand_inputs corpus_size"),
    ("memory", "documents_from"),
    ("usage", "check_inputs check_out_folder check_out_file check_annotations check_since check_out_outside"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
