"""The field catalogue is the one home of a column: the Parquet schemas, the resolver's strategy,
the scorer's table kinds and the data dictionary are all read from it."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from extract.cli import main
from extract.config import load_config
from extract.dictionary import markdown
from extract.writer import table_schema, write_table

REPO = Path(__file__).resolve().parent.parent


def test_the_committed_data_dictionary_is_the_catalogue_s() -> None:
    committed = (REPO / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == markdown(load_config().catalogue), "run: extract dictionary > DATA_DICTIONARY.md"


def test_extract_dictionary_prints_every_column(capsys) -> None:
    assert main(["dictionary"]) == 0
    printed = capsys.readouterr().out
    catalogue = load_config().catalogue
    for name, table in catalogue.tables.items():
        assert f"\n## {name}\n" in printed
        for column in table.columns:
            assert f"| {column.name} | `{column.type}` |" in printed


def test_each_parquet_field_carries_its_description(tmp_path: Path) -> None:
    config = load_config()
    write_table(config, "processes", [], tmp_path)
    schema = pq.read_schema(tmp_path / "processes.parquet")
    assert schema.names == [column.name for column in config.catalogue.tables["processes"].columns]
    place = config.catalogue.tables["processes"].column("place")
    assert schema.field("place").metadata[b"description"].decode() == place.description
    assert schema.metadata[b"description"].decode() == config.catalogue.tables["processes"].about
    assert table_schema(config, "processes").field("duration_months").type == "int16"


def test_table_kinds_and_strategies_come_from_the_catalogue() -> None:
    catalogue = load_config().catalogue
    assert catalogue.row_tables == ("counts", "actors", "contacts")
    assert set(catalogue.scalar_tables) == {"documents", "processes"}
    assert catalogue.resolver_for("methods") == "union"
    assert catalogue.resolver_for("place") == "max_confidence"
    assert catalogue.resolver_for("counts") == "rows"
    assert catalogue.resolver_for("published_date_precision") == "max_confidence"  # kept in mentions only
    assert {column.name for column in catalogue.derived} == {"start_year", "end_year", "municipalities"}
