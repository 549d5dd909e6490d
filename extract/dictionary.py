"""The data dictionary of the output, written from the field catalogue so that it cannot drift
from the tables: one section per table, one line per column (type, nullability, description)."""

from __future__ import annotations

from extract.catalogue import SCALAR_KINDS, Catalogue, Column

HEADER = (
    "# Data dictionary\n\n"
    "Generated from the field catalogue (`schemas/tables.json`) by `extract dictionary`; do not edit by hand.\n"
    "Every Parquet field carries the same description in its metadata.\n"
)


def _source(column: Column, kind: str) -> str:
    if kind not in SCALAR_KINDS and column.origin == "mention":
        return "the mention" if kind in ("rows", "mentions") else "the run"
    if column.origin == "document":
        return "the document as loaded and classified"
    if column.origin == "run":
        return "the run"
    if column.origin == "span":
        return "the mention's span"
    sources = ", ".join(f"`{name}`" for name in column.sources) or "—"
    if column.derivation is not None:
        sources += f"; else derived ({column.derivation.name} of `{column.derivation.source}`)"
    return f"{column.resolver or 'max_confidence'} of {sources}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(catalogue: Catalogue) -> str:
    parts = [HEADER, f"\nSchema version {catalogue.schema_version}.\n"]
    for name, table in catalogue.tables.items():
        parts.append(f"\n## {name}\n\n{table.about}\n")
        if table.kind == "rows":
            sources = ", ".join(f"`{source}`" for source in table.sources)
            parts.append(f"\nOne row per mention chosen by `{table.resolver or 'rows'}` from {sources}.\n")
        parts.append("\n| column | type | null | from | description |\n| --- | --- | --- | --- | --- |\n")
        for column in table.columns:
            cells = [column.name, f"`{column.type}`", "yes" if column.nullable else "no", _source(column, table.kind)]
            parts.append("| " + " | ".join(_cell(cell) for cell in [*cells, column.description]) + " |\n")
    return "".join(parts)
