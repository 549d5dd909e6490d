"""The Parquet contract: explicit types, schema version, and provenance for every value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.config import load_config
from extract.rows import value_as_text


def test_tables_have_the_spec_types_and_schema_version(corpus_run: Path) -> None:
    schema = pq.read_schema(corpus_run / "processes.parquet")
    assert schema.field("amount_funded_eur").type == pa.decimal128(14, 2)
    assert schema.field("start_date").type == pa.date32()
    assert schema.field("municipalities").type == pa.list_(pa.string())
    assert schema.field("certification_year").type == pa.int16()
    assert schema.field("cofinancing").type == pa.bool_()
    assert schema.metadata[b"schema_version"].decode() == load_config().schema_version
    assert pq.read_schema(corpus_run / "documents.parquet").field("modified_date").type == pa.date32()


def test_amounts_load_in_pandas_as_exact_decimals(corpus_tables: dict[str, pd.DataFrame]) -> None:
    amounts = corpus_tables["processes"]["total_cost_eur"].dropna()
    assert len(amounts) > 10
    assert all(isinstance(value, Decimal) for value in amounts)


def test_every_process_value_has_a_mention_whose_span_shows_it(corpus_tables: dict[str, pd.DataFrame]) -> None:
    mentions = corpus_tables["mentions"]
    texts = corpus_tables["texts"].set_index("doc_id")["text"]
    checked = 0
    for row in corpus_tables["processes"].to_dict("records"):
        doc_mentions = mentions[mentions["doc_id"] == row["doc_id"]]
        for column, value in row.items():
            if column == "doc_id" or value is None or (not hasattr(value, "__len__") and pd.isna(value)):
                continue
            values = list(value) if hasattr(value, "tolist") else [value]
            for item in values:
                found = doc_mentions[(doc_mentions["field"] == column) & (doc_mentions["value"] == value_as_text(item))]
                assert len(found), f"{row['doc_id'][:8]} {column}={item!r} has no mention"
                first = found.iloc[0]
                shown = texts[row["doc_id"]][first["start_char"] : first["end_char"]]
                assert shown == first["raw"], f"{column}: span shows {shown!r}, raw is {first['raw']!r}"
                checked += 1
    assert checked > 300


def test_empty_label_never_takes_the_next_label(corpus_tables: dict[str, pd.DataFrame]) -> None:
    """Seed 001: `Anno di avvio` is empty, then `Anno di chiusura` / `2015`."""
    documents = corpus_tables["documents"]
    seed = documents[documents["source_path"] == "seeds/001_19e02d53698834e4.txt"]["doc_id"].item()
    row = corpus_tables["processes"].set_index("doc_id").loc[seed]
    assert row["end_year"] == 2015
    assert row["start_year"] == 2014, "start_year comes from the start date, not from the next label"
    mentions = corpus_tables["mentions"]
    start_year = mentions[(mentions["doc_id"] == seed) & (mentions["field"] == "start_year")]
    assert start_year["extractor"].str.startswith("derive:").all()


def test_each_mention_comes_from_an_extractor_that_declares_its_field(
    corpus_tables: dict[str, pd.DataFrame],
) -> None:
    """Extractors declare the fields they emit (`emits`); the label extractor emits label-table fields."""
    from extract.extractors import load_all

    registry = load_all()
    config = load_config()
    labelled = {spec.field for spec in config.labels.values() if spec.field}
    labelled |= {f"{field}_precision" for field in labelled}
    for name, field in corpus_tables["mentions"][["extractor", "field"]].drop_duplicates().itertuples(index=False):
        registered = name.split(":")[0]
        if registered.startswith("derive"):
            continue
        emits = registry.get(registered).emits
        assert field in (labelled if emits == ("*labelled*",) else set(emits)), (name, field)


def test_child_tables_have_the_spec_types(corpus_run: Path) -> None:
    counts = pq.read_schema(corpus_run / "counts.parquet")
    assert counts.field("count").type == pa.int32()
    assert counts.field("start_char").type == pa.int32()
    actors = pq.read_schema(corpus_run / "actors.parquet")
    assert actors.field("roles").type == pa.list_(pa.string())
    contacts = pq.read_schema(corpus_run / "contacts.parquet")
    assert [field.name for field in contacts] == ["doc_id", "name", "role", "organisation", "email", "phone"]


def test_every_child_row_has_a_mention_whose_span_shows_it(corpus_tables: dict[str, pd.DataFrame]) -> None:
    """A count, an actor or a contact is traceable to the text it was read from."""
    mentions = corpus_tables["mentions"]
    texts = corpus_tables["texts"].set_index("doc_id")["text"]
    checked = 0
    for table in ("counts", "actors", "contacts"):
        found = mentions[mentions["field"] == table]
        values = {(row["doc_id"], row["value"]) for row in found.to_dict("records")}
        for row in corpus_tables[table].to_dict("records"):
            value = {
                key: (list(item) if hasattr(item, "tolist") else (None if pd.isna(item) else item))
                for key, item in row.items()
                if key not in ("doc_id", "start_char", "end_char")
            }
            assert (row["doc_id"], value_as_text(value)) in values, f"{table} row without its mention: {row}"
            checked += 1
        for mention in found.to_dict("records"):
            text = texts[mention["doc_id"]]
            assert text[mention["start_char"] : mention["end_char"]] == mention["raw"]
    assert checked >= 30
