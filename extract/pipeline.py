"""One document through the pipeline: a file in, one Document, its view, the components,
resolution, typed rows for every table. Runs over many files are `extract.runner`'s.

Every failure is contained: a file that cannot be read is an `errors` row and a `failed`
document; an extractor that raises is an `errors` row and a `partial` document; a document that
takes too long is a `time_limit` row.
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.assembly import check_schemas
from extract.classify import classify
from extract.config import Config, ConfigError, load_config
from extract.document import Document, Mention
from extract.extractors import Extractor, load_all
from extract.inputs import relative_source
from extract.lexicon.resources import Resources
from extract.loaders import doc_id_of, load_file, sniff_format
from extract.resolve import resolve
from extract.rows import child_rows, document_row, failed_document_row, mention_rows, process_row
from extract.settings import read_settings
from extract.view import DocumentView


@dataclass
class RunOutput:
    """Rows of every table that one document gives."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Config) -> RunOutput:
        """Empty rows for every table of the catalogue."""
        return cls({name: [] for name in config.catalogue.names})

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self.tables[table].extend(rows)


class Pipeline:
    """Built once per run: the config, the shared resources and the components per doc type."""

    def __init__(self, config: Config | None = None) -> None:
        """Build the pipeline from `config` (by default `schemas/`); a configuration with any
        problem raises one `ConfigError` listing them all, before any input is read."""
        problems = check_schemas(config.schemas_dir if config else None)
        if problems:
            raise ConfigError(problems, config.schemas_dir if config else None)
        self.config = config or load_config()
        self.resources = Resources.build(self.config)
        registry = load_all()
        components: dict[str, Extractor] = {}
        for names in self.config.pipeline["extractors"].values():
            for name in names:
                if name not in components:
                    kind = registry.get(name)
                    settings = read_settings(self.config.schemas_dir, kind.settings_file, kind.Settings)
                    components[name] = kind(self.resources, settings)
        # doc type -> (name, component) in the order they run; each component is built once
        self.extractors: dict[str, list[tuple[str, Callable[[DocumentView], list[Mention]]]]] = {
            doc_type: [(name, components[name]) for name in names]
            for doc_type, names in self.config.pipeline["extractors"].items()
        }

    def component(self, name: str) -> Callable[[DocumentView], list[Mention]]:
        """The pipeline's built component `name` (to try one extractor on a document: `run_one`)."""
        for components in self.extractors.values():
            for registered, component in components:
                if registered == name:
                    return component
        raise KeyError(f"no extractor {name!r} in this pipeline")

    def run_one(self, name: str, document: Document) -> list[Mention]:
        """What one extractor of the pipeline finds in a loaded document."""
        return self.component(name)(DocumentView(document, self.resources))

    def warm_up(self) -> None:
        """Build what extractors build lazily (spaCy matchers, name lists, compiled rules) by
        running them on a small document, so that forked workers inherit it instead of each
        building its own."""
        sample = Document(doc_id="warm-up", source_path="", format="text", text=WARM_UP_TEXT)
        for doc_type in self.extractors:
            sample.doc_type = doc_type
            self.extract(sample)

    def extract(self, document: Document) -> tuple[list[Mention], list[tuple[str, str, str]]]:
        """All mentions of a loaded document, and (stage, error_type, message) for each failed extractor."""
        mentions: list[Mention] = []
        failures: list[tuple[str, str, str]] = []
        view = DocumentView(document, self.resources)  # per-document state, dropped with the document
        for name, component in self.extractors.get(document.doc_type, self.extractors["other"]):
            try:
                mentions += component(view)
            except Exception as exc:  # one extractor's bug must not cost the document
                failures.append((f"extract:{name}", type(exc).__name__, _describe(exc)))
        return mentions, failures

    def process_file(self, path: Path, root: Path, output: RunOutput) -> Document | None:
        source_path = relative_source(path, root)
        document, doc_id, fmt, error = load_file(path, source_path, self.config)
        if document is None:
            assert error is not None
            output.add("errors", [_error_row(doc_id, source_path, "load", error.error_type, error.message)])
            output.add("documents", [failed_document_row(self.config, doc_id, source_path, fmt)])
            return None
        _cap_text(document, int(self.config.pipeline["limits"]["max_text_chars"]))
        document.doc_type = classify(document, self.config)
        mentions, failures = self.extract(document)
        resolution = resolve(mentions, self.config.catalogue, document.doc_type, self.resources.gazetteer)
        chosen = resolution.chosen
        problems = [("load", kind, message) for kind, message in document.warnings] + failures
        output.add("errors", [_error_row(document.doc_id, source_path, *problem) for problem in problems])
        output.add("documents", [document_row(document, self.config, chosen, "partial" if problems else "ok")])
        row = process_row(document, self.config, chosen)
        if row is not None:
            output.add("processes", [row])
        for table in self.config.catalogue.row_tables:
            output.add(table, child_rows(document, self.config, table, chosen))
        output.add("mentions", mention_rows(document, resolution))
        output.add("texts", [{"doc_id": document.doc_id, "text": document.text}])
        return document

    def process_document(self, path: Path, root: Path, seconds: float | None = None) -> dict[str, list[dict[str, Any]]]:
        """Every row one file gives (per table), within a time limit; never raises for a bad file."""
        output = RunOutput.of(self.config)
        source_path = relative_source(path, root)
        try:
            with time_limit(seconds):
                self.process_file(path, root, output)
        except DocumentTimeout:
            output = RunOutput.of(self.config)
            doc_id, fmt = _identify(path)
            message = f"the document took longer than {seconds:g} s; it was skipped"
            output.add("errors", [_error_row(doc_id, source_path, "pipeline", "time_limit", message)])
            output.add("documents", [failed_document_row(self.config, doc_id, source_path, fmt)])
        except Exception as exc:  # a bug in the runner itself: record it and go on
            output = RunOutput.of(self.config)
            doc_id, fmt = _identify(path)
            output.add("errors", [_error_row(doc_id, source_path, "pipeline", type(exc).__name__, _describe(exc))])
            output.add("documents", [failed_document_row(self.config, doc_id, source_path, fmt)])
        return output.tables


