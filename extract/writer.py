"""Parquet out: explicit pyarrow schemas built from `schemas/tables.json`, atomic writes.

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
    fields = [
        pa.field(column["name"], arrow_type(column["type"]), nullable=column.get("nullable", True))
        for column in config.tables[table]
    ]
    metadata = {"schema_version": config.schema_version, "extract_version": __version__, "table": table}
    return pa.schema(fields, metadata=metadata)


def write_table(config: Config, table: str, rows: list[dict[str, Any]], out_dir: Path) -> Path:
    """Write `rows` as `<out_dir>/<table>.parquet`, atomically."""
    schema = table_schema(config, table)
    frame = pa.Table.from_pylist(rows, schema=schema).to_pandas(types_mapper=_PANDAS_DTYPES.get)
    arrow_table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{table}.parquet"
    handle, temporary = tempfile.mkstemp(prefix=f".{table}.", suffix=".parquet.tmp", dir=out_dir)
    os.close(handle)
    try:
        pq.write_table(arrow_table, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
