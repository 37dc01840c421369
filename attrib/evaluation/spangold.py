"""Span-level gold on the pool: annotators' files checked, turned into offsets, read back.

An annotator writes names, mentions and cues as words copied from the text
(``data/gold/pool/README.md``); the committed gold holds only character offsets into the
pool's text, so no article text enters the project. Reading the gold back gives, per
sentence, its chain of links, each with the offsets of the words that name the source,
of the words in the sentence that refer to it and of its cue, and the quote type.

``python -m attrib.evaluation.spangold check FILE`` lists what an annotator must fix;
``python -m attrib.evaluation.spangold convert FILE... --out DIR`` writes the committed gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from attrib.languages.codebook import parse_yaml
from attrib.errors import ConfigError
from attrib.evaluation.pool import POOL_LANGS

QUOTES = ("direct", "indirect", "mixed")
WHO = ("unnamed", "unknown", "account")
LINK_KEYS = {"name", "who", "at", "mention", "cue"}


@dataclass
class SpanLink:
    """One link of a gold chain: offsets (document characters) or a label."""

    name: tuple[int, int] | None = None
    who: str | None = None
    mention: tuple[int, int] | None = None
    cue: tuple[int, int] | None = None

    def text(self, doc_text: str) -> str:
        """The words that name the source, or its label (``unnamed``, ...)."""
        return self.who if self.name is None else doc_text[self.name[0]:self.name[1]]


@dataclass
class SpanSentence:
    """A gold sentence of a pool document."""

    start: int
    end: int
    quote: str = "none"
    chain: list[SpanLink] = field(default_factory=list)
    note: str = ""


# --- checking an annotator's file -------------------------------------------------------

def _sentence_text(text: str, plan_doc: dict, number) -> str | None:
    sents = plan_doc["sentences"]
    if not isinstance(number, int) or not 0 <= number < len(sents):
        return None
    return text[sents[number][0]:sents[number][1]]


def _find(text: str, plan_doc: dict, number, words) -> tuple[int, int] | None:
    """Document offsets of ``words`` in sentence ``number`` (first occurrence), or None."""
    sentence = _sentence_text(text, plan_doc, number)
    if sentence is None or not isinstance(words, str) or not words.strip():
        return None
    at = sentence.find(words.strip())
    if at < 0:
        return None
    base = plan_doc["sentences"][number][0] + at
    return base, base + len(words.strip())


def _link_problems(link, s: int, text: str, plan_doc: dict) -> list[str]:
    """What is wrong with one link of sentence ``s``."""
    if not isinstance(link, dict):
        return [f"a chain link must be a mapping ({{name: ..., cue: ...}}), not {link!r}"]
    problems = [f"unknown key {k!r} (use {sorted(LINK_KEYS)})" for k in link if k not in LINK_KEYS]
    if ("name" in link) == ("who" in link):
        problems.append("give either name (words copied from the text) or who (unnamed, unknown, account)")
    if "who" in link and link["who"] not in WHO:
        problems.append(f"who must be one of {', '.join(WHO)}, not {link['who']!r}")
    if "name" in link:
        at = link.get("at", s)
        if _sentence_text(text, plan_doc, at) is None:
            problems.append(f"at: {at!r} is not a sentence number of this document")
        elif _find(text, plan_doc, at, link["name"]) is None:
            problems.append(f"name {link['name']!r} is not in sentence s{at}; copy it exactly or set at:")
    for key in ("mention", "cue"):
        if key in link and _find(text, plan_doc, s, link[key]) is None:
            problems.append(f"{key} {link[key]!r} is not in sentence s{s}; copy it exactly")
    return problems


def _sentence_problems(entry, text: str, plan_doc: dict) -> list[str]:
    """What is wrong with one attributed sentence entry."""
    if not isinstance(entry, dict) or "s" not in entry:
        return [f"an attributed entry needs s: (sentence number): {str(entry)[:60]}"]
    s = entry["s"]
    if _sentence_text(text, plan_doc, s) is None:
        return [f"s: {s!r} is not a sentence number of this document"]
    problems = [] if entry.get("quote") in QUOTES else [f"quote must be one of {', '.join(QUOTES)}"]
    chain = entry.get("chain")
    if not isinstance(chain, list) or not chain:
        return problems + ["chain must be a non-empty list of links"]
    if len(chain) > 3:
        problems.append("a chain has at most three links")
    for link in chain:
        problems += _link_problems(link, s, text, plan_doc)
    return [f"s{s}: {p}" for p in problems]


def check_raw(raw: dict, plan: dict, pool: Path, expected: list[str] | None = None) -> list[str]:
    """Every problem of an annotator's file, each saying what to fix.

    Args:
        raw: the parsed file (``annotator`` and ``documents``).
        plan: the annotation plan (``plan.json``).
        pool: the pool folder.
        expected: documents the annotator was given (each must be listed once).
    """
    docs = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(docs, list):
        return ["the file needs annotator: and documents: (a list)"]
    problems, seen = [], []
    for doc in docs:
        doc_id = doc.get("doc") if isinstance(doc, dict) else None
        if doc_id not in plan:
            problems.append(f"unknown document {doc_id!r}")
            continue
        seen.append(doc_id)
        text = (Path(pool) / plan[doc_id]["lang"] / f"{doc_id}.txt").read_text("utf-8")
        entries = doc.get("attributed") or []
        numbers = [e.get("s") for e in entries if isinstance(e, dict)]
        problems += [f"{doc_id}: s{n} is listed twice" for n in set(numbers) if numbers.count(n) > 1]
        problems += [f"{doc_id}: {p}" for e in entries for p in _sentence_problems(e, text, plan[doc_id])]
    problems += [f"{d}: listed twice" for d in sorted(set(seen)) if seen.count(d) > 1]
    problems += [f"{d}: missing (every document given must be listed)" for d in expected or [] if d not in seen]
    return problems


# --- committed gold ----------------------------------------------------------------------

def _offsets(found: tuple[int, int] | None) -> list[int] | None:
    return list(found) if found else None


def _committed_link(link: dict, s: int, text: str, plan_doc: dict) -> dict:
    out: dict = {}
    if "who" in link:
        out["who"] = link["who"]
    else:
        out["name"] = _offsets(_find(text, plan_doc, link.get("at", s), link["name"]))
    for key in ("mention", "cue"):
        if key in link:
            out[key] = _offsets(_find(text, plan_doc, s, link[key]))
    return out


def convert_doc(doc: dict, plan_doc: dict, pool: Path, annotator: str) -> dict:
    """One checked annotator's document as committed gold (offsets, no text)."""
    text = (Path(pool) / plan_doc["lang"] / f"{doc['doc']}.txt").read_text("utf-8")
    entries = {e["s"]: e for e in doc.get("attributed") or []}
    notes = {n.get("s"): str(n.get("note", "")) for n in doc.get("notes") or [] if isinstance(n, dict)}
    sentences = []
    for number, (start, end, *_rest) in enumerate(plan_doc["sentences"]):
        entry = entries.get(number)
        row: dict = {"span": [start, end]}
        if entry:
            row["quote"] = entry["quote"]
            row["chain"] = [_committed_link(link, number, text, plan_doc) for link in entry["chain"]]
        if notes.get(number):
            row["note"] = notes[number]
        sentences.append(row)
    return {"doc_id": doc["doc"], "lang": plan_doc["lang"], "pool": f"{plan_doc['lang']}/{doc['doc']}.txt",
            "sha1": plan_doc["sha1"], "split": plan_doc["split"], "annotator": annotator, "sentences": sentences}


