"""Over the shared corpus, every value in the tables is the one mention the resolver chose."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.config import load_config


def test_every_value_in_the_tables_is_one_chosen_mention(corpus_run: Path) -> None:
    """Over the corpus: each scalar process cell has exactly one chosen mention of its field with
    that value, and each row table has as many chosen mentions as rows."""
    mentions = pd.read_parquet(corpus_run / "mentions.parquet")
    chosen = mentions[mentions["chosen"]]
    processes = pd.read_parquet(corpus_run / "processes.parquet")
    catalogue = load_config().catalogue
    scalar = [c.name for c in catalogue.tables["processes"].columns if c.origin == "mention" and not c.is_list]
    by_doc_field = chosen.groupby(["doc_id", "field"])["value"].apply(list).to_dict()
    checked = 0
    for row in processes.to_dict("records"):
        for field in scalar:
            if pd.isna(row[field]):
                continue
            values = by_doc_field.get((row["doc_id"], field), [])
            assert len(values) == 1, (row["doc_id"], field, values)
            checked += 1
    assert checked > 500  # 766 cells over the corpus when this was written
    for table in catalogue.row_tables:
        rows = pd.read_parquet(corpus_run / f"{table}.parquet")
        assert (chosen["field"] == table).sum() == len(rows), table
    left_out = {"less_confident", "later_of_equal", "repeated_value", "repeated_row"}
    assert set(mentions.loc[~mentions["chosen"], "choice"]) <= left_out