def _identify(path: Path) -> tuple[str, str]:
    """doc_id and format of a file whose processing failed midway (its rows still need them)."""
    data = path.read_bytes()
    return doc_id_of(data), sniff_format(data)


def _cap_text(document: Document, limit: int) -> None:
    """Read at most `limit` characters of a document (a 50 MB page is not a scheda); say so."""
    if len(document.text) <= limit:
        return
    document.text = document.text[:limit]
    document.fields = [item for item in document.fields if item.value_end <= limit]
    document.boxes = [box for box in document.boxes if box.end <= limit]
    if document.title_span and document.title_span[1] > limit:
        document.title_span = None
    document.warnings.append(("text_truncated", f"only the first {limit:,} characters of the text were read"))


WARM_UP_TEXT = "Titolo\n\nContatti:\nMario Rossi: mario.rossi@example.it\n\nSono stati coinvolti 3 volontari."


class DocumentTimeout(BaseException):
    """Raised by the alarm in the middle of a document; a BaseException so that the per-extractor
    guard (which catches Exception) does not swallow it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """SIGALRM after `seconds` in the main thread of a process (a worker or the CLI); no limit when
    None or off the main thread. PDFs are further bounded by their own child process."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" (at {Path(where.filename).name}:{where.lineno})" if where else ""
    return f"{exc}{location}"


def _error_row(doc_id: str | None, source_path: str, stage: str, error_type: str, message: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "source_path": source_path, "stage": stage, "error_type": error_type, "message": message}


__all__ = ["Pipeline", "RunOutput"]