def _link(entry: dict) -> SpanLink:
    tup = lambda key: tuple(entry[key]) if entry.get(key) else None  # noqa: E731
    return SpanLink(tup("name"), entry.get("who"), tup("mention"), tup("cue"))


def read_span_gold(path: Path) -> list[dict]:
    """The documents of a committed span-gold file."""
    data = parse_yaml(Path(path).read_text("utf-8"), str(path)) or {}
    return data.get("documents") or []


def doc_sentences(doc: dict) -> list[SpanSentence]:
    """A committed gold document's sentences with their links."""
    return [SpanSentence(row["span"][0], row["span"][1], row.get("quote", "none"),
                         [_link(link) for link in row.get("chain") or []], row.get("note", ""))
            for row in doc["sentences"]]


def pool_text(doc: dict, pool: Path) -> str:
    """A gold document's text from the pool, checked against the SHA-1 it was annotated on."""
    import hashlib

    path = Path(pool) / doc["pool"]
    if not path.is_file():
        raise ConfigError(f"gold document {doc['doc_id']} needs {path}; pass --pool with ../shared/pool")
    data = path.read_bytes()
    if hashlib.sha1(data).hexdigest() != doc["sha1"]:
        raise ConfigError(f"{path} changed since it was annotated (SHA-1 differs); the gold no longer fits it")
    return data.decode("utf-8")


