"""Stage 5, the dataset.

Takes: the rows of annotated documents. Gives: the four Parquet tables with their Arrow
schemas (``schema``), atomic writes (``store``), runs and history, incremental re-runs,
``export``, and upgrades of older datasets.
"""

from attrib._face import lazy_face, names

_FACE = names({},
    ("runs", "TABLES Run check_schema chunk_documents classify ensure_tables export_changes finalize known_documents known_errors locked log_run new_run next_chunk now publish read_runs read_table retiring source_file start_run todo unfinished_run write_chunk write_rows"),
    ("rows", "collect_rows document_row sentence_rows to_tables"),
    ("schema", "SCHEMA_VERSION"),
)
__all__ = sorted(_FACE)
__getattr__ = lazy_face(__name__, _FACE)
