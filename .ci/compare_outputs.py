"""Prove that a change leaves every output of attrib byte-identical (issue 24).

``snapshot DIR`` runs attrib over a fixed set of inputs (the seeds, saved web pages, a
grouped corpus and awkward files) through the command line and the library, and keeps the
outputs, normalised, in ``DIR/out``. ``check BASE`` runs the same again into ``BASE.new``
and compares ``BASE.new/out`` with ``BASE/out``: it prints every difference, or
``identical``, and exits 1 on any difference.

attrib is driven only through ``python -m attrib ...`` and ``attrib.annotate(...)`` in
subprocesses whose ``PYTHONPATH`` is the chosen checkout (``--root``), so the same script
measures the code before and after a refactor. Every run writes into the same absolute
work folder (:data:`WORK`), because paths end up in tables and pages.

Normalised (only what differs between two identical runs, never content): run ids become
``RUN1``, ``RUN2``, ... in the order the runs happen; the runs tables lose their
``run_id`` and timestamp columns and are kept as JSON; ``run.json`` files lose their id
and times; text outputs get run ids substituted and the masks of :data:`MASKS` applied.
Parquet files (rewritten only where a string column holds a run id) and PNG files are
compared byte for byte. Each snapshot also compares its ``--workers 2`` dataset with the
one-worker one, and stops on "internal error" rows (they carry file:line).

One deliberate difference from a plain run: ``ATTRIB_MODELS`` is ``WORK/models``, a link
to ``ROOT/data/models``, since the pack's path is written into every table's provenance
(``models``) and would otherwise differ between two checkouts.

Usage::

    python .ci/compare_outputs.py snapshot DIR [--root REPO]
    python .ci/compare_outputs.py check BASE [--root REPO]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

WORK = Path("/tmp/attrib-compare")
SHARED = Path("/work/shared")
RUN_ID = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{4}")
TEXT_SUFFIXES = {".html", ".md", ".json", ".svg", ".csv", ".txt", ".conllu"}
OUTPUTS = ("ds", "reports", "parsed", "export", "lib")  # the work folder's subfolders that are compared
TIME_KEYS = {"run_id", "started", "finished"}
TABLES = ("sentences", "attributions", "framing", "documents")
# What varies between two identical runs, found by snapshotting twice: report.html's
# "generated: <the day the report ran>" (attrib.report._meta, date.today()).
MASKS: list[tuple[re.Pattern, str]] = [(re.compile(r"(generated: )\d{4}-\d{2}-\d{2}"), r"\1DATE")]
RATINGS = ("domain_pc1.csv", "mbfc_ratings.csv", "state_media_matrix.csv")
APPENDED = "\n\nΣύμφωνα με το Reuters, οκτώ αστυνομικοί είναι νεκροί.\n"
GREEK = "Ο υπουργός δήλωσε ότι η κατάσταση στο Αλμάτι είναι υπό έλεγχο, σύμφωνα με το Reuters.\n"

CORPUS_CODE = """
import shutil
import sys
import tempfile
from pathlib import Path

from tests.report.test_grouped_corpus import corpus  # the grouped-report test's corpus, row for row

ud, target = Path(sys.argv[2]), Path(sys.argv[3])
with tempfile.TemporaryDirectory() as tmp:
    made = corpus(ud, Path(tmp) / "corpus")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, target)
"""

LIBRARY_CODE = """
import pandas
import attrib

tables = attrib.annotate(pandas.read_csv('in/corpus.csv').head(12))
for name in ('sentences', 'attributions', 'framing', 'documents'):
    getattr(tables, name).to_parquet(f'lib/{name}.parquet')
