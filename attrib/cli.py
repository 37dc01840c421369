"""attrib's command line: parses arguments and calls library functions, nothing more."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from attrib.errors import AttribError


def _models_build(args: argparse.Namespace) -> int:
    from attrib.models.build import build_pack

    build_pack(ud=args.ud, out=args.out, work=args.work, langs=args.lang,
               processors=args.processor, recipe=args.recipe, threads=args.threads,
               force=args.force, commit=args.commit)
    return 0


def _add_models(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="build, score and check the offline model pack")
    msub = models.add_subparsers(dest="models_command", required=True)
    build = msub.add_parser("build", help="train the pack from UD treebanks (resumable)")
    build.add_argument("--ud", type=Path, default=Path("../shared/ud"), help="UD treebanks folder")
    build.add_argument("--out", type=Path, default=Path("data/models"), help="pack folder")
    build.add_argument("--work", type=Path, default=Path("build/models"), help="scratch folder")
    build.add_argument("--lang", action="append", help="language to build (repeatable)")
    build.add_argument("--processor", action="append", help="processor to build (repeatable)")
    build.add_argument("--recipe", type=Path, help="YAML overriding attrib/models/recipes.yaml")
    build.add_argument("--threads", type=int, default=2, help="torch threads per job")
    build.add_argument("--force", action="store_true", help="retrain installed models too")
    build.add_argument("--commit", action="store_true", help="git-commit each model as it lands")
    build.set_defaults(func=_models_build)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``attrib`` command."""
    parser = argparse.ArgumentParser(prog="attrib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    _add_models(sub)
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
