"""Typed rows for the Parquet tables, from the chosen mentions of one document."""

from __future__ import annotations

import json
from bisect import bisect_right
from datetime import date
from decimal import Decimal
from typing import Any

from extract.config import Config
from extract.document import Document, Mention

LIST_TYPE_PREFIX = "list<"
# Tables with one row per mention (SPEC: counts, actors, contacts); a mention's value is the row.
CHILD_TABLES = ("counts", "actors", "contacts")
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


def _columns(config: Config, table: str) -> list[dict[str, Any]]:
    return [column for column in config.tables[table] if column["name"] != "doc_id"]


def _row(config: Config, table: str, chosen: dict[str, list[Mention]]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in _columns(config, table):
        found = chosen.get(column["name"], [])
        if column["type"].startswith(LIST_TYPE_PREFIX):
            row[column["name"]] = [mention.value for mention in found]
        else:
            row[column["name"]] = found[0].value if found else None
    return row


def process_row(document: Document, config: Config, chosen: dict[str, list[Mention]]) -> dict[str, Any] | None:
    """The `processes` row, or None when nothing about a process was found."""
    row = _row(config, "processes", chosen)
    if all(value is None or value == [] for value in row.values()):
        return None
    return {"doc_id": document.doc_id, **row}


def child_rows(
    document: Document, config: Config, table: str, chosen: dict[str, list[Mention]]
) -> list[dict[str, Any]]:
    """Rows of a child table (`counts`, `actors`, `contacts`): one per chosen mention, in text order."""
    names = [column["name"] for column in _columns(config, table)]
    rows = []
    for mention in sorted(chosen.get(table, []), key=lambda item: (item.start, item.end)):
        spans = {"start_char": mention.start, "end_char": mention.end}
        row = {name: spans[name] if name in SPAN_COLUMNS else mention.value.get(name) for name in names}
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


def document_row(document: Document, chosen: dict[str, list[Mention]], status: str) -> dict[str, Any]:
    def first(field: str) -> Any:
        found = chosen.get(field)
        return found[0].value if found else None

    return {
        "doc_id": document.doc_id,
        "source_path": document.source_path,
        "source_url": document.source_url,
        "format": document.format,
        "doc_type": document.doc_type,
        "title": first("title"),
        "n_pages": document.n_pages,
        "published_date": first("published_date"),
        "modified_date": first("modified_date"),
        "status": status,
    }


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


def mention_rows(document: Document, mentions: list[Mention]) -> list[dict[str, Any]]:
    starts = [box.start for box in document.boxes]
    rows = []
    for mention in sorted(mentions, key=lambda item: (item.start, item.field)):
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
            }
        )
    return rows