# --- command line -------------------------------------------------------------------------

def _load_raw(path: Path) -> dict:
    try:
        return yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc


def main(argv: list[str] | None = None) -> int:
    """``check`` an annotator's file, or ``convert`` checked files into committed gold."""
    parser = argparse.ArgumentParser(prog="python -m attrib.evaluation.spangold")
    parser.add_argument("command", choices=("check", "convert"))
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--plan", type=Path, default=Path("data/gold/pool/plan.json"))
    parser.add_argument("--pool", type=Path, default=Path("../shared/pool"))
    parser.add_argument("--expect", nargs="*", default=None, help="documents that must be listed")
    parser.add_argument("--out", type=Path, help="convert: write <split>-<lang>.yaml here")
    parser.add_argument("--second", action="store_true", help="convert: a second annotation (second-<lang>.yaml)")
    args = parser.parse_args(argv)
    plan = json.loads(args.plan.read_text("utf-8"))
    try:
        raws = [(path, _load_raw(path)) for path in args.files]
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    problems = [f"{path}: {p}" for path, raw in raws for p in check_raw(raw, plan, args.pool, args.expect)]
    if args.command == "check" or problems:
        print("\n".join(problems) or f"ok: {sum(len(r.get('documents') or []) for _, r in raws)} documents")
        return 1 if problems else 0
    return 0 if args.out is None else _convert(raws, plan, args)


def _convert(raws, plan: dict, args) -> int:
    from attrib.atomic import write_text_atomic

    groups: dict[str, dict[str, dict]] = {}
    for _, raw in raws:
        for doc in raw["documents"]:
            committed = convert_doc(doc, plan[doc["doc"]], args.pool, str(raw.get("annotator", "")))
            name = f"{'second' if args.second else committed['split']}-{committed['lang']}"
            if name not in groups:  # documents converted before stay, a new version replaces its own
                old = args.out / f"{name}.yaml"
                groups[name] = {d["doc_id"]: d for d in (read_span_gold(old) if old.is_file() else [])}
            groups[name][committed["doc_id"]] = committed
    args.out.mkdir(parents=True, exist_ok=True)
    for name, docs in sorted(groups.items()):
        write_text_atomic(args.out / f"{name}.yaml", dump_gold([docs[k] for k in sorted(docs)], name))
        print(f"{args.out / name}.yaml: {len(docs)} documents")
    return 0


def dump_gold(docs: list[dict], name: str) -> str:
    """Committed span gold as YAML: one line per sentence."""
    head = {"version": 1, "description": f"Span-level gold of the pool, {name} (data/gold/pool/README.md)"}
    lines = [yaml.safe_dump(head, allow_unicode=True, sort_keys=False).rstrip(), "documents:"]
    for doc in docs:
        meta = {k: v for k, v in doc.items() if k != "sentences"}
        lines.append("- " + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
                     .rstrip().replace("\n", "\n  "))
        lines.append("  sentences:")
        lines += ["  - " + json.dumps(row, ensure_ascii=False) for row in doc["sentences"]]
    return "\n".join(lines) + "\n"



def doc_labels(doc: dict, pool: Path) -> list[tuple[str, ...] | None]:
    """Each sentence's chain of source names (None: not attributed), for agreement."""
    text = pool_text(doc, pool)
    return [tuple(link.text(text) for link in s.chain) if s.chain else None for s in doc_sentences(doc)]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
