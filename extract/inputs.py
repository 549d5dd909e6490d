"""Which files a run reads: folders walked recursively, answer keys and hidden files skipped.

Kept free of heavy imports: a run whose inputs have not changed reads this, hashes the files and
stops, without loading spaCy or the gazetteers.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SIDECAR_SUFFIXES = (".gold.json",)
SKIPPED_NAMES = ("README", "readme")


def is_input_file(path: Path) -> bool:
    """Skip hidden files, answer keys (`*.gold.json`) and folder READMEs."""
    return (
        path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(SIDECAR_SUFFIXES)
        and not path.name.startswith(SKIPPED_NAMES)
    )


def relative_source(path: Path, root: Path) -> str:
    """SPEC's `source_path`: the file relative to the input folder it was found under (a file
    given as an input is its own root: its name)."""
    if path == root or not path.is_relative_to(root):
        return path.name
    return path.relative_to(root).as_posix()


def input_files(inputs: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(root, file) for every input file, the root being the input as given (a folder, walked
    recursively in sorted order, or the file itself)."""
    found: list[tuple[Path, Path]] = []
    for given in inputs:
        if given.is_dir():
            found += [
                (given, path)
                for path in sorted(given.rglob("*"))
                if is_input_file(path) and not any(part.startswith(".") for part in path.relative_to(given).parts)
            ]
        elif given.is_file():
            found.append((given, given))
        else:
            raise FileNotFoundError(f"input not found: {given}")
    return found
