"""Issue 4 benchmarks, each against a named peer measured in the same run.

1. Process dates: our date extraction (labels + `dates.v1`) against dateparser's
   `search_dates(text, languages=["it"])` on the seeds and dev documents, then on our own
   fictitious cards, articles, reports and schede (`tests/fixtures/*_prose`, `final_heldout`). Both are scored
   on the process dates of the gold files (start_date, end_date): ours by the dates it
   assigns to those roles; dateparser, which gives no roles, once with every date it finds
   as a candidate (`dateparser-all`) and once with the first date it finds taken as the start
   (`dateparser-first`). A date counts as found when it agrees at the gold's precision (a
   month-precision gold date matches any day of that month), which favours dateparser.
2. Throughput: the whole pipeline, prose extraction included, on one core over N generated
   text schede of about 8 KB (`bench/generate.py`), against spaCy's blank Italian tokenizer
   alone over the same texts (`spacy-tokenize`).

Run: `make bench` or `.venv/bin/python bench/prose.py [-n 1000]`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import spacy

from bench.generate import generate
from extract.classify import classify
from extract.evaluate import find_gold
from extract.inputs import input_files
from extract.loaders import load_file
from extract.pipeline import Pipeline
from extract.resolve import resolve

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
DATE_FIELDS = ("start_date", "end_date")
DATE_EXTRACTORS = ("label_value.v1", "dates.v1")
FIXTURES = REPO / "tests" / "fixtures"
DATE_FIXTURES = ("unseen_prose", "heldout_prose", "final_heldout")


def _gold_dates(gold: dict) -> set[tuple[str, str, str]]:
    """(field, ISO date, precision) of the gold's process dates."""
    processes = gold.get("processes", {})
    return {
        (field, processes[field], processes.get(f"{field}_precision") or "day")
        for field in DATE_FIELDS
        if processes.get(field)
    }


def _agrees(gold_iso: str, precision: str, found: date) -> bool:
    gold = date.fromisoformat(gold_iso)
    if precision == "year":
        return found.year == gold.year
    if precision == "month":
        return (found.year, found.month) == (gold.year, gold.month)
    return found == gold


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _score(
    gold: set[tuple[str, str, str]], found: list[tuple[str | None, date]], by_role: bool
) -> tuple[int, int, int]:
    unmatched = list(found)
    tp = 0
    for field, iso, precision in sorted(gold):
        match = next(
            (item for item in unmatched if (not by_role or item[0] == field) and _agrees(iso, precision, item[1])),
            None,
        )
        if match is not None:
            unmatched.remove(match)
            tp += 1
    return tp, len(unmatched), len(gold) - tp


def bench_dates(label: str, folders: list[Path]) -> None:
    from dateparser.search import search_dates

    pipeline = Pipeline()
    golds = [item for item in find_gold(folders) if "processes" in item.gold]
    documents = []
    for item in golds:
        document, *_ = load_file(item.path, item.path.name, pipeline.config)
        document.doc_type = classify(document, pipeline.config)
        documents.append((item, document))

    def ours() -> list[list[tuple[str | None, date]]]:
        results = []
        for _item, document in documents:
            mentions = [mention for name in DATE_EXTRACTORS for mention in pipeline.run_one(name, document)]
            chosen = resolve(
                mentions, pipeline.config.catalogue, document.doc_type, pipeline.resources.gazetteer
            ).chosen
            results.append([(field, chosen[field][0].value) for field in DATE_FIELDS if field in chosen])
        return results

    def theirs() -> list[list[datetime]]:
        return [
            [found for _raw, found in search_dates(document.text, languages=["it"]) or []]
            for _item, document in documents
        ]

    ours()  # build the shared resources once, outside the timing
    started = time.perf_counter()
    our_found = ours()
    our_seconds = time.perf_counter() - started
    started = time.perf_counter()
    their_found = theirs()
    their_seconds = time.perf_counter() - started

    totals = {"ours": [0, 0, 0], "dateparser-all": [0, 0, 0], "dateparser-first": [0, 0, 0]}
    for (item, _document), mine, found in zip(documents, our_found, their_found, strict=True):
        gold = _gold_dates(item.gold)
        candidates = [(None, value.date()) for value in found]
        for name, result in (
            ("ours", _score(gold, mine, by_role=True)),
            ("dateparser-all", _score(gold, candidates, by_role=False)),
            ("dateparser-first", _score(gold, [("start_date", candidates[0][1])] if candidates else [], True)),
        ):
            totals[name] = [total + part for total, part in zip(totals[name], result, strict=True)]
    count = len(documents)
    print(f"process dates on {count} gold documents ({label}):")
    for name, (tp, fp, fn) in totals.items():
        print(f"  {name:17s} F1 {_f1(tp, fp, fn):.3f}  (TP {tp}, FP {fp}, FN {fn})")
    print(f"  ours:       {count / our_seconds:8.1f} docs/s")
    print(f"  dateparser: {count / their_seconds:8.1f} docs/s")
    print(f"  speed ratio ours / dateparser: {their_seconds / our_seconds:.0f}x faster")


def bench_throughput(count: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        paths = generate(Path(scratch), count)
        size = sum(path.stat().st_size for path in paths) / len(paths)
        files = input_files([Path(scratch)])
        pipeline = Pipeline()
        for root, path in files[:5]:  # build resources outside the timing
            pipeline.process_document(path, root)
        started = time.perf_counter()
        for root, path in files:  # every document through the pipeline, its rows in memory
            pipeline.process_document(path, root)
        ours = time.perf_counter() - started
        texts = [path.read_text(encoding="utf-8") for path in paths]
        tokenizer = spacy.blank("it")
        started = time.perf_counter()
        for text in texts:
            tokenizer.make_doc(text)
        peer = time.perf_counter() - started
    print(f"throughput on {count} generated text schede of {size / 1000:.1f} KB on average, one core:")
    print(f"  pipeline:       {count / ours:8.1f} docs/s")
    print(f"  spacy-tokenize: {count / peer:8.1f} docs/s")
    print(f"  ratio pipeline / spacy-tokenize time: {ours / peer:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="generated schede for the throughput run")
    args = parser.parse_args()
    bench_dates("shared corpus: seeds + dev", [CORPUS / "seeds", CORPUS / "dev"])
    bench_dates("our fictitious fixtures", [FIXTURES / name for name in DATE_FIXTURES if (FIXTURES / name).is_dir()])
    bench_throughput(args.n)


if __name__ == "__main__":
    main()
