"""Typed rows for the Parquet tables, from the chosen mentions of one document; which column
takes what is read from the field catalogue (`extract.catalogue`)."""

from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date
from decimal import Decimal
from typing import Any

from extract.config import Config
from extract.document import Document, Mention
from extract.resolve import Resolution

# Child-table columns that hold the mention's span, not its value (catalogue origin `span`).
SPAN_COLUMNS = ("start_char", "end_char")


def value_as_text(value: Any) -> str | None:
    """The `mentions.value` column: one string form per type, stable across runs."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _row(
    config: Config, table: str, document: Document, chosen: dict[str, list[Mention]], status: str
) -> dict[str, Any]:
    """One row of a one-row-per-document table, each column from where the catalogue says."""
    row: dict[str, Any] = {}
    for column in config.catalogue.tables[table].columns:
        if column.origin == "document":
            row[column.name] = getattr(document, column.name)
        elif column.origin == "run":
            row[column.name] = status
        elif column.is_list:
            row[column.name] = [mention.value for mention in chosen.get(column.name, [])]
        else:
            found = chosen.get(column.name)
            row[column.name] = found[0].value if found else None
    return row


def process_row(document: Document, config: Config, chosen: dict[str, list[Mention]]) -> dict[str, Any] | None:
    """The `processes` row, or None when nothing about a process was found."""
    row = _row(config, "processes", document, chosen, "")
    if all(value is None or value == [] for name, value in row.items() if name != "doc_id"):
        return None
    return row


def child_rows(
    document: Document, config: Config, table: str, chosen: dict[str, list[Mention]]
) -> list[dict[str, Any]]:
    """Rows of a child table (`counts`, `actors`, `contacts`): one per chosen mention, in text order."""
    columns = [column for column in config.catalogue.tables[table].columns if column.name != "doc_id"]
    rows = []
    for mention in sorted(chosen.get(table, []), key=lambda item: (item.start, item.end)):
        spans = {"start_char": mention.start, "end_char": mention.end}
        row = {
            column.name: spans[column.name] if column.origin == "span" else mention.value.get(column.name)
            for column in columns
        }
        rows.append({"doc_id": document.doc_id, **row})
    return rows


def row_value(row: dict[str, Any]) -> dict[str, Any]:
    """A child-table row read back from Parquet as its mention's value: no doc_id or span
    columns, arrays as lists, missing values as None."""
    value = {}
    for key, item in row.items():
        if key == "doc_id" or key in SPAN_COLUMNS:
            continue
        if hasattr(item, "tolist"):
            item = item.tolist()
        elif item is not None and not isinstance(item, (list, str)) and item != item:  # NaN
            item = None
        value[key] = item
    return value


def document_row(document: Document, config: Config, chosen: dict[str, list[Mention]], status: str) -> dict[str, Any]:
    return _row(config, "documents", document, chosen, status)


def failed_document_row(config: Config, doc_id: str | None, source_path: str, fmt: str) -> dict[str, Any]:
    """The `documents` row of a file that could not be processed: what is known of it, `failed`."""
    known = {"doc_id": doc_id, "source_path": source_path, "format": fmt, "doc_type": "other", "status": "failed"}
    return {column.name: known.get(column.name) for column in config.catalogue.tables["documents"].columns}


def where_printed(boxes: list[Any], starts: list[int], start: int, end: int) -> tuple[int | None, tuple[float, ...]]:
    """(page, (x0, top, x1, bottom)) of a span of a PDF's text: the words it covers on its first page."""
    index = max(bisect_right(starts, start) - 1, 0)
    covered = []
    while index < len(boxes) and boxes[index].start < end:
        if boxes[index].end > start:
            covered.append(boxes[index])
        index += 1
    if not covered:
        return None, (None, None, None, None)
    page = covered[0].page
    on_page = [box for box in covered if box.page == page]
    return page, (
        min(box.x0 for box in on_page),
        min(box.top for box in on_page),
        max(box.x1 for box in on_page),
        max(box.bottom for box in on_page),
    )


def mention_rows(document: Document, resolution: Resolution) -> list[dict[str, Any]]:
    """Every mention with its provenance and the resolver's choice (`chosen`, and why: `choice`)."""
    starts = [box.start for box in document.boxes]
    rows = []
    for mention in sorted(resolution.mentions, key=lambda item: (item.start, item.field)):
        chosen, reason = resolution.choice(mention)
        page, (x0, top, x1, bottom) = where_printed(document.boxes, starts, mention.start, mention.end)
        rows.append(
            {
                "doc_id": document.doc_id,
                "field": mention.field,
                "raw": mention.raw,
                "value": value_as_text(mention.value),
                "start_char": mention.start,
                "end_char": mention.end,
                "page": mention.page or page,
                "x0": x0,
                "top": top,
                "x1": x1,
                "bottom": bottom,
                "extractor": mention.extractor,
                "confidence": round(mention.confidence, 4),
                "chosen": chosen,
                "choice": reason,
            }
        )
    return rows
