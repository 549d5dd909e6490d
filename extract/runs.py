"""The run's vocabulary: a job (one input file) and the report of a run. It stands below both the
pipeline and the runner (and the engines), which all speak it; the tables a run writes are the
field catalogue's (`Config.catalogue.names`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Job:
    """One input file: its root (the input as given), its path, its path under the root, its
    document (the sha256 of its bytes) and its key in the result store."""

    root: Path
    path: Path
    source_path: str
    key: str
    doc_id: str = ""


@dataclass
class RunReport:
    """What a run did: files read, documents by type (identical files are one document), rows
    per table, errors, and how much was new."""

    files: int
    doc_types: Counter[str]
    rows: dict[str, int]
    errors: list[tuple[str, str, str]]
    extracted: int
    reused: int
    unchanged: bool = False
