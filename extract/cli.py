"""Command line: `extract run`, `extract eval`, `extract diff`, `extract report`, `extract check`,
`extract dictionary` (also `python -m extract`)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_INPUT = Path("data/raw")
DEFAULT_OUT = Path("data/structured")
EXIT_OK, EXIT_USAGE = 0, 2


def _print_summary(summary: Any, out: Path | None) -> None:
    types = ", ".join(f"{name} {count}" for name, count in sorted(summary.doc_types.items())) or "none"
    documents = sum(summary.doc_types.values())
    same = "" if documents == summary.files else f" from {summary.files} files (identical files are one document)"
    print(f"documents: {documents}{same} ({types})")
    print("rows: " + ", ".join(f"{name} {count}" for name, count in summary.rows.items()))
    if summary.errors:
        print(f"errors: {len(summary.errors)}")
        for source, stage, message in summary.errors:
            print(f"  {source} [{stage}] {message}")
    else:
        print("errors: 0")
    if getattr(summary, "unchanged", False):
        print(f"nothing changed since the last run: {out}/ is up to date (use --force to extract again)")
    elif hasattr(summary, "extracted"):
        print(f"extracted {summary.extracted} documents, reused {summary.reused} unchanged")
    if out is not None:
        print(f"written to {out}/ (load with pandas.read_parquet('{out}/processes.parquet'))")


def _missing(paths: list[Path], command: str) -> bool:
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"extract {command}: input not found: {', '.join(missing)}", file=sys.stderr)
    return bool(missing)


def _cmd_run(args: argparse.Namespace) -> int:
    inputs = args.inputs or [DEFAULT_INPUT]
    if _missing(inputs, "run"):
        return EXIT_USAGE
    if args.scheduler and args.engine != "dask":
        print("extract run: --scheduler needs --engine dask", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("extract run: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    from extract.runner import run

    report = run(
        inputs,
        args.out,
        workers=args.workers,
        force=args.force,
        engine=args.engine,
        scheduler=args.scheduler,
        progress=False if args.quiet else None,
        schemas=args.schemas,
    )
    _print_summary(report, args.out)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from extract.baseline import build_baseline, write_baseline
    from extract.evaluate import find_gold, find_links_gold, load_output, score, score_links
    from extract.report import misses_listing, scores_markdown, scores_table
    from extract.runner import run_files

    if _missing(args.gold_dirs + ([args.from_dir] if args.from_dir else []), "eval"):
        return EXIT_USAGE
    started = time.perf_counter()
    gold = find_gold(args.gold_dirs)
    if not gold:
        print("extract eval: no *.gold.json files beside their documents in the given folders", file=sys.stderr)
        return EXIT_USAGE
    if args.from_dir:
        try:
            tables = load_output(args.from_dir)
        except FileNotFoundError as exc:
            print(f"extract eval: {exc}", file=sys.stderr)
            return EXIT_USAGE
    else:
        files = [(item.root, item.path) for item in gold]
        with tempfile.TemporaryDirectory(prefix="extract-eval-") as scratch:
            out = args.out or Path(scratch)
            run_files(files, out, schemas=args.schemas, progress=False if args.quiet else None)
            tables = load_output(out)
    scores = score(gold, tables)
    links_gold = find_links_gold(args.gold_dirs)
    if links_gold:
        scores.links = score_links(gold, links_gold, tables)
    print(scores_markdown(scores) if args.markdown else scores_table(scores))
    if scores.links is not None:
        links = scores.links
        print(
            f"\nlinks (pairs of gold documents sharing a process_key, links.gold.json): P {links.precision:.3f} "
            f"R {links.recall:.3f} F1 {links.f1:.3f} (TP {links.tp}, FP {links.fp}, FN {links.fn})"
            + ("" if "links" in tables else "; this output has no links table")
        )
    if args.misses:
        print("\n" + misses_listing(scores))
    print(f"\n{len(gold)} gold documents scored in {time.perf_counter() - started:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(scores.as_dict(), indent=1) + "\n", encoding="utf-8")
    if args.write_baseline:
        corpus = ", ".join(path.as_posix() for path in args.gold_dirs)
        write_baseline(args.write_baseline, build_baseline(scores, corpus))
        print(f"baseline written to {args.write_baseline}")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from extract.diff import diff_outputs, format_diff
    from extract.evaluate import find_gold

    if _missing([args.out_a, args.out_b, *args.gold], "diff"):
        return EXIT_USAGE
    gold = find_gold(args.gold) if args.gold else None
    try:
        result = diff_outputs(args.out_a, args.out_b, gold)
    except FileNotFoundError as exc:
        print(f"extract diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result.as_dict(), indent=1, ensure_ascii=False) if args.json else format_diff(result))
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    if _missing([args.out_dir, *args.gold], "report"):
        return EXIT_USAGE
    from extract.evaluate import find_gold, load_output
    from extract.review import build_report

    try:
        load_output(args.out_dir)
    except FileNotFoundError as exc:
        print(f"extract report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    gold = find_gold(args.gold) if args.gold else None
    args.html.parent.mkdir(parents=True, exist_ok=True)
    args.html.write_text(build_report(args.out_dir, gold), encoding="utf-8")
    print(f"review page written to {args.html} (open it in a browser; it needs no network)")
    return EXIT_OK


def _schemas_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--schemas",
        type=Path,
        metavar="DIR",
        help="the configuration folder: rules, vocabularies, field catalogue (default: $EXTRACT_SCHEMAS_DIR, "
        "else the repository's schemas/)",
    )


def _cmd_check(args: argparse.Namespace) -> int:
    from extract.assembly import check_schemas
    from extract.config import schemas_root
    from extract.settings import ConfigError

    problems = check_schemas(args.schemas)
    if problems:
        print(ConfigError(problems, schemas_root(args.schemas)), file=sys.stderr)
        return EXIT_USAGE
    print(f"configuration in {schemas_root(args.schemas)}: no problems")
    return EXIT_OK


def _cmd_dictionary(args: argparse.Namespace) -> int:
    from extract.assembly import checked_config
    from extract.dictionary import markdown

    print(markdown(checked_config(args.schemas).catalogue), end="")
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
    run.add_argument("--workers", type=int, help="worker processes for new documents (default: one per core)")
    run.add_argument(
        "--force", action="store_true", help="extract every document again, even those unchanged since the last run"
    )
    run.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local process pool (default) or a Dask cluster; dask writes each table as a partitioned dataset",
    )
    run.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    _schemas_option(run)
    run.set_defaults(handler=_cmd_run)

    evaluate = commands.add_parser(
        "eval", help="score the pipeline against gold files: per-field precision, recall, F1"
    )
    evaluate.add_argument(
        "gold_dirs",
        nargs="+",
        type=Path,
        metavar="GOLD_DIR",
        help="folders (walked recursively) or single *.gold.json files",
    )
    evaluate.add_argument("--out", type=Path, help="also keep the run's Parquet here")
    evaluate.add_argument(
        "--from",
        dest="from_dir",
        type=Path,
        metavar="DIR",
        help="score an existing output folder instead of running the pipeline",
    )
    evaluate.add_argument("--json", type=Path, metavar="FILE", help="write the scores as JSON")
    evaluate.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    evaluate.add_argument(
        "--misses", action="store_true", help="also list every disagreement with gold, by document and field"
    )
    evaluate.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="write these scores as the quality baseline (commit it on its own)",
    )
    evaluate.add_argument("--quiet", action="store_true", help="no progress bar")
    _schemas_option(evaluate)
    evaluate.set_defaults(handler=_cmd_eval)

    check = commands.add_parser(
        "check", help="check the configuration (rule files, vocabularies, field catalogue) and list every problem"
    )
    _schemas_option(check)
    check.set_defaults(handler=_cmd_check)

    dictionary = commands.add_parser(
        "dictionary", help="print the data dictionary (every table and column) as Markdown, from the field catalogue"
    )
    _schemas_option(dictionary)
    dictionary.set_defaults(handler=_cmd_dictionary)

    diff = commands.add_parser("diff", help="what changed between two output folders, per document and field")
    diff.add_argument("out_a", type=Path, metavar="OUT_A")
    diff.add_argument("out_b", type=Path, metavar="OUT_B")
    diff.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="gold folder(s): also show the per-field F1 change",
    )
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    diff.set_defaults(handler=_cmd_diff)

    report = commands.add_parser(
        "report", help="an HTML page for reviewers: every mention highlighted in its text, rows beside it"
    )
    report.add_argument("out_dir", type=Path, metavar="OUT", help="an output folder of `extract run`")
    report.add_argument(
        "--gold", type=Path, action="append", default=[], metavar="DIR", help="gold folder(s): mark disagreements"
    )
    report.add_argument("--html", type=Path, required=True, metavar="FILE", help="where to write the page")
    report.set_defaults(handler=_cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from extract.settings import ConfigError

    try:
        return args.handler(args)
    except ConfigError as exc:  # the configuration cannot build a pipeline: say all of it, read nothing
        print(f"extract {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
