"""Tables as partitioned Parquet datasets: `<out>/<table>.parquet/part-00000.parquet`, … The path a
user gives `pandas.read_parquet` is the same as for a single file; the folder is written under a
temporary name and swapped in whole, so a reader never sees a half-written table."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extract.config import Config
from extract.writer import TableWriter


class DatasetWriter:
    """One part file per batch, in a temporary folder until `commit()`."""

    def __init__(self, config: Config, table: str, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.target = out_dir / f"{table}.parquet"
        self.folder = Path(tempfile.mkdtemp(prefix=f".{table}.", suffix=".dataset.tmp", dir=out_dir))
        probe = TableWriter(config, table, out_dir)  # the schema, with the pandas metadata
        self.schema = probe.schema
        probe.abort()
        self.parts = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        if rows or self.parts == 0:
            pq.write_table(
                pa.Table.from_pylist(rows, schema=self.schema), self.folder / f"part-{self.parts:05d}.parquet"
            )
            self.parts += 1

    def commit(self) -> Path:
        old = self.target.with_name(f".{self.target.name}.old")
        if self.target.exists():
            self.target.rename(old)
        self.folder.rename(self.target)
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink(missing_ok=True)
        return self.target

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
