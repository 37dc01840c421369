"""The accuracy a researcher can expect, per language, as every report states it.

The figures are attrib's scores on the held-out half of the pool gold (``pool-test-el``,
``pool-test-hu``, ``pool-test-en``: real news no rule or model was fitted to, annotated from
the text alone), end to end with the shipped models and the ``default`` attribution: F1 of
"attributed", chain accuracy and exact chain accuracy (README, *Evaluation*).

They ship inside the package as ``attrib/report/accuracy.yaml``, because ``reports/`` belongs
to the checkout, not to an installed attrib. After each evaluation (``python -m attrib.evaluation.accuracy``)
the file is rewritten from the project's ``reports/accuracy.json``::

    python -m attrib.report.accuracy reports/accuracy.json

and ``tests/report/test_accuracy.py`` fails while the two disagree.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

import pandas as pd
import yaml

from attrib.atomic import write_text_atomic
from attrib.errors import AttribError
from attrib.report.numbers import number

SHIPPED = Path(__file__).with_name("accuracy.yaml")
PREFIX = "pool-test-"
MEASURES = {"f1": "F1 of attributed", "chain_accuracy": "chain accuracy",
            "exact_chain_accuracy": "exact chain accuracy"}
HEADER = """\
# The accuracy to expect per language, shown in every `attrib report`: attrib's scores on the
# held-out pool test sets (pool-test-<lang>), end to end with the shipped models and the default
# attribution. Written by `python -m attrib.report.accuracy reports/accuracy.json` after each
# evaluation; do not edit by hand.
"""


def expected_accuracy(results: dict) -> dict[str, dict]:
    """Per language, the held-out figures from an ``accuracy.json`` (``{name: result}``), by language code.

    Only ``pool-test-<lang>`` results with the models' parses and the ``default`` attribution count.
    """
    out = {}
    for result in results.values():
        name = str(result.get("set", ""))
        if not name.startswith(PREFIX) or result.get("parses", "models") != "models" \
                or result.get("attribution") != "default":
            continue
        lang = name[len(PREFIX):]
        scores = result.get("by_lang", {}).get(lang) or result["overall"]
        out[lang] = {"set": name, "sentences": int(scores["sentences"]),
                     "gold_attributed": int(scores["gold_attributed"]), **{m: float(scores[m]) for m in MEASURES}}
    return dict(sorted(out.items()))


def write_shipped(accuracy_json: Path, path: Path = SHIPPED) -> dict[str, dict]:
    """Rewrite the shipped figures from an evaluation's ``accuracy.json``; return them.

    Raises:
        AttribError: the file is missing or not an ``attrib eval`` result.
    """
    try:
        results = json.loads(Path(accuracy_json).read_text("utf-8"))
        figures = expected_accuracy(results)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise AttribError(f"{accuracy_json}: not an accuracy.json written by `python -m attrib.evaluation.accuracy` ({exc}); "
                          "run the evaluation first") from exc
    write_text_atomic(Path(path), HEADER + yaml.safe_dump({"languages": figures}, allow_unicode=True,
                                                          sort_keys=True))
    return figures


def load_shipped(path: Path = SHIPPED) -> dict[str, dict]:
    """The figures shipped with this attrib (empty when none were recorded)."""
    if not Path(path).is_file():
        return {}
    return (yaml.safe_load(Path(path).read_text("utf-8")) or {}).get("languages") or {}


def check_commands(annotations: str) -> str:
    """The two commands that measure attrib on one's own corpus (``attrib sample``, then ``attrib eval``)."""
    return (f"attrib sample {annotations} --n 200 --out coding.csv   # also coding.html, for reading\n"
            "# fill the coder_ columns of coding.csv (yes/no and the chain), save it as CSV\n"
            "attrib eval coding.csv --out coding-eval")


def accuracy_rows(figures: dict[str, dict], sentences: pd.DataFrame) -> list[list[str]]:
    """One row per language of the corpus (most sentences first), then the other languages with figures."""
    counts = sentences["lang"].fillna("unknown").value_counts() if "lang" in sentences else pd.Series(dtype=int)
    langs = list(counts.index) + [lang for lang in figures if lang not in counts.index]
    missing, rows = ("no held-out gold: check on a sample" if figures else "not recorded"), []
    for lang in langs:
        fig = figures.get(lang)
        scores = [f"{fig[m]:.2f}" for m in MEASURES] if fig else [missing, "", ""]
        rows.append([str(lang), number(int(counts.get(lang, 0))),
                     f"{number(fig['sentences'])} ({fig['set']})" if fig else "", *scores])
    return rows


COLUMNS = ["language", "sentences in this corpus", "held-out gold sentences", *MEASURES.values()]
INTRO = ("How often attrib is right on news it has never seen: its scores on the held-out half of the pool gold "
         "(real articles, annotated by hand from the text alone), end to end with the shipped models and the default "
         "attribution. F1 of attributed: whether a sentence cites a source at all; chain accuracy: of the sentences a "
         "person attributes, the share whose every source attrib finds, in order; exact: its chain is the person's, "
         "link for link. Your corpus differs from the gold: measure attrib on a sample of it before publishing "
         "figures.")
NONE_RECORDED = "No held-out figures were recorded for this version of attrib; measure it on a sample of your corpus."


def accuracy_html(figures: dict[str, dict], sentences: pd.DataFrame, annotations: str) -> str:
    """The report page's *Accuracy to expect* section."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                   for row in accuracy_rows(figures, sentences))
    note = "" if figures else f"<p>{NONE_RECORDED}</p>"
    return (f'<h2>Accuracy to expect</h2><p class="meta">{html.escape(INTRO)}</p>{note}'
            f'<div class="wide"><table><tr>{head}</tr>{body}</table></div>'
            f"<p>Check it on your own corpus (README, <i>Validating on your own corpus</i>):</p>"
            f"<pre>{html.escape(check_commands(annotations))}</pre>")


def accuracy_markdown(figures: dict[str, dict], sentences: pd.DataFrame, annotations: str) -> str:
    """The Markdown summary's *Accuracy to expect* section."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in accuracy_rows(figures, sentences)]
    note = "" if figures else NONE_RECORDED + "\n\n"
    return (f"## Accuracy to expect\n\n{INTRO}\n\n{note}" + "\n".join(lines)
            + f"\n\nCheck it on your own corpus:\n\n```bash\n{check_commands(annotations)}\n```\n\n")


def readme_table(figures: dict[str, dict]) -> str:
    """The figures as the README's *Accuracy to expect* table (Markdown)."""
    lines = ["| language | held-out gold | " + " | ".join(MEASURES.values()) + " |", "|" + " --- |" * 5]
    lines += [f"| {lang} | {number(f['sentences'])} sentences ({f['set']}) | "
              + " | ".join(f"{f[m]:.2f}" for m in MEASURES) + " |" for lang, f in figures.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m attrib.report.accuracy [reports/accuracy.json]``: rewrite the shipped figures."""
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0] if args else "reports/accuracy.json")
    try:
        figures = write_shipped(source)
    except AttribError as exc:
        print(f"attrib: error: {exc}", file=sys.stderr)
        return 2
    print(f"{SHIPPED}: {', '.join(figures) or 'no pool-test-<lang> result with the default attribution'}")
    print(readme_table(figures))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