print({name: len(getattr(tables, name)) for name in ('sentences', 'attributions', 'framing', 'documents')})
"""


class RunNames:
    """Run ids renamed ``RUN1``, ``RUN2``, ... in the order they first appear."""

    def __init__(self):
        self.names: dict[str, str] = {}

    def see(self, run_id: str) -> str:
        """The name of ``run_id``, giving it the next one when it is new."""
        return self.names.setdefault(run_id, f"RUN{len(self.names) + 1}")

    def sub(self, text: str) -> str:
        """``text`` with every run id replaced by its name."""
        return RUN_ID.sub(lambda m: self.see(m.group(0)), text)


def environment(root: Path) -> dict[str, str]:
    """The environment of every attrib subprocess: the root's code, fixed time zone, hash seed,
    build date, matplotlib backend and SVG hash salt, one OpenMP thread.

    ``ATTRIB_MODELS`` is ``WORK/models``, a link to ``ROOT/data/models``: the model folder's
    path is written into every table's provenance, so it must not depend on the root.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTRIB_")}
    env.update(PYTHONPATH=str(root), ATTRIB_MODELS=str(WORK / "models"), TZ="UTC", PYTHONHASHSEED="0",
               SOURCE_DATE_EPOCH="1700000000", MPLBACKEND="Agg", OMP_NUM_THREADS="1",
               MATPLOTLIBRC=str(WORK / "mplrc"), PYTHONDONTWRITEBYTECODE="1")
    return env


def build_corpus(root: Path, target: Path) -> None:
    """Write the grouped corpus CSV with the root's code: the corpus of the root's
    tests/report/test_grouped_corpus.py (seeds and UD news gold documents, outlets cycled,
    a date every 3 days, every 7th document undated)."""
    env = environment(root)
    subprocess.run([sys.executable, "-c", CORPUS_CODE, str(root), str(SHARED / "ud"), str(target)],
                   env=env, check=True)


def write_edge(folder: Path, seeds: list[Path]) -> None:
    """Awkward inputs: a duplicate seed, blank, binary and cp1253 texts, a JSON Lines table
    with a good row, an empty text and a malformed line."""
    folder.mkdir(parents=True)
    shutil.copyfile(seeds[1], folder / "duplicate-seed.txt")
    (folder / "blank.txt").write_text("  \n\t\n   \n", "utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "greek-cp1253.txt").write_bytes(GREEK.encode("cp1253"))
    rows = [json.dumps({"id": "jsonl-good", "text": "A spokesman for the ministry said the curfew "
                        "would be lifted on Monday, Reuters reported.", "published": "2022-01-07"}),
            json.dumps({"id": "jsonl-empty", "text": ""}), '{"id": "jsonl-broken", "text": "never closed']
    (folder / "rows.jsonl").write_text("\n".join(rows) + "\n", "utf-8")


def prepare_work(root: Path, corpus: Path) -> None:
    """A fresh work folder: the inputs under ``in/``, the matplotlibrc, the model link."""
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "mplrc").mkdir(parents=True)
    (WORK / "mplrc" / "matplotlibrc").write_text("svg.hashsalt: attrib-compare\n", "utf-8")
    (WORK / "models").symlink_to(root / "data" / "models")
    inputs = WORK / "in"
    shutil.copytree(root / "seeds", inputs / "seeds", ignore=shutil.ignore_patterns("README.md"))
    shutil.copytree(root / "tests" / "fixtures" / "html", inputs / "html")
    shutil.copyfile(corpus, inputs / "corpus.csv")
    (inputs / "credibility").mkdir()
    for name in RATINGS:
        shutil.copyfile(SHARED / "credibility" / name, inputs / "credibility" / name)
    write_edge(inputs / "edge", sorted((inputs / "seeds").glob("*.txt")))


