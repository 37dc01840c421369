"""An annotated dataset that grows run by run: incremental, resumable and locked.

Layout of ``DIR``::

    DIR/sentences/ attributions/ framing/ documents/   the latest view, one part per run
    DIR/runs/part-0.parquet                             the runs table
    DIR/history/run=<id>/<table>/chunk-<k>.parquet      every run's own rows, never rewritten
    DIR/history/run=<id>/run.json                       its state: running | finalizing | complete

``pd.read_parquet(DIR / "sentences")`` reads the latest view: every document once, in
its newest version. A run annotates only documents it has not seen (same ``doc_id`` and
content hash); a changed document replaces its rows. Rows are written in chunks, each
table file atomically and the documents file last, so a chunk counts only once complete;
a run that was killed is picked up by the next one, which skips what it finished. A lock
file keeps a second run on the same folder out (it waits or stops with a message).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import secrets
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from attrib.atomic import write_json_atomic
from attrib.errors import AttribError, UsageError
from attrib.dataset.schema import RUNS, SCHEMA_VERSION
from attrib.dataset.schema import TABLES as SCHEMAS
from attrib.dataset.store import read_metadata, stream_part, table_from_rows, write_part
from attrib.dataset.upgrade import upgradable, upgrade_dataset
from attrib.inputs.documents import Document
from attrib.inputs.usage import check_annotations, check_out_file, check_since

TABLES = tuple(SCHEMAS)  # sentences, attributions, framing, documents: documents last, it commits a chunk


def now() -> str:
    """UTC time as ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@contextmanager
def locked(folder: Path, wait: bool = False):
    """Hold ``folder/.lock`` for one run; a second run waits (``wait``) or stops with a message."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AttribError(f"{folder} is being written by another attrib run ({holder}); wait for it "
                              "to finish, or pass --wait to queue behind it") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {now()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_table(folder: Path, name: str, columns: list[str] | None = None) -> pa.Table | None:
    """A table of the latest view (None when the dataset has none yet)."""
    path = folder / name
    if not path.is_dir() or not any(path.glob("*.parquet")):
        return None
    return pq.read_table(path, columns=columns)


def check_schema(root: Path) -> None:
    """The dataset's tables were written with this attrib's schemas.

    A dataset of an older version that :mod:`attrib.dataset.upgrade` knows is upgraded in place.

    Raises:
        UsageError: when an existing part has another schema version that cannot be
            upgraded (parts of two versions cannot be read as one table).
    """
    for name in TABLES:
        for path in sorted((root / name).glob("*.parquet"))[:1]:
            version = read_metadata(path).get("schema_version")
            if version != SCHEMA_VERSION and upgradable(version):
                upgrade_dataset(root)
            elif version != SCHEMA_VERSION:
                raise UsageError(f"{root} holds tables of schema version {version}, this attrib writes "
                                 f"version {SCHEMA_VERSION} (see attrib/dataset/schema.py); annotate into a new "
                                 "--out folder, or move this one aside")


def ensure_tables(root: Path, provenance: dict) -> None:
    """Give a new dataset empty tables, so it reads cleanly even before its first run ends."""
    check_schema(root)
    for name in TABLES:
        if not any((root / name).glob("*.parquet")):
            write_part(table_from_rows(name, [], provenance), root / name, "part-empty")


def known_documents(folder: Path) -> dict[str, str | None]:
    """doc_id -> content sha256 of every document in the latest view."""
    table = read_table(folder, "documents", ["doc_id", "sha256"])
    return {} if table is None else dict(zip(table["doc_id"].to_pylist(), table["sha256"].to_pylist()))


def known_errors(folder: Path) -> dict[str, str | None]:
    """doc_id -> source of every error row in the latest view."""
    table = read_table(folder, "documents", ["doc_id", "source", "status"])
    rows = zip(*(table[c].to_pylist() for c in table.column_names)) if table is not None else []
    return {doc_id: source for doc_id, source, status in rows if status == "error"}


def source_file(source: str | None) -> str | None:
    """The file a document came from: its source less a table row's ``#N``."""
    head, _, tail = (source or "").rpartition("#")
    return head if head and tail.isdigit() else source


def retiring(docs, root: Path, run: Run):
    """Pass a run's documents on; once all are read, put in ``run.retired`` the error rows of
    the latest view whose file this run read again without the error coming back under the
    same id: a table fixed since (its rows now read under their own ids, or a whole-file
    error ``FILE`` now read as rows ``FILE:N``). A document read under an error row's id
    replaces it as any changed document does (:func:`classify`)."""
    errors, ids, files = known_errors(root), set(), set()
    for doc in docs:
        ids.add(doc.doc_id)
        files.add(source_file(doc.source))
        yield doc
    run.retired = sorted(d for d, source in errors.items() if d not in ids and source_file(source) in files)


