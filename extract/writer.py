"""Parquet out: explicit pyarrow schemas built from the field catalogue (`schemas/tables.json`), atomic writes.

Each table is written to a temporary file in the output folder and renamed over the
old one, so a reader never sees half a table and a failed run leaves the last good one.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract import __version__
from extract.config import Config

_SIMPLE_TYPES = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int16": pa.int16(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "date32": pa.date32(),
}
# Nullable pandas dtypes recorded in the file's pandas metadata, so that a plain
# pd.read_parquet gives years as Int16 (not 2014.0) and flags as boolean (not object).
_PANDAS_DTYPES = {pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.bool_(): pd.BooleanDtype()}
_DECIMAL = re.compile(r"decimal128\((\d+),\s*(\d+)\)")
_LIST = re.compile(r"list<(.+)>")


def arrow_type(name: str) -> pa.DataType:
    """`decimal128(14,2)`, `list<string>`, `date32` … as pyarrow types."""
    if name in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[name]
    if match := _DECIMAL.fullmatch(name):
        return pa.decimal128(int(match[1]), int(match[2]))
    if match := _LIST.fullmatch(name):
        return pa.list_(arrow_type(match[1]))
    raise ValueError(f"unknown column type in schemas/tables.json: {name!r}")


def table_schema(config: Config, table: str) -> pa.Schema:
    """The table's Arrow schema from the field catalogue, each field carrying its description."""
    entry = config.catalogue.tables[table]
    fields = [
        pa.field(
            column.name,
            arrow_type(column.type),
            nullable=column.nullable,
            metadata={"description": column.description},
        )
        for column in entry.columns
    ]
    metadata = {
        "schema_version": config.schema_version,
        "extract_version": __version__,
        "table": table,
        "description": entry.about,
    }
    return pa.schema(fields, metadata=metadata)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class TableWriter:
    """Streams batches of rows into `<out_dir>/<table>.parquet` through a temporary file in the same
    folder; `commit()` renames it over the old table, so a reader (or a killed run) never sees half
    a table and memory holds one batch at a time."""

    def __init__(self, config: Config, table: str, out_dir: Path) -> None:
        self.table = table
        self.target = out_dir / f"{table}.parquet"
        out_dir.mkdir(parents=True, exist_ok=True)
        base = table_schema(config, table)
        empty = pa.Table.from_pylist([], schema=base).to_pandas(types_mapper=_PANDAS_DTYPES.get)
        self.schema = pa.Table.from_pandas(empty, schema=base, preserve_index=False).schema
        handle, temporary = tempfile.mkstemp(prefix=f".{table}.", suffix=".parquet.tmp", dir=out_dir)
        os.close(handle)
        self.temporary = Path(temporary)
        self._writer = pq.ParquetWriter(self.temporary, self.schema)
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
            self.rows += len(rows)

    def commit(self) -> Path:
        self._writer.close()
        os.chmod(self.temporary, 0o666 & ~_umask())  # mkstemp creates it private; a table is for sharing
        os.replace(self.temporary, self.target)
        return self.target

    def abort(self) -> None:
        self._writer.close()
        self.temporary.unlink(missing_ok=True)


def write_table(config: Config, table: str, rows: list[dict[str, Any]], out_dir: Path) -> Path:
    """Write `rows` as `<out_dir>/<table>.parquet`, atomically."""
    writer = TableWriter(config, table, out_dir)
    try:
        writer.write(rows)
    except BaseException:
        writer.abort()
        raise
    return writer.commit()
