"""The runner: files in, one Document each, extractors, resolution, typed rows, Parquet out.

Every failure is contained: a file that cannot be read is an `errors` row and a `failed`
document; an extractor that raises is an `errors` row and a `partial` document; the run
always writes every good document.
"""

from __future__ import annotations

import sys
import traceback
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from extract.classify import classify
from extract.config import Config, load_config
from extract.document import Document, Mention
from extract.extractors import Resources, load_all
from extract.loaders import load_file
from extract.resolve import resolve
from extract.rows import CHILD_TABLES, child_rows, document_row, mention_rows, process_row
from extract.writer import write_table

TABLES = ("documents", "processes", *CHILD_TABLES, "mentions", "errors", "texts")
SIDECAR_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = ("README", "readme")


@dataclass
class RunOutput:
    """Rows of every table, accumulated over a run."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {name: [] for name in TABLES})

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self.tables[table].extend(rows)


@dataclass
class RunSummary:
    files: int
    doc_types: Counter[str]
    rows: dict[str, int]
    errors: list[tuple[str, str, str]]
    written: list[Path]


def is_input_file(path: Path) -> bool:
    """Skip hidden files, answer keys (`*.gold.json`) and folder READMEs."""
    return (
        path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(SIDECAR_SUFFIXES)
        and not path.name.startswith(SKIPPED_NAMES)
    )


def relative_source(path: Path, root: Path) -> str:
    """SPEC's `source_path`: the file relative to the input folder it was found under."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def input_files(inputs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(root, file) for every input file; folders are walked recursively, in sorted order."""
    found: list[tuple[Path, Path]] = []
    for given in inputs:
        if given.is_dir():
            found += [(given, path) for path in sorted(given.rglob("*")) if is_input_file(path)]
        elif given.is_file():
            found.append((given.parent, given))
        else:
            raise FileNotFoundError(f"input not found: {given}")
    return found


class Pipeline:
    """Built once per run: the config, shared resources and the extractor list per doc type."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or load_config()
        self.resources = Resources.build(self.config)
        registry = load_all()
        self.extractors = {
            doc_type: [(name, registry.get(name)) for name in names]
            for doc_type, names in self.config.pipeline["extractors"].items()
        }

    def extract(self, document: Document) -> tuple[list[Mention], list[tuple[str, str, str]]]:
        """All mentions of a loaded document, and (stage, error_type, message) for each failed extractor."""
        mentions: list[Mention] = []
        failures: list[tuple[str, str, str]] = []
        for name, function in self.extractors.get(document.doc_type, self.extractors["other"]):
            try:
                mentions += function(document, self.resources)
            except Exception as exc:  # one extractor's bug must not cost the document
                failures.append((f"extract:{name}", type(exc).__name__, _describe(exc)))
        return mentions, failures

    def process_file(self, path: Path, root: Path, output: RunOutput) -> Document | None:
        source_path = relative_source(path, root)
        document, doc_id, fmt, error = load_file(path, source_path, self.config)
        if document is None:
            assert error is not None
            output.add("errors", [_error_row(doc_id, source_path, "load", error.error_type, error.message)])
            output.add("documents", [_failed_document(doc_id, source_path, fmt)])
            return None
        document.doc_type = classify(document, self.config)
        mentions, failures = self.extract(document)
        chosen, all_mentions = resolve(mentions, self.config)
        problems = [("load", kind, message) for kind, message in document.warnings] + failures
        output.add("errors", [_error_row(document.doc_id, source_path, *problem) for problem in problems])
        output.add("documents", [document_row(document, chosen, "partial" if problems else "ok")])
        row = process_row(document, self.config, chosen)
        if row is not None:
            output.add("processes", [row])
        for table in CHILD_TABLES:
            output.add(table, child_rows(document, self.config, table, chosen))
        output.add("mentions", mention_rows(document, all_mentions))
        output.add("texts", [{"doc_id": document.doc_id, "text": document.text}])
        return document

    def run(
        self, inputs: Iterable[Path], out_dir: Path | None, progress: bool | None = None
    ) -> tuple[RunOutput, RunSummary]:
        """Process every file under `inputs`; write the tables to `out_dir` unless it is None."""
        return self.run_files(input_files(inputs), out_dir, progress)

    def run_files(
        self, files: list[tuple[Path, Path]], out_dir: Path | None, progress: bool | None = None
    ) -> tuple[RunOutput, RunSummary]:
        """Process (root, file) pairs; `source_path` is each file relative to its root."""
        output = RunOutput()
        bar = tqdm(
            files, desc="extract", unit="doc", disable=None if progress is None else not progress, file=sys.stderr
        )
        for root, path in bar:
            try:
                self.process_file(path, root, output)
            except Exception as exc:  # a bug in the runner itself: record it and go on
                row = _error_row(None, relative_source(path, root), "pipeline", type(exc).__name__, _describe(exc))
                output.add("errors", [row])
        written = (
            [write_table(self.config, name, rows, out_dir) for name, rows in output.tables.items()] if out_dir else []
        )
        summary = RunSummary(
            files=len(files),
            doc_types=Counter(
                "failed" if row["status"] == "failed" else row["doc_type"] for row in output.tables["documents"]
            ),
            rows={name: len(rows) for name, rows in output.tables.items()},
            errors=[
                (row["source_path"], row["stage"], f"{row['error_type']}: {row['message']}")
                for row in output.tables["errors"]
            ],
            written=written,
        )
        return output, summary


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{exc}{location}"


def _error_row(doc_id: str | None, source_path: str, stage: str, error_type: str, message: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "source_path": source_path, "stage": stage, "error_type": error_type, "message": message}


def _failed_document(doc_id: str | None, source_path: str, fmt: str) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "source_path": source_path,
        "source_url": None,
        "format": fmt,
        "doc_type": "other",
        "title": None,
        "n_pages": None,
        "published_date": None,
        "modified_date": None,
        "status": "failed",
    }


__all__ = ["Pipeline", "RunOutput", "RunSummary", "input_files"]