@dataclass
class Run:
    """One run's state, kept in ``history/run=<id>/run.json``."""

    run_id: str
    started: str
    status: str = "running"
    counts: Counter = field(default_factory=Counter)
    replaced: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)  # error rows this run makes obsolete (see retiring)
    provenance: dict = field(default_factory=dict)

    def folder(self, root: Path) -> Path:
        """Where the run keeps its rows and state."""
        return root / "history" / f"run={self.run_id}"

    def save(self, root: Path) -> None:
        """Write run.json atomically."""
        self.folder(root).mkdir(parents=True, exist_ok=True)
        data = {**self.__dict__, "counts": dict(self.counts)}
        write_json_atomic(self.folder(root) / "run.json", data)

    @classmethod
    def load(cls, path: Path) -> Run:
        """Read a run.json."""
        data = json.loads(path.read_text("utf-8"))
        return cls(**{**data, "counts": Counter(data.get("counts", {}))})


def new_run(provenance: dict) -> Run:
    """A run with a sortable id (start time plus a random suffix)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Run(f"{stamp}-{secrets.token_hex(2)}", now(), provenance=provenance)


def unfinished_run(root: Path) -> Run | None:
    """The run a killed process left behind, if any (the newest one)."""
    states = sorted((root / "history").glob("run=*/run.json"))
    runs = [Run.load(p) for p in states]
    pending = [r for r in runs if r.status != "complete"]
    return pending[-1] if pending else None


def chunk_documents(root: Path, run: Run) -> dict[str, str | None]:
    """doc_id -> sha256 of the documents in the run's complete chunks; incomplete chunks go."""
    folder = run.folder(root)
    done: dict[str, str | None] = {}
    complete = {p.name for p in (folder / "documents").glob("chunk-*.parquet")}
    for name in TABLES[:-1]:
        for stale in (folder / name).glob("chunk-*.parquet"):
            if stale.name not in complete:
                stale.unlink()  # written before the kill, but its chunk never committed
    for path in sorted((folder / "documents").glob("chunk-*.parquet")):
        table = pq.read_table(path, columns=["doc_id", "sha256"])
        done.update(zip(table["doc_id"].to_pylist(), table["sha256"].to_pylist()))
    return done


def next_chunk(root: Path, run: Run) -> int:
    """The number of the run's next chunk (after every committed one, whoever wrote it)."""
    done = [int(p.stem.split("-")[1]) for p in (run.folder(root) / "documents").glob("chunk-*.parquet")]
    return max(done, default=-1) + 1


def write_rows(folder: Path, name: str, rows: dict[str, list[dict]], provenance: dict) -> None:
    """Write one chunk ``name`` of every table under ``folder``, the documents file last."""
    for table in TABLES:
        write_part(table_from_rows(table, rows.get(table, []), provenance), folder / table, name)


def write_chunk(root: Path, run: Run, rows: dict[str, list[dict]]) -> None:
    """Write the run's next chunk and save the run's counts with it (run.json)."""
    index = next_chunk(root, run)
    write_rows(run.folder(root), f"chunk-{index:05d}", rows, run.provenance)
    run.save(root)


def _without(table: pa.Table, doc_ids: set[str]) -> pa.Table:
    """Rows of ``table`` whose doc_id is not in ``doc_ids``."""
    import pyarrow.compute as pc

    return table.filter(pc.invert(pc.is_in(table["doc_id"], pa.array(sorted(doc_ids), pa.string()))))


def _drop_superseded(root: Path, name: str, doc_ids: set[str], keep: str) -> None:
    """Remove replaced documents' rows from the latest view's older parts (atomically)."""
    for path in sorted((root / name).glob("part-*.parquet")):
        if path.stem == keep or not doc_ids:
            continue
        ids = pq.read_table(path, columns=["doc_id"])
        if _without(ids, doc_ids).num_rows != ids.num_rows:
            stream_part([path], root / name, path.stem, lambda table: _without(table, doc_ids))


def finalize(root: Path, run: Run) -> None:
    """Publish a run: replace superseded rows, add its part to the latest view, log it.

    Every step can be repeated, so a run killed while finalizing is finished by the next.
    """
    run.status = "finalizing"
    run.save(root)
    keep = f"part-{run.run_id}"
    for name in TABLES:
        chunks = sorted((run.folder(root) / name).glob("chunk-*.parquet"))
        if chunks:
            stream_part(chunks, root / name, keep)
        _drop_superseded(root, name, set(run.replaced) | set(run.retired), keep)
        if (root / name / f"{keep}.parquet").is_file():
            (root / name / "part-empty.parquet").unlink(missing_ok=True)  # only there to make a new dataset readable
    run.status = "complete"
    log_run(root, run)
    run.save(root)


def read_runs(root: Path) -> pa.Table | None:
    """The runs table, ``started`` and ``finished`` as UTC timestamps also where an older
    attrib wrote them as ISO 8601 strings (None when the dataset has no runs yet)."""
    table = read_table(root, "runs")
    if table is None:
        return None
    for name in ("started", "finished"):
        if pa.types.is_string(table.schema.field(name).type):
            moments = [_moment(text) for text in table[name].to_pylist()]
            table = table.set_column(table.schema.get_field_index(name), name,
                                     pa.array(moments, RUNS.field(name).type))
    return table