def input_hashes() -> dict[str, str]:
    """sha256 of every input file as prepared (an input that changes is a difference too)."""
    import hashlib

    files = sorted(p for p in (WORK / "in").rglob("*") if p.is_file())
    return {str(p.relative_to(WORK)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def append_sentence() -> None:
    """Append a sentence to the first seed, so the incremental run replaces one document."""
    first = sorted((WORK / "in" / "seeds").glob("*.txt"))[0]
    with first.open("a", encoding="utf-8") as handle:
        handle.write(APPENDED)


def steps() -> list:
    """The runs, in order: attrib's command-line arguments, or a callable run in between."""
    w, corpus = str(WORK), [f"{WORK}/in/corpus.csv", f"{WORK}/in/html", f"{WORK}/in/edge"]
    ratings = [a for name in RATINGS for a in ("--ratings", f"{w}/in/credibility/{name}")]
    return [
        ["annotate", f"{w}/in/seeds", "--out", f"{w}/ds/seeds", "--quiet"],
        ["annotate", *corpus, "--out", f"{w}/ds/corpus", "--chunk-size", "7", "--quiet"],
        ["annotate", *corpus, "--out", f"{w}/ds/corpus-w2", "--chunk-size", "7", "--workers", "2", "--quiet"],
        ["annotate", f"{w}/in/seeds", "--out", f"{w}/ds/seeds-rules", "--attribution", "rules", "--quiet"],
        append_sentence,
        ["annotate", f"{w}/in/seeds", f"{w}/in/edge/rows.jsonl", "--out", f"{w}/ds/seeds", "--quiet"],
        ["report", f"{w}/ds/seeds", "--out", f"{w}/reports/seeds"],
        ["report", f"{w}/ds/corpus", "--out", f"{w}/reports/corpus", "--by", "outlet", "--by", "period",
         "--period", "week", *ratings],
        ["parse", f"{w}/in/seeds", "--out", f"{w}/parsed/seeds", "--quiet"],
        ["export", f"{w}/ds/corpus", "--since", "2000-01-01", "--out", f"{w}/export/corpus.parquet"],
        "library",
    ]


def run_step(step, env: dict, logs: Path, number: int) -> dict | None:
    """Run one step in the work folder; its record (args, exit code, stdout), or None for
    a callable. stderr is kept in ``logs`` for reading, never compared."""
    if callable(step):
        step()
        return None
    if step == "library":
        (WORK / "lib").mkdir()
        command = [sys.executable, "-c", LIBRARY_CODE]
    else:
        command = [sys.executable, "-m", "attrib", *step]
    done = subprocess.run(command, cwd=WORK, env=env, capture_output=True, text=True)
    (logs / f"{number:02d}.stderr").write_text(done.stderr, "utf-8")
    args = ["attrib.annotate(...)"] if step == "library" else [a.replace(str(WORK), "WORK") for a in step]
    print(f"  [{done.returncode}] {' '.join(args)}", flush=True)
    return {"args": args, "exit_code": done.returncode, "stdout": done.stdout}


def name_new_runs(names: RunNames) -> None:
    """Name the runs that appeared in the datasets' history (one per annotate)."""
    found = sorted(p.name.removeprefix("run=") for p in WORK.glob("ds/*/history/run=*"))
    for run_id in found:
        names.see(run_id)


def run_all(root: Path, logs: Path, names: RunNames) -> list[dict]:
    """Every step against ``root``; the records of the attrib runs."""
    env, records = environment(root), []
    logs.mkdir(parents=True, exist_ok=True)
    for number, step in enumerate(steps()):
        record = run_step(step, env, logs, number)
        name_new_runs(names)
        if record is not None:
            records.append(record)
    return records


def internal_errors() -> list[str]:
    """Documents rows of every compared dataset and table that hold an internal error
    (those name a source file and line, which a refactor may move)."""
    import pandas as pd

    found = []
    paths = [*WORK.glob("ds/*/documents"), *WORK.glob("ds/*/history/run=*/documents"),
             WORK / "lib" / "documents.parquet", WORK / "export" / "corpus.parquet"]
    for path in paths:
        if path.exists():
            docs = pd.read_parquet(path)
            bad = docs[docs["error"].fillna("").str.contains("internal error")] if "error" in docs else docs[:0]
            found += [f"{path}: {row.doc_id}: {row.error}" for row in bad.itertuples()]
    return found


def substitute_table(table: pa.Table, names: RunNames) -> pa.Table | None:
    """``table`` with run ids in its string columns replaced; None when it holds none."""
    changed = False
    for index, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        values = table.column(index).to_pylist()
        if any(v is not None and RUN_ID.search(v) for v in values):
            fixed = [None if v is None else names.sub(v) for v in values]
            table = table.set_column(index, field, pa.array(fixed, field.type))
            changed = True
    return table if changed else None


def normalise_parquet(src: Path, dst: Path, names: RunNames) -> None:
    """Copy a Parquet file, or, where a string column holds run ids, rewrite it with them named;
    a runs table becomes JSON without its run ids and timestamps."""
    table = pq.read_table(src)
    if "run_id" in table.column_names and "started" in table.column_names:
        keep = [f.name for f in table.schema if f.name not in TIME_KEYS and not pa.types.is_timestamp(f.type)]
        rows = table.select(keep).to_pylist()
        dst.with_suffix(".json").write_text(json.dumps(rows, indent=1, sort_keys=True, default=str), "utf-8")
        return
    fixed = substitute_table(table, names)
    if fixed is None:
        shutil.copyfile(src, dst)
    else:
        pq.write_table(fixed, dst)


def drop_times(value):
    """A JSON value without run ids and start/finish times at any depth."""
    if isinstance(value, dict):
        return {k: drop_times(v) for k, v in value.items() if k not in TIME_KEYS}
    if isinstance(value, list):
        return [drop_times(v) for v in value]
    return value


def normalise_text(text: str, names: RunNames, suffix: str) -> str:
    """Text with run ids named, run records' ids and times dropped and :data:`MASKS` applied."""
    if suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and "run_id" in data:
            text = json.dumps(drop_times(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    text = names.sub(text)
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


def normalise_file(src: Path, dst: Path, names: RunNames) -> None:
    """Write the normalised form of one output file to ``dst``."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.name == ".lock":
        dst.write_text("(lock file: pid and start time of the last run)\n", "utf-8")
    elif src.suffix == ".parquet":
        normalise_parquet(src, dst, names)
    elif src.suffix in TEXT_SUFFIXES:
        text = src.read_bytes().decode("utf-8", "surrogateescape")
        dst.write_bytes(normalise_text(text, names, src.suffix).encode("utf-8", "surrogateescape"))
    else:
        shutil.copyfile(src, dst)


def normalise_outputs(out: Path, names: RunNames, records: list[dict], inputs: dict) -> None:
    """Every output of the work folder, normalised, under ``out``; the run records as
    ``commands.json``, the inputs' hashes as ``inputs.json``."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for folder in OUTPUTS:
        for src in sorted((WORK / folder).rglob("*")):
            if src.is_file():
                relative = names.sub(str(src.relative_to(WORK)))
                normalise_file(src, out / relative, names)
    for record in records:
        record["stdout"] = normalise_text(record["stdout"], names, ".txt")
    (out / "commands.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n", "utf-8")
    (out / "inputs.json").write_text(json.dumps(inputs, indent=1) + "\n", "utf-8")


def file_map(top: Path, key=lambda rel: rel) -> dict[str, Path]:
    """Relative path (through ``key``) -> file, for every file under ``top``."""
    return {key(str(p.relative_to(top))): p for p in sorted(top.rglob("*")) if p.is_file()}


def metadata_diff(a: pa.Schema, b: pa.Schema) -> list[str]:
    """The schema metadata keys that differ, the ``attrib`` JSON decoded key by key."""
    ma, mb = a.metadata or {}, b.metadata or {}
    notes = []
    for key in sorted(set(ma) | set(mb)):
        if ma.get(key) == mb.get(key):
            continue
        if key == b"attrib" and key in ma and key in mb:
            ja, jb = json.loads(ma[key]), json.loads(mb[key])
            keys = sorted(k for k in set(ja) | set(jb) if ja.get(k) != jb.get(k))
            notes += [f"metadata attrib.{k}: {ja.get(k)!r} -> {jb.get(k)!r}" for k in keys]
        else:
            notes.append(f"metadata key {key.decode()!r} differs")
    return notes


def parquet_diff(a: Path, b: Path) -> list[str]:
    """Why two Parquet files differ: schema, metadata keys, row counts, columns."""
    ta, tb = pq.read_table(a), pq.read_table(b)
    notes = metadata_diff(ta.schema, tb.schema)
    sa, sb = ta.schema.remove_metadata(), tb.schema.remove_metadata()
    if not sa.equals(sb):
        notes.append(f"schema differs: {sa} -> {sb}".replace("\n", "; "))
    if ta.num_rows != tb.num_rows:
        notes.append(f"rows {ta.num_rows} -> {tb.num_rows}")
    common = [c for c in ta.column_names if c in tb.column_names]
    notes += [f"column {c!r} differs" for c in common
              if ta.num_rows == tb.num_rows and not ta.column(c).equals(tb.column(c))]
    return notes or ["same schema, metadata and data; the file's layout differs (row groups, encoding, writer)"]


def first_difference(old: str, new: str, around: int = 80) -> str:
    """Where two texts first differ, with some context (for long lines such as inlined JSON)."""
    at = next((i for i, (x, y) in enumerate(zip(old, new)) if x != y), min(len(old), len(new)))
    start = max(0, at - around)
    return f"first difference at character {at}: base {old[start:at + around]!r} / new {new[start:at + around]!r}"


def text_diff(a: Path, b: Path, lines: int = 20) -> list[str]:
    """The first lines of a unified diff of two text files (lines cut at 300 characters, then
    where the texts first differ)."""
    old_text, new_text = a.read_text("utf-8", "replace"), b.read_text("utf-8", "replace")
    diff = list(difflib.unified_diff(old_text.splitlines(), new_text.splitlines(), "base", "new", n=1,
                                     lineterm=""))[2:]
    shown = [line[:300] for line in diff[:lines]]
    shown += [f"... {len(diff) - lines} more diff lines"] if len(diff) > lines else []
    return shown + [first_difference(old_text, new_text)]


def file_diff(a: Path, b: Path) -> list[str]:
    """Why two files differ (empty when their bytes are the same)."""
    if a.read_bytes() == b.read_bytes():
        return []
    if a.suffix == ".parquet":
        return parquet_diff(a, b)
    if a.suffix in TEXT_SUFFIXES or a.suffix == "":
        return text_diff(a, b)
    return [f"bytes differ ({a.stat().st_size} -> {b.stat().st_size} bytes)"]


def compare_trees(base: Path, new: Path, key=lambda rel: rel) -> list[str]:
    """Every difference between two normalised output trees, as lines to print.

    Args:
        base: the baseline's ``out`` folder (or any tree).
        new: the tree compared with it.
        key: maps a relative path to the name files are paired by.
    """
    old, fresh = file_map(base, key), file_map(new, key)
    lines = [f"only in {base}: {rel}" for rel in sorted(set(old) - set(fresh))]
    lines += [f"only in {new}: {rel}" for rel in sorted(set(fresh) - set(old))]
    for rel in sorted(set(old) & set(fresh)):
        notes = file_diff(old[rel], fresh[rel])
        if notes:
            lines.append(f"differs: {rel}")
            lines += [f"    {note}" for note in notes]
    return lines


def compare_workers(out: Path) -> list[str]:
    """The ``--workers 2`` dataset against the one-worker one (run names set aside)."""
    same_run = lambda rel: re.sub(r"RUN\d+", "RUN", rel)  # noqa: E731
    lines = compare_trees(out / "ds" / "corpus", out / "ds" / "corpus-w2", same_run)
    return [f"--workers 2 against 1 worker: {line}" for line in lines]


def snapshot(target: Path, root: Path, corpus: Path | None = None) -> list[str]:
    """Run everything against ``root`` and keep the normalised outputs in ``target/out``.

    Args:
        target: the snapshot folder (``inputs/``, ``logs/``, ``out/``).
        root: the checkout whose attrib runs.
        corpus: the grouped corpus CSV to reuse (None: build it with ``root``'s code).

    Returns:
        The differences between the two-worker and the one-worker dataset.
    """
    started = time.monotonic()
    inputs = target / "inputs" / "corpus.csv"
    if corpus is None:
        build_corpus(root, inputs)
    elif corpus != inputs:
        inputs.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus, inputs)
    prepare_work(root, inputs)
    hashes, names = input_hashes(), RunNames()
    records = run_all(root, target / "logs", names)
    errors = internal_errors()
    if errors:
        sys.exit("internal error rows (they carry file:line, fix them first):\n" + "\n".join(errors))
    normalise_outputs(target / "out", names, records, hashes)
    print(f"{len(records)} commands, {time.monotonic() - started:.0f} s; outputs in {target / 'out'}")
    return compare_workers(target / "out")


def report(lines: list[str]) -> int:
    """Print the differences, or ``identical``; the exit code."""
    for line in lines:
        print(line)
    if not lines:
        print("identical")
    return 1 if lines else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run ``snapshot`` or ``check``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("snapshot", "check"))
    parser.add_argument("dir", type=Path, help="snapshot folder (check: the baseline's)")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1],
                        help="checkout whose attrib is run (default: the one holding this script)")
    args = parser.parse_args(argv)
    base, root = args.dir.resolve(), args.root.resolve()
    if args.mode == "snapshot":
        shutil.rmtree(base, ignore_errors=True)
        return report(snapshot(base, root))
    if not (base / "out").is_dir():
        parser.error(f"{base} holds no snapshot (no out/); run snapshot first")
    new = base.with_name(base.name + ".new")
    shutil.rmtree(new, ignore_errors=True)
    workers = snapshot(new, root, corpus=base / "inputs" / "corpus.csv")
    return report(workers + compare_trees(base / "out", new / "out"))


if __name__ == "__main__":
    sys.exit(main())
