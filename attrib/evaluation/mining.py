"""Mine UD treebanks for reporting-verb candidates, for a person to review into a codebook.

A candidate is a verb with a nominal subject that takes reported content: a clausal
complement, a clause opened by one of the codebook's complementizers (ότι, πως, να, hogy,
that), a demonstrative that a hogy-clause hangs on ("azt mondta, hogy", "arról
tájékoztatott, hogy"), a colon right after it, or a quotation next to it. Sentences of the
documents of a held-out gold set are left out, so the codebook owes nothing to them.

Run ``python -m attrib.evaluation.mining --ud ../shared/ud --exclude data/gold/news-test.yaml`` to
write ``reports/cue-candidates.md``: every candidate with its count, whether the codebook
lists it, and an example.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from attrib.languages.codebook import Codebook, load_codebooks
from attrib.attribution.extract.match import is_in, vocab
from attrib.parsing.sent import Sent, Word, fold, from_conllu
from attrib.evaluation.gold import block_sent_id, gold_sentence_ids

TRAIN = {"el": "UD_Greek-GDT/el_gdt-ud-train.conllu", "hu": "UD_Hungarian-Szeged/hu_szeged-ud-train.conllu",
         "en": "UD_English-GUM/en_gum-ud-train.conllu"}
QUOTES = set("«»“”„\"")
EXTRA_COMPLEMENTIZERS = {"el": ["να"]}  # subjunctive complements: "ζήτησε να", "κάλεσε να"


@dataclass
class Candidates:
    """Mined candidates of one language: lemma -> count, and one example sentence each."""

    lang: str
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    sentences: int = 0


def _nominal_subject(sent: Sent, verb: Word) -> bool:
    """A noun, name or pronoun as the verb's subject (a relative pronoun does not count)."""
    return any(k.rel == "nsubj" and k.upos in ("NOUN", "PROPN", "PRON") and k.feats.get("PronType") != "Rel"
               for k in sent.children(verb))


def _opens_clause(sent: Sent, word: Word, marks: frozenset[str]) -> bool:
    """A clause under ``word`` opened by a complementizer."""
    return any(k.rel in ("ccomp", "advcl", "acl", "conj", "xcomp", "csubj") and
               any(is_in(m, marks) for m in sent.children(k, "mark")) for k in sent.children(word))


def _takes_content(sent: Sent, verb: Word, marks: frozenset[str]) -> bool:
    """Whether the verb takes reported content (see the module docstring)."""
    kids = sent.children(verb)
    if any(k.rel in ("ccomp", "parataxis") for k in kids) or _opens_clause(sent, verb, marks):
        return True
    if any(k.feats.get("PronType") == "Dem" and _opens_clause(sent, k, marks) for k in kids):
        return True  # Hungarian cataphora: "azt mondta, hogy"
    after, before = sent.word(verb.id + 1), sent.word(verb.id - 1)
    return (after is not None and after.text == ":") or any(
        w is not None and w.text in QUOTES for w in (after, before))


def _lemma(word: Word) -> str:
    """The lemma as a codebook writes it (Szeged marks preverbs with "+": "be+jelent")."""
    return word.lemma.replace("+", "")


def mine_sentences(sents: list[Sent], book: Codebook, lang: str) -> Candidates:
    """Count reporting-verb candidates in parsed sentences."""
    marks = vocab(list(book.section("attribution").get("complementizers") or []) + EXTRA_COMPLEMENTIZERS.get(lang, []))
    found = Candidates(lang, sentences=len(sents))
    for sent in sents:
        for verb in sent.words:
            if verb.upos == "VERB" and _nominal_subject(sent, verb) and _takes_content(sent, verb, marks):
                lemma = _lemma(verb)
                found.counts[lemma] += 1
                found.examples.setdefault(lemma, sent.text)
    return found


def mine_treebank(path: Path, book: Codebook, lang: str, exclude: set[str] = frozenset()) -> Candidates:
    """Candidates of one treebank file, sentences with ids in ``exclude`` left out."""
    blocks = [b for b in Path(path).read_text("utf-8").split("\n\n") if b.strip()]
    kept = [b for b in blocks if block_sent_id(b) not in exclude]
    return mine_sentences([s for b in kept for s in from_conllu(b, lang)], book, lang)


def listed(book: Codebook, lemma: str) -> bool:
    """Whether the codebook lists the lemma as a reporting or relay verb."""
    section = book.section("attribution")
    names = {fold(k) for k in section.get("speech_verbs") or {}} | {fold(k) for k in section.get("relay_verbs") or []}
    return fold(lemma) in names


def candidates_report(found: list[Candidates], books: dict[str, Codebook], excluded: list[Path]) -> str:
    """Markdown: per language, every candidate, its count, listed or not, and an example."""
    lines = ["# Reporting-verb candidates mined from the UD train splits", "",
             "Written by `python -m attrib.evaluation.mining` (attrib/evaluation/mining.py): verbs with a nominal subject that take "
             "reported content (a clausal complement, a complementizer clause, a demonstrative carrying a "
             "hogy-clause, a colon or a quotation next to the verb). Sentences of the held-out gold "
             f"({', '.join(str(p) for p in excluded) or 'none'}) are left out. `listed` says whether the codebook "
             "has the verb: a reviewer took reporting verbs into it and left out verbs of wanting, deciding, "
             "knowing, allowing and the like, which take clauses without reporting anyone.", ""]
    for cands in found:
        book = books[cands.lang]
        kept = sum(listed(book, lemma) for lemma in cands.counts)
        lines += [f"## {cands.lang}: {len(cands.counts)} candidates in {cands.sentences} sentences, {kept} listed",
                  "", "| verb | count | listed | example |", "| --- | --- | --- | --- |"]
        for lemma, count in sorted(cands.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            example = cands.examples[lemma].replace("|", "/")[:110]
            lines.append(f"| {lemma} | {count} | {'yes' if listed(book, lemma) else 'no'} | {example} |")
        lines.append("")
    return "\n".join(lines)


def mine(*, ud: Path, out: Path, exclude: list[Path] = (), langs: list[str] | None = None) -> Path:
    """Mine every language's train split and write the candidates report to ``out``."""
    from attrib.atomic import write_text_atomic

    books, skip = load_codebooks(), gold_sentence_ids(list(exclude))
    found = [mine_treebank(Path(ud) / TRAIN[lang], books[lang], lang, skip) for lang in (langs or list(TRAIN))]
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(out, candidates_report(found, books, list(exclude)))


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m attrib.evaluation.mining --ud DIR [--exclude GOLD] [--out FILE]``."""
    parser = argparse.ArgumentParser(prog="python -m attrib.evaluation.mining", description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD folder")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="gold file whose UD documents are left out (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("reports/cue-candidates.md"), help="report to write")
    parser.add_argument("--lang", action="append", choices=sorted(TRAIN), help="only this language (repeatable)")
    args = parser.parse_args(argv)
    print(f"wrote {mine(ud=args.ud, out=args.out, exclude=args.exclude, langs=args.lang)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