def _moment(text: str | None) -> dt.datetime | None:
    """An ISO 8601 string as a UTC moment (UTC where it names no offset)."""
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def log_run(root: Path, run: Run) -> None:
    """Add (or refresh) the run's row in the runs table."""
    old = read_runs(root)
    rows = [r for r in (old.to_pylist() if old is not None else []) if r["run_id"] != run.run_id]
    prov = run.provenance
    finished = dt.datetime.now(dt.timezone.utc)
    rows.append({"run_id": run.run_id, "started": _moment(run.started), "finished": finished,
                 "documents_added": run.counts["added"], "documents_replaced": run.counts["replaced"],
                 "documents_unchanged": run.counts["unchanged"], "documents_failed": run.counts["failed"],
                 "attrib_version": prov.get("attrib_version"), "model_pack_sha256": prov.get("model_pack_sha256"),
                 "codebooks_sha256": json.dumps(prov.get("codebooks", {}), sort_keys=True),
                 "registry_sha256": prov.get("registry_sha256")})
    write_part(pa.Table.from_pylist(rows, schema=RUNS), root / "runs", "part-0")


def classify(doc, known: dict, seen: dict, refresh: bool = False) -> str:
    """What a run does with a document: skip it (done in this run, or unchanged) or
    annotate it as added or replaced (``refresh``: unchanged documents too, after a change
    of codebooks, registry or models)."""
    if doc.doc_id in seen and seen[doc.doc_id] == doc.sha256:
        return "done"
    if doc.doc_id in known and known[doc.doc_id] == doc.sha256 and doc.sha256 is not None and not refresh:
        return "unchanged"
    return "replaced" if doc.doc_id in known else "added"


def export_changes(root: Path, since: str, out: Path) -> dict:
    """One flat Parquet file of what runs started on or after ``since`` added or replaced:
    their sentences in the latest view, each with its document's columns (documents
    without sentences, such as error rows, appear once with empty sentence columns).

    Args:
        root: the dataset folder.
        since: ISO 8601 date or time, e.g. ``2026-11-01`` (see :func:`attrib.inputs.usage.check_since`).
        out: the Parquet file to write.

    Raises:
        UsageError: for a ``since`` that is not an ISO 8601 date or time, before anything is written.
    """
    import pandas as pd

    check_annotations(root)
    check_out_file(out)
    moment = check_since(since)
    runs = read_runs(root)
    if runs is None:
        raise AttribError(f"{root} has no runs table: run `attrib annotate INPUT --out {root}` first")
    chosen = [r["run_id"] for r in runs.to_pylist() if r["started"] >= moment]
    frames = {}
    for name in ("documents", "sentences"):
        parts = [root / name / f"part-{run_id}.parquet" for run_id in chosen]
        parts = [p for p in parts if p.is_file()]
        frames[name] = (pd.concat([pq.read_table(p).to_pandas().assign(run_id=p.stem[5:]) for p in parts])
                        if parts else pd.DataFrame(columns=["doc_id", "run_id"]))
    docs = frames["documents"].rename(columns={"lang": "doc_lang"})
    flat = docs.merge(frames["sentences"].drop(columns=["run_id"]), on="doc_id", how="left")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    flat.to_parquet(tmp, index=False)
    tmp.replace(out)
    return {"runs": len(chosen), "documents": len(docs), "rows": len(flat)}


def _duplicate(doc: Document, contents: dict[str, str]) -> Document:
    """The same article under a second id becomes an error row naming the first."""
    first = contents.get(doc.sha256) if doc.sha256 else None
    if first is not None and first != doc.doc_id and doc.ok:
        doc.error = f"same content as document {first} (sha256 {doc.sha256[:12]}); not annotated twice"
    return doc


def todo(docs, known: dict, seen: dict, summary: Counter, refresh: bool = False):
    """The documents a run must annotate, each with what it does (added or replaced);
    skipped ones are counted, a second copy of an article becomes an error record."""
    contents = {sha: doc_id for doc_id, sha in {**known, **seen}.items() if sha}
    for doc in docs:
        summary["documents"] += 1
        action = classify(doc, known, seen, refresh)
        if action in ("done", "unchanged"):
            summary[action] += 1
            continue
        doc = _duplicate(doc, contents)
        contents.setdefault(doc.sha256, doc.doc_id)
        seen[doc.doc_id] = doc.sha256
        yield action, doc


def start_run(out: Path, prov: dict):
    """Resume a killed run (finishing one that was publishing) or start a new one."""
    ensure_tables(out, prov)
    pending = unfinished_run(out)
    if pending is not None and pending.status == "finalizing":
        finalize(out, pending)
        pending = None
    if pending is None:
        return new_run(prov), {}
    return pending, chunk_documents(out, pending)


def publish(out: Path, run, unchanged: int) -> None:
    """Record the skipped documents in the run and publish it to the latest view."""
    run.counts["unchanged"] += unchanged
    finalize(out, run)
