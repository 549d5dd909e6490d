"""Throughput of the pipeline, as ratios against named peers measured in the same run.

Peers:
- `selectolax-text`: parse each page with selectolax (lexbor) and take its body text, and
  decode each text file: the least any extraction from these files must do.
- `dateparser-search`: dateparser's `search_dates` over the same texts, the library a
  user would reach for to find dates, as a yardstick for a rule-based pass.
Also times `extract eval` and `extract diff` over the whole shared corpus.

Run: `make bench` (or `.venv/bin/python bench/run.py [--repeat N]`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from extract.inputs import input_files
from extract.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
INPUTS = [CORPUS / "seeds", CORPUS / "dev"]


def _timed(function, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best is kept")
    args = parser.parse_args()
    files = input_files(INPUTS)
    blobs = [path.read_bytes() for _root, path in files]
    pipeline = Pipeline()

    def run_pipeline() -> None:
        for root, path in files:
            pipeline.process_document(path, root)

    def selectolax_text() -> None:
        for blob in blobs:
            if b"<html" in blob[:2048].lower():
                tree = LexborHTMLParser(blob.decode("utf-8", "replace"))
                (tree.body or tree.root).text()
            else:
                blob.decode("utf-8", "replace")

    texts = [blob.decode("utf-8", "replace") for blob in blobs]

    def dateparser_search() -> None:
        from dateparser.search import search_dates

        for text in texts:
            search_dates(text, languages=["it"])

    ours = _timed(run_pipeline, args.repeat)
    peer = _timed(selectolax_text, args.repeat)
    print(f"documents: {len(files)} (seeds + dev, text and HTML)")
    print(f"pipeline:          {len(files) / ours:8.1f} docs/s  ({ours * 1000:.0f} ms)")
    print(f"selectolax-text:   {len(files) / peer:8.1f} docs/s  ({peer * 1000:.0f} ms)")
    print(f"ratio pipeline / selectolax-text time: {ours / peer:.1f}x")
    try:
        slow = _timed(dateparser_search, 1)
        print(f"dateparser-search: {len(files) / slow:8.1f} docs/s  ({slow * 1000:.0f} ms)")
        print(f"ratio pipeline / dateparser-search time: {ours / slow:.2f}x")
    except ImportError:
        print("dateparser-search: skipped (pip install dateparser to compare)")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        command = [sys.executable, "-m", "extract"]
        started = time.perf_counter()
        subprocess.run(
            [*command, "eval", str(CORPUS), "--out", str(out / "a"), "--quiet"], check=True, capture_output=True
        )
        eval_seconds = time.perf_counter() - started
        subprocess.run(
            [*command, "run", str(CORPUS), "--out", str(out / "b"), "--quiet"], check=True, capture_output=True
        )
        started = time.perf_counter()
        subprocess.run(
            [*command, "diff", str(out / "a"), str(out / "b"), "--gold", str(CORPUS)], check=True, capture_output=True
        )
        diff_seconds = time.perf_counter() - started
    print(f"extract eval over ../shared/corpus: {eval_seconds:.1f} s (process start included)")
    print(f"extract diff over ../shared/corpus with gold: {diff_seconds:.1f} s (process start included)")


if __name__ == "__main__":
    main()
