"""Loads the vocabularies, label lists and table schemas that live as data in `schemas/`.

Everything is read once per run into a `Config` object that is passed around; nothing
here mutates module state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extract.catalogue import Catalogue, load_catalogue
from extract.label_match import LabelSpec, LabelVocabulary
from extract.settings import (
    CATALOGUE_FILE,
    RULE_FILES,
    ConfigError,
    Problem,
    check_rule_file,
    validation_problems,
)
from extract.text import fold

__all__ = ["Config", "ConfigError", "LabelSpec", "LabelVocabulary", "MethodSpec", "load_config"]

DEFAULT_SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True)
class MethodSpec:
    id: str
    forms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    schemas_dir: Path
    catalogue: Catalogue
    labels: LabelVocabulary
    values: dict[str, Any]
    places: dict[str, Any]
    methods: tuple[MethodSpec, ...]
    doc_type_rules: tuple[dict[str, Any], ...]
    pipeline: dict[str, Any]
    html: dict[str, Any]
    vocab: dict[str, list[dict[str, Any]]]
    areas: dict[str, Any]

    @property
    def schema_version(self) -> str:
        return self.catalogue.schema_version

    def label(self, key: str) -> LabelSpec | None:
        return self.labels.get(key)

    def labels_tagged(self, tag: str) -> set[str]:
        """Folded keys of the labels carrying `tag` (e.g. `place.address`)."""
        return {key for key, spec in self.labels.items() if tag in spec.tags}


def _labels(rows: list[dict[str, Any]], rules: dict[str, Any], values: dict[str, Any]) -> LabelVocabulary:
    labels: dict[str, LabelSpec] = {}
    for row in rows:
        key = fold(row["label"])
        labels[key] = LabelSpec(
            label=row["label"],
            key=key,
            kind=row.get("kind", "field"),
            field=row.get("field"),
            normaliser=row.get("normaliser"),
            tags=tuple(row.get("tags", ())),
            doc_types=tuple(row.get("doc_types", ())),
        )
    answers = [*values["boolean"]["true"], *values["boolean"]["false"]]
    answers += [word for words in values["status"].values() for word in words]
    return LabelVocabulary(labels, {**rules, "value_words": sorted({fold(word) for word in answers})})


def duplicate_labels(rows: list[dict[str, Any]]) -> list[Problem]:
    """Labels listed twice in `labels.jsonl` (after folding case and accents): the second would
    silently replace the first."""
    seen: dict[str, int] = {}
    problems = []
    for number, row in enumerate(rows, start=1):
        key = fold(str(row.get("label", "")))
        if key in seen:
            problems.append(Problem("labels.jsonl", f"line {number}", f"label {row['label']!r} is listed twice"))
        seen.setdefault(key, number)
    return problems


def read_schemas(root: Path) -> tuple[dict[str, Any], Catalogue | None, list[Problem]]:
    """Every file of `schemas/` read and checked against its shape: (contents by file name, the
    catalogue, every problem found)."""
    contents: dict[str, Any] = {}
    problems: list[Problem] = []
    for name in RULE_FILES:
        contents[name], found = check_rule_file(root, name)
        problems += found
    catalogue = None
    try:
        catalogue = load_catalogue(root / CATALOGUE_FILE)
    except FileNotFoundError:
        problems.append(Problem(CATALOGUE_FILE, "", "missing file"))
    except ValidationError as exc:
        problems += validation_problems(CATALOGUE_FILE, exc)
    if contents["labels.jsonl"]:
        problems += duplicate_labels(contents["labels.jsonl"])
    return contents, catalogue, problems


def schemas_root(schemas_dir: str | Path | None = None) -> Path:
    """The configuration folder: the one given, else `$EXTRACT_SCHEMAS_DIR`, else the repo's `schemas/`."""
    return Path(schemas_dir or os.environ.get("EXTRACT_SCHEMAS_DIR") or DEFAULT_SCHEMAS_DIR)


@lru_cache(maxsize=4)
def load_config(schemas_dir: str | None = None) -> Config:
    """Read `schemas/` (or `$EXTRACT_SCHEMAS_DIR`) into a `Config`; cached per directory. A file
    that does not have its shape raises one `ConfigError` listing every problem of every file."""
    root = schemas_root(schemas_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"schemas directory not found: {root}")
    contents, catalogue, problems = read_schemas(root)
    if problems or catalogue is None:
        raise ConfigError(problems, root)
    values = contents["values.json"]
    methods = tuple(
        MethodSpec(id=row["id"], forms=tuple(row["forms"]), exclude=tuple(row.get("exclude", ())))
        for row in contents["vocab/methods.jsonl"]
    )
    vocab_prefix = "vocab/"
    return Config(
        schemas_dir=root,
        catalogue=catalogue,
        labels=_labels(contents["labels.jsonl"], contents["label_matching.json"], values),
        values=values,
        places=contents["places.json"],
        methods=methods,
        doc_type_rules=tuple(contents["doc_types.json"]["rules"]),
        pipeline=contents["pipeline.json"],
        html=contents["html.json"],
        vocab={
            name[len(vocab_prefix) : -len(".jsonl")]: rows
            for name, rows in sorted(contents.items())
            if name.startswith(vocab_prefix)
        },
        areas=contents["areas.json"],
    )
