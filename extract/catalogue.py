"""The field catalogue (`schemas/tables.json`): one entry per output column, the single home of a field.

Each column says its Arrow type and nullability, where its value comes from (`origin`: the
document itself, the run, a mention's span, or a resolver choosing among mentions), the
extractors that may emit it, the derivation that fills it when the SPEC derives it from another
field, and one line describing it. The Parquet schemas, the row builders, the resolver's
strategy per field, the scorer's table kinds, the diff and DATA_DICTIONARY.md are read from it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LIST_TYPE_PREFIX = "list<"
TableKind = Literal["document", "files", "process", "rows", "mentions", "errors", "texts"]
Origin = Literal["document", "run", "span", "mention"]
# Kinds whose columns are one value per document, resolved from mentions (scored and diffed field by field).
SCALAR_KINDS = ("process", "document")


class _Entry(BaseModel):
    """Catalogue entries are read strictly: an unknown key or a value of the wrong type is an error."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Derivation(_Entry):
    """How the SPEC derives a field from another one (`start_year` from `start_date`)."""

    name: str
    source: str = Field(alias="from")
    doc_types: tuple[str, ...] = ()


class Column(_Entry):
    name: str
    type: str
    nullable: bool = True
    origin: Origin = Field(default="mention", alias="from")
    resolver: str | None = None
    sources: tuple[str, ...] = ()
    derivation: Derivation | None = None
    description: str

    @property
    def is_list(self) -> bool:
        return self.type.startswith(LIST_TYPE_PREFIX)


class Table(_Entry):
    kind: TableKind
    about: str
    resolver: str | None = None
    sources: tuple[str, ...] = ()
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)


class MentionField(_Entry):
    """A field a mention may carry that is no column: a label's target that fills other fields
    (`period` -> start and end dates), or provenance kept only in `mentions`."""

    fills: tuple[str, ...] = ()
    description: str


class Catalogue(_Entry):
    schema_version: str
    about: str
    tables: dict[str, Table]
    mention_fields_about: str = ""
    mention_fields: dict[str, MentionField] = {}

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every table a run writes, in the catalogue's order."""
        return tuple(self.tables)

    def of_kind(self, *kinds: str) -> tuple[str, ...]:
        return tuple(name for name, table in self.tables.items() if table.kind in kinds)

    @cached_property
    def row_tables(self) -> tuple[str, ...]:
        """Tables with one row per mention (`counts`, `actors`, `contacts`): a mention's value is a row."""
        return self.of_kind("rows")

    @cached_property
    def scalar_tables(self) -> tuple[str, ...]:
        """Tables with one value per column and document (`processes`, `documents`)."""
        return self.of_kind(*SCALAR_KINDS)

    @cached_property
    def resolved(self) -> dict[str, Column]:
        """Columns chosen from mentions, by field name (a field in two tables is resolved once)."""
        found: dict[str, Column] = {}
        for name in self.scalar_tables:
            for column in self.tables[name].columns:
                if column.origin == "mention":
                    found.setdefault(column.name, column)
        return found

    def resolver_for(self, field: str) -> str:
        """The strategy that chooses among a field's mentions; a field that is no column (a
        provenance-only precision) keeps its most confident mention."""
        if field in self.tables and self.tables[field].kind == "rows":
            return self.tables[field].resolver or "rows"
        column = self.resolved.get(field)
        return column.resolver if column is not None and column.resolver else "max_confidence"

    @cached_property
    def derived(self) -> tuple[Column, ...]:
        return tuple(column for column in self.resolved.values() if column.derivation is not None)

    @cached_property
    def mention_targets(self) -> frozenset[str]:
        """Every field a mention may name: resolved columns, row tables and the catalogue's mention fields."""
        return frozenset(self.resolved) | frozenset(self.row_tables) | frozenset(self.mention_fields)


def load_catalogue(path: Path) -> Catalogue:
    """Read and check the catalogue; a malformed entry raises pydantic's ValidationError with its location."""
    return Catalogue.model_validate_json(path.read_bytes())
