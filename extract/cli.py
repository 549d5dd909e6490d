"""Command line: `extract run`, `extract eval`, `extract diff` (also `python -m extract`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.pipeline import Pipeline, RunSummary

DEFAULT_INPUT = Path("data/raw")
DEFAULT_OUT = Path("data/structured")
EXIT_OK, EXIT_USAGE = 0, 2


def _print_summary(summary: RunSummary, out: Path | None) -> None:
    types = ", ".join(f"{name} {count}" for name, count in sorted(summary.doc_types.items())) or "none"
    print(f"documents: {summary.files} ({types})")
    print("rows: " + ", ".join(f"{name} {count}" for name, count in summary.rows.items()))
    if summary.errors:
        print(f"errors: {len(summary.errors)}")
        for source, stage, message in summary.errors:
            print(f"  {source} [{stage}] {message}")
    else:
        print("errors: 0")
    if out is not None:
        print(f"written to {out}/ (load with pandas.read_parquet('{out}/processes.parquet'))")


def _cmd_run(args: argparse.Namespace) -> int:
    inputs = args.inputs or [DEFAULT_INPUT]
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        print(f"extract run: input not found: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    progress = False if args.quiet else None
    _output, summary = Pipeline().run(inputs, args.out, progress=progress)
    _print_summary(summary, args.out)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract",
        description="Extract typed tables from Italian documents on participatory processes.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="run the pipeline on files or folders and write Parquet")
    run.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        metavar="INPUT",
        help=f"files or folders, walked recursively (default: {DEFAULT_INPUT})",
    )
    run.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.set_defaults(handler=_cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.handler(args)
