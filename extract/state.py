"""What a run remembers between runs: each document's rows, keyed by its bytes, its path and the
pipeline's version, so that a second run re-extracts nothing unchanged and a killed run resumes
where it stopped.

The store lives beside the tables (`<out>/.extract-cache/`), one file per document, each written
atomically as soon as the document is done. The manifest (`<out>/.extract-manifest.json`) is
written last, after every table: it names the documents the tables hold, so a run whose inputs
and pipeline did not change has nothing to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from extract import __version__
from extract.settings import EXAMPLES_DIR

PACKAGE = Path(__file__).resolve().parent
CACHE_DIR = ".extract-cache"
MANIFEST = ".extract-manifest.json"

Result = dict[str, list[dict[str, Any]]]


def pipeline_version(schemas_dir: Path) -> str:
    """A hash of the code and the data that decide what is extracted: any edit invalidates the cache."""
    digest = hashlib.sha256(__version__.encode())
    for root in (PACKAGE, schemas_dir):
        for path in sorted(root.rglob("*")):
            if (
                path.is_file()
                and path.suffix in {".py", ".json", ".jsonl"}
                and "__pycache__" not in path.parts
                and not (root == schemas_dir and path.relative_to(root).parts[0] == EXAMPLES_DIR)
            ):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(doc_id: str, source_path: str, version: str) -> str:
    return hashlib.sha256(f"{version}\0{source_path}\0{doc_id}".encode()).hexdigest()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class ResultStore:
    """One pickled result (rows per table) per document key."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.root = out_dir / CACHE_DIR

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pkl"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> Result | None:
        try:
            return pickle.loads(self._path(key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return None  # missing or damaged: extract again

    def put(self, key: str, result: Result) -> None:
        _atomic_write(self._path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, keep: set[str]) -> None:
        """Forget documents no longer among the inputs (or extracted by an older pipeline)."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("*/*.pkl"):
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    _atomic_write(out_dir / MANIFEST, json.dumps(manifest, indent=1).encode())
