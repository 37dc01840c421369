"""The Arrow schemas of attrib's four tables, in one place.

Every extractor returns rows (dicts) whose keys are these column names; the writer casts
them with these schemas, so a table read back with ``pd.read_parquet`` has the same
columns and types whatever the corpus. Bump ``SCHEMA_VERSION`` on any change.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "3"  # 3: documents.title, author, site_name (a web page's metadata)
# 2: documents.published a UTC timestamp, published_text the string given
UPGRADABLE = {"2": "documents gained title, author, site_name (read as empty)"}  # attrib.dataset.upgrade

LINK = pa.struct([
    ("source_id", pa.string()),   # registry id, or a generated id for an unknown source
    ("name", pa.string()),        # canonical name
    ("type", pa.string()),        # wire_agency, state_media, government, ngo, social_media, ...
    ("surface", pa.string()),     # the words in the text
    ("cue", pa.string()),         # lemma of the cue (reporting verb, "according to", relay)
    ("resolution", pa.string()),  # how the source was found: explicit, registry, anaphora, ...
])

SENTENCES = pa.schema([
    ("doc_id", pa.string()),
    ("sent_id", pa.int32()),
    ("para_id", pa.int32()),
    ("start", pa.int32()),
    ("end", pa.int32()),
    ("text", pa.string()),
    ("lang", pa.string()),
    ("kind", pa.string()),        # paragraph | headline | caption | post
    ("is_headline", pa.bool_()),
    ("is_tweet", pa.bool_()),
    ("post_id", pa.int32()),      # embedded post the sentence belongs to (null outside posts)
    ("tweet_handle", pa.string()),
    ("attributed", pa.bool_()),
    ("chain", pa.list_(LINK)),
    ("quote", pa.string()),       # direct | indirect | mixed | none
    ("hedges", pa.list_(pa.string())),
])

ATTRIBUTIONS = pa.schema([
    ("doc_id", pa.string()),
    ("sent_id", pa.int32()),
    ("depth", pa.int8()),         # 0 = proximate source
    *LINK,                        # the link's own fields, as in sentences.chain
])

FRAMING = pa.schema([
    ("doc_id", pa.string()),
    ("sent_id", pa.int32()),
    ("term", pa.string()),
    ("lemma", pa.string()),
    ("category", pa.string()),
    ("target", pa.string()),
    ("quoted", pa.bool_()),
    ("scare_quoted", pa.bool_()),
    ("voice", pa.string()),
    ("voice_type", pa.string()),
])

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("source", pa.string()),      # where the document came from (file path or input row)
    ("outlet", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),       # headline (a web page's metadata, or a table's title column)
    ("author", pa.string()),      # byline of a web page
    ("site_name", pa.string()),   # publication a web page names (og:site_name, JSON-LD publisher)
    ("published", pa.timestamp("us", tz="UTC")),  # first moment of the date given (day, month or year)
    ("published_text", pa.string()),  # the date as the input gave it ("2022-01", "5 Ιανουαρίου 2022")
    ("lang", pa.string()),
    ("n_sentences", pa.int32()),
    ("n_attributed", pa.int32()),
    ("sha256", pa.string()),
    ("encoding", pa.string()),
    ("status", pa.string()),      # ok | error
    ("error", pa.string()),
    ("warnings", pa.list_(pa.string())),
])

RUNS = pa.schema([
    ("run_id", pa.string()),            # sortable: start time (UTC) plus a random suffix
    ("started", pa.timestamp("us", tz="UTC")),   # older datasets hold ISO 8601 strings: read_runs
    ("finished", pa.timestamp("us", tz="UTC")),  # (attrib.dataset.runs) reads both; the next run rewrites them
    ("documents_added", pa.int64()),
    ("documents_replaced", pa.int64()),  # changed content: their old rows left the latest view
    ("documents_unchanged", pa.int64()),  # seen before with the same content: skipped
    ("documents_failed", pa.int64()),    # error rows (unreadable, binary, empty, duplicate, ...)
    ("attrib_version", pa.string()),
    ("model_pack_sha256", pa.string()),
    ("codebooks_sha256", pa.string()),   # JSON: language -> codebook digest
    ("registry_sha256", pa.string()),
])

# Columns whose pandas type is not Arrow's default: an integer column with nulls reads as a
# nullable integer, not float64 (written into each file's pandas metadata).
PANDAS_TYPES = {"sentences": {"post_id": "Int32"}}

TABLES = {"sentences": SENTENCES, "attributions": ATTRIBUTIONS, "framing": FRAMING,
          "documents": DOCUMENTS}
