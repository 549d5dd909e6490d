"""The document type (scheda, card, article, other), decided by structure, never by file name.

Rules are data (`schemas/doc_types.json`), tried in order: a heading that declares a report
(`Relazione finale`), how many distinct scheda labels
stand as labelled fields and how much of the text they cover, how many card labels open a line, how many article header
labels (`Autore:`, `Località:` …) appear near the top.
"""

from __future__ import annotations

import re
from typing import Any

from extract.config import Config
from extract.document import Document
from extract.text import fold, line_spans

HEADER_CHARS = 3000


def _scheda_labels(document: Document, config: Config) -> int:
    """Distinct scheda labels written as the template writes them (a page that borrows a few
    reworded labels, `Ultima modifica:`, is not a scheda for that)."""
    return len(
        {
            item.key
            for item in document.fields
            if (spec := config.label(item.key))
            and spec.kind == "field"
            and not spec.doc_types
            and config.labels.as_listed(item.label)
        }
    )


def _label_coverage(document: Document) -> float:
    """Share of the text that labels and their values take: nearly all of a scheda, little of a
    project page or a news item that carries a `Contatti` block and a `Territorio:` line."""
    covered = sum(item.value_end - item.label_start for item in document.fields)
    return covered / max(len(document.text), 1)


def _line_labels(document: Document, labels: list[str], config: Config) -> int:
    """How many of `labels` open a line, past a form's outline number (`1.2 Nato nel *`)."""
    starts = [fold(line[config.labels.unmarked(line)[0] :]) for line, _s, _e in line_spans(document.text) if line]
    return sum(1 for label in labels if any(line.startswith(fold(label)) for line in starts))


def _header_labels(document: Document, labels: list[str]) -> int:
    head = document.text[:HEADER_CHARS]
    return sum(1 for label in labels if re.search(rf"{re.escape(label)}\s*:", head))


def _heading(document: Document, pattern: str, lines: int) -> int:
    """1 when a line among the first `lines` non-empty ones matches `pattern` (case-insensitive)."""
    heading = [line for line, _s, _e in line_spans(document.text[:HEADER_CHARS]) if line][:lines]
    return int(any(re.search(pattern, line, re.IGNORECASE) for line in heading))


def classify(document: Document, config: Config) -> str:
    rule: dict[str, Any]
    for rule in config.doc_type_rules:
        if "heading" in rule:
            found = _heading(document, rule["heading"], rule["lines"])
            rule = {**rule, "min_labels": 1}
        elif "labels_from" in rule:
            found = _scheda_labels(document, config)
            if _label_coverage(document) < rule.get("min_coverage", 0.0):
                continue
        elif "labels" in rule:
            found = _line_labels(document, rule["labels"], config)
        else:
            found = _header_labels(document, rule["header_labels"])
        if found >= rule["min_labels"]:
            return rule["doc_type"]
    return "other"
