"""The one intermediate shape every loader produces and every extractor reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LabelledField:
    """A label and its value as found in a document, both with offsets into `Document.text`.

    `key` is the label folded for lookup (see `text.fold`); `value` is the raw value text,
    which is empty when the document leaves the label empty.
    """

    label: str
    key: str
    label_start: int
    label_end: int
    value: str
    value_start: int
    value_end: int

    def value_lines(self) -> list[tuple[str, int]]:
        """Non-blank lines of the value, each with its start offset in the document text."""
        lines: list[tuple[str, int]] = []
        offset = self.value_start
        for line in self.value.split("\n"):
            stripped = line.strip()
            if stripped:
                lines.append((stripped, offset + line.index(stripped)))
            offset += len(line) + 1
        return lines


@dataclass
class Document:
    """A loaded input: its text, where its labelled fields are, and what the file said about itself."""

    doc_id: str
    source_path: str
    format: str
    text: str
    fields: list[LabelledField] = field(default_factory=list)
    title_span: tuple[int, int] | None = None
    source_url: str | None = None
    n_pages: int | None = None
    doc_type: str = "other"
    warnings: list[tuple[str, str]] = field(default_factory=list)
    boxes: list[Any] = field(default_factory=list)  # PDFs: where each word of `text` was printed (layout.Box)


@dataclass(frozen=True)
class Mention:
    """One value an extractor found, with the span it came from (provenance)."""

    field: str
    raw: str
    value: Any
    start: int
    end: int
    extractor: str
    confidence: float
    page: int | None = None
