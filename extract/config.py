"""Loads the vocabularies, label lists and table schemas that live as data in `schemas/`.

Everything is read once per run into a `Config` object that is passed around; nothing
here mutates module state.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extract.label_match import LabelSpec, LabelVocabulary
from extract.text import fold

__all__ = ["Config", "LabelSpec", "LabelVocabulary", "MethodSpec", "load_config"]

DEFAULT_SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"


@dataclass(frozen=True)
class MethodSpec:
    id: str
    patterns: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True)
class Config:
    schemas_dir: Path
    schema_version: str
    tables: dict[str, list[dict[str, Any]]]
    labels: LabelVocabulary
    values: dict[str, Any]
    places: dict[str, Any]
    methods: tuple[MethodSpec, ...]
    doc_type_rules: tuple[dict[str, Any], ...]
    pipeline: dict[str, Any]
    html: dict[str, Any]
    vocab: dict[str, list[dict[str, Any]]]
    counts: dict[str, Any]
    dates: dict[str, Any]
    contacts: dict[str, Any]
    areas: dict[str, Any]
    identity: dict[str, Any]
    money: dict[str, Any]

    def label(self, key: str) -> LabelSpec | None:
        return self.labels.get(key)

    def labels_tagged(self, tag: str) -> set[str]:
        """Folded keys of the labels carrying `tag` (e.g. `place.address`)."""
        return {key for key, spec in self.labels.items() if tag in spec.tags}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON line: {exc}") from exc
    return rows


def _labels(path: Path, rules_path: Path, values: dict[str, Any]) -> LabelVocabulary:
    labels: dict[str, LabelSpec] = {}
    for row in _read_jsonl(path):
        key = fold(row["label"])
        if key in labels:
            raise ValueError(f"{path}: label {row['label']!r} is listed twice")
        labels[key] = LabelSpec(
            label=row["label"],
            key=key,
            kind=row.get("kind", "field"),
            field=row.get("field"),
            normaliser=row.get("normaliser"),
            tags=tuple(row.get("tags", ())),
            doc_types=tuple(row.get("doc_types", ())),
        )
    rules = json.loads(rules_path.read_text(encoding="utf-8"))
    answers = [*values["boolean"]["true"], *values["boolean"]["false"]]
    answers += [word for words in values["status"].values() for word in words]
    return LabelVocabulary(labels, {**rules, "value_words": sorted({fold(word) for word in answers})})


@lru_cache(maxsize=4)
def load_config(schemas_dir: str | None = None) -> Config:
    """Read `schemas/` (or `$EXTRACT_SCHEMAS_DIR`) into a `Config`; cached per directory."""
    root = Path(schemas_dir or os.environ.get("EXTRACT_SCHEMAS_DIR") or DEFAULT_SCHEMAS_DIR)
    if not root.is_dir():
        raise FileNotFoundError(f"schemas directory not found: {root}")
    tables = json.loads((root / "tables.json").read_text(encoding="utf-8"))
    methods = tuple(
        MethodSpec(id=row["id"], patterns=tuple(row["patterns"]), exclude=tuple(row.get("exclude", ())))
        for row in _read_jsonl(root / "vocab" / "methods.jsonl")
    )
    values = json.loads((root / "values.json").read_text(encoding="utf-8"))
    return Config(
        schemas_dir=root,
        schema_version=tables["schema_version"],
        tables=tables["tables"],
        labels=_labels(root / "labels.jsonl", root / "label_matching.json", values),
        values=values,
        places=json.loads((root / "places.json").read_text(encoding="utf-8")),
        methods=methods,
        doc_type_rules=tuple(json.loads((root / "doc_types.json").read_text(encoding="utf-8"))["rules"]),
        pipeline=json.loads((root / "pipeline.json").read_text(encoding="utf-8")),
        html=json.loads((root / "html.json").read_text(encoding="utf-8")),
        vocab={path.stem: _read_jsonl(path) for path in sorted((root / "vocab").glob("*.jsonl"))},
        counts=json.loads((root / "counts.json").read_text(encoding="utf-8")),
        dates=json.loads((root / "dates.json").read_text(encoding="utf-8")),
        contacts=json.loads((root / "contacts.json").read_text(encoding="utf-8")),
        areas=json.loads((root / "areas.json").read_text(encoding="utf-8")),
        identity=json.loads((root / "identity.json").read_text(encoding="utf-8")),
        money=json.loads((root / "money.json").read_text(encoding="utf-8")),
    )
